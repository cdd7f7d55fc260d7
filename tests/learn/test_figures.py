"""The figures record: its summary, and the JSON it is saved as."""

import json

import pytest

from stances.learn.figures import (
    SUMMARY_ROWS,
    ClassFigures,
    Figures,
    GroupFigures,
    Scores,
    TaskFigures,
)


def scores(f1: float, accuracy: float) -> Scores:
    task = TaskFigures(f1, {"1": ClassFigures(f1, f1, f1, 3)})
    return Scores(task, task, GroupFigures(accuracy, accuracy / 2, 10))


FIGURES = Figures(
    scores(0.8, 0.9),
    scores(0.1, 0.4),
    scores(0.6, 0.7),
    n_statements=10,
    n_articles=2,
    n_sentences=30,
)


def test_the_summary_puts_the_model_beside_the_baselines():
    summary = FIGURES.summary()
    assert list(summary.index) == SUMMARY_ROWS
    assert list(summary.columns) == ["model", "majority", "keyword"]
    assert summary.loc["group accuracy"].tolist() == [0.9, 0.4, 0.7]


def test_the_json_keeps_the_documented_shape():
    data = json.loads(json.dumps(FIGURES.to_dict()))
    assert list(data) == [
        "issue",
        "position",
        "group",
        "baselines",
        "n_statements",
        "n_articles",
        "n_sentences",
    ]
    assert data["baselines"]["majority"]["group"] == {
        "accuracy": 0.4,
        "main_speaker_accuracy": 0.2,
        "n": 10,
    }
    assert data["issue"]["classes"]["1"] == {
        "precision": 0.8,
        "recall": 0.8,
        "f1": 0.8,
        "support": 3,
    }
    assert Figures.from_dict(data) == FIGURES


@pytest.mark.parametrize("data", [{}, {"issue": 1}, {"baselines": []}])
def test_what_is_not_figures_is_refused(data):
    with pytest.raises((KeyError, TypeError, ValueError)):
        Figures.from_dict(data)


def test_the_classes_cannot_be_changed():
    with pytest.raises(TypeError):
        FIGURES.model.issue.classes["2"] = ClassFigures(0, 0, 0, 0)
