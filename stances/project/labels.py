"""Hand-labelled statements: one YAML file per article and annotator, located in the text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from stances.errors import InputError, Problem, ValidationFailed
from stances.io.schema import validate_model
from stances.io.yamlfile import LineDict, read_yaml
from stances.project.codebook import CODEBOOK_FILE, Codebook, Position
from stances.project.corpus import Corpus
from stances.project.quotes import locate_quote

INDEPENDENT_FOLDER = "independent"


class StatementLabel(BaseModel):
    """One hand-labelled statement as written in an annotation file.

    With `not_a_statement: true` the entry says the passage holds no statement on
    the issue (by `speaker`/`group` when given, by anyone otherwise): it takes no
    position, and training reads it as a negative example.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    id: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    # None only when left out (defaults are not validated): an explicit null is refused
    speaker: str = Field(default=None, min_length=1)
    group: str | None = None
    issue: str
    position: Position = None
    not_a_statement: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _statement_or_not(self) -> StatementLabel:
        if self.not_a_statement and self.position is not None:
            raise PydanticCustomError(
                "value_error", "not_a_statement takes no position; remove the position"
            )
        for name in ("speaker", "position"):
            if not self.not_a_statement and getattr(self, name) is None:
                raise PydanticCustomError(
                    "value_error",
                    f"{name}: field required; add it (or mark the entry not_a_statement: true)",
                )
        return self


class AnnotationFile(BaseModel):
    """An annotation file: the labels one annotator gave one article."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    article: str
    annotator: str = Field(min_length=1)
    reviewed_by: str | None = None
    independent: bool = False
    statements: list[StatementLabel]


@dataclass(frozen=True)
class Label:
    """A hand-labelled statement, located: `quote == text[start:end]` of its article."""

    article: str
    statement_id: str
    annotator: str
    independent: bool
    start: int
    end: int
    quote: str
    speaker: str
    group: str
    issue: str
    position: int
    note: str | None
    file: str
    line: int
    not_a_statement: bool = False


LABEL_COLUMNS = [field.name for field in fields(Label)]


@dataclass(frozen=True)
class LabelFile:
    """An annotation file that was read: where, the SHA-256 of its bytes, whose labels."""

    path: Path
    sha256: str
    independent: bool
    article: str = ""
    annotator: str = ""
    line: int | None = None  # of the annotator


@dataclass(frozen=True)
class LabelCheck:
    """The located labels of every annotation file of a folder, and every problem found."""

    labels: tuple[Label, ...]
    problems: tuple[Problem, ...]
    files: tuple[LabelFile, ...]


def label_files(folder: Path) -> list[Path]:
    """The training files (`*.yaml` beside the codebook) then the independent ones."""
    own = [p for p in sorted(folder.glob("*.yaml")) if p.name != CODEBOOK_FILE]
    return own + sorted((folder / INDEPENDENT_FOLDER).glob("*.yaml"))


def labels_frame(labels: Iterable[Label]) -> pd.DataFrame:
    """Labels as a table, one row each (`LABEL_COLUMNS`)."""
    return pd.DataFrame([astuple(label) for label in labels], columns=LABEL_COLUMNS)


def check_labels(folder: Path | str, corpus: Corpus, codebook: Codebook) -> LabelCheck:
    """Read every annotation file of `folder`, locate its quotes and collect all problems."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("annotations folder not found", path=folder)
    labels, problems, files = [], [], []
    for path in label_files(folder):
        independent = path.parent != folder
        file_labels, file_problems, file = _check_file(path, independent, corpus, codebook)
        labels += file_labels
        problems += file_problems
        if file is not None:
            files.append(file)
    problems += _duplicate_problems(labels_frame(labels))
    problems += _second_labelling_problems(files, labels)
    return LabelCheck(tuple(labels), tuple(problems), tuple(files))


def _second_labelling_problems(files: list[LabelFile], labels: list[Label]) -> list[Problem]:
    """Two training files of one article by one annotator may add to each other (a file of
    corrections), never label the same statement again: a copy under another name
    would count every statement twice."""
    keys: dict[str, set] = {}
    for label in labels:
        keys.setdefault(label.file, set()).add((label.start, label.end, label.group, label.issue))
    earlier_files: dict[tuple[str, str], list[LabelFile]] = {}
    problems = []
    for file in files:
        if file.independent or not file.article:
            continue
        earlier = earlier_files.setdefault((file.article, file.annotator), [])
        own = keys.get(str(file.path), set())
        twice = next((e for e in earlier if own & keys.get(str(e.path), set())), None)
        if twice is not None:
            problems.append(
                Problem(
                    file.path,
                    file.line,
                    f"article {file.article!r} is already labelled by annotator "
                    f"{file.annotator!r} in {twice.path}, with the same statements; "
                    "merge the two files or remove one",
                )
            )
        earlier.append(file)
    return problems


def load_labels(
    folder: Path | str, corpus: Corpus, codebook: Codebook, *, include_independent: bool = False
) -> pd.DataFrame:
    """The hand-labelled statements of `folder` as a table (`LABEL_COLUMNS`).

    Raises `ValidationFailed` listing every problem. Independent second
    labellings (agreement data) and "not a statement" entries are left out;
    the independent ones are kept when asked for.
    """
    check = check_labels(folder, corpus, codebook)
    if check.problems:
        raise ValidationFailed(list(check.problems))
    return labels_frame(
        label
        for label in check.labels
        if (include_independent or not label.independent) and not label.not_a_statement
    )


