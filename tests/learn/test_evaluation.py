"""Evaluation: per-class reports, the baselines, leave-one-article-out."""

import numpy as np
import pandas as pd
import pytest

from stances.learn.dataset import build_dataset
from stances.learn.evaluation import (
    cross_validate,
    group_report,
    issue_report,
    keyword_issues,
    per_class_report,
    usual_positions,
)
from tests.conftest import load


def test_macro_f1_averages_the_classes_that_occur():
    report = per_class_report([1, 1, -1], [1, -1, -1], [-1, 0, 1])
    assert report.classes["0"].support == 0
    assert report.classes["1"].recall == 0.5
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_issue_detection_is_scored_per_issue():
    truth = np.array([[1, 0], [0, 1], [1, 1]])
    report = issue_report(truth, np.array([[1, 0], [0, 0], [1, 1]]), ["a", "b"])
    assert report.classes["a"].f1 == 1.0 and report.classes["b"].recall == 0.5


def test_a_group_is_found_anywhere_among_the_actors_or_as_the_main_speaker():
    statements = pd.DataFrame({"group": ["east", "west", "west"]})
    report = group_report(statements, [["east"], ["east", "west"], []])
    assert (report.accuracy, report.main_speaker_accuracy, report.n) == (2 / 3, 1 / 3, 3)


def test_the_keyword_baselines_read_the_codebook_terms_and_usual_positions(trained):
    project, _ = trained
    found = keyword_issues(["They refuse new missiles.", "Rain."], project.codebook)
    assert found.tolist() == [[1, 0], [0, 0]]
    train = pd.DataFrame(
        {"group": ["east", "east"], "issue": ["missiles"] * 2, "position": [-1, -1]}
    )
    test = pd.DataFrame({"group": ["east", "west"], "issue": ["missiles", "missiles"]})
    assert usual_positions(train, test) == [-1, -1]


def test_leave_one_article_out_scores_every_statement_once(training_project):
    project = load(training_project)
    dataset = build_dataset(project.training_corpus, project.labels, project.codebook)
    figures = cross_validate(dataset, project.codebook)
    assert (figures.n_statements, figures.n_articles, figures.n_sentences) == (12, 3, 21)
    assert sum(c.support for c in figures.model.position.classes.values()) == 12
    assert figures.model.position.macro_f1 >= figures.majority.position.macro_f1
