"""stances: an actor-by-issue position matrix from news articles.

The package reads like the flow, one folder per stage:

- `io/`: reading and writing files (text, YAML with lines, atomic writes, tables);
- `project/`: the inputs, read and checked once (`load_project` → `Project`);
- `text/`: sentences and who speaks in them (the sentence table);
- `learn/`: training data, features, model, figures, evaluation, persistence (`train`);
- `statements/`: the statements of a corpus, hand labels first (`tag`); what to label next;
- `report/`: matrix, comparison, agreement, workbook, CSV, heatmap;
- `pipeline.py` decides which model to use and runs the stages; `cli.py` is the command.

The names below are imported on first use, so `stances --help` stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stances.errors import InputError, ModelError, OutputError, StancesError, ValidationFailed
    from stances.learn.figures import Figures
    from stances.learn.model import StanceModel
    from stances.learn.training import TrainingResult, train
    from stances.project.codebook import Codebook, load_codebook
    from stances.project.corpus import Article, Corpus, load_corpus
    from stances.project.load import (
        LabelledCorpus,
        Project,
        ProjectCheck,
        check_project,
        load_project,
    )
    from stances.report.compare import compare_articles, compare_sets
    from stances.report.matrix import RowKind, Source, build_matrix, select_statements
    from stances.report.workbook import WorkbookData, write_workbook
    from stances.statements.tagging import Tagging, tag
    from stances.text.table import sentence_table

_HOMES = {
    "stances.errors": [
        "InputError",
        "ModelError",
        "OutputError",
        "StancesError",
        "ValidationFailed",
    ],
    "stances.learn.figures": ["Figures"],
    "stances.learn.model": ["StanceModel"],
    "stances.learn.training": ["TrainingResult", "train"],
    "stances.project.codebook": ["Codebook", "load_codebook"],
    "stances.project.corpus": ["Article", "Corpus", "load_corpus"],
    "stances.project.load": [
        "LabelledCorpus",
        "Project",
        "ProjectCheck",
        "check_project",
        "load_project",
    ],
    "stances.report.compare": ["compare_articles", "compare_sets"],
    "stances.report.matrix": ["RowKind", "Source", "build_matrix", "select_statements"],
    "stances.report.workbook": ["WorkbookData", "write_workbook"],
    "stances.statements.tagging": ["Tagging", "tag"],
    "stances.text.table": ["sentence_table"],
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "Article",
    "Codebook",
    "Corpus",
    "Figures",
    "InputError",
    "LabelledCorpus",
    "ModelError",
    "OutputError",
    "Project",
    "ProjectCheck",
    "RowKind",
    "Source",
    "StanceModel",
    "StancesError",
    "Tagging",
    "TrainingResult",
    "ValidationFailed",
    "WorkbookData",
    "build_matrix",
    "check_project",
    "compare_articles",
    "compare_sets",
    "load_codebook",
    "load_corpus",
    "load_project",
    "select_statements",
    "sentence_table",
    "tag",
    "train",
    "write_workbook",
]


def __getattr__(name: str) -> object:
    if name not in _HOME_OF:
        raise AttributeError(f"module 'stances' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
