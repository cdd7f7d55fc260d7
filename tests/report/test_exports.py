"""The matrix for other tools: the long table, the CSV files, the outputs checked first."""

import datetime as dt

import pandas as pd
import pytest

from stances.errors import OutputError
from stances.project.corpus import Article, Corpus
from stances.report.compare import compare_articles
from stances.report.exports import check_report_outputs, long_format, write_extras
from stances.report.matrix import build_matrix
from tests.conftest import statements_table as statements

TABLE = statements(
    ("a", "x", "east", "missiles", 1),
    ("b", "x", "east", "missiles", -1),
    ("b", "y", "west", "exercises", 1),
)
CORPUS = Corpus(
    None,
    {
        "a": Article("a", "", date=dt.date(2022, 1, 1)),
        "b": Article("b", "", date=dt.date(2022, 1, 2)),
    },
)
MATRIX = build_matrix(TABLE)
COMPARISON = compare_articles(TABLE, CORPUS)


def test_the_long_table_has_the_whole_corpus_then_each_article_and_no_empty_cell():
    long = long_format(MATRIX, COMPARISON, ["a", "b"])
    assert list(long.columns) == [
        "article",
        "group",
        "issue",
        "position",
        "count",
        "label",
        "human",
        "model",
        "model_confidence",
    ]
    assert long[["article", "group", "issue", "count"]].values.tolist() == [
        ["ALL", "east", "missiles", 2],
        ["ALL", "west", "exercises", 1],
        ["a", "east", "missiles", 1],
        ["b", "east", "missiles", 1],
        ["b", "west", "exercises", 1],
    ]


def test_the_csv_files_are_written_into_a_new_folder(tmp_path):
    written = write_extras(
        MATRIX, COMPARISON, articles_ids=["a", "b"], csv_dir=tmp_path / "csv", png=None
    )
    assert [p.name for p in written] == ["matrix_long.csv", "comparison.csv"]
    assert len(pd.read_csv(written[0])) == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"out": "x.yaml"}, "must be a .xlsx file"),
        ({"out": "x.xlsx", "png": "x.jpg"}, "must be a .png file"),
        ({"out": "x.xlsx", "csv_dir": "file"}, "--csv takes a folder"),
    ],
)
def test_report_outputs_are_checked_before_any_work(tmp_path, kwargs, message):
    (tmp_path / "file").write_text("")
    paths = {key: tmp_path / value for key, value in kwargs.items()}
    with pytest.raises(OutputError, match=message):
        check_report_outputs(paths.pop("out"), **paths)
