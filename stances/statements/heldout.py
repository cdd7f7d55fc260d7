"""The model's rows on each hand-labelled article, by a model that never saw it."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from stances.learn.dataset import Dataset, build_dataset
from stances.learn.model import fit_model
from stances.project.codebook import Codebook
from stances.project.load import Project
from stances.statements.tagging import STATEMENT_COLUMNS, predict_statements


def held_out_statements(project: Project) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(model rows, sentence table) of every real (not authored) labelled article, each
    tagged by a model fitted on all the other labelled articles (authored ones too)."""
    codebook = project.codebook
    dataset = build_dataset(
        project.training_corpus, project.labels, codebook, rejections=project.rejections
    )
    labelled = set(dataset.sentences["article"])
    real = sorted(a.id for a in project.training_corpus if not a.authored and a.id in labelled)
    table = tagged_held_out(dataset, codebook, [{article} for article in real])
    sentences = dataset.sentences[dataset.sentences["article"].isin(real)]
    return table, sentences.reset_index(drop=True)


def tagged_held_out(
    dataset: Dataset, codebook: Codebook, folds: Iterable[set[str]]
) -> pd.DataFrame:
    """The model rows of each fold's articles, tagged by a model fitted on all the other
    labelled articles of `dataset`."""
    labelled = set(dataset.sentences["article"])
    rows = []
    for held_out in folds:
        model = fit_model(dataset.restricted_to(labelled - held_out), codebook)
        sentences = dataset.sentences[dataset.sentences["article"].isin(held_out)]
        rows.append(predict_statements(model, sentences.reset_index(drop=True)))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=STATEMENT_COLUMNS)
