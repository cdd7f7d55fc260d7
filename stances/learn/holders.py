"""The learned choice of a sentence's holder among its candidate actors.

Trained on the hand labels: a candidate is right when its group holds one of the
sentence's labelled statements. Two logistic regressions decide: the first reads
each candidate on its own features, the second reads that probability beside the
sentence's other candidates (its rank, the gap to the best rival), since a holder
is the candidate that stands out in its sentence, not one likely in general. At
tagging time the best candidate holds the sentence's statements when likely
enough, with any other candidate that is likely on its own ("the two sides"); a
sentence with none is unplaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from stances.text.holders import Candidate

BEST_FLOOR = 0.2
OTHER_FLOOR = 0.5
# Chosen on the authored articles, 5-fold by article (0.3 to 30 tried): the words
# around each mention are many sparse features, and 3 keeps them useful.
HOLDER_C = 3.0
# The rival model reads a handful of dense numbers: 0.1 to 3 gave the same figures.
RIVAL_C = 1.0
CROSS_FOLDS = 5

SentenceKey = tuple[str, int]


@dataclass(frozen=True)
class HolderExamples:
    """The candidates of the labelled sentences, whether each is right, and the
    (article, sentence) each belongs to."""

    candidates: list[Candidate]
    right: list[bool]
    sentences: list[SentenceKey]


@dataclass(frozen=True)
class HolderModel:
    """P(candidate holds its sentence's statements): the candidate model reads each
    candidate alone, the rival model its probability beside its sentence's others.

    Writer-held-out (57 writers): statement F1 0.697 -> 0.708, actor precision
    0.825 -> 0.845 against the candidate model alone.
    """

    candidate_model: Pipeline
    rival_model: Pipeline

    def probabilities(self, sentences: Sequence[Sequence[Candidate]]) -> list[np.ndarray]:
        """One array per sentence (its candidates), one probability per candidate."""
        if not sentences:
            return []
        flat = [candidate for sentence in sentences for candidate in sentence]
        alone = _probability_right(self.candidate_model, [c.features for c in flat])
        ends = np.cumsum([len(sentence) for sentence in sentences])[:-1]
        standing = [row for p in np.split(alone, ends) for row in rival_features(p)]
        return np.split(_probability_right(self.rival_model, standing), ends)


def rival_features(probabilities: np.ndarray) -> list[dict[str, float]]:
    """Each candidate's probability beside its sentence's other candidates: its rank,
    the best rival's probability and the gap to it, how many candidates there are."""
    order = np.argsort(-probabilities, kind="stable")
    rank = np.empty(len(probabilities), dtype=int)
    rank[order] = np.arange(len(probabilities))
    rows = []
    for index, p in enumerate(probabilities):
        rival = float(np.delete(probabilities, index).max(initial=0.0))
        clipped = float(np.clip(p, 1e-6, 1 - 1e-6))
        rows.append(
            {
                "p": float(p),
                "logit": float(np.log(clipped / (1 - clipped))),
                f"rank_{min(rank[index], 2)}": 1.0,
                "gap": float(p) - rival,
                "best_rival": rival,
                "n_candidates": 1.0 / len(probabilities),
                "best_but_unlikely": float(rank[index] == 0 and p < 0.5),
            }
        )
    return rows


def fit_holder_model(examples: HolderExamples) -> HolderModel:
    """Fit the candidate model on all examples, the rival model on the candidate
    model's probabilities for articles it did not see (folds by article)."""
    features = [c.features for c in examples.candidates]
    right = np.asarray(examples.right, dtype=bool)
    articles = np.asarray([article for article, _ in examples.sentences])
    held_out = np.zeros(len(right))
    folds = min(CROSS_FOLDS, len(set(articles)))
    if folds >= 2:
        for train, test in GroupKFold(folds).split(features, groups=articles):
            model = _logistic([features[i] for i in train], right[train], HOLDER_C)
            held_out[test] = _probability_right(model, [features[i] for i in test])
    else:  # one article: nothing to hold out
        held_out = _probability_right(_logistic(features, right, HOLDER_C), features)
    standing = [None] * len(right)
    for rows in _sentence_rows(examples.sentences):
        for row, values in zip(rows, rival_features(held_out[rows]), strict=True):
            standing[row] = values
    return HolderModel(_logistic(features, right, HOLDER_C), _logistic(standing, right, RIVAL_C))


def _sentence_rows(sentences: Sequence[SentenceKey]) -> list[list[int]]:
    rows: dict[SentenceKey, list[int]] = {}
    for index, key in enumerate(sentences):
        rows.setdefault(key, []).append(index)
    return list(rows.values())


def _logistic(features: Sequence[dict], right: np.ndarray, c: float) -> Pipeline:
    """Logistic regression over feature dicts. When the labels give no right or no
    wrong candidate (a transcript's speaker is never named in its sentences), the
    share of right ones is all there is to learn: a constant model."""
    features = list(features) or [{}]
    right = right if len(right) else np.asarray([False])
    classify = (
        LogisticRegression(C=c, max_iter=3000)
        if len(set(right)) == 2
        else DummyClassifier(strategy="prior")
    )
    return Pipeline([("features", DictVectorizer()), ("classify", classify)]).fit(features, right)


def _probability_right(model: Pipeline, features: Sequence[dict]) -> np.ndarray:
    if not len(features):
        return np.zeros(0)
    probabilities = model.predict_proba(list(features))
    classes = list(model[-1].classes_)
    return probabilities[:, classes.index(True)] if True in classes else np.zeros(len(features))


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
