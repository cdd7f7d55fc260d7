"""Agreement per task, checked against figures computed by hand on a tiny fixture."""

import math

import pandas as pd
import pytest

from stances.report.reliability import DISAGREEMENT_COLUMNS, agreement

SENTENCES = pd.DataFrame(
    {"article": ["a"] * 6, "sentence": range(6), "text": [f"Sentence {n}." for n in range(6)]}
)
COLUMNS = ["coder", "article", "sentence", "issue", "group", "position", "quote"]
# Two coders, six sentences, two issues:
#   sentence 0: both i1 east +1          sentence 3: only B, i2 west +1
#   sentence 1: i1, A west -1, B east -1  sentence 4: both i1 west, A +1, B 0
#   sentence 2: only A, i2 east 0         sentence 5: both i2 east -1
STATEMENTS = pd.DataFrame(
    [
        (coder, "a", sentence, issue, group, position, f"Sentence {sentence}.")
        for coder, rows in {
            "reconciled": [
                (0, "i1", "east", 1),
                (1, "i1", "west", -1),
                (2, "i2", "east", 0),
                (4, "i1", "west", 1),
                (5, "i2", "east", -1),
            ],
            "second": [
                (0, "i1", "east", 1),
                (1, "i1", "east", -1),
                (3, "i2", "west", 1),
                (4, "i1", "west", 0),
                (5, "i2", "east", -1),
            ],
        }.items()
        for sentence, issue, group, position in rows
    ],
    columns=COLUMNS,
)


@pytest.fixture(scope="module")
def result():
    return agreement(STATEMENTS, SENTENCES, ["i1", "i2"])


def figure(result, task, name):
    return result.figures.set_index("task").loc[task, name]


def test_issue_figures_match_the_hand_computed_ones(result):
    # 12 sentence × issue units; 6 marked by someone, agreed on 4; 10 of 12 equal,
    # each coder says yes on 5: kappa = (10/12 - 74/144) / (1 - 74/144) = 23/35;
    # alpha (nominal): Do = 4/24, De = 2·10·14/(24·23): 1 - Do/De = 47/70
    assert figure(result, "issue", "units") == 6
    assert figure(result, "issue", "agreement") == pytest.approx(4 / 6)
    assert figure(result, "issue", "kappa") == pytest.approx(23 / 35)
    assert figure(result, "issue", "alpha") == pytest.approx(47 / 70)


def test_group_figures_match_the_hand_computed_ones(result):
    # units both marked: 0 (east/east), 1 (west/east), 4 (west/west), 5 (east/east);
    # kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2; alpha: Do = 2/8, De = 2·5·3/(8·7): 8/15
    assert figure(result, "group", "units") == 4
    assert figure(result, "group", "agreement") == 0.75
    assert figure(result, "group", "kappa") == pytest.approx(0.5)
    assert figure(result, "group", "alpha") == pytest.approx(8 / 15)


def test_position_figures_use_linear_weights_and_the_ordinal_alpha(result):
    # units both marked: (0, east) +1/+1, (4, west) +1/0, (5, east) -1/-1;
    # linear kappa = 1 - 1/3; ordinal alpha: Do = 8/6, De = 6: 1 - 2/9
    assert figure(result, "position", "units") == 3
    assert figure(result, "position", "agreement") == pytest.approx(2 / 3)
    assert figure(result, "position", "kappa") == pytest.approx(2 / 3)
    assert figure(result, "position", "alpha") == pytest.approx(7 / 9)
    assert list(result.figures["level"]) == ["nominal", "nominal", "ordinal"]


def test_the_disagreements_are_listed_with_their_quotes(result):
    table = result.disagreements
    assert list(table.columns) == DISAGREEMENT_COLUMNS
    assert table[["task", "sentence", "values", "quote"]].values.tolist() == [
        ["issue", 2, "reconciled=yes, second=no", "Sentence 2."],
        ["issue", 3, "reconciled=no, second=yes", "Sentence 3."],
        ["group", 1, "reconciled=west, second=east", "Sentence 1."],
        ["position", 4, "reconciled=+1, second=+0", "Sentence 4."],
    ]
    assert result.coders == ("reconciled", "second") and result.articles == ("a",)


def test_kappa_needs_exactly_two_coders():
    third = STATEMENTS[STATEMENTS["coder"] == "second"].assign(coder="third")
    result = agreement(pd.concat([STATEMENTS, third]), SENTENCES, ["i1", "i2"])
    assert result.coders == ("reconciled", "second", "third")
    assert result.figures["kappa"].map(math.isnan).all()
    assert not result.figures["alpha"].map(math.isnan).any()


def test_an_article_only_one_coder_labelled_is_left_out():
    one = STATEMENTS.assign(article=lambda t: t["article"].where(t["coder"] == "second", "b"))
    result = agreement(one, SENTENCES, ["i1", "i2"])
    assert result.articles == () and result.figures["units"].tolist() == [0, 0, 0]
