"""Aggregation rules of the matrix, on hand-made tables; row kinds and sources."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.project.codebook import load_codebook
from stances.project.corpus import Article, Corpus
from stances.report.matrix import (
    NO_STATEMENT,
    RowKind,
    Source,
    actor_order,
    build_matrix,
    select_statements,
)
from tests.conftest import SHIPPED_CODEBOOK, statements_table

statements = statements_table


def cell(matrix: pd.DataFrame, actor: str, issue: str) -> dict:
    return matrix[(matrix["actor"] == actor) & (matrix["issue"] == issue)].iloc[0].to_dict()


def test_a_cell_holds_the_mean_position_and_the_count():
    table = statements(
        ("a", "x", "east", "missiles", 1),
        ("a", "y", "east", "missiles", 1),
        ("b", "x", "east", "missiles", 0),
    )
    result = cell(build_matrix(table), "east", "missiles")
    assert (result["count"], result["position"], result["label"]) == (3, 2 / 3, "support")


def test_support_and_oppose_beyond_the_threshold_is_mixed_not_averaged_away():
    table = statements(
        ("a", "x", "east", "missiles", 1),
        ("a", "y", "east", "missiles", -1),
        ("a", "z", "east", "missiles", 1),
    )
    assert cell(build_matrix(table), "east", "missiles")["label"] == "mixed"


def test_a_lone_dissent_below_the_threshold_is_not_mixed():
    rows = [("a", "x", "east", "missiles", -1)] * 5 + [("a", "y", "east", "missiles", 1)]
    assert cell(build_matrix(statements(*rows)), "east", "missiles")["label"] == "oppose"


def test_only_neutral_statements_are_neutral():
    table = statements(("a", "x", "east", "missiles", 0))
    assert cell(build_matrix(table), "east", "missiles")["label"] == "neutral"


def test_empty_cells_are_kept_and_say_no_statement():
    table = statements(("a", "x", "east", "missiles", 1))
    matrix = build_matrix(table, issues=["missiles", "exercises"], actors=["east", "west"])
    assert len(matrix) == 4
    empty = cell(matrix, "west", "exercises")
    assert (empty["count"], empty["label"]) == (0, NO_STATEMENT)
    assert pd.isna(empty["position"])


def test_the_matrix_can_be_built_by_speaker():
    table = statements(("a", "x", "east", "missiles", 1), ("a", "y", "east", "missiles", -1))
    matrix = build_matrix(table, by="speaker")
    assert set(matrix["actor"]) == {"x", "y"}


def test_statements_are_selected_by_source_confidence_and_article():
    table = statements(
        ("a", "x", "east", "missiles", 1, 0.9, "model"),
        ("a", "y", "east", "missiles", 1, 0.2, "model"),
        ("b", "z", "west", "missiles", -1, 1.0, "human"),
    )
    assert len(select_statements(table, min_confidence=0.5)) == 2
    assert list(select_statements(table, sources=["human"])["speaker"]) == ["z"]
    assert list(select_statements(table, articles=["b"])["speaker"]) == ["z"]


def test_statements_are_selected_by_date_range():
    corpus = Corpus(
        None,
        {
            "a": Article("a", "", date=dt.date(2022, 1, 10)),
            "b": Article("b", "", date=dt.date(2022, 1, 14)),
        },
    )
    table = statements(("a", "x", "east", "missiles", 1), ("b", "y", "east", "missiles", 1))
    chosen = select_statements(table, corpus=corpus, date_from=dt.date(2022, 1, 12))
    assert list(chosen["article"]) == ["b"]


def test_a_row_kind_outside_the_choices_is_refused():
    with pytest.raises(ValueError, match="'actor' is not a valid RowKind"):
        build_matrix(statements(("a", "x", "east", "missiles", 1)), by="actor")


def test_each_source_choice_keeps_its_statements():
    assert Source.both.sources == ("human", "model")
    assert Source("human").sources == ("human",)
    table = statements(
        ("a", "x", "east", "missiles", 1, 0.9, "model"), ("a", "y", "east", "missiles", 1)
    )
    assert len(select_statements(table, sources=Source.model.sources)) == 1


def test_rows_follow_the_codebook_then_anything_else_found():
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(
        ("a", "new:x", "unplaced", "missiles", 1),
        ("a", "lavrov", "russia", "missiles", 1),
        ("a", "blinken", "united_states", "missiles", 1),
    )
    assert actor_order(codebook, table, RowKind.group) == ["russia", "united_states", "unplaced"]
    assert actor_order(codebook, table, "speaker") == ["lavrov", "blinken", "new:x"]


rows = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["x", "y"]),
        st.sampled_from(["east", "west"]),
        st.sampled_from(["missiles", "exercises"]),
        st.sampled_from([-1, 0, 1]),
    ),
    max_size=30,
)


@given(rows)
@settings(max_examples=100, deadline=None)
def test_the_matrix_of_a_table_is_the_sum_of_the_matrices_of_its_articles(table_rows):
    table = statements(*table_rows)
    grid = dict(issues=["missiles", "exercises"], actors=["east", "west"])
    whole = build_matrix(table, **grid).set_index(["actor", "issue"])
    additive = ["count", "support", "oppose", "neutral", "position_sum"]
    parts = [
        build_matrix(part, **grid).set_index(["actor", "issue"])[additive]
        for _, part in table.groupby("article")
    ]
    total = sum(parts) if parts else whole[additive] * 0
    pd.testing.assert_frame_equal(whole[additive], total, check_dtype=False)
