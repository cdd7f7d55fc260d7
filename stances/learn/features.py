"""Features the codebook and the attribution give the classifier beyond the words."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from stances.text.words import WORDS, alternation

FEATURE_COLUMNS = ["text", "context", "speaks", "voice"]


class StatementCues(TransformerMixin, BaseEstimator):
    """Per issue: indicative terms in the sentence, and (when an actor speaks) in it and in
    the sentence before, in a question, and beside stance language; plus whether an actor
    speaks at all, whether the sentence asks, and whether it has stance language.

    A statement needs an actor (CODING_RULES), "these demands" refers back to the
    sentence before, and issue words with no stance verb or commitment ("must",
    "ready to", "will not") are mostly an observation, hence the interactions.
    """

    def __init__(self, terms: tuple[tuple[str, ...], ...] = (), weight: float = 4.0):
        self.terms = terms
        self.weight = weight

    def fit(self, x, y=None):
        return self

    def transform(self, x: pd.DataFrame) -> np.ndarray:
        texts, contexts = list(x["text"]), list(x["context"])
        # the context is mostly the sentence before: count each distinct text once
        distinct = list(dict.fromkeys(texts + contexts))
        counts = term_counts(self.terms, distinct)
        at = {text: row for row, text in enumerate(distinct)}
        own = np.log1p(counts[[at[t] for t in texts]].reshape(len(texts), len(self.terms)))
        before = np.log1p(counts[[at[t] for t in contexts]].reshape(len(texts), len(self.terms)))
        speaks = np.asarray(x["speaks"], dtype=float)[:, None]
        asks = np.array([[bool(QUESTION_END.search(t))] for t in texts], dtype=float)
        stance = np.array([[bool(STANCE_LANGUAGE.search(t))] for t in texts], dtype=float)
        return self.weight * np.hstack(
            [own, own * speaks, before * speaks, own * asks, own * stance, speaks, asks, stance]
        )

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        kinds = ("own", "own_spoken", "before_spoken", "own_asked", "own_stance")
        names = [f"{kind}_{i}" for kind in kinds for i in range(len(self.terms))]
        return np.array([*names, "spoken", "asked", "stance"], dtype=object)


# Stance language: a stance verb or a commitment; copulas and plain reporting verbs say
# nothing of a stance ("Troops were massed", "the ministry said the drills began").
NOT_STANCE = frozenset(
    {"is", "are", "was", "were", "said", "says", "told", "added", "noted", "asked"}
)
STANCE_WORDS = [w for w in WORDS.stance_verbs if w not in NOT_STANCE] + list(WORDS.commitment_words)
STANCE_LANGUAGE = re.compile(rf"\b(?:{alternation(STANCE_WORDS)})\b", re.IGNORECASE)
# A question: rarely a statement, though it may report one ("… as Moscow demanded?")
QUESTION_END = re.compile(r"\?[\s”\"’'»)]*$")


def term_counts(terms: tuple[tuple[str, ...], ...], texts) -> np.ndarray:
    """How often each issue's terms occur in each text, shape (texts, issues).

    Matching is case-insensitive on whole words, typographic apostrophes count as
    straight ones, and going left to right the longest term wins: with "allied troops"
    among one issue's terms and "troops" among another's, "allied troops" counts once,
    for the first issue only.
    """
    owners: dict[str, set[int]] = {}
    for issue, issue_terms in enumerate(terms):
        for term in issue_terms:
            owners.setdefault(_plain_apostrophes(term).casefold(), set()).add(issue)
    counts = np.zeros((len(texts), len(terms)))
    if not owners:
        return counts
    longest_first = sorted(owners, key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(t)}\b" for t in longest_first), re.IGNORECASE)
    for row, text in enumerate(texts):
        for match in pattern.finditer(_plain_apostrophes(str(text))):
            for issue in owners.get(match.group().casefold(), ()):
                counts[row, issue] += 1
    return counts


def _plain_apostrophes(text: str) -> str:
    """ "alliance’s" and "alliance's" are the same word to a term list."""
    return text.replace("’", "'").replace("‘", "'")


def feature_frame(
    texts: list[str],
    contexts: list[str],
    speaks: list[bool],
    voices: list[str] | None = None,
) -> pd.DataFrame:
    """The columns the issue model reads; `voices` (how each sentence gives its speaker,
    `stances.text.holders.ArticleActors.voice`) default to "none"."""
    voices = voices if voices is not None else ["none"] * len(texts)
    return pd.DataFrame({"text": texts, "context": contexts, "speaks": speaks, "voice": voices})
