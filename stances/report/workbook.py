"""The Excel workbook an analyst opens: matrix, comparison, statements, codebook, model.

Every sheet has a title row, prints landscape one page wide with its header rows
repeated, and shows labels from the codebook rather than ids. Cells resting on model
rows alone are pale, italic and outlined with dashes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from stances.errors import OutputError
from stances.io.atomic import atomic_path, check_output_path
from stances.learn.figures import Figures
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.report.cells import MODEL_ONLY_NOTE, is_model_only, row_cell_text
from stances.report.compare import GROUP_COLUMN, article_groups
from stances.report.matrix import RowKind
from stances.report.names import Names, describe_articles
from stances.report.sheets import (
    TABLE_HEADER_ROW,
    TEXT_WIDTH,
    codebook_sheet,
    model_sheet,
)
from stances.report.streamed import copy_sheet, stream_table
from stances.report.xlsx import (
    EMPTY_FILL,
    HEADER_FONT,
    HUMAN_FILL,
    MIXED_FILL,
    MODEL_ONLY_BORDER,
    MODEL_ONLY_FONT,
    MODEL_ONLY_LIGHTEN,
    NOTE_FONT,
    fit_columns,
    position_colour,
    set_page,
    set_text,
    shorten,
    sized_comment,
    title_rows,
)
from stances.statements.corrections import VERDICT_COLUMN, VERDICTS

TOP_QUOTES = 5
QUOTE_CHARS = 200
MATRIX_HEADER_ROW = 4  # issue labels; the propositions below them
ARTICLE_HEADER_ROW = 4  # titles; outlet, date and id below them
ISSUE_WIDTH = 30
CORPUS_MARK = "stances corpus: "
# Above this many statements the Statements sheet holds the most confident ones and the
# whole table goes to Parquet beside the workbook (Excel stops at 1,048,576 rows; long
# before that a sheet is no longer read, and the workbook grows slow to write and open).
MAX_STATEMENT_ROWS = 50_000
STATEMENTS_SUFFIX = ".statements.parquet"
REVIEW_MENTIONS = 10  # mentions shown per speaker missing from the registry


@dataclass(frozen=True)
class WorkbookData:
    """Everything the workbook shows. `statements` are the ones the matrix counts;
    `min_confidence` and `sources` say how they were chosen (for the title rows).
    `comparison` is `compare_articles`' wide table, or `compare_groups`' long one for
    groups of articles (`compare_by`: outlet, day, week or a field). When `statements`
    hold only the most confident of `statements_total` rows, the whole table is in
    `statements_file`."""

    matrix: pd.DataFrame
    comparison: pd.DataFrame
    statements: pd.DataFrame
    codebook: Codebook
    corpus: Corpus
    figures: Figures | None = None
    review: pd.DataFrame | None = None
    by: RowKind = RowKind.group
    min_confidence: float = 0.0
    sources: tuple[str, ...] = ("human", "model")
    compare_by: str = "article"
    statements_total: int | None = None
    statements_file: Path | None = None

    @property
    def names(self) -> Names:
        return Names(self.codebook)

    def counted(self) -> str:
        """Which statements the figures count, in words."""
        model = "model rows" + (
            f" at confidence ≥ {self.min_confidence:g}" if self.min_confidence else ""
        )
        kinds = {"human": "hand labels", "model": model}
        return "Counted: " + " and ".join(kinds[s] for s in self.sources) + "."


def write_workbook(
    data: WorkbookData, path: Path | str, *, max_statement_rows: int = MAX_STATEMENT_ROWS
) -> Path:
    """Write the workbook atomically: the previous file stays intact if anything fails.

    Above `max_statement_rows` statements the Statements sheet holds the most confident
    ones and says so in its first row; the whole table goes to `statements_beside(path)`.
    The Statements sheet is streamed (openpyxl's write-only mode), the other sheets
    copied into the same write-only book.

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
    >>> matrix = pd.read_excel(path, sheet_name="Matrix", header=3, index_col=0)
    >>> matrix.loc["Russia", "Missile limits"]
    'oppose -1.00 (n=1, hand)'
    """
    check_output_path(path, suffix=".xlsx")
    data = _cap_statements(data, Path(path), max_statement_rows)
    small = Workbook()
    matrix_sheet(small.active, data)
    comparison_sheet(small.create_sheet(_comparison_title(data)), data)
    codebook_sheet(small.create_sheet("Codebook"), data.codebook)
    model_sheet(small.create_sheet("Model"), data.figures)
    book = Workbook(write_only=True)
    if data.corpus.path is not None:
        book.properties.subject = corpus_mark(data.corpus.path)
    for index, sheet in enumerate(small.worksheets):
        if index == 2:
            statements_sheet(book.create_sheet("Statements"), data)
        copy_sheet(sheet, book.create_sheet(sheet.title))
    if data.review is not None and not data.review.empty:
        review_sheet(book.create_sheet("Review speakers"), data.review)
    with atomic_path(path) as temporary:
        book.save(temporary)
    return Path(path)


def review_sheet(sheet, review: pd.DataFrame) -> None:
    """Speakers missing from the registry: the first `REVIEW_MENTIONS` mentions of each
    (one row per mention grows with the corpus; a few show where the name stands)."""
    shown = review.groupby("speaker", sort=False).head(REVIEW_MENTIONS)
    more = (
        f" The first {REVIEW_MENTIONS} mentions of each of the {review['speaker'].nunique():,} "
        f"speakers ({len(review):,} mentions in all)."
        if len(shown) < len(review)
        else ""
    )
    stream_table(
        sheet,
        shown,
        title="Speakers missing from the registry",
        subtitle="Add them to the codebook's speakers, or check the group they were given." + more,
        header_row=TABLE_HEADER_ROW,
        max_width=TEXT_WIDTH,
    )


def statements_beside(workbook: Path | str) -> Path:
    """Where the whole statements table goes when the Statements sheet holds only the
    most confident rows: `<workbook>.statements.parquet` beside it."""
    workbook = Path(workbook)
    return workbook.with_name(workbook.stem + STATEMENTS_SUFFIX)


def most_confident(statements: pd.DataFrame, n: int) -> pd.DataFrame:
    """The `n` most confident statements (hand labels first), in their order."""
    if len(statements) <= n:
        return statements
    rank = statements["confidence"].where(statements["source"] != "human", 2.0).to_numpy()
    chosen = np.sort(np.argsort(-rank, kind="stable")[:n])
    return statements.iloc[chosen]


def _cap_statements(data: WorkbookData, path: Path, cap: int) -> WorkbookData:
    """Above `cap` rows: the whole table to Parquet beside the workbook, the most
    confident rows to the sheet."""
    if len(data.statements) <= cap:
        return data
    beside = statements_beside(path)
    with atomic_path(beside) as temporary:
        data.statements.to_parquet(temporary, index=False)
    return replace(
        data,
        statements=most_confident(data.statements, cap),
        statements_total=len(data.statements),
        statements_file=beside,
    )


def corpus_mark(corpus: Path | str) -> str:
    """What a workbook records of its corpus (the document's subject)."""
    return f"{CORPUS_MARK}{Path(corpus).resolve()}"


def workbook_corpus(path: Path) -> str | None:
    """The corpus a workbook of ours was made from; None for any other file."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    subject = core.findtext("{http://purl.org/dc/elements/1.1/}subject") or ""
    return subject[len(CORPUS_MARK) :] if subject.startswith(CORPUS_MARK) else None


def check_default_workbook(path: Path, corpus: Path) -> None:
    """Refuse to replace a default-named workbook made from another corpus (two corpus
    folders of the same name): the user names the output instead."""
    made_from = workbook_corpus(path) if path.is_file() else None
    if made_from is not None and made_from != str(Path(corpus).resolve()):
        raise OutputError(
            f"holds the workbook of the corpus {made_from}, not of {corpus}; "
            "pass --out FILE.xlsx to name this one",
            path=path,
        )


def style_cell(cell, row) -> None:
    """Colour a matrix cell by its position; pale, italic and dashed when model rows
    alone stand behind it."""
    if row["count"] == 0:
        cell.fill = EMPTY_FILL
        return
    weak = is_model_only(int(row["human"]), int(row["model"]))
    if row["label"] == "mixed":
        cell.fill = MIXED_FILL
    else:
        lighten = MODEL_ONLY_LIGHTEN if weak else 0.0
        cell.fill = PatternFill("solid", fgColor=position_colour(row["position"], lighten))
    if weak:
        cell.font = MODEL_ONLY_FONT
        cell.border = MODEL_ONLY_BORDER


def matrix_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    """Actors × issues: title rows, issue labels over their propositions, the cells, a legend."""
    sheet.title = "Matrix"
    names, by = data.names, RowKind(data.by)
    issues = list(dict.fromkeys(data.matrix["issue"]))
    actors = list(dict.fromkeys(data.matrix["actor"]))
    kind = "actor groups" if by is RowKind.group else "speakers"
    title_rows(
        sheet,
        f"Positions of {kind} on {len(issues)} issues",
        f"{describe_articles(data.corpus)}. {data.counted()}",
    )
    top = MATRIX_HEADER_ROW
    set_text(sheet, top, 1, names.group_kind(by)).font = HEADER_FONT
    set_text(sheet, top + 1, 1, "+1 supports:").font = NOTE_FONT
    for column, issue in enumerate(issues, start=2):
        set_text(sheet, top, column, names.issue(issue)).font = HEADER_FONT
        proposition = set_text(sheet, top + 1, column, names.proposition(issue))
        proposition.font = NOTE_FONT
        proposition.alignment = Alignment(wrap_text=True, vertical="top")
    cells = data.matrix.set_index(["actor", "issue"])
    quotes = quotes_by_cell(data.statements, by)
    for row_index, actor in enumerate(actors, start=top + 2):
        set_text(sheet, row_index, 1, names.actor(actor, by)).font = HEADER_FONT
        for column, issue in enumerate(issues, start=2):
            row = cells.loc[(actor, issue)]
            cell = set_text(sheet, row_index, column, row_cell_text(row.to_dict()))
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            style_cell(cell, row)
            if row["count"]:
                cell.comment = quotes_comment(quotes.get((actor, issue), []), int(row["count"]))
    _legend(sheet, top + 3 + len(actors), n_columns=len(issues) + 1)
    fit_columns(sheet, from_row=top + 2, to_row=top + 1 + len(actors), maximum=28)
    for column in range(2, len(issues) + 2):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = ISSUE_WIDTH
    sheet.row_dimensions[top + 1].height = 15 * 4
    sheet.freeze_panes = sheet.cell(top + 2, 2).coordinate
    set_page(sheet, header_rows=f"{top}:{top + 1}")


LEGEND = [
    ("support", 1.0, 1, 0, "supports the issue's proposition (green), opposes it (red)"),
    ("mixed", 0.0, 1, 0, "mixed: support and oppose each at least 25% of the statements"),
    ("support", 1.0, 0, 1, MODEL_ONLY_NOTE),
]


def _legend(sheet: Worksheet, row: int, *, n_columns: int) -> None:
    set_text(
        sheet,
        row,
        1,
        "Each cell: label, mean position (-1 oppose … +1 support), n statements "
        "(hand labels, model rows). Hover a cell for the quotes behind it.",
    ).font = NOTE_FONT
    for offset, (label, position, human, model, note) in enumerate(LEGEND, start=1):
        sample = pd.Series(
            {"label": label, "position": position, "count": human + model}
            | {"human": human, "model": model}
        )
        cell = set_text(sheet, row + offset, 1, label if human else f"{label} (model only)")
        style_cell(cell, sample)
        set_text(sheet, row + offset, 2, note).font = NOTE_FONT


def quotes_by_cell(statements: pd.DataFrame, by: RowKind) -> dict[tuple[str, str], list[str]]:
    """The first `TOP_QUOTES` quotes of each (actor, issue): hand labels first, then by
    confidence; one sort of the table, not one filter per cell."""
    top = (
        statements.sort_values(["source", "confidence"], ascending=[True, False], kind="stable")
        .groupby([by.value, "issue"], sort=False)
        .head(TOP_QUOTES)
    )
    quotes: dict[tuple[str, str], list[str]] = {}
    for r in top.itertuples():
        how = "hand" if r.source == "human" else f"model {r.confidence:.2f}"
        quotes.setdefault((getattr(r, by.value), r.issue), []).append(
            f"[{r.article} {r.start}-{r.end}] {r.speaker} ({r.position:+d}, {how}): "
            f"{shorten(r.text, QUOTE_CHARS)}"
        )
    return quotes


def quotes_comment(lines: list[str], count: int):
    """The quotes behind a cell of `count` statements; "and N more"."""
    if count > len(lines):
        lines = [*lines, f"… and {count - len(lines)} more (Statements sheet)"]
    return sized_comment("\n\n".join(lines))


def _comparison_title(data: WorkbookData) -> str:
    if GROUP_COLUMN in data.comparison.columns:
        return f"By {data.compare_by}"[:31]  # Excel's longest sheet name
    return "By article"


def comparison_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    """Articles side by side (`articles_sheet`), or groups of them in long format
    (`groups_sheet`): never wider than Excel's 16,384 columns."""
    if GROUP_COLUMN in data.comparison.columns:
        groups_sheet(sheet, data)
    else:
        articles_sheet(sheet, data)


def groups_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    """One row per group of articles × actor × issue with statements: the group, how
    many articles it holds, the cell, and whether the groups agree on it."""
    table, names, by = data.comparison, data.names, RowKind(data.by)
    kind = data.compare_by
    title_rows(
        sheet,
        f"Positions by {kind}: each {kind}'s articles together, one row per cell",
        f"{describe_articles(data.corpus)}. {data.counted()}",
    )
    top = TABLE_HEADER_ROW
    heads = [kind.capitalize(), "Articles", names.group_kind(by), "Issue", "Cell", "Agreement"]
    for column, head in enumerate(heads, start=1):
        set_text(sheet, top, column, head).font = HEADER_FONT
    sizes = _group_sizes(data)
    for row_index, row in enumerate(table.itertuples(index=False), start=top + 1):
        record = row._asdict()
        group = record[GROUP_COLUMN]
        set_text(sheet, row_index, 1, group)
        set_text(sheet, row_index, 2, sizes.get(group, 0))
        set_text(sheet, row_index, 3, names.actor(record["actor"], by))
        set_text(sheet, row_index, 4, names.issue(record["issue"]))
        cell = set_text(sheet, row_index, 5, row_cell_text(record))
        style_cell(cell, record)
        set_text(sheet, row_index, 6, record["agreement"])
    sheet.auto_filter.ref = f"A{top}:F{top + len(table)}"
    fit_columns(sheet, from_row=top, maximum=ISSUE_WIDTH)
    sheet.freeze_panes = f"A{top + 1}"
    set_page(sheet, header_rows=f"{top}:{top}")


def _group_sizes(data: WorkbookData) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for group in article_groups(data.corpus, data.compare_by).values():
        sizes[group] = sizes.get(group, 0) + 1
    return sizes


def articles_sheet(sheet: Worksheet, data: WorkbookData) -> None:
    """The cells per article in date order: each article's title, outlet, date and id in
    header rows of their own, then whether the articles agree."""
    table, names, by = data.comparison, data.names, RowKind(data.by)
    articles = list(dict.fromkeys(c.split(":")[0] for c in table.columns if ":" in c))
    title_rows(
        sheet,
        "Each article's positions, in date order",
        f"{describe_articles(data.corpus, articles)}. {data.counted()}",
    )
    top = ARTICLE_HEADER_ROW
    heads = ["Article", "Outlet", "Date"]
    for offset, head in enumerate(heads):
        set_text(sheet, top + offset, 2, head).font = HEADER_FONT
    ids_row = top + len(heads)  # the ids head the columns of cells
    set_text(sheet, ids_row, 1, names.group_kind(by)).font = HEADER_FONT
    set_text(sheet, ids_row, 2, "Issue").font = HEADER_FONT
    for index, article_id in enumerate(articles):
        article = data.corpus.articles.get(article_id)
        values = [
            article.title if article else article_id,
            (article.outlet if article else None) or "outlet not named",
            str(article.date) if article and article.date else "undated",
            article_id,
        ]
        for offset, value in enumerate(values):
            cell = set_text(sheet, top + offset, 3 + index, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = HEADER_FONT if offset == 0 else NOTE_FONT
    agreement_column = 3 + len(articles)
    set_text(sheet, ids_row, agreement_column, "Agreement").font = HEADER_FONT
    first = ids_row + 1
    for row_index, row in enumerate(table.itertuples(index=False), start=first):
        record = dict(zip(table.columns, row, strict=True))
        set_text(sheet, row_index, 1, names.actor(record["actor"], by))
        set_text(sheet, row_index, 2, names.issue(record["issue"]))
        for index, article_id in enumerate(articles):
            cell_row = pd.Series(
                {field: record[f"{article_id}:{field}"] for field in _CELL_FIELDS}
                | {"count": record[f"{article_id}:count"]}
            )
            cell = set_text(sheet, row_index, 3 + index, row_cell_text(cell_row.to_dict()))
            if cell_row["count"]:
                style_cell(cell, cell_row)
        set_text(sheet, row_index, agreement_column, record["agreement"])
    last = sheet.cell(first + len(table) - 1, agreement_column).coordinate
    sheet.auto_filter.ref = f"A{first - 1}:{last}"
    fit_columns(sheet, from_row=first, maximum=ISSUE_WIDTH)
    sheet.row_dimensions[top].height = 15 * 4
    sheet.freeze_panes = sheet.cell(first, 3).coordinate
    set_page(sheet, header_rows=f"{top}:{first - 1}")


def statements_sheet(sheet, data: WorkbookData) -> None:
    """The statements the matrix counts (streamed into a write-only sheet), and a verdict
    column with drop-down lists to correct model rows (`stances import-corrections`
    reads them back). When they are only the most confident rows, the title says so."""
    table = data.statements.assign(**{VERDICT_COLUMN: None})
    stream_table(
        sheet,
        table,
        title=statements_title(data),
        subtitle=f"{data.counted()} Hand labels shaded blue; mark model rows in "
        f"'{VERDICT_COLUMN}' (confirm, correct, reject) for `stances import-corrections`.",
        header_row=TABLE_HEADER_ROW,
        shaded=table["source"] == "human",
        fill=HUMAN_FILL,
        max_width=TEXT_WIDTH,
    )
    book = data.codebook
    first = {"issue": TABLE_HEADER_ROW + 1}  # rows of the Codebook sheet
    first["group"] = first["issue"] + len(book.issues)
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
    rows = f"{TABLE_HEADER_ROW + 1}:{TABLE_HEADER_ROW + max(len(table), 1)}"
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
        start, end = rows.split(":")
        check.add(f"{column}{start}:{column}{end}")
        sheet.data_validations.append(check)


def statements_title(data: WorkbookData) -> str:
    """The Statements sheet's first row: which statements, and how many of how many."""
    title = "Statements counted in the matrix"
    if data.statements_total is None or data.statements_total <= len(data.statements):
        return title
    where = data.statements_file.name if data.statements_file else "a Parquet file"
    return (
        f"{title}: the {len(data.statements):,} most confident of {data.statements_total:,} "
        f"(all {data.statements_total:,} in {where}, beside this workbook)"
    )


_CELL_FIELDS = ("position", "label", "human", "model", "model_confidence")
