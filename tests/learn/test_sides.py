"""The side model: whose line a sentence's words take, as a feature of the holder choice."""

import pandas as pd
import pytest

from stances.learn.dataset import build_dataset
from stances.learn.sides import (
    SIDE_FEATURE,
    fit_side_model,
    held_out_sides,
    side_probabilities,
    with_side,
)
from stances.text.holders import Candidate
from tests.conftest import load

LINES = {
    "east": [
        "The alliance must halt its expansion at once.",
        "Drills near our borders have to stop.",
        "We demand that the alliance halt its expansion.",
    ],
    "west": [
        "The door of the alliance stays open.",
        "No one will veto the choice of a free nation.",
        "The door stays open to every democracy.",
    ],
}


def statements(lines=LINES):
    return pd.DataFrame(
        [
            {"article": f"{group}{i}", "sentence": 0, "text": text, "group": group}
            for group, texts in lines.items()
            for i, text in enumerate(texts)
        ]
    )


def test_words_say_whose_line_a_sentence_takes_whoever_it_names():
    model = fit_side_model(statements())
    east, west = side_probabilities(
        model, ["Westland must halt its expansion.", "The door stays open."]
    )
    assert east["east"] > east["west"] and west["west"] > west["east"]
    assert sum(east.values()) == pytest.approx(1.0)


def test_a_negated_word_is_read_apart_from_the_word():
    model = fit_side_model(statements())
    said, denied = side_probabilities(model, ["The door stays open.", "The door stays not open."])
    assert said["west"] > denied["west"]


def test_labels_of_one_group_give_no_side_model_and_no_side():
    assert fit_side_model(statements({"east": LINES["east"]})) is None
    assert side_probabilities(None, ["Any text."]) == [{}]


def test_a_candidate_carries_the_probability_of_its_own_group_and_others_none():
    east, west = Candidate("east", "ivanov", "Ivanov"), Candidate("north", "lund", "Lund")
    carried = with_side([east, west], {"east": 0.8, "west": 0.2})
    assert [c.features[SIDE_FEATURE] for c in carried] == [0.8, 0.0]
    assert SIDE_FEATURE not in east.features  # the sentence table's candidates stay as built


def test_a_training_sentence_is_scored_by_a_side_model_that_never_saw_its_article():
    # each article speaks for a group of its own, in words no other article uses
    lines = {f"g{i}": [f"word{i} stance{i} line{i}"] for i in range(6)}
    labelled = statements(lines)
    sentences = labelled[["article", "sentence", "text"]]
    held = held_out_sides(sentences, labelled)
    seen = side_probabilities(fit_side_model(labelled), list(labelled["text"]))
    for row, in_sample in zip(labelled.itertuples(), seen, strict=True):
        assert held[(row.article, 0)].get(row.group, 0.0) == 0.0  # its group unseen
        assert in_sample[row.group] > 1 / 6


def test_holder_examples_carry_the_held_out_side_of_their_sentence(training_project):
    project = load(training_project)
    dataset = build_dataset(project.training_corpus, project.labels, project.codebook)
    sides = held_out_sides(dataset.sentences, dataset.statements)
    examples, plain = dataset.holder_examples(sides), dataset.holder_examples()
    assert [c.group for c in examples.candidates] == [c.group for c in plain.candidates]
    assert examples.right == plain.right
    assert all(0.0 <= c.features[SIDE_FEATURE] <= 1.0 for c in examples.candidates)
    assert any(c.features[SIDE_FEATURE] > 0 for c in examples.candidates)
