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
from itertools import pairwise

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from stances.learn.sides import SentenceKey
from stances.text.holders import Candidate

BEST_FLOOR = 0.2
OTHER_FLOOR = 0.5
# Chosen on the authored articles, 5-fold by article (0.3 to 30 tried): the words
# around each mention are many sparse features, and 3 keeps them useful.
HOLDER_C = 3.0
# The rival model reads a handful of dense numbers: 0.1 to 3 gave the same figures.
RIVAL_C = 1.0
CROSS_FOLDS = 5
# A best candidate under this is "best but unlikely": the floor a second holder needs.
LIKELY = OTHER_FLOOR


@dataclass(frozen=True)
class HolderExamples:
    """Every candidate of the labelled sentences, the (article, sentence) it belongs
    to, and whether it holds one of the sentence's statements: True, False, or None
    where the labels do not say (the other candidates of a sentence whose only label
    rejects one holder). Unknown ones are read as rivals, never learned from."""

    candidates: list[Candidate]
    right: list[bool | None]
    sentence_keys: list[SentenceKey]


@dataclass(frozen=True)
class HolderModel:
    """P(candidate holds its sentence's statements), read in two stages.

    The candidate model reads each candidate alone, the rival model its probability
    beside its sentence's others. Writer-held-out (57 writers): statement F1 0.697
    -> 0.708, actor precision 0.825 -> 0.845 against the candidate model alone.
    """

    candidate_model: Pipeline
    rival_model: Pipeline

    def probabilities(self, sentences: Sequence[Sequence[Candidate]]) -> list[np.ndarray]:
        """One array per sentence (its candidates), one probability per candidate."""
        flat = [candidate for sentence in sentences for candidate in sentence]
        alone = _probability_right(self.candidate_model, [c.features for c in flat])
        ends = np.cumsum([0, *(len(sentence) for sentence in sentences)])
        rows = [list(range(start, end)) for start, end in pairwise(ends)]
        p = _probability_right(self.rival_model, _rival_rows(alone, rows))
        return [p[start:end] for start, end in pairwise(ends)]


def rival_features(probabilities: np.ndarray) -> list[dict[str, float]]:
    """Each candidate's probability beside its sentence's other candidates: its rank
    (tied candidates share it), the best rival's probability and the gap to it, and
    one over the number of candidates."""
    rows = []
    for index, p in enumerate(probabilities):
        rivals = np.delete(probabilities, index)
        rank = int((rivals > p).sum())
        best_rival = float(rivals.max(initial=0.0))
        clipped = float(np.clip(p, 1e-6, 1 - 1e-6))
        rows.append(
            {
                "p": float(p),
                "logit": float(np.log(clipped / (1 - clipped))),
                f"rank_{min(rank, 2)}": 1.0,
                "gap": float(p) - best_rival,
                "best_rival": best_rival,
                "one_over_candidates": 1.0 / len(probabilities),
                "best_but_unlikely": float(rank == 0 and p < LIKELY),
            }
        )
    return rows


def fit_holder_model(examples: HolderExamples) -> HolderModel:
    """Fit the candidate model on the labelled candidates, the rival model on the
    candidate model's probabilities for articles it did not see."""
    features = [c.features for c in examples.candidates]
    known = np.asarray([r is not None for r in examples.right], dtype=bool)
    right = np.asarray([bool(r) for r in examples.right], dtype=bool)
    held_out = held_out_probabilities(features, right, known, examples.sentence_keys)
    rival_rows = _rival_rows(held_out, _sentence_rows(examples.sentence_keys))
    return HolderModel(
        _logistic([f for f, k in zip(features, known, strict=True) if k], right[known], HOLDER_C),
        _logistic([r for r, k in zip(rival_rows, known, strict=True) if k], right[known], RIVAL_C),
    )


def held_out_probabilities(
    features: Sequence[dict],
    right: np.ndarray,
    known: np.ndarray,
    sentence_keys: Sequence[SentenceKey],
) -> np.ndarray:
    """P(right) of every candidate from a candidate model that never saw its article
    (its sentence, when there is one article), learned from the known candidates
    only; 0.5 when nothing can be held out."""
    articles = [article for article, _ in sentence_keys]
    groups = articles if len(set(articles)) >= 2 else [f"{a}#{n}" for a, n in sentence_keys]
    result = np.full(len(features), 0.5)
    if len(set(groups)) < 2:
        return result
    for train, test in GroupKFold(min(CROSS_FOLDS, len(set(groups)))).split(
        features, groups=groups
    ):
        train = train[known[train]]
        model = _logistic([features[i] for i in train], right[train], HOLDER_C)
        result[test] = _probability_right(model, [features[i] for i in test])
    return result


def _sentence_rows(sentence_keys: Sequence[SentenceKey]) -> list[list[int]]:
    rows: dict[SentenceKey, list[int]] = {}
    for index, key in enumerate(sentence_keys):
        rows.setdefault(key, []).append(index)
    return list(rows.values())


def _rival_rows(probabilities: np.ndarray, sentences: list[list[int]]) -> list[dict]:
    """The rival model's rows, in the order of `probabilities`; `sentences` holds the
    positions of each sentence's candidates."""
    rows: list[dict] = [{}] * len(probabilities)
    for positions in sentences:
        for position, values in zip(
            positions, rival_features(probabilities[positions]), strict=True
        ):
            rows[position] = values
    return rows


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
