"""Training: the model fitted on a project's hand labels, and its cross-validation figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stances.learn.curve import learning_curve
from stances.learn.dataset import build_dataset
from stances.learn.evaluation import cross_validate
from stances.learn.figures import Figures
from stances.learn.model import StanceModel, fit_model
from stances.project.load import Project


@dataclass(frozen=True)
class TrainingResult:
    """A fitted model and its leave-one-article-out figures (None when not evaluated)."""

    model: StanceModel
    figures: Figures | None

    @property
    def report(self) -> pd.DataFrame:
        """Macro-F1 / accuracy per task: the model beside both baselines."""
        return self.figures.summary() if self.figures else pd.DataFrame()


def train(project: Project, *, evaluate: bool = True) -> TrainingResult:
    """Fit the model on the labels of every labelled corpus; cross-validate it by article.

    The figures hold out each real (not authored) labelled article in turn; the
    authored training articles are always trained on and never scored.

    >>> from stances.project.load import load_project
    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> result = train(project, evaluate=False)
    >>> result.model.issues
    ['nato_enlargement', 'troop_withdrawal', 'missiles', 'exercises']
    """
    codebook = project.codebook
    dataset = build_dataset(
        project.training_corpus, project.labels, codebook, rejections=project.rejections
    )
    model = fit_model(dataset, codebook)
    scored = [a.id for a in project.training_corpus if not a.authored]
    figures = cross_validate(dataset, codebook, held_out=scored or None) if evaluate else None
    return TrainingResult(model, figures)


def training_curve(project: Project, *, seed: int = 0) -> pd.DataFrame:
    """`stances.learn.curve.learning_curve` on a project's labelled corpora: held-out
    articles drawn from the real ones, the authored ones always in the pool."""
    dataset = build_dataset(
        project.training_corpus, project.labels, project.codebook, rejections=project.rejections
    )
    labelled = set(dataset.sentences["article"])
    scored = [a.id for a in project.training_corpus if not a.authored and a.id in labelled]
    return learning_curve(dataset, project.codebook, scored=scored, seed=seed)
