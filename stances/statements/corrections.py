"""Corrections from the workbook: the verdicts an analyst marked become new annotation files.

The Statements sheet of the workbook has a `verdict` column (drop-down: confirm,
correct, reject) beside drop-down lists for speaker, group, issue and position.
A confirmed or corrected model row becomes a hand label with the row's values as
they now stand; a rejected one a `not_a_statement` entry, which training reads as
a negative example. Each article gets a NEW file beside the hand labels; no
existing file is ever rewritten.
"""

from __future__ import annotations

import bisect
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.errors import InputError, Problem, ValidationFailed
from stances.io.atomic import check_new_path, write_text_atomic
from stances.io.yamlfile import dump_yaml_documents, parse_yaml
from stances.project.labels import check_document
from stances.project.load import Project
from stances.project.quotes import locate_quote
from stances.text.attribution import UNPLACED

VERDICT_COLUMN = "verdict"
VERDICTS = ("confirm", "correct", "reject")
SHEET = "Statements"
NEW_SPEAKER = "new:"
NEEDED_COLUMNS = ["article", "start", "end", "text", "speaker", "group", "issue", "position"]
HEADER = "# Corrections imported by `stances import-corrections` from {workbook}.\n"


@dataclass(frozen=True)
class Verdict:
    """One row of the Statements sheet the analyst marked, as it now stands."""

    row: int
    article: str
    start: int
    end: int
    text: str
    speaker: str
    group: str
    issue: str
    position: object
    source: str
    verdict: str


@dataclass(frozen=True)
class ImportedCorrections:
    """What an import wrote: one new file per article, and the rows it left out."""

    files: tuple[Path, ...]
    statements: int
    rejections: int
    skipped: tuple[str, ...]


HEADER_SEARCH_ROWS = 10  # the header stands below the sheet's title rows


def read_verdicts(workbook: Path | str) -> list[Verdict]:
    """The rows of the Statements sheet with a verdict; raise `InputError` when the
    workbook or the sheet cannot be read."""
    workbook = Path(workbook)
    table, header_row = _read_sheet(workbook)
    missing = [c for c in [*NEEDED_COLUMNS, "source", VERDICT_COLUMN] if c not in table.columns]
    if missing:
        raise InputError(
            f"the {SHEET} sheet has no column {', '.join(missing)}; "
            "use a workbook written by `stances run`",
            path=workbook,
            line=header_row,
        )
    verdicts = []
    for index, row in table.iterrows():
        verdict = _text(row[VERDICT_COLUMN]).lower()
        if verdict:
            values = {column: row[column] for column in NEEDED_COLUMNS}
            verdicts.append(
                Verdict(
                    header_row + 1 + index, **values, source=_text(row["source"]), verdict=verdict
                )
            )
    return verdicts


def _read_sheet(workbook: Path) -> tuple[pd.DataFrame, int]:
    """The Statements table and the sheet row of its header (below the title rows)."""
    if not workbook.is_file():
        raise InputError("workbook not found; pass the .xlsx `stances run` wrote", path=workbook)
    try:
        raw = pd.read_excel(
            workbook, sheet_name=SHEET, dtype=object, engine="openpyxl", header=None
        )
    except ValueError:
        raise InputError(
            f"the workbook has no {SHEET} sheet; use a workbook written by `stances run`",
            path=workbook,
        ) from None
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InputError(
            "not an Excel workbook (.xlsx); pass the one `stances run` wrote", path=workbook
        ) from None
    header = next(
        (i for i in range(min(len(raw), HEADER_SEARCH_ROWS)) if "article" in set(raw.iloc[i])), 0
    )
    table = raw.iloc[header + 1 :].reset_index(drop=True)
    table.columns = [str(c) for c in raw.iloc[header]] if len(raw) else []
    return table.where(table.notna(), None), header + 1


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def correction_documents(
    verdicts: list[Verdict], project: Project, *, annotator: str, workbook: Path | str
) -> tuple[dict[str, tuple[dict, list[int]]], list[Problem], list[str]]:
    """One annotation document per article with the rows of each entry, the problems
    found (located at the workbook's rows), and the rows left out (why)."""
    workbook = Path(workbook)
    corpus = project.training_corpus
    known = _already_labelled(project)
    documents: dict[str, tuple[dict, list[int]]] = {}
    problems, skipped = [], []
    for verdict in verdicts:
        entry, problem, skip = _entry(verdict, project, known)
        if problem:
            problems.append(Problem(workbook, verdict.row, problem))
        if skip:
            skipped.append(f"row {verdict.row}: {skip}")
        if entry is None:
            continue
        document, rows = documents.setdefault(
            verdict.article,
            ({"article": verdict.article, "annotator": annotator, "statements": []}, []),
        )
        entry = {"id": f"c{len(rows) + 1:02d}", **entry}
        document["statements"].append(entry)
        rows.append(verdict.row)
    for article, (document, rows) in documents.items():
        problems += _document_problems(document, rows, project, workbook, corpus[article].path)
    return documents, problems, skipped


