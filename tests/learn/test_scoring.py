"""Scoring tagged statements against hand labels, by statement, actor, issue and cell."""

import pandas as pd
import pytest

from stances.learn.scoring import cell_signs, reliability_table, score_statements

COLUMNS = ["article", "sentence", "group", "issue", "position"]


def table(rows, confidence=None):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["text"] = "a sentence"
    if confidence is not None:
        frame["confidence"] = confidence
    return frame


HAND = table([("a", 1, "east", "missiles", -1), ("a", 2, "west", "missiles", 1)])


def test_a_row_matches_only_when_sentence_group_issue_and_position_agree():
    tagged = table([("a", 1, "east", "missiles", -1), ("a", 2, "west", "missiles", -1)])
    scores = score_statements(tagged, HAND, system="model")
    assert (scores.statement.true_positives, scores.statement.precision) == (1, 0.5)
    assert scores.actor.f1 == 1.0 and scores.issue.f1 == 1.0


def test_a_row_given_to_a_mentioned_actor_is_an_actor_error():
    tagged = table([("a", 1, "west", "missiles", -1)])
    scores = score_statements(tagged, HAND, system="model")
    assert scores.actor.true_positives == 0
    assert scores.issue.true_positives == 1
    assert scores.statement.recall == 0.0


def test_cells_carry_the_sign_of_their_mean_position():
    cells = cell_signs(
        table(
            [
                ("a", 1, "east", "missiles", -1),
                ("a", 3, "east", "missiles", 1),
                ("a", 4, "east", "missiles", 1),
            ]
        )
    )
    assert cells.to_dict("records") == [
        {"article": "a", "group": "east", "issue": "missiles", "sign": 1}
    ]


def test_errors_list_false_rows_and_missed_statements_with_the_other_side():
    tagged = table([("a", 2, "west", "missiles", -1)])
    errors = score_statements(tagged, HAND, system="model").errors
    assert sorted(errors["kind"]) == ["false", "missed", "missed"]
    false = errors[errors["kind"] == "false"].iloc[0]
    assert false["other_side"] == "west +1"


def test_precision_per_confidence_bin():
    tagged = table(
        [("a", 1, "east", "missiles", -1), ("a", 2, "west", "missiles", -1)],
        confidence=[0.9, 0.3],
    )
    bins = reliability_table(tagged, HAND).set_index("rows")
    assert bins.loc[1, "precision"].tolist() == pytest.approx([0.0, 1.0])
