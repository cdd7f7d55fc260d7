"""The attribution's word lists, read once from `words.yaml` beside this module."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stances.errors import ValidationFailed
from stances.io.schema import validate_model
from stances.io.yamlfile import load_yaml

WORDS_FILE = Path(str(files("stances.text") / "words.yaml"))
RolePattern = Literal["the", "said-the", "a", "bare"]


class _Frozen(BaseModel):
    # Not strict, so lists read as tuples; a string field still refuses YAML's bare
    # `no` or `on` (read as booleans).
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleNoun(_Frozen):
    """A role noun's plural, and the patterns the noun completes (see words.yaml)."""

    plural: str | None = None
    patterns: tuple[RolePattern, ...] = Field(alias="in")


class Words(_Frozen):
    """Every word list of words.yaml."""

    reporting_verbs: tuple[str, ...]
    inversion_verbs: tuple[str, ...]
    inversion_gap_words: tuple[str, ...]
    document_words: tuple[str, ...]
    office_words: tuple[str, ...]
    gendered_titles: dict[str, tuple[str, ...]]
    title_window_verbs: tuple[str, ...]
    passive_stance_verbs: tuple[str, ...]
    stance_nouns: tuple[str, ...]
    holder_nouns: tuple[str, ...]
    role_nouns: dict[str, RoleNoun]
    describing_words: tuple[str, ...]
    quantifiers: tuple[str, ...]
    ranks: tuple[str, ...]
    pronouns: dict[str, tuple[Literal["before", "after"], ...]]
    place_prepositions: tuple[str, ...]
    rubrics: tuple[str, ...]
    title_words: tuple[str, ...]
    sentence_openers: tuple[str, ...]
    not_names: tuple[str, ...]
    subject_adverbs: tuple[str, ...]
    stance_verbs: tuple[str, ...]
    commitment_words: tuple[str, ...]
    object_prepositions: tuple[str, ...]
    call_verbs: tuple[str, ...]
    noun_markers: tuple[str, ...]
    first_person: tuple[str, ...]
    question_labels: tuple[str, ...]
    answer_labels: tuple[str, ...]
    byline_openers: tuple[str, ...]

    def roles(self, pattern: RolePattern, *, plurals: bool = False) -> list[str]:
        """The role nouns completing `pattern`, each followed by its plural when asked."""
        forms = []
        for noun, role in self.role_nouns.items():
            if pattern in role.patterns:
                forms += [noun, role.plural] if plurals and role.plural else [noun]
        return forms

    def plurals(self, pattern: RolePattern) -> list[str]:
        """The plurals of the role nouns completing `pattern`."""
        return [r.plural for r in self.role_nouns.values() if pattern in r.patterns and r.plural]

    def pronouns_at(self, place: Literal["before", "after"]) -> list[str]:
        """Pronouns that refer back to the previous speaker from `place` of the verb."""
        return [pronoun for pronoun, places in self.pronouns.items() if place in places]


def alternation(words) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def load_words(path: Path = WORDS_FILE) -> Words:
    """Read and check a word-list file; raise `ValidationFailed` naming each bad entry."""
    data = load_yaml(path)
    words, problems = validate_model(Words, data, path)
    if problems:
        raise ValidationFailed(problems)
    return words


WORDS = load_words()
