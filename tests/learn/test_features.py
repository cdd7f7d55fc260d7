"""Codebook-term features: how issue terms are counted in a sentence."""

import pytest

from stances.learn.features import StatementCues, feature_frame, term_counts

TERMS = (
    ("enlargement", "NATO troops", "alliance's forces"),
    ("troops", "forces", "de-escalate"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops stay at the border.", [0, 1]),
        ("NATO troops must leave the Baltics.", [1, 0]),
        ("The alliance’s forces must go back.", [1, 0]),
        ("The alliance's forces must go back.", [1, 0]),
        ("nato TROOPS and Russian troops", [1, 1]),
        ("They refused to De-Escalate.", [0, 1]),
        ("Troopships and reinforcements", [0, 0]),
    ],
)
def test_terms_count_on_whole_words_and_the_longest_term_wins(text, expected):
    assert term_counts(TERMS, [text]).tolist() == [expected]


def test_a_term_shared_by_two_issues_counts_for_both():
    shared = (("missile treaty",), ("missile treaty", "drills"))
    assert term_counts(shared, ["A missile treaty."]).tolist() == [[1, 1]]


def test_no_terms_give_zero_columns():
    assert term_counts((), ["anything"]).shape == (1, 0)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Will Russia pull back its troops?", 1.0),
        ("“Will you pull back?” the host asked", 0.0),
        ("“Why should we pull back?”", 1.0),
        ("Russia will not pull back its troops.", 0.0),
    ],
)
def test_a_question_is_marked_and_its_terms_are_counted_apart(text, asks):
    row = cue_row(text)
    assert row["asked"] == asks
    assert row["own_asked_1"] == (row["own_1"] if asks else 0.0)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Russia has massed 100,000 troops near the border.", 0.0),
        ("The troops arrived on Monday, the ministry said.", 0.0),
        ("Moscow must pull back its troops.", 1.0),
        ("The alliance will not cut its forces.", 1.0),
        ("Washington rejected any talk of troops.", 1.0),
        ("Kyiv is ready to discuss the forces at the border.", 1.0),
    ],
)
def test_issue_terms_beside_stance_language_are_counted_apart_from_observations(text, stance):
    row = cue_row(text)
    assert row["stance"] == stance
    assert row["own_stance_1"] == row["own_1"] * stance
    assert row["own_1"] > 0


def cue_row(text):
    """The statement cues of one spoken sentence, by feature name."""
    cues = StatementCues(TERMS, weight=1.0)
    frame = feature_frame([text], [""], [True])
    return dict(zip(cues.get_feature_names_out(), cues.transform(frame)[0], strict=True))
