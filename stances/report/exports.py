"""The matrix for other tools: CSV files (long matrix, comparison) and the heatmap."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stances.errors import OutputError
from stances.io.atomic import check_output_folder, check_output_path
from stances.io.tables import write_table

LONG_FIELDS = ["position", "count", "label", "human", "model", "model_confidence"]


def check_report_outputs(
    out: Path | str, *, csv_dir: Path | str | None = None, png: Path | str | None = None
) -> None:
    """Refuse now a workbook, heatmap or CSV folder that could not be written at the end."""
    check_output_path(out, suffix=".xlsx")
    if png is not None:
        check_output_path(png, suffix=".png")
    if csv_dir is not None:
        check_output_folder(csv_dir, option="--csv")


def long_format(
    matrix: pd.DataFrame, comparison: pd.DataFrame, articles_ids: list[str]
) -> pd.DataFrame:
    """Matrix and per-article cells as one long table: article, group, issue, position,
    count, label, and the evidence: human, model, model_confidence (article `ALL` for the
    whole corpus)."""
    rows = [matrix.assign(article="ALL")[["article", "actor", "issue", *LONG_FIELDS]]]
    for article in articles_ids:
        if f"{article}:count" in comparison:
            rows.append(
                pd.DataFrame(
                    {
                        "article": article,
                        "actor": comparison["actor"],
                        "issue": comparison["issue"],
                    }
                    | {field: comparison[f"{article}:{field}"] for field in LONG_FIELDS}
                )
            )
    table = pd.concat(rows, ignore_index=True).rename(columns={"actor": "group"})
    return table[table["count"] > 0].reset_index(drop=True)


def write_extras(
    matrix: pd.DataFrame,
    comparison: pd.DataFrame,
    *,
    articles_ids: list[str],
    csv_dir: Path | str | None,
    png: Path | str | None,
    heatmap: dict | None = None,
) -> list[Path]:
    """CSV files (long matrix, comparison) and the heatmap, when asked for; `heatmap`
    holds `draw_heatmap`'s keyword options (names, by, title, subtitle)."""
    written = []
    if csv_dir is not None:
        folder = Path(csv_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot create the folder: {error.strerror}", path=folder) from None
        written.append(
            write_table(long_format(matrix, comparison, articles_ids), folder / "matrix_long.csv")
        )
        written.append(write_table(comparison, folder / "comparison.csv"))
    if png is not None:
        from stances.report.plot import draw_heatmap

        written.append(draw_heatmap(matrix, png, **(heatmap or {})))
    return written
