"""`suggest`: unlabelled sentences the model is unsure about, as annotation stubs."""

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.errors import OutputError
from stances.project.load import load_project
from stances.statements.suggestions import (
    SUGGESTION_COLUMNS,
    load_suggestions,
    suggest,
    suggestion_documents,
    write_documents,
    write_suggestions,
)
from tests.conftest import write

FOURTH = (
    "Fourth meeting\n\nSmith said Westland might discuss missile numbers later. "
    "Ivanov said drills and missiles were both on the table.\n"
)


@pytest.fixture
def with_new_article(trained, tmp_path):
    """The trained project, tagging its three articles and a fourth, unlabelled one."""
    project, result = trained
    source = project.sources[0].where
    folder = tmp_path / "corpus"
    for article in project.corpus:
        write(folder / f"{article.id}.txt", article.text)
    write(folder / "t4.txt", FOURTH)
    loaded = load_project(folder, [source], codebook=source.labels / "codebook.yaml")
    return loaded, result.model


def test_suggestions_skip_labelled_sentences_and_are_sorted_by_uncertainty(with_new_article):
    table = suggest(*with_new_article, n=5)
    assert list(table.columns) == SUGGESTION_COLUMNS and 0 < len(table) <= 5
    assert list(table["uncertainty"]) == sorted(table["uncertainty"], reverse=True)
    labelled = {"Ivanov said Eastland rejects any limit on its missiles."}
    assert not labelled & set(table["text"])
    assert "t4" in set(table["article"])


def test_stubs_round_trip_and_quote_the_article_exactly(with_new_article, tmp_path):
    project, model = with_new_article
    table = suggest(project, model, n=5)
    path = write_suggestions(table, tmp_path / "next.yaml")
    documents = load_suggestions(path)
    quotes = [s["quote"] for d in documents for s in d["statements"]]
    assert quotes == list(table.sort_values("article", kind="stable")["text"])
    for document in documents:
        text = project.corpus[document["article"]].text
        assert all(s["quote"] in text for s in document["statements"])


def test_an_existing_file_is_never_overwritten(with_new_article, tmp_path):
    target = write(tmp_path / "t1.yaml", "article: t1\n")
    before = target.read_bytes()
    with pytest.raises(OutputError, match="never overwrites"):
        write_suggestions(suggest(*with_new_article, n=2), target)
    assert target.read_bytes() == before


hostile_text = st.one_of(
    st.text(max_size=250),
    st.sampled_from(
        [
            *["yes", "no", "null", "~", "true", "1", "-1", "0x1F", "1e3", "2022-01-01", ".inf"],
            *["=SUM(A1:A9)", "-@cmd", "@here", "- item", "key: value", "a # not a comment"],
            *['"quoted"', "'single'", "line one\nline two", "\n---\n", "---", "...", "  padded  "],
            *["tab\there", "&anchor *alias", "!tag", "%YAML 1.1", "Zoë «Ёлка» 😀"],
            *["\u2028\u2029\x85", "\r\nwindows\r"],
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
