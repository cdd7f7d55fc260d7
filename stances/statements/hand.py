"""The statements of the hand labels alone: no model, no sentence table."""

from __future__ import annotations

import pandas as pd

from stances.project.load import Project
from stances.statements.tagging import STATEMENT_COLUMNS, human_labels

HAND_COLUMNS = [column for column in STATEMENT_COLUMNS if column != "sentence"]


def hand_statements(project: Project) -> pd.DataFrame:
    """The hand labels of the project's corpus as statements (`HAND_COLUMNS`,
    `source` human): what the matrix and the DNA export read when no model runs.

    Independent second labellings are left out, as in training.

    >>> from stances.project.load import load_project
    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> len(hand_statements(project))
    67
    """
    labels = human_labels(project.labels, project.corpus)
    table = labels.assign(text=labels["quote"], confidence=1.0, source="human")
    table = table.sort_values(["article", "start", "issue"], kind="stable")
    return table[HAND_COLUMNS].reset_index(drop=True)
