"""Large sheets in openpyxl's write-only mode: a table streamed row by row, and the small
sheets, built as usual, copied into the write-only book.

openpyxl cannot mix write-only and ordinary sheets in one workbook; an ordinary sheet
keeps every cell in memory (about half a kilobyte each) and its writer sorts them
all. So the small sheets (matrix, comparison, codebook, model) are built in an
ordinary workbook, where their code may go back to a cell, and replayed, cell by cell
with styles and comments, into the write-only book that streams the large table.
"""

from __future__ import annotations

from copy import copy

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from stances.report.xlsx import HEADER_FONT, NOTE_FONT, TITLE_FONT, set_page

_SHEET_SETTINGS = (
    "freeze_panes",
    "print_title_rows",
    "print_options",
    "page_margins",
    "sheet_properties",
)


def copy_sheet(source: Worksheet, target) -> None:
    """Replay an ordinary sheet into an empty write-only sheet: values, styles, comments,
    column widths, row heights, panes, filter, validations and page setup."""
    for key, dimension in source.column_dimensions.items():
        if dimension.width:
            target.column_dimensions[key].width = dimension.width
    for key, dimension in source.row_dimensions.items():
        if dimension.height:
            target.row_dimensions[key].height = dimension.height
    for name in _SHEET_SETTINGS:
        value = getattr(source, name)
        if value:
            setattr(target, name, copy(value))
    for name in ("orientation", "paperSize", "fitToWidth", "fitToHeight"):
        setattr(target.page_setup, name, getattr(source.page_setup, name))
    target.auto_filter.ref = source.auto_filter.ref
    for validation in source.data_validations.dataValidation:
        target.data_validations.append(copy(validation))
    styles: dict[tuple, object] = {}
    for row in source.iter_rows():
        target.append([_copy_cell(cell, target, styles) for cell in row])


def _copy_cell(cell, target, styles: dict):
    """The cell for the write-only sheet; `styles` maps each source style to its style
    in the target book, so each style is looked up in the book once, not per cell."""
    if not cell.has_style and cell.comment is None and cell.data_type != "s":
        return cell.value
    copied = WriteOnlyCell(target, value=cell.value)
    copied.data_type = cell.data_type
    if cell.has_style:
        key = tuple(cell._style)
        if key not in styles:
            for name in ("font", "fill", "border", "alignment", "protection"):
                setattr(copied, name, copy(getattr(cell, name)))
            copied.number_format = cell.number_format
            styles[key] = copy(copied._style)
        copied._style = copy(styles[key])
    if cell.comment is not None:
        note = cell.comment
        copied.comment = Comment(note.text, note.author, width=note.width, height=note.height)
    return copied


def stream_table(
    sheet,
    table: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    header_row: int,
    shaded: pd.Series | None = None,
    fill=None,
    max_width: float = 80,
) -> None:
    """A table under a title, streamed into a write-only sheet: column widths fitted to
    the content first (a write-only sheet takes them before any row), text always text
    (never a formula), rows where `shaded` is true filled with `fill`, an autofilter."""
    table = _clean_text(table)
    widths = _column_widths(table, max_width)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # a write-only sheet writes its panes and page properties before the first row
    sheet.freeze_panes = f"A{header_row + 1}"
    set_page(sheet, header_rows=f"{header_row}:{header_row}")
    sheet.append([_styled(sheet, title, TITLE_FONT)])
    sheet.append([_styled(sheet, subtitle, NOTE_FONT)] if subtitle else [])
    for _ in range(3, header_row):
        sheet.append([])
    sheet.append([_styled(sheet, str(name), HEADER_FONT) for name in table.columns])
    shaded_rows = shaded.to_numpy() if shaded is not None else [False] * len(table)
    styles: dict[tuple[bool, bool], object] = {}
    for row, filled in zip(table.itertuples(index=False, name=None), shaded_rows, strict=True):
        row_fill = fill if filled else None
        sheet.append([_cell(sheet, value, row_fill, max_width, styles) for value in row])
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(table)}"


def _clean_text(table: pd.DataFrame) -> pd.DataFrame:
    """The text columns without the control characters a workbook cannot hold."""
    text = [c for c in table.columns if table[c].dtype == object]
    cleaned = {
        c: table[c].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
        for c in text
    }
    return table.assign(**cleaned) if cleaned else table


def _column_widths(table: pd.DataFrame, maximum: float, minimum: float = 8) -> list[float]:
    """Each column as wide as its header or longest line, within the bounds."""
    widths = []
    for name in table.columns:
        values = table[name].dropna().astype(str)
        if values.str.contains("\n", regex=False).any():
            longest = values.str.split("\n").map(lambda lines: max(map(len, lines))).max()
        else:
            longest = values.str.len().max()
        longest = max(len(str(name)), 0 if pd.isna(longest) else int(longest))
        widths.append(min(max(longest + 2, minimum), maximum))
    return widths


WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(sheet, value, fill, max_width: float, styles: dict):
    """A value as a write-only row takes it: a plain value where it can be, else a cell
    that is text (never a formula), wraps past `max_width` or has the row's fill.
    `styles` keeps each (wrap, fill) style once looked up in the book."""
    wrap = False
    if isinstance(value, str):
        wrap = len(value) > max_width and max(map(len, value.split("\n"))) > max_width
        if fill is None and not wrap and not value.startswith("="):
            return value
        cell = _text_cell(sheet, value)
    else:
        if value is None or (isinstance(value, float) and value != value):
            value = None
        value = value.item() if hasattr(value, "item") else value
        if fill is None:
            return value
        cell = WriteOnlyCell(sheet, value=value)
    key = (wrap, fill is not None)
    if key not in styles:
        if wrap:
            cell.alignment = WRAP
        if fill is not None:
            cell.fill = fill
        styles[key] = copy(cell._style)
    cell._style = copy(styles[key])
    return cell


def _text_cell(sheet, value: str):
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _styled(sheet, value: str, font):
    cell = _text_cell(sheet, value)
    cell.font = font
    return cell