def check_document(
    data: object, path: Path, corpus: Corpus, codebook: Codebook, *, independent: bool = False
) -> tuple[list[Label], list[Problem]]:
    """Check an annotation document already read (`parse_yaml`) as if it were the file
    `path`: the labels it gives and every problem, located in `path`."""
    labels, problems = _check_data(data, path, independent, corpus, codebook)
    problems += _duplicate_problems(labels_frame(labels))
    return labels, problems


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


def _check_file(
    path: Path, independent: bool, corpus: Corpus, codebook: Codebook
) -> tuple[list[Label], list[Problem], LabelFile | None]:
    try:
        file = read_yaml(path)
    except InputError as error:
        return [], [error.problem], None
    labels, problems = _check_data(file.data, path, independent, corpus, codebook)
    digest = LabelFile(path, file.sha256, independent)
    data = file.data
    if isinstance(data, LineDict) and all(
        isinstance(data.get(key), str) for key in ("article", "annotator")
    ):
        line = data.line_of("annotator")
        digest = replace(digest, article=data["article"], annotator=data["annotator"], line=line)
    return labels, problems, digest


def _check_data(
    data: object, path: Path, independent: bool, corpus: Corpus, codebook: Codebook
) -> tuple[list[Label], list[Problem]]:
    if not isinstance(data, LineDict):
        kind = document_kind(data)
        message = (
            f"the document is {kind}; expected a mapping with article, annotator and statements"
        )
        return [], [Problem(path, getattr(data, "line", 1), message)]
    parsed, problems = validate_model(AnnotationFile, data, path)
    if parsed is None:
        return [], problems
    if parsed.article not in corpus:
        message = (
            f"article {parsed.article!r} is not "
            f"in the corpus {corpus.path}; fix the id or add the article"
        )
        return [], [Problem(path, data.line_of("article"), message)]
    labels = []
    for index, statement in enumerate(parsed.statements):
        line = data["statements"].line_of(index)
        label, label_problems = _check_statement(statement, parsed, corpus, codebook, path, line)
        problems += label_problems
        if label:
            labels.append(label)
    return labels, problems


def _check_statement(
    statement: StatementLabel,
    parsed: AnnotationFile,
    corpus: Corpus,
    codebook: Codebook,
    path: Path,
    line: int,
) -> tuple[Label | None, list[Problem]]:
    problems = []
    if statement.speaker is None:  # only a "not a statement" entry may leave it out
        group, problem = _rejected_group(statement, codebook)
    else:
        group, problem = _speaker_group(statement, codebook)
    if problem:
        problems.append(Problem(path, line, f"statement {statement.id}: {problem}"))
    if statement.issue not in codebook.issue_ids:
        problems.append(
            Problem(
                path,
                line,
                f"statement {statement.id}: unknown issue "
                f"{statement.issue!r}; use one of {codebook.issue_ids}",
            )
        )
    located = locate_quote(corpus[parsed.article].text, statement.quote)
    if located.problem:
        problems.append(Problem(path, line, f"statement {statement.id}: {located.problem}"))
    if problems:
        return None, problems
    label = Label(
        article=parsed.article,
        statement_id=statement.id,
        annotator=parsed.annotator,
        independent=parsed.independent,
        start=located.start,
        end=located.end,
        quote=statement.quote,
        speaker=statement.speaker or "",
        group=group or "",
        issue=statement.issue,
        position=0 if statement.position is None else statement.position,
        note=statement.note,
        file=str(path),
        line=line,
        not_a_statement=statement.not_a_statement,
    )
    return label, []


def _speaker_group(statement: StatementLabel, codebook: Codebook) -> tuple[str | None, str]:
    """The statement's group, from the registry or from its `group` field, or a problem.

    A speaker of the registry needs no group (and one that disagrees is an error);
    any other speaker (a free name such as "Sergei Ryabkov") needs one.
    """
    registered = codebook.group_of(statement.speaker)
    given = statement.group
    if given is not None and given not in codebook.group_ids:
        return None, f"unknown group {given!r}; use one of: {', '.join(codebook.group_ids)}"
    if registered is not None:
        if given is not None and given != registered:
            return None, (
                f"speaker {statement.speaker!r} is in the group {registered!r} in the codebook, "
                f"not {given!r}; fix the group or leave it out"
            )
        return registered, ""
    if given is None:
        return None, (
            f"unknown speaker {statement.speaker!r}; add it to the codebook's speakers, "
            f"or give its group ({', '.join(codebook.group_ids)})"
        )
    return given, ""


def _rejected_group(statement: StatementLabel, codebook: Codebook) -> tuple[str | None, str]:
    """The group of a "not a statement" entry without a speaker: its `group`, or none
    (no statement on the issue by anyone)."""
    if statement.group is not None and statement.group not in codebook.group_ids:
        return None, (
            f"unknown group {statement.group!r}; use one of: {', '.join(codebook.group_ids)}"
        )
    return statement.group, ""


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