def _entry(verdict: Verdict, project: Project, known: set[tuple]) -> tuple[dict | None, str, str]:
    """(annotation entry, problem, reason to skip) of one marked row."""
    if verdict.verdict not in VERDICTS:
        return None, f"verdict {verdict.verdict!r}: use one of {', '.join(VERDICTS)}", ""
    if verdict.source == "human":
        if verdict.verdict == "confirm":
            return None, "", "already a hand label"
        return (
            None,
            (f"a hand label cannot be {verdict.verdict}ed here; change its annotation file"),
            "",
        )
    corpus = project.training_corpus
    if verdict.article not in corpus:
        return (
            None,
            (
                f"article {verdict.article!r} is not in the corpus {corpus.path}; "
                "pass --corpus with the articles the workbook shows"
            ),
            "",
        )
    quote, problem = _quote(verdict, corpus[verdict.article].text)
    if problem:
        return None, problem, ""
    speaker, group = _holder(verdict)
    rejected = verdict.verdict == "reject"
    key = (verdict.article, verdict.start, verdict.issue, group, rejected)
    if key in known:
        return None, "", "already labelled in the annotations"
    entry = {"quote": quote}
    if not rejected and speaker is None:
        return None, "the speaker is unplaced; pick the speaker and its group", ""
    if speaker is not None:
        entry["speaker"] = speaker
    if group is not None and project.codebook.group_of(speaker or "") != group:
        entry["group"] = group
    entry["issue"] = verdict.issue
    if rejected:
        entry["not_a_statement"] = True
        entry["note"] = "model row rejected in the workbook"
        return entry, "", ""
    position, problem = _position(verdict.position)
    if problem:
        return None, problem, ""
    entry["position"] = position
    entry["note"] = f"model row {verdict.verdict}ed in the workbook"
    return entry, "", ""


def _quote(verdict: Verdict, text: str) -> tuple[str, str]:
    """The row's text, which must be its sentence or a part of it occurring once."""
    try:
        start, end = int(verdict.start), int(verdict.end)
    except (TypeError, ValueError):
        return "", "start and end must be whole numbers; leave them as written"
    quote = "" if verdict.text is None else str(verdict.text)
    if not quote.strip() or quote not in text[start:end]:
        return "", (
            f"the text is not part of the sentence at {start}-{end} of the article; "
            "keep the sentence or a part of it"
        )
    located = locate_quote(text, quote)
    return quote, located.problem or ""


def _holder(verdict: Verdict) -> tuple[str | None, str | None]:
    """The speaker and group to write: a free name without its `new:` mark; none for
    "unplaced"."""
    speaker, group = _text(verdict.speaker), _text(verdict.group)
    if speaker.startswith(NEW_SPEAKER):
        speaker = speaker[len(NEW_SPEAKER) :].strip()
    return (
        None if speaker in {"", UNPLACED} else speaker,
        None if group in {"", UNPLACED} else group,
    )


def _position(value: object) -> tuple[int | None, str]:
    text = _text(value).lstrip("+")
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is None or number not in (-1, 0, 1):
        return None, f"position {_text(value)!r}: use -1, 0 or 1"
    return int(number), ""


def _already_labelled(project: Project) -> set[tuple]:
    """(article, sentence start, issue, group, rejected) of the existing labels whose
    quote is a whole sentence: what an earlier import of the same rows wrote."""
    known = set()
    for table, rejected in ((project.labels, False), (project.rejections, True)):
        for row in table.itertuples():
            known.add((row.article, row.start, row.issue, row.group or None, rejected))
    return known


def _document_problems(
    document: dict, rows: list[int], project: Project, workbook: Path, article_path
) -> list[Problem]:
    """The project's own label checks on the document as it will be written."""
    text = dump_yaml_documents([document])
    where = Path(article_path).with_suffix(".yaml")
    data = parse_yaml(text, where)
    _, problems = check_document(data, where, project.training_corpus, project.codebook)
    starts = [data["statements"].line_of(index) for index in range(len(rows))]
    # a problem stands on its entry's line or a field's line below it
    return [
        Problem(workbook, rows[max(bisect.bisect_right(starts, p.line or 0) - 1, 0)], p.message)
        for p in problems
    ]


def import_corrections(
    workbook: Path | str,
    project: Project,
    folder: Path | str,
    *,
    annotator: str = "analyst",
) -> ImportedCorrections:
    """Write the verdicts of `workbook` as new annotation files in `folder`.

    Raises `ValidationFailed` with every problem (nothing written then).
    """
    verdicts = read_verdicts(workbook)
    documents, problems, skipped = correction_documents(
        verdicts, project, annotator=annotator, workbook=workbook
    )
    if problems:
        raise ValidationFailed(problems)
    header = HEADER.format(workbook=Path(workbook).name)
    targets = {article: new_file_name(Path(folder), article) for article in documents}
    for target in targets.values():
        check_new_path(target, suffix=".yaml")
    for article, (document, _) in documents.items():
        write_text_atomic(targets[article], header + dump_yaml_documents([document]))
    entries = [e for document, _ in documents.values() for e in document["statements"]]
    rejections = sum(bool(e.get("not_a_statement")) for e in entries)
    return ImportedCorrections(
        tuple(targets.values()), len(entries) - rejections, rejections, tuple(skipped)
    )


def new_file_name(folder: Path, article: str) -> Path:
    """`<article>.corrections-<n>.yaml` with the first `n` that names no file yet."""
    stem = re.sub(r"[^\w.-]", "_", article)
    number = 1
    while (folder / f"{stem}.corrections-{number}.yaml").exists():
        number += 1
    return folder / f"{stem}.corrections-{number}.yaml"
