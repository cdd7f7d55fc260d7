"""CSV and Parquet by suffix; CSV text protected against formula injection."""

import pandas as pd
import pytest

from stances.errors import OutputError
from stances.io.tables import write_table

TABLE = pd.DataFrame({"text": ["=1+1", "@SUM(A1)", "plain"], "position": [-1, 0, 1]})


def test_csv_text_that_looks_like_a_formula_is_protected(tmp_path):
    path = write_table(TABLE, tmp_path / "t.csv")
    back = pd.read_csv(path)
    assert list(back["text"]) == ["'=1+1", "'@SUM(A1)", "plain"]
    assert list(back["position"]) == [-1, 0, 1]


def test_protection_can_be_turned_off_for_machines(tmp_path):
    path = write_table(TABLE, tmp_path / "t.csv", protect=False)
    assert list(pd.read_csv(path)["text"]) == ["=1+1", "@SUM(A1)", "plain"]


def test_parquet_keeps_the_table_as_it_is(tmp_path):
    path = write_table(TABLE, tmp_path / "t.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(path), TABLE, check_dtype=False)


def test_another_suffix_is_refused(tmp_path):
    with pytest.raises(OutputError, match=r"name the file \.csv or \.parquet"):
        write_table(TABLE, tmp_path / "t.xlsx")
