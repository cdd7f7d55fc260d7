"""The learned choice of a sentence's holder among its candidate actors.

Trained on the hand labels: a candidate is right when its group holds one of the
sentence's labelled statements. At tagging time the best candidate holds the
sentence's statements when likely enough, with any other candidate that is
likely on its own ("the two sides"); a sentence with none is unplaced.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from stances.text.holders import Candidate

BEST_FLOOR = 0.2
OTHER_FLOOR = 0.5
# Chosen on the authored articles, 5-fold by article (0.3 to 30 tried): the words
# around each mention are many sparse features, and 3 keeps them useful.
HOLDER_C = 3.0


def fit_holder_model(candidates: Sequence[Candidate], right: Sequence[bool]) -> Pipeline:
    """Logistic regression over the candidates' features.

    When the labels give no right or no wrong candidate (a transcript's speaker
    is never named in its sentences), the share of right ones is all there is
    to learn: a constant model.
    """
    features = [c.features for c in candidates] or [{}]
    right = np.asarray(right if candidates else [False], dtype=bool)
    classify = (
        LogisticRegression(C=HOLDER_C, max_iter=3000)
        if len(set(right)) == 2
        else DummyClassifier(strategy="prior")
    )
    return Pipeline([("features", DictVectorizer()), ("classify", classify)]).fit(features, right)


def holder_probabilities(model: Pipeline, candidates: Sequence[Candidate]) -> np.ndarray:
    """P(candidate holds the sentence's statements), one per candidate."""
    if not candidates:
        return np.zeros(0)
    probabilities = model.predict_proba([c.features for c in candidates])
    classes = list(model[-1].classes_)
    return probabilities[:, classes.index(True)] if True in classes else np.zeros(len(candidates))


def choose_holders(
    candidates: Sequence[Candidate], probabilities: np.ndarray
) -> list[tuple[Candidate, float]]:
    """The holders of one sentence, most likely first (empty: unplaced)."""
    ranked = sorted(zip(candidates, probabilities, strict=True), key=lambda pair: -pair[1])
    return [
        (candidate, float(p))
        for rank, (candidate, p) in enumerate(ranked)
        if (rank == 0 and p >= BEST_FLOOR) or p >= OTHER_FLOOR
    ]
