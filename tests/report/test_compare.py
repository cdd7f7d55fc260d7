"""Comparing articles: agreement kinds, per-article matrices in date order, two sets."""

import datetime as dt

from stances.project.corpus import Article, Corpus
from stances.report.compare import agreement, articles_by_date, compare_articles, compare_sets
from stances.report.matrix import NO_STATEMENT
from tests.conftest import statements_table as statements


def test_agreement_kinds():
    assert agreement(["support", "support"], [1.0, 1.0]) == "agree"
    assert agreement(["support", "support"], [1.0, 0.2]) == "differ in strength"
    assert agreement(["support", "oppose"], [1.0, -1.0]) == "contradict"
    assert agreement(["support", NO_STATEMENT], [1.0, float("nan")]) == "one article"


def test_the_comparison_flags_a_contradiction_between_articles_in_date_order():
    corpus = Corpus(
        None,
        {
            "late": Article("late", "", date=dt.date(2022, 1, 14)),
            "early": Article("early", "", date=dt.date(2022, 1, 10)),
        },
    )
    table = statements(
        ("late", "x", "east", "missiles", -1),
        ("early", "x", "east", "missiles", 1),
        ("early", "y", "west", "missiles", 1),
        ("late", "y", "west", "missiles", 1),
    )
    comparison = compare_articles(table, corpus)
    assert [c.split(":")[0] for c in comparison.columns if c.endswith(":label")] == [
        "early",
        "late",
    ]
    rows = comparison.set_index(["actor", "issue"])["agreement"]
    assert rows[("east", "missiles")] == "contradict"
    assert rows[("west", "missiles")] == "agree"
    differences = compare_sets(table, ["early"], ["late"])
    assert list(differences["actor"]) == ["east"]


def test_undated_articles_come_last():
    corpus = Corpus(None, {"b": Article("b", ""), "a": Article("a", "", date=dt.date(2022, 1, 10))})
    assert articles_by_date(corpus, ["b", "a", "z"]) == ["a", "b", "z"]


def test_two_sets_agreeing_everywhere_have_no_differences():
    table = statements(("a", "x", "east", "missiles", 1), ("b", "x", "east", "missiles", 1))
    assert compare_sets(table, ["a"], ["b"]).empty


def test_comparison_by_speaker():
    table = statements(("a", "x", "east", "missiles", 1), ("b", "x", "east", "missiles", -1))
    differences = compare_sets(table, ["a"], ["b"], by="speaker")
    assert list(differences["actor"]) == ["x"]
