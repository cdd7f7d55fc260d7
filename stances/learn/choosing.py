"""Logistic regressions whose regularisation is chosen by held-out log loss over articles."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import GroupKFold

C_GRID = [0.3, 1.0, 3.0, 10.0, 30.0]


def held_out_log_likelihood(estimator, x, y) -> float:
    """Mean log-probability of the true classes: `neg_log_loss` without its input
    checks, which cost more than the 125 small fits of the C search themselves."""
    probabilities = estimator.predict_proba(x)
    columns = np.searchsorted(estimator.classes_, y)
    picked = probabilities[np.arange(len(y)), columns]
    return float(np.mean(np.log(np.clip(picked, 1e-15, 1.0))))


def chooser(
    articles: pd.Series, *, binary: bool, targets: np.ndarray, class_weight: str | None
) -> LogisticRegressionCV | LogisticRegression:
    """Logistic regression whose C is picked by held-out log loss, folds by article.

    Only folds whose training part holds two classes of every target column can
    fit (an issue coded in one article alone leaves none in the fold that holds it
    out); with no such fold, C stays at 1.
    """
    folds = min(articles.nunique(), 5)
    if folds >= 2:
        targets = targets.reshape(len(targets), -1)
        cv = [
            (train, test)
            for train, test in GroupKFold(folds).split(articles, groups=articles)
            if all(len(np.unique(column[train])) >= 2 for column in targets.T)
        ]
    else:
        cv = 3
    if not cv:
        return LogisticRegression(
            C=1.0,
            class_weight=class_weight,
            max_iter=3000,
            solver="liblinear" if binary else "lbfgs",
        )
    return LogisticRegressionCV(
        Cs=C_GRID,
        cv=cv,
        scoring=held_out_log_likelihood,
        l1_ratios=(0.0,),
        use_legacy_attributes=False,
        class_weight=class_weight,
        max_iter=3000,
        solver="liblinear" if binary else "lbfgs",
    )


def chosen_c(estimator: object) -> float:
    """The C cross-validation chose, the fixed C without it (NaN for a constant issue)."""
    return float(np.ravel(getattr(estimator, "C_", getattr(estimator, "C", np.nan)))[0])
