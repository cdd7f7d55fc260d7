"""The Excel workbook an analyst opens: matrix, comparison, statements, codebook, model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from stances.io.atomic import atomic_path, check_output_path
from stances.learn.figures import Figures
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.report.matrix import RowKind
from stances.statements.corrections import VERDICT_COLUMN, VERDICTS

OPPOSE_RGB, NEUTRAL_RGB, SUPPORT_RGB = (0xD7, 0x30, 0x27), (0xF7, 0xF7, 0xF7), (0x1A, 0x98, 0x50)
MIXED_FILL = PatternFill("lightUp", fgColor="FDB863", bgColor="FFFFFF")
EMPTY_FILL = PatternFill("solid", fgColor="E0E0E0")
HUMAN_FILL = PatternFill("solid", fgColor="E8F0FE")
HEADER_FONT = Font(bold=True)
TOP_QUOTES = 5


@dataclass(frozen=True)
class WorkbookData:
    """Everything the workbook shows."""

    matrix: pd.DataFrame
    comparison: pd.DataFrame
    statements: pd.DataFrame
    codebook: Codebook
    corpus: Corpus
    figures: Figures | None = None
    review: pd.DataFrame | None = None
    by: RowKind = RowKind.group


def position_colour(position: float) -> str:
    """Diverging colour: red for -1, near white for 0, green for +1 (hex RRGGBB).

    >>> position_colour(-1.0), position_colour(1.0)
    ('D73027', '1A9850')
    """
    end = SUPPORT_RGB if position > 0 else OPPOSE_RGB
    share = min(abs(position), 1.0)
    return "".join(
        f"{round(n + (e - n) * share):02X}" for n, e in zip(NEUTRAL_RGB, end, strict=True)
    )


def set_text(sheet: Worksheet, row: int, column: int, value: object):
    """Write a value; text is always a text cell, never a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        cell.value = None
    else:
        cell.value = value.item() if hasattr(value, "item") else value
    return cell


def write_workbook(data: WorkbookData, path: Path | str) -> Path:
    """Write the workbook atomically: the previous file stays intact if anything fails.

    >>> import tempfile
    >>> from stances.project.codebook import load_codebook
    >>> from stances.report.compare import compare_articles
    >>> from stances.report.matrix import build_matrix
    >>> codebook = load_codebook("annotations/codebook.yaml")
    >>> statements = pd.DataFrame(
    ...     {"article": ["a"], "sentence": [0], "start": [0], "end": [15],
    ...      "text": ["Lavrov said no."], "speaker": ["lavrov"], "group": ["russia"],
    ...      "issue": ["missiles"], "position": [-1], "confidence": [1.0], "source": ["human"]}
    ... )
    >>> corpus = Corpus(None, {})
    >>> data = WorkbookData(
    ...     build_matrix(statements, issues=codebook.issue_ids),
    ...     compare_articles(statements, corpus, issues=codebook.issue_ids),
    ...     statements, codebook, corpus,
    ... )
    >>> path = write_workbook(data, Path(tempfile.mkdtemp()) / "stances.xlsx")
    >>> pd.read_excel(path, sheet_name="Matrix", index_col=0).loc["russia", "Missile limits"]
    'oppose -1.00 (n=1)'
    """
    check_output_path(path, suffix=".xlsx")
    book = Workbook()
    _matrix_sheet(book.active, data)
    _comparison_sheet(book.create_sheet("By article"), data)
    _statements_sheet(book.create_sheet("Statements"), data)
    _codebook_sheet(book.create_sheet("Codebook"), data.codebook)
    _model_sheet(book.create_sheet("Model"), data)
    if data.review is not None and not data.review.empty:
        _table_sheet(book.create_sheet("Review speakers"), data.review)
    with atomic_path(path) as temporary:
        book.save(temporary)
    return Path(path)


def cell_text(label: str, position: float, count: int) -> str:
    """What a matrix cell shows: "oppose -1.00 (n=6)", or "–" when empty."""
    return "–" if count == 0 else f"{label} {position:+.2f} (n={count})"


