"""Checking a project's codebook and annotations, and summarising them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stances.errors import Problem, StancesError
from stances.project.codebook import CODEBOOK_FILE, check_codebook
from stances.project.corpus import load_corpus
from stances.project.labels import check_annotations
from stances.report.agreement import labeller_agreement


@dataclass(frozen=True)
class ValidationReport:
    """All problems found, and the labelled statements that passed."""

    problems: list[Problem]
    statements: pd.DataFrame = field(default_factory=pd.DataFrame)
    n_articles: int = 0
    agreement: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, pd.Series]:
        """Statement counts per article, issue and group (training labels only)."""
        own = (
            self.statements[~self.statements["independent"]]
            if len(self.statements)
            else (self.statements)
        )
        if own.empty:
            return {}
        return {
            name: own.groupby(name).size().rename("statements")
            for name in ("article", "issue", "group")
        }


def validate_project(corpus: Path | str, annotations: Path | str) -> ValidationReport:
    """Check the codebook and every annotation file; never raises for bad content.

    >>> report = validate_project("seeds", "annotations")  # doctest: +SKIP
    >>> report.ok                                           # doctest: +SKIP
    True
    """
    annotations = Path(annotations)
    try:
        loaded = load_corpus(corpus)
        codebook, problems = check_codebook(annotations / CODEBOOK_FILE)
    except StancesError as error:
        return ValidationReport([error.problem])
    if codebook is None:
        return ValidationReport(problems, n_articles=len(loaded))
    check = check_annotations(annotations, loaded, codebook)
    problems = problems + check.problems
    agreement = pd.DataFrame() if problems else labeller_agreement(check.statements, loaded)
    return ValidationReport(problems, check.statements, len(loaded), agreement)
