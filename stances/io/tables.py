"""Writing tables for other tools: CSV or Parquet by suffix, atomically, injection-safe."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stances.errors import OutputError
from stances.io.atomic import atomic_path, check_output_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_text(value: object) -> object:
    """Prefix a text that a spreadsheet would run as a formula with `'` (OWASP advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text column protected; numeric columns stay as they are."""
    table = table.copy()
    for column in table.columns:
        if pd.api.types.is_object_dtype(table[column]) or pd.api.types.is_string_dtype(
            table[column]
        ):
            table[column] = table[column].map(protect_text)
    return table


def check_table_path(path: Path | str) -> Path:
    """Raise `OutputError` now if a table could not be written to `path` later."""
    path = Path(path)
    if path.suffix.lower() not in {".csv", ".parquet"}:
        raise OutputError("unknown table format; name the file .csv or .parquet", path=path)
    return check_output_path(path)


def write_table(table: pd.DataFrame, path: Path | str, *, protect: bool = True) -> Path:
    """Write `table` to `.csv` or `.parquet` (by suffix) atomically.

    Text cells that look like formulas are protected for spreadsheets unless
    `protect=False` (for machine consumers).
    """
    path = check_table_path(path)
    suffix = path.suffix.lower()
    out = protect_frame(table) if protect and suffix == ".csv" else table
    with atomic_path(path) as temporary:
        if suffix == ".csv":
            out.to_csv(temporary, index=False)
        else:
            out.to_parquet(temporary, index=False)
    return path
