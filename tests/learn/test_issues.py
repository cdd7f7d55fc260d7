"""The issue model: is a sentence a statement, and if so, on which issues."""

import numpy as np
import pandas as pd
import pytest

from stances.learn.features import feature_frame
from stances.learn.issues import fit_issue_model
from stances.project.codebook import load_codebook
from tests.conftest import TINY_CODEBOOK, write

ISSUES = ["missiles", "exercises"]
# (text, missiles, exercises): demands are statements, observations are not, on either issue
SENTENCES = [
    ("Ivanov demanded a ban on new missiles.", 1, 0),
    ("Ivanov rejected any limit on missiles.", 1, 0),
    ("Smith demanded an end to the drills.", 0, 1),
    ("Smith rejected any limit on exercises.", 0, 1),
    ("Ivanov said the missiles arrived on Monday.", 0, 0),
    ("Smith said the exercises began at dawn.", 0, 0),
    ("Smith said the weather was cold.", 0, 0),
    ("Ivanov said the talks lasted four hours.", 0, 0),
]


def sentences(rows, articles=4) -> pd.DataFrame:
    texts = [text for text, *_ in rows]
    frame = feature_frame(texts, [""] * len(texts), [True] * len(texts))
    frame["article"] = [f"a{i % articles}" for i in range(len(rows))]
    frame[ISSUES] = np.array([on for _, *on in rows])
    return frame


@pytest.fixture
def codebook(tmp_path):
    return load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))


def test_an_issue_is_the_product_of_a_statement_and_its_topic(codebook):
    training = sentences(SENTENCES * 3)
    model = fit_issue_model(training, ISSUES, codebook)
    frame = sentences([("Petrov demanded fewer missiles.", 0, 0)])
    statement = model.statement_model.predict_proba(frame)[:, 1:]
    topic = model.topic_model.predict_proba(frame)
    assert np.allclose(model.probabilities(frame), statement * topic)


def test_an_observation_on_an_issue_is_no_statement_but_keeps_its_topic(codebook):
    model = fit_issue_model(sentences(SENTENCES * 3), ISSUES, codebook)
    observation = sentences([("Petrov said the missiles arrived at dawn.", 0, 0)])
    demand = sentences([("Petrov demanded a ban on missiles.", 1, 0)])
    assert model.statement_model.predict_proba(observation)[0, 1] < 0.5
    assert model.probabilities(demand)[0, 0] > 0.5 > model.probabilities(observation)[0, 0]
    # the topic model learned from statements only: it still reads the observation as
    # about missiles, for when some other sentence like it is a statement
    topic = model.topic_model.predict_proba(observation)[0]
    assert topic[0] > topic[1]


def test_the_regularisation_of_each_classifier_is_reported(codebook):
    model = fit_issue_model(sentences(SENTENCES * 3), ISSUES, codebook)
    chosen = model.chosen(ISSUES)
    assert set(chosen) == {"statement_C", "issue_C"}
    assert set(chosen["issue_C"]) == set(ISSUES)


def test_sentences_that_are_all_statements_or_none_still_fit(codebook):
    all_statements = sentences([row for row in SENTENCES if any(row[1:])])
    model = fit_issue_model(all_statements, ISSUES, codebook)
    assert (model.probabilities(all_statements).max(axis=1) > 0.5).all()
    none = sentences([row for row in SENTENCES if not any(row[1:])])
    assert (fit_issue_model(none, ISSUES, codebook).probabilities(none) == 0).all()


def test_a_codebook_of_one_issue_gives_one_column(codebook):
    rows = [(text, missiles) for text, missiles, _ in SENTENCES]
    frame = sentences([(text, on, 0) for text, on in rows]).drop(columns="exercises")
    model = fit_issue_model(frame, ["missiles"], codebook)
    assert model.probabilities(frame).shape == (len(frame), 1)


def test_a_constant_issue_saves_with_trusted_types_only(codebook):
    import skops.io as sio

    from stances.learn.persistence import TRUSTED_TYPES

    on_every_statement = [(text, m, 0) for text, m, _ in SENTENCES]  # exercises: never
    model = fit_issue_model(sentences(on_every_statement * 3), ISSUES, codebook)
    saved = sio.dumps({"statement": model.statement_model, "topic": model.topic_model})
    assert set(sio.get_untrusted_types(data=saved)) <= set(TRUSTED_TYPES)
