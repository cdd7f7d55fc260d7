"""Training: check the labels, fit the model, evaluate it, save it; retrain when stale."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.learn.dataset import build_dataset
from stances.learn.evaluation import cross_validate
from stances.learn.figures import Figures
from stances.learn.model import StanceModel, fit_model
from stances.learn.persistence import (
    MODEL_FILE,
    check_model_folder,
    load_model,
    read_manifest,
    save_model,
    training_fingerprint,
)
from stances.project.codebook import CODEBOOK_FILE, Codebook, load_codebook
from stances.project.corpus import load_corpus
from stances.project.labels import load_annotations

DEFAULT_MODEL_DIR = Path("models")


@dataclass(frozen=True)
class TrainingResult:
    """A fitted model, its cross-validation figures and where it was saved."""

    model: StanceModel
    figures: Figures | None
    path: Path | None
    retrained: bool = True

    @property
    def report(self) -> pd.DataFrame:
        """Macro-F1 / accuracy per task: the model beside both baselines."""
        return self.figures.summary() if self.figures else pd.DataFrame()


def train(
    corpus: Path | str = "seeds",
    annotations: Path | str = "annotations",
    *,
    model_dir: Path | str | None = DEFAULT_MODEL_DIR,
    evaluate: bool = True,
) -> TrainingResult:
    """Fit the model on the hand labels, cross-validate it and save it under `model_dir`.

    >>> result = train("seeds", "annotations")   # doctest: +SKIP
    >>> result.report                             # doctest: +SKIP
    """
    corpus, annotations = Path(corpus), Path(annotations)
    if model_dir is not None:
        check_model_folder(Path(model_dir))
    codebook = load_codebook(annotations / CODEBOOK_FILE)
    articles = load_corpus(corpus)
    dataset = build_dataset(articles, load_annotations(annotations, articles, codebook), codebook)
    model = fit_model(dataset, codebook)
    figures = cross_validate(dataset, codebook) if evaluate else None
    path = None
    if model_dir is not None:
        path = save_model(
            model,
            Path(model_dir),
            fingerprint=training_fingerprint(annotations, corpus),
            figures=figures,
        )
    return TrainingResult(model, figures, path)


def current_model(
    corpus: Path | str, annotations: Path | str, *, model_dir: Path | str = DEFAULT_MODEL_DIR
) -> TrainingResult:
    """The saved model when it was trained on the current labels; otherwise retrain."""
    corpus, annotations, model_dir = Path(corpus), Path(annotations), Path(model_dir)
    manifest = read_manifest(model_dir)
    fresh = (
        manifest is not None
        and (model_dir / MODEL_FILE).exists()
        and manifest.get("fingerprint") == training_fingerprint(annotations, corpus)
    )
    if not fresh:
        return train(corpus, annotations, model_dir=model_dir)
    return TrainingResult(
        load_model(model_dir),
        figures_of(manifest),
        model_dir / MODEL_FILE,
        retrained=False,
    )


def figures_of(manifest: dict) -> Figures | None:
    """The figures a manifest holds; None when it holds none, or none we can read."""
    try:
        return Figures.from_dict(manifest["cross_validation"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def codebook_of(annotations: Path | str) -> Codebook:
    """The codebook of an annotations folder."""
    return load_codebook(Path(annotations) / CODEBOOK_FILE)
