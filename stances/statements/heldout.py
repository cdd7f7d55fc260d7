"""The model's rows on each hand-labelled article, by a model that never saw it."""

from __future__ import annotations

import pandas as pd

from stances.learn.dataset import build_dataset
from stances.learn.model import fit_model
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
    rows = []
    for article in real:
        model = fit_model(dataset.restricted_to(labelled - {article}), codebook)
        sentences = dataset.sentences[dataset.sentences["article"] == article]
        rows.append(predict_statements(model, sentences.reset_index(drop=True)))
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=STATEMENT_COLUMNS)
    sentences = dataset.sentences[dataset.sentences["article"].isin(real)]
    return table, sentences.reset_index(drop=True)
