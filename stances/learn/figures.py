"""Cross-validation figures: the model beside two baselines, as typed records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType

import pandas as pd

SUMMARY_ROWS = ["issue macro-F1", "position macro-F1", "group accuracy"]


@dataclass(frozen=True)
class ClassFigures:
    """Precision, recall, F1 and support of one class."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class TaskFigures:
    """The figures of each class of a task (issues, or positions) and their macro-F1."""

    macro_f1: float
    classes: Mapping[str, ClassFigures]

    def __post_init__(self) -> None:
        object.__setattr__(self, "classes", MappingProxyType(dict(self.classes)))


@dataclass(frozen=True)
class GroupFigures:
    """Share of hand-labelled statements whose group the attribution finds.

    `accuracy` counts the group among the sentence's actors, `main_speaker_accuracy`
    only as its first actor; `n` statements.
    """

    accuracy: float
    main_speaker_accuracy: float
    n: int


@dataclass(frozen=True)
class Scores:
    """One predictor's figures on the three tasks."""

    issue: TaskFigures
    position: TaskFigures
    group: GroupFigures


@dataclass(frozen=True)
class Figures:
    """Leave-one-article-out figures of the model, the majority and the keyword baseline.

    >>> task = TaskFigures(0.5, {"1": ClassFigures(0.5, 0.5, 0.5, 4)})
    >>> scores = Scores(task, task, GroupFigures(0.75, 0.5, 4))
    >>> figures = Figures(scores, scores, scores, n_statements=4, n_articles=2, n_sentences=9)
    >>> Figures.from_dict(figures.to_dict()) == figures
    True
    >>> figures.summary().loc["group accuracy", "keyword"]
    np.float64(0.75)
    """

    model: Scores
    majority: Scores
    keyword: Scores
    n_statements: int
    n_articles: int
    n_sentences: int

    @property
    def by_predictor(self) -> dict[str, Scores]:
        """The model, then the baselines, by name."""
        return {"model": self.model, "majority": self.majority, "keyword": self.keyword}

    def summary(self) -> pd.DataFrame:
        """One row per task (`SUMMARY_ROWS`), columns model / majority / keyword."""
        return pd.DataFrame(
            {
                name: dict(
                    zip(
                        SUMMARY_ROWS,
                        (s.issue.macro_f1, s.position.macro_f1, s.group.accuracy),
                        strict=True,
                    )
                )
                for name, s in self.by_predictor.items()
            }
        )

    def to_dict(self) -> dict:
        """The figures as JSON data (`train --json`, the model's manifest)."""
        return {
            **_scores_to_dict(self.model),
            "baselines": {
                "majority": _scores_to_dict(self.majority),
                "keyword": _scores_to_dict(self.keyword),
            },
            "n_statements": self.n_statements,
            "n_articles": self.n_articles,
            "n_sentences": self.n_sentences,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Figures:
        """Read what `to_dict` wrote; raise `KeyError`, `TypeError` or `ValueError` else."""
        baselines = data["baselines"]
        return cls(
            _scores_from_dict(data),
            _scores_from_dict(baselines["majority"]),
            _scores_from_dict(baselines["keyword"]),
            n_statements=int(data["n_statements"]),
            n_articles=int(data["n_articles"]),
            n_sentences=int(data["n_sentences"]),
        )


def _scores_to_dict(scores: Scores) -> dict:
    return {
        "issue": _task_to_dict(scores.issue),
        "position": _task_to_dict(scores.position),
        "group": asdict(scores.group),
    }


def _task_to_dict(task: TaskFigures) -> dict:
    return {
        "macro_f1": task.macro_f1,
        "classes": {name: asdict(figures) for name, figures in task.classes.items()},
    }


def _scores_from_dict(data: Mapping) -> Scores:
    return Scores(
        _task_from_dict(data["issue"]),
        _task_from_dict(data["position"]),
        GroupFigures(
            float(data["group"]["accuracy"]),
            float(data["group"]["main_speaker_accuracy"]),
            int(data["group"]["n"]),
        ),
    )


def _task_from_dict(data: Mapping) -> TaskFigures:
    classes = {
        str(name): ClassFigures(
            float(figures["precision"]),
            float(figures["recall"]),
            float(figures["f1"]),
            int(figures["support"]),
        )
        for name, figures in data["classes"].items()
    }
    return TaskFigures(float(data["macro_f1"]), classes)
