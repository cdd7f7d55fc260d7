"""The plain sheets of the workbook: a table (statements, speakers to review), the
codebook and the model's cross-validation figures."""

from __future__ import annotations

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from stances.learn.figures import Figures
from stances.project.codebook import Codebook
from stances.report.xlsx import (
    HEADER_FONT,
    HUMAN_FILL,
    fit_columns,
    set_page,
    set_text,
    title_rows,
)

TABLE_HEADER_ROW = 3
TEXT_WIDTH = 80


def table_sheet(
    sheet: Worksheet,
    table: pd.DataFrame,
    *,
    title: str,
    subtitle: str = "",
    human_rows: bool = False,
) -> None:
    """A table under a title: one header row, hand-labelled rows shaded, an autofilter."""
    title_rows(sheet, title, subtitle)
    top = TABLE_HEADER_ROW
    for column, name in enumerate(table.columns, start=1):
        set_text(sheet, top, column, str(name)).font = HEADER_FONT
    source_column = list(table.columns).index("source") if "source" in table else None
    for row_index, row in enumerate(table.itertuples(index=False), start=top + 1):
        human = human_rows and source_column is not None and row[source_column] == "human"
        for column, value in enumerate(row, start=1):
            cell = set_text(sheet, row_index, column, value)
            if human:
                cell.fill = HUMAN_FILL
    fit_columns(sheet, from_row=top, maximum=TEXT_WIDTH)
    sheet.freeze_panes = f"A{top + 1}"
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A{top}:{last}{top + len(table)}"
    set_page(sheet, header_rows=f"{top}:{top}")


def codebook_sheet(sheet: Worksheet, codebook: Codebook) -> None:
    """Issues with their propositions, groups, speakers with their aliases."""
    title_rows(sheet, "Codebook", "Issues, actor groups and the speaker registry.")
    top = TABLE_HEADER_ROW
    rows = [("kind", "id", "label / name", "proposition / group", "terms / aliases")]
    rows += [("issue", i.id, i.label, i.proposition, ", ".join(i.terms)) for i in codebook.issues]
    rows += [("group", g.id, g.label, "", "") for g in codebook.groups]
    rows += [("speaker", s.id, s.name, s.group, ", ".join(s.aliases)) for s in codebook.speakers]
    for row_index, row in enumerate(rows, start=top):
        for column, value in enumerate(row, start=1):
            cell = set_text(sheet, row_index, column, value)
            if row_index == top:
                cell.font = HEADER_FONT
    fit_columns(sheet, from_row=top, maximum=60)
    sheet.freeze_panes = f"A{top + 1}"
    set_page(sheet, header_rows=f"{top}:{top}")


def model_sheet(sheet: Worksheet, figures: Figures | None) -> None:
    """The leave-one-article-out figures beside the baselines, and the training data size."""
    title_rows(sheet, "Leave-one-article-out cross-validation")
    set_page(sheet)
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
    fit_columns(sheet, from_row=2, minimum=10)
