"""Hand-labelled statements: one YAML file per article and annotator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from stances.errors import InputError, Problem, ValidationFailed
from stances.io.schema import validate_model
from stances.io.yamlfile import LineDict, load_yaml
from stances.project.codebook import CODEBOOK_FILE, Codebook, Position
from stances.project.corpus import Corpus
from stances.project.quotes import locate_quote

INDEPENDENT_FOLDER = "independent"
ANNOTATION_COLUMNS = [
    "article",
    "statement_id",
    "annotator",
    "independent",
    "start",
    "end",
    "quote",
    "speaker",
    "group",
    "issue",
    "position",
    "note",
    "file",
    "line",
]


class StatementLabel(BaseModel):
    """One hand-labelled statement as written in an annotation file."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    id: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    speaker: str
    issue: str
    position: Position
    note: str | None = None


class AnnotationFile(BaseModel):
    """An annotation file: the labels one annotator gave one article."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    article: str
    annotator: str = Field(min_length=1)
    independent: bool = False
    statements: list[StatementLabel]


@dataclass(frozen=True)
class AnnotationCheck:
    """The located statements of all annotation files, and every problem found."""

    statements: pd.DataFrame
    problems: list[Problem]
    files: list[Path]


def annotation_files(folder: Path) -> list[Path]:
    """The training files (`*.yaml` beside the codebook) then the independent ones."""
    own = [p for p in sorted(folder.glob("*.yaml")) if p.name != CODEBOOK_FILE]
    return own + sorted((folder / INDEPENDENT_FOLDER).glob("*.yaml"))


def check_annotations(folder: Path | str, corpus: Corpus, codebook: Codebook) -> AnnotationCheck:
    """Read every annotation file, locate its quotes and collect all problems."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("annotations folder not found", path=folder)
    files = annotation_files(folder)
    rows, problems = [], []
    for path in files:
        file_rows, file_problems = _check_file(path, corpus, codebook)
        rows += file_rows
        problems += file_problems
    table = pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)
    return AnnotationCheck(table, problems + _duplicate_problems(table), files)


def load_annotations(
    folder: Path | str, corpus: Corpus, codebook: Codebook, *, include_independent: bool = False
) -> pd.DataFrame:
    """The hand-labelled statements as a DataFrame (`ANNOTATION_COLUMNS`).

    Raises `ValidationFailed` listing every problem. Independent second
    labellings (agreement data) are left out unless asked for.

    >>> labels = load_annotations("annotations", corpus, codebook)  # doctest: +SKIP
    """
    check = check_annotations(folder, corpus, codebook)
    if check.problems:
        raise ValidationFailed(check.problems)
    table = check.statements
    if not include_independent:
        table = table[~table["independent"]].reset_index(drop=True)
    return table


def document_kind(data: object) -> str:
    """How to name a YAML document that is not a mapping: "empty", "a list", ...

    >>> document_kind(None), document_kind([1]), document_kind("yes")
    ('empty', 'a list', "a single value ('yes')")
    """
    if data is None:
        return "empty"
    if isinstance(data, list):
        return "a list"
    text = repr(data)
    return f"a single value ({text if len(text) <= 40 else text[:37] + '...'})"


def _check_file(path: Path, corpus: Corpus, codebook: Codebook) -> tuple[list, list[Problem]]:
    try:
        data = load_yaml(path)
    except InputError as error:
        return [], [error.problem]
    if not isinstance(data, LineDict):
        return [], [
            Problem(
                path,
                getattr(data, "line", 1),
                f"the document is {document_kind(data)}; expected a "
                "mapping with article, annotator and statements",
            )
        ]
    parsed, problems = validate_model(AnnotationFile, data, path)
    if parsed is None:
        return [], problems
    if parsed.article not in corpus:
        return [], [
            Problem(
                path,
                data.line_of("article"),
                f"article {parsed.article!r} is not "
                f"in the corpus {corpus.path}; fix the id or add the article",
            )
        ]
    rows = []
    for index, label in enumerate(parsed.statements):
        line = data["statements"].line_of(index)
        row, label_problems = _check_statement(label, parsed, corpus, codebook, path, line)
        problems += label_problems
        if row:
            rows.append({**row, "file": str(path), "line": line})
    return rows, problems


def _check_statement(
    label: StatementLabel,
    parsed: AnnotationFile,
    corpus: Corpus,
    codebook: Codebook,
    path: Path,
    line: int,
) -> tuple[dict | None, list]:
    problems = []
    group = codebook.group_of(label.speaker)
    if group is None:
        problems.append(
            Problem(
                path,
                line,
                f"statement {label.id}: unknown speaker "
                f"{label.speaker!r}; add it to the codebook's speakers",
            )
        )
    if label.issue not in codebook.issue_ids:
        problems.append(
            Problem(
                path,
                line,
                f"statement {label.id}: unknown issue "
                f"{label.issue!r}; use one of {codebook.issue_ids}",
            )
        )
    located = locate_quote(corpus[parsed.article].text, label.quote)
    if located.problem:
        problems.append(Problem(path, line, f"statement {label.id}: {located.problem}"))
    if problems:
        return None, problems
    row = {
        "article": parsed.article,
        "statement_id": label.id,
        "annotator": parsed.annotator,
        "independent": parsed.independent,
        "start": located.start,
        "end": located.end,
        "quote": label.quote,
        "speaker": label.speaker,
        "group": group,
        "issue": label.issue,
        "position": label.position,
        "note": label.note,
    }
    return row, []


def _duplicate_problems(table: pd.DataFrame) -> list[Problem]:
    problems = []
    for _, rows in table.groupby("file", sort=False):
        ids = Counter(rows["statement_id"])
        seen = set()
        for row in rows.itertuples():
            if ids[row.statement_id] > 1 and row.statement_id in seen:
                problems.append(
                    Problem(
                        Path(row.file),
                        row.line,
                        f"statement id {row.statement_id!r} is used twice; give it a new id",
                    )
                )
            key = (row.start, row.end, row.speaker, row.issue)
            if key in seen:
                problems.append(
                    Problem(
                        Path(row.file),
                        row.line,
                        "duplicate statement: same "
                        "quote, speaker and issue as an earlier one; remove it",
                    )
                )
            seen |= {row.statement_id, key}
    return problems
