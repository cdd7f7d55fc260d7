"""Negation scope: the words a "not" reaches, up to the end of its clause."""

from __future__ import annotations

import re

TOKEN = re.compile(r"\w+|[,.;:!?“”\"«»()—–]")
NEGATIONS = frozenset({"not", "no", "never", "nor", "cannot", "t", "without"})
SCOPE_ENDS = frozenset({*',.;:!?“”"«»()—–', "but", "while", "although"})


def negation_scoped(text: str) -> list[str]:
    """The words of a text, those after a negation up to the end of its clause marked
    "not_": "will not scale back drills" is not "will scale back drills"."""
    result, negated = [], False
    for token in TOKEN.findall(text.lower()):
        if token in SCOPE_ENDS:
            negated = False
            if not token.isalpha():
                continue
        result.append(f"not_{token}" if negated else token)
        if token in NEGATIONS:
            negated = True
    return result