def _matrix_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    sheet.title = "Matrix"
    issues = list(dict.fromkeys(data.matrix["issue"]))
    actors = list(dict.fromkeys(data.matrix["actor"]))
    labels = {issue.id: issue for issue in data.codebook.issues}
    set_text(sheet, 1, 1, "actor \\ issue").font = HEADER_FONT
    for column, issue in enumerate(issues, start=2):
        cell = set_text(sheet, 1, column, labels[issue].label if issue in labels else issue)
        cell.font = HEADER_FONT
        if issue in labels:
            cell.comment = Comment(f"+1 supports: {labels[issue].proposition}", "stances")
        sheet.column_dimensions[get_column_letter(column)].width = 26
    cells = data.matrix.set_index(["actor", "issue"])
    for row_index, actor in enumerate(actors, start=2):
        set_text(sheet, row_index, 1, actor).font = HEADER_FONT
        for column, issue in enumerate(issues, start=2):
            row = cells.loc[(actor, issue)]
            cell = set_text(
                sheet, row_index, column, cell_text(row["label"], row["position"], row["count"])
            )
            cell.alignment = Alignment(horizontal="center")
            cell.fill = (
                EMPTY_FILL
                if row["count"] == 0
                else MIXED_FILL
                if row["label"] == "mixed"
                else PatternFill("solid", fgColor=position_colour(row["position"]))
            )
            if row["count"]:
                cell.comment = _quotes_comment(data.statements, data.by, actor, issue)
    sheet.column_dimensions["A"].width = 24
    sheet.freeze_panes = "B2"
    set_text(
        sheet,
        len(actors) + 3,
        1,
        "Cells: label, mean position (-1 oppose … +1 support) "
        "and number of statements; hover a cell for the quotes behind it. Hatched: mixed.",
    )


def _quotes_comment(statements: pd.DataFrame, by: str, actor: str, issue: str) -> Comment:
    rows = statements[(statements[by] == actor) & (statements["issue"] == issue)]
    rows = rows.sort_values(["source", "confidence"], ascending=[True, False]).head(TOP_QUOTES)
    lines = [
        f"[{r.article} {r.start}-{r.end}] {r.speaker} ({r.position:+d}, {r.source}): {r.text[:200]}"
        for r in rows.itertuples()
    ]
    return Comment(
        ILLEGAL_CHARACTERS_RE.sub("", "\n\n".join(lines)), "stances", width=420, height=260
    )


def _comparison_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    table = data.comparison
    articles = list(dict.fromkeys(c.split(":")[0] for c in table.columns if ":" in c))
    set_text(sheet, 1, 1, "actor").font = HEADER_FONT
    set_text(sheet, 1, 2, "issue").font = HEADER_FONT
    for index, article_id in enumerate(articles):
        column = 3 + index
        article = data.corpus.articles.get(article_id)
        head = (
            article_id
            if article is None
            else (
                f"{article.date or 'undated'} · {article.outlet or 'outlet unknown'}\n{article_id}"
            )
        )
        cell = set_text(sheet, 1, column, head)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True)
        if article is not None:
            cell.comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", article.title), "stances")
        sheet.column_dimensions[get_column_letter(column)].width = 24
    agreement_column = 3 + len(articles)
    set_text(sheet, 1, agreement_column, "agreement").font = HEADER_FONT
    for row_index, row in enumerate(table.itertuples(index=False), start=2):
        record = dict(zip(table.columns, row, strict=True))
        set_text(sheet, row_index, 1, record["actor"])
        set_text(sheet, row_index, 2, record["issue"])
        for index, article_id in enumerate(articles):
            count, position = record[f"{article_id}:count"], record[f"{article_id}:position"]
            label = record[f"{article_id}:label"]
            cell = set_text(sheet, row_index, 3 + index, cell_text(label, position, count))
            if count:
                cell.fill = (
                    MIXED_FILL
                    if label == "mixed"
                    else PatternFill("solid", fgColor=position_colour(position))
                )
        set_text(sheet, row_index, agreement_column, record["agreement"])
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(agreement_column)}{len(table) + 1}"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions[get_column_letter(agreement_column)].width = 20


