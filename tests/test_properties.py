"""Invariants that hold for any input (hypothesis)."""

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.report.matrix import build_matrix
from stances.tag.suggestions import (
    SUGGESTION_COLUMNS,
    load_suggestions,
    suggestion_documents,
    write_documents,
    write_suggestions,
)
from stances.text.sentences import split_sentences
from tests.test_matrix import statements

news_text = st.lists(
    st.sampled_from([*list("abc XYZ.,!?“”\"'’–-\n\t0123456789é"), "U.S. ", "Jan. ", "Mr. "]),
    max_size=120,
).map("".join)


@given(st.one_of(news_text, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_sentence_offsets_are_ordered_disjoint_and_round_trip(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())


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


hostile_text = st.one_of(
    st.text(max_size=250),
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "true",
            "1",
            "-1",
            "0x1F",
            "1e3",
            "2022-01-01",
            ".inf",
            "=SUM(A1:A9)",
            "-@cmd",
            "@here",
            "- item",
            "key: value",
            "a # not a comment",
            '"quoted"',
            "'single'",
            "line one\nline two",
            "\n---\n",
            "---",
            "...",
            "  padded  ",
            "tab\there",
            "&anchor *alias",
            "!tag",
            "%YAML 1.1",
            "Zoë «Ёлка» 😀",
            "\u2028\u2029\x85",
            "\r\nwindows\r",
        ]
    ),
)
suggestion_rows = st.lists(
    st.tuples(
        hostile_text.filter(str.strip),  # article id
        hostile_text,  # text (the quote)
        hostile_text,  # speaker
        hostile_text,  # issue
        st.sampled_from([-1, 0, 1]),
        st.floats(0, 1),
        hostile_text,  # reason
    ),
    min_size=1,
    max_size=6,
)


@given(suggestion_rows)
@settings(max_examples=200, deadline=None)
def test_suggestion_stubs_load_back_as_the_records_written(rows):
    table = pd.DataFrame(
        [
            (article, 0, 0, len(text), text, speaker, "group", issue, position, p, 1 - p, why)
            for article, text, speaker, issue, position, p, why in rows
        ],
        columns=SUGGESTION_COLUMNS,
    )
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.yaml", Path(folder) / "second.yaml"
        write_suggestions(table, first)
        loaded = load_suggestions(first)
        assert loaded == suggestion_documents(table)
        write_documents(loaded, second)
        assert load_suggestions(second) == loaded
