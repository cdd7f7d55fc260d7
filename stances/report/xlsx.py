"""Sheet craft for the workbook: text cells, colours, title rows, page setup that prints
one page wide, column widths that fit, and comment boxes sized to their text."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

OPPOSE_RGB, NEUTRAL_RGB, SUPPORT_RGB = (0xD7, 0x30, 0x27), (0xF7, 0xF7, 0xF7), (0x1A, 0x98, 0x50)
WHITE_RGB = (0xFF, 0xFF, 0xFF)
MIXED_FILL = PatternFill("lightUp", fgColor="FDB863", bgColor="FFFFFF")
EMPTY_FILL = PatternFill("solid", fgColor="E0E0E0")
HUMAN_FILL = PatternFill("solid", fgColor="E8F0FE")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, size=9, color="555555")
MODEL_ONLY_FONT = Font(italic=True, color="555555")
MODEL_ONLY_BORDER = Border(*(Side(style="dashed", color="808080") for _ in range(4)))
MODEL_ONLY_LIGHTEN = 0.6  # share of white mixed into a model-only cell's colour
COMMENT_CHARS_PER_LINE = 70
COMMENT_PX_PER_CHAR, COMMENT_PX_PER_LINE, COMMENT_PADDING = 7, 15, 24


def position_colour(position: float, lighten: float = 0.0) -> str:
    """Diverging colour: red for -1, near white for 0, green for +1 (hex RRGGBB);
    `lighten` mixes in that share of white.

    >>> position_colour(-1.0), position_colour(1.0), position_colour(1.0, lighten=1.0)
    ('D73027', '1A9850', 'FFFFFF')
    """
    end = SUPPORT_RGB if position > 0 else OPPOSE_RGB
    share = min(abs(position), 1.0)
    rgb = [n + (e - n) * share for n, e in zip(NEUTRAL_RGB, end, strict=True)]
    rgb = [c + (w - c) * lighten for c, w in zip(rgb, WHITE_RGB, strict=True)]
    return "".join(f"{round(c):02X}" for c in rgb)


def clean(text: str) -> str:
    """Text without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def set_text(sheet: Worksheet, row: int, column: int, value: object):
    """Write a value; text is always a text cell, never a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        cell.value = None
    else:
        cell.value = value.item() if hasattr(value, "item") else value
    return cell


def title_rows(sheet: Worksheet, title: str, subtitle: str = "") -> None:
    """Row 1: the sheet's title; row 2: what it rests on (never wrapped: they run right)."""
    set_text(sheet, 1, 1, title).font = TITLE_FONT
    if subtitle:
        set_text(sheet, 2, 1, subtitle).font = NOTE_FONT


def set_page(sheet: Worksheet, *, header_rows: str | None = None) -> None:
    """Landscape, one page wide (as many tall as needed), the header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    if header_rows:
        sheet.print_title_rows = header_rows


def fit_columns(
    sheet: Worksheet,
    *,
    from_row: int = 1,
    to_row: int | None = None,
    minimum: float = 8,
    maximum: float = 60,
) -> None:
    """Each column as wide as its longest line in rows `from_row` to `to_row` (the last
    when None), within the bounds; cells longer than the maximum wrap."""
    widths: dict[int, float] = {}
    for row in sheet.iter_rows(min_row=from_row, max_row=to_row):
        for cell in row:
            if cell.value is None:
                continue
            longest = max(len(line) for line in str(cell.value).split("\n"))
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
            if longest > maximum:
                cell.alignment = Alignment(
                    wrap_text=True,
                    vertical="top",
                    horizontal=cell.alignment.horizontal,
                )
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, minimum), maximum
        )


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis.

    >>> shorten("Moscow rejects any limit on its drills", 20)
    'Moscow rejects any…'
    >>> shorten("short", 20)
    'short'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def sized_comment(text: str) -> Comment:
    """A comment whose box fits its text: wide enough for its lines (up to
    `COMMENT_CHARS_PER_LINE` characters) and tall enough for all of them."""
    text = clean(text)
    lines = [
        wrapped
        for paragraph in text.split("\n")
        for wrapped in (textwrap.wrap(paragraph, COMMENT_CHARS_PER_LINE) or [""])
    ]
    chars = max((len(line) for line in lines), default=1)
    width = chars * COMMENT_PX_PER_CHAR + COMMENT_PADDING
    height = math.ceil(len(lines) * COMMENT_PX_PER_LINE + COMMENT_PADDING)
    return Comment(text, "stances", width=width, height=height)
