"""Aggregation rules and the comparison across articles, on hand-made tables."""

import datetime as dt

import pandas as pd

from stances.project.corpus import Article, Corpus
from stances.report.compare import agreement, compare_articles, compare_sets
from stances.report.matrix import NO_STATEMENT, build_matrix, select_statements
from stances.tag.statements import STATEMENT_COLUMNS


def statements(*rows) -> pd.DataFrame:
    """Rows of (article, speaker, group, issue, position[, confidence, source])."""
    records = []
    for index, row in enumerate(rows):
        article, speaker, group, issue, position, *rest = row
        confidence, source = rest if rest else (1.0, "human")
        records.append(
            {
                "article": article,
                "sentence": index,
                "start": index * 10,
                "end": index * 10 + 5,
                "text": f"quote {index}",
                "speaker": speaker,
                "group": group,
                "issue": issue,
                "position": position,
                "confidence": confidence,
                "source": source,
            }
        )
    return pd.DataFrame(records, columns=STATEMENT_COLUMNS)


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
