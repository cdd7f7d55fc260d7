"""The holder model: each candidate read alone, then beside its sentence's rivals."""

import numpy as np
import pytest

from stances.learn.holders import (
    BEST_FLOOR,
    HolderExamples,
    choose_holders,
    fit_holder_model,
    rival_features,
)
from stances.text.holders import Candidate


def candidate(group: str, *features: str) -> Candidate:
    return Candidate(group, group, group, dict.fromkeys(features, 1.0))


def examples_of(sentences: list[tuple[list[Candidate], set[str]]]) -> HolderExamples:
    """Sentences spread over ten articles: (candidates, the groups that hold them)."""
    candidates, right, keys = [], [], []
    for number, (found, holders) in enumerate(sentences):
        candidates += found
        right += [c.group in holders for c in found]
        keys += [(f"a{number % 10}", number)] * len(found)
    return HolderExamples(candidates, right, keys)


def test_each_candidate_stands_beside_its_best_rival():
    best, second, third = rival_features(np.array([0.9, 0.3, 0.1]))
    assert best["rank_0"] == second["rank_1"] == third["rank_2"] == 1.0
    assert best["best_rival"] == pytest.approx(0.3) and best["gap"] == pytest.approx(0.6)
    assert second["best_rival"] == pytest.approx(0.9) and second["gap"] == pytest.approx(-0.6)


def test_a_lone_candidate_has_no_rival_and_is_best_but_unlikely_under_the_floor():
    (alone,) = rival_features(np.array([0.4]))
    assert alone["best_rival"] == 0.0 and alone["rank_0"] == 1.0
    assert alone["best_but_unlikely"] == 1.0


def test_tied_candidates_share_the_first_rank_whatever_their_order():
    first, second, third = rival_features(np.array([0.3, 0.3, 0.1]))
    assert first == second and first["rank_0"] == 1.0 and first["gap"] == 0.0
    assert third["rank_2"] == 1.0


def test_a_candidate_likely_alone_is_unlikely_beside_a_rival_that_stands_out():
    # "the delegation" holds the sentences it is alone in, four times in five, and
    # never those where a speaker is the subject of the reporting verb
    alone = [([candidate("west", "delegation")], {"west"} if i % 5 else set()) for i in range(100)]
    beside = [
        (
            [candidate("west", "delegation"), candidate("east", "subject_of_reporting_verb")],
            {"east"},
        )
        for _ in range(100)
    ]
    model = fit_holder_model(examples_of(alone + beside))
    lone, (rivalled, subject) = model.probabilities(
        [[candidate("west", "delegation")], beside[0][0]]
    )
    assert lone[0] > 0.6
    assert rivalled < 0.2 < subject
    assert [c.group for c, _ in choose_holders(beside[0][0], np.array([rivalled, subject]))] == [
        "east"
    ]


def test_the_rival_model_learns_from_probabilities_of_articles_the_candidate_model_did_not_see():
    # a feature of one article alone says nothing about another: its candidates are
    # right in the odd articles, wrong in the even ones. Read in-sample, the candidate
    # model's probabilities would say it all, and the rival model would trust them.
    sentences = [
        ([candidate("west", f"only_in_article_{number % 10}")], {"west"} if number % 2 else set())
        for number in range(200)
    ]
    model = fit_holder_model(examples_of(sentences))
    wrong_there, right_there = model.probabilities(
        [[candidate("west", "only_in_article_0")], [candidate("west", "only_in_article_1")]]
    )
    assert wrong_there[0] > 0.3 and right_there[0] < 0.7


def test_candidates_the_labels_leave_unknown_are_rivals_never_examples():
    found = [candidate("west", "subject_of_verb"), candidate("east", "mention")]
    labelled = examples_of([(found, {"west"})] * 20)
    with_unknown = HolderExamples(
        [*labelled.candidates, candidate("east", "subject_of_verb"), candidate("north", "aside")],
        [*labelled.right, False, None],
        [*labelled.sentence_keys, ("a0", 99), ("a0", 99)],
    )
    model = fit_holder_model(with_unknown)
    assert "aside" not in model.candidate_model[0].feature_names_
    (p,) = model.probabilities([found])
    assert p[0] > p[1]


def test_probabilities_come_one_per_candidate_sentence_by_sentence():
    sentences = [([candidate("west", "subject_of_verb"), candidate("east")], {"west"})] * 20
    model = fit_holder_model(examples_of(sentences))
    result = model.probabilities([sentences[0][0], [], [candidate("north")]])
    assert [len(p) for p in result] == [2, 0, 1]
    assert all(((p >= 0) & (p <= 1)).all() for p in result)
    assert model.probabilities([]) == []


def test_labels_with_no_wrong_candidate_give_a_constant_model():
    sentences = [([candidate("west", "turn")], {"west"})] * 3
    model = fit_holder_model(examples_of(sentences))
    (p,) = model.probabilities([[candidate("east", "mention"), candidate("west", "turn")]])
    assert p[0] == pytest.approx(p[1]) == pytest.approx(1.0)


def test_one_article_is_enough_to_fit():
    found = [candidate("west", "subject_of_verb"), candidate("east")]
    examples = HolderExamples(
        found * 3, [True, False] * 3, [("only", n) for n in (0, 0, 1, 1, 2, 2)]
    )
    (p,) = fit_holder_model(examples).probabilities([found])
    assert p[0] > p[1] and p[0] >= BEST_FLOOR


def test_no_examples_give_a_model_that_places_nothing():
    model = fit_holder_model(HolderExamples([], [], []))
    (p,) = model.probabilities([[candidate("west", "subject_of_verb")]])
    assert choose_holders([candidate("west")], p) == []
