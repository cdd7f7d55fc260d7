"""Will more labelling help? Macro-F1 on fixed held-out articles as the training set grows."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd

from stances.learn.dataset import Dataset
from stances.learn.evaluation import POSITIONS, issue_report, per_class_report
from stances.learn.issues import ISSUE_THRESHOLD
from stances.learn.model import fit_model
from stances.project.codebook import Codebook

CURVE_COLUMNS = ["articles", "labels", "issue_macro_f1", "position_macro_f1"]
HELD_OUT_SHARE = 0.3
STEPS = 5


def learning_curve(
    dataset: Dataset,
    codebook: Codebook,
    *,
    scored: list[str],
    seed: int = 0,
    steps: int = STEPS,
    held_out_share: float = HELD_OUT_SHARE,
) -> pd.DataFrame:
    """Macro-F1 (issue, position) on held-out articles, fitted on growing shares of the rest.

    `scored` are the real labelled articles: a fixed share of them (at least one,
    drawn with `seed`) is held out; every other labelled article, authored ones
    included, is shuffled once with `seed` and taken in growing prefixes (`steps`
    of them, the last all). A prefix too small to fit (an issue with no statement,
    one position only, fewer than two articles) is left out. Columns: `CURVE_COLUMNS`.
    """
    generator = random.Random(seed)
    held_out = sorted(generator.sample(sorted(scored), max(1, round(len(scored) * held_out_share))))
    pool = sorted(set(dataset.sentences["article"]) - set(held_out))
    generator.shuffle(pool)
    test = dataset.restricted_to(held_out)
    sizes = sorted({math.ceil(len(pool) * (step + 1) / steps) for step in range(steps)})
    rows = []
    for size in sizes:
        train = dataset.restricted_to(pool[:size])
        if _fittable(train):
            rows.append((size, len(train.statements), *_scores(train, test, codebook)))
    return pd.DataFrame(rows, columns=CURVE_COLUMNS)


def _fittable(train: Dataset) -> bool:
    statements = train.statements
    return (
        statements["article"].nunique() >= 2
        and statements["position"].nunique() >= 2
        and set(train.issues) <= set(statements["issue"])
    )


def _scores(train: Dataset, test: Dataset, codebook: Codebook) -> tuple[float, float]:
    """Issue and position macro-F1 on `test` of a model fitted on `train`."""
    model = fit_model(train, codebook)
    truth = test.sentences[test.issues].to_numpy()
    predicted = (model.issue_probabilities(test.sentences) >= ISSUE_THRESHOLD).astype(int)
    held = test.statements
    classes, probabilities = model.position_probabilities(
        list(held["text"]), list(held["group"]), list(held["issue"])
    )
    positions = classes[probabilities.argmax(axis=1)] if len(held) else np.array([], int)
    return (
        issue_report(truth, predicted, test.issues).macro_f1,
        per_class_report(held["position"].to_numpy(), positions, POSITIONS).macro_f1,
    )
