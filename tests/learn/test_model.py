"""The classifier: issue probabilities per sentence, positions per statement."""

import numpy as np
import pandas as pd

from stances.learn.features import feature_frame


def test_issue_probabilities_have_a_column_per_issue_and_need_an_actor(trained):
    _, result = trained
    frame = feature_frame(
        ["Smith said Westland wants fewer missiles.", "The missiles were cold."],
        ["", ""],
        [1, 0],
    )
    probabilities = result.model.issue_probabilities(frame)
    assert probabilities.shape == (2, 2)
    assert probabilities[0].argmax() == 0 and probabilities[0, 0] > 0.5
    assert (probabilities[1] == 0).all()  # no actor speaks: no statement


def test_positions_come_with_their_classes(trained):
    _, result = trained
    classes, probabilities = result.model.position_probabilities(
        ["refuses any limit on missiles"], ["east"], ["missiles"]
    )
    assert list(classes) == [-1, 1]
    assert classes[probabilities[0].argmax()] == -1


def test_no_statements_give_an_empty_table_of_positions(trained):
    _, result = trained
    classes, probabilities = result.model.position_probabilities([], [], [])
    assert probabilities.shape == (0, len(classes))


def test_the_regularisation_chosen_is_recorded(trained):
    _, result = trained
    chosen = result.model.chosen
    assert set(chosen["issue_C"]) == {"missiles", "exercises"}
    assert isinstance(chosen["position_C"], float)
    assert isinstance(pd.Series(chosen["issue_C"]).to_numpy(), np.ndarray)


def test_the_words_of_a_negated_clause_are_read_as_negated():
    from stances.learn.negation import negation_scoped

    words = negation_scoped("Allies will not scale back drills, but Moscow won't pull back.")
    assert words == [
        "allies", "will", "not", "not_scale", "not_back", "not_drills",
        "but", "moscow", "won", "t", "not_pull", "not_back",
    ]  # fmt: skip


def test_the_group_on_the_issue_is_a_column_of_the_position_model():
    from stances.learn.model import _position_frame

    frame = _position_frame(["refuses any limit"], ["east"], ["missiles"])
    assert frame.loc[0, "group_issue"] == "east/missiles"


def test_a_sentence_that_is_a_statement_one_time_in_four_gets_an_issue_probability_near_a_quarter(
    tmp_path,
):
    """The issue probabilities are the confidence the analyst reads: the rare class
    is not weighted up, so they keep the rate at which such sentences hold statements."""
    from stances.learn.dataset import build_dataset
    from stances.learn.training import train
    from tests.conftest import TINY_CODEBOOK, labels_yaml, load, write

    times = ["morning", "afternoon", "evening", "night"]
    for index in range(8):
        article = f"a{index}"
        said = [f"Smith said the missiles came up in the {time}." for time in times]
        other = [f"Smith said the hotel was full on day {day}." for day in range(5)]
        text = (
            "Talks go on\n\n"
            "Smith said Westland wants fewer missiles. "
            "Ivanov said Eastland rejects any limit on missiles. "
            "Ivanov said the drills will go ahead. " + " ".join(said + other) + "\n"
        )
        ambiguous = f"the missiles came up in the {times[index % 4]}"
        labels = [
            ("wants fewer missiles", "smith", "missiles", 1),
            ("rejects any limit on missiles", "ivanov", "missiles", -1),
            ("the drills will go ahead", "ivanov", "exercises", -1),
            (ambiguous, "smith", "missiles", 0),
        ]
        write(tmp_path / "seeds" / f"{article}.txt", text)
        write(tmp_path / "annotations" / f"{article}.yaml", labels_yaml(article, labels))
    write(tmp_path / "annotations" / "codebook.yaml", TINY_CODEBOOK)
    project = load(tmp_path)

    model = train(project, evaluate=False).model
    sentences = build_dataset(project.training_corpus, project.labels, project.codebook).sentences
    came_up = sentences[sentences["text"].str.contains("came up")]
    missiles = model.issue_probabilities(came_up)[:, model.issues.index("missiles")]
    assert 0.15 < missiles.mean() < 0.35
