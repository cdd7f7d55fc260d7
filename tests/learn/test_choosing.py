"""Logistic regressions whose C is chosen by held-out log loss over articles."""

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import log_loss

from stances.learn.choosing import C_GRID, chooser, chosen_c, held_out_log_likelihood


def test_folds_never_split_an_article():
    articles = pd.Series(["a", "a", "b", "b", "c", "c"])
    model = chooser(articles, binary=True, targets=np.array([0, 1] * 3), class_weight=None)
    assert isinstance(model, LogisticRegressionCV) and list(model.Cs) == C_GRID
    for train, test in model.cv:
        assert not set(articles[train]) & set(articles[test])


def test_a_fold_whose_training_part_lacks_a_class_is_left_out():
    articles = pd.Series(["a", "a", "b", "b", "c", "c"])
    only_in_c = np.array([0, 0, 0, 0, 1, 0])
    model = chooser(articles, binary=True, targets=only_in_c, class_weight=None)
    assert len(model.cv) == 2
    assert all("c" in set(articles[train]) for train, _ in model.cv)


def test_with_no_fold_that_can_fit_c_stays_at_1():
    articles = pd.Series(["a", "a", "b", "b"])
    # one issue coded only in a, the other only in b: every fold lacks one of them
    targets = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    model = chooser(articles, binary=True, targets=targets, class_weight=None)
    assert isinstance(model, LogisticRegression) and model.C == 1.0


def test_the_score_is_the_mean_log_probability_of_the_true_classes():
    x, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
    model = LogisticRegression().fit(x, y)
    assert np.isclose(held_out_log_likelihood(model, x, y), -log_loss(y, model.predict_proba(x)))


def test_the_chosen_c_is_read_from_a_search_or_a_fixed_model():
    x, y = np.arange(12.0).reshape(-1, 1), np.array([0, 1] * 6)
    articles = pd.Series(list("aabbccddeeff"))
    searched = chooser(articles, binary=True, targets=y, class_weight=None).fit(x, y)
    assert chosen_c(searched) in C_GRID
    assert chosen_c(LogisticRegression(C=3.0)) == 3.0
