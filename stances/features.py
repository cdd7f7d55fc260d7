"""Features the codebook and the attribution give the classifier beyond the words."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

FEATURE_COLUMNS = ["text", "context", "n_actors"]


class StatementCues(TransformerMixin, BaseEstimator):
    """Per issue: indicative terms in the sentence, and (when an actor speaks) in it and in
    the sentence before; plus whether an actor speaks at all.

    A statement needs an actor (CODING_RULES), and "these demands" refers back to the
    sentence before, hence the interactions.
    """

    def __init__(self, terms: tuple[tuple[str, ...], ...] = (), weight: float = 4.0):
        self.terms = terms
        self.weight = weight

    def fit(self, x, y=None):
        return self

    def transform(self, x: pd.DataFrame) -> np.ndarray:
        patterns = term_patterns(self.terms)
        own = _log_counts(patterns, x["text"])
        before = _log_counts(patterns, x["context"])
        speaks = (np.asarray(x["n_actors"], dtype=float) > 0)[:, None].astype(float)
        return self.weight * np.hstack([own, own * speaks, before * speaks, speaks])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        kinds = ("own", "own_spoken", "before_spoken")
        names = [f"{kind}_{i}" for kind in kinds for i in range(len(self.terms))]
        return np.array([*names, "spoken"], dtype=object)


def term_patterns(terms: tuple[tuple[str, ...], ...]) -> list[re.Pattern]:
    """One case-insensitive whole-word pattern per issue's list of terms."""
    return [
        re.compile("|".join(rf"\b{re.escape(t)}\b" for t in issue_terms), re.IGNORECASE)
        for issue_terms in terms
    ]


def _log_counts(patterns: list[re.Pattern], texts) -> np.ndarray:
    counts = [[len(p.findall(str(text))) for p in patterns] for text in texts]
    return np.log1p(np.array(counts, dtype=float).reshape(len(counts), len(patterns)))


def feature_frame(texts: list[str], contexts: list[str], n_actors: list[int]) -> pd.DataFrame:
    """The columns the issue model reads."""
    return pd.DataFrame({"text": texts, "context": contexts, "n_actors": n_actors})