def _table_sheet(sheet: Worksheet, table: pd.DataFrame, *, human_rows: bool = False) -> None:
    for column, name in enumerate(table.columns, start=1):
        set_text(sheet, 1, column, str(name)).font = HEADER_FONT
        width = 80 if name == "text" else min(max(len(str(name)), 10) + 4, 30)
        sheet.column_dimensions[get_column_letter(column)].width = width
    source_column = list(table.columns).index("source") if "source" in table else None
    for row_index, row in enumerate(table.itertuples(index=False), start=2):
        human = human_rows and source_column is not None and row[source_column] == "human"
        for column, value in enumerate(row, start=1):
            cell = set_text(sheet, row_index, column, value)
            if human:
                cell.fill = HUMAN_FILL
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(table.columns), 1))}{len(table) + 1}"


def _statements_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    """Every statement, and a verdict column with drop-down lists to correct model rows
    (`stances import-corrections` reads them back)."""
    table = data.statements.assign(**{VERDICT_COLUMN: None})
    _table_sheet(sheet, table, human_rows=True)
    book = data.codebook
    first = {"issue": 2, "group": 2 + len(book.issues)}  # rows of the Codebook sheet
    first["speaker"] = first["group"] + len(book.groups)
    sizes = {"issue": len(book.issues), "group": len(book.groups), "speaker": len(book.speakers)}
    lists = {
        name: f"Codebook!$B${first[name]}:$B${first[name] + sizes[name] - 1}"
        for name in sizes
        if sizes[name]
    }
    lists["position"] = '"' + ",".join(str(p.value) for p in book.positions) + '"'
    lists[VERDICT_COLUMN] = '"' + ",".join(VERDICTS) + '"'
    columns = list(table.columns)
    for name, source in lists.items():
        # a speaker missing from the registry may be typed in: a warning, not a refusal
        style = "warning" if name == "speaker" else "stop"
        check = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle=style,
            error=f"Pick the {name} from the list (the Codebook sheet lists them).",
        )
        column = get_column_letter(columns.index(name) + 1)
        check.add(f"{column}2:{column}{max(len(table), 1) + 1}")
        sheet.add_data_validation(check)


def _codebook_sheet(sheet: Worksheet, codebook: Codebook) -> None:
    rows = [("kind", "id", "label / name", "proposition / group", "terms / aliases")]
    rows += [("issue", i.id, i.label, i.proposition, ", ".join(i.terms)) for i in codebook.issues]
    rows += [("group", g.id, g.label, "", "") for g in codebook.groups]
    rows += [("speaker", s.id, s.name, s.group, ", ".join(s.aliases)) for s in codebook.speakers]
    for row_index, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = set_text(sheet, row_index, column, value)
            if row_index == 1:
                cell.font = HEADER_FONT
    for column, width in zip("ABCDE", (10, 22, 30, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def _model_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    figures = data.figures
    set_text(sheet, 1, 1, "Leave-one-article-out cross-validation").font = HEADER_FONT
    if figures is None:
        set_text(sheet, 2, 1, "No figures: the model was loaded without an evaluation.")
        return
    summary = figures.summary()
    set_text(sheet, 2, 1, "task").font = HEADER_FONT
    for column, name in enumerate(summary.columns, start=2):
        set_text(sheet, 2, column, name).font = HEADER_FONT
    for row_index, (task, row) in enumerate(summary.iterrows(), start=3):
        set_text(sheet, row_index, 1, task)
        for column, value in enumerate(row, start=2):
            set_text(sheet, row_index, column, round(float(value), 3))
    base = len(summary) + 4
    for offset, key in enumerate(("n_statements", "n_articles", "n_sentences")):
        set_text(sheet, base + offset, 1, key.replace("n_", "training ")).font = HEADER_FONT
        set_text(sheet, base + offset, 2, getattr(figures, key))
    sheet.column_dimensions["A"].width = 28
