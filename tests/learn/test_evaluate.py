"""Evaluation on hand labels: model rows beside the keyword baseline, in one run."""

import pandas as pd

from stances.learn.evaluate import evaluate_statements
from stances.project.codebook import load_codebook
from tests.conftest import TINY_CODEBOOK, write

SENTENCES = pd.DataFrame(
    {
        "article": ["a", "a"],
        "sentence": [0, 1],
        "start": [0, 40],
        "end": [39, 80],
        "text": ["Ivanov said Smith wants fewer drills.", "Smith is ready to limit missiles."],
    }
)
LABELS = pd.DataFrame(
    {
        "article": ["a", "a"],
        "start": [12, 40],
        "group": ["west", "west"],
        "issue": ["exercises", "missiles"],
        "position": [1, 1],
    }
)
TRAINING = pd.DataFrame({"group": ["east"], "issue": ["exercises"], "position": [-1]})


def tagged(confidences):
    return pd.DataFrame(
        {
            "article": ["a", "a"],
            "sentence": [0, 1],
            "group": ["west", "west"],
            "issue": ["exercises", "missiles"],
            "position": [1, 1],
            "confidence": confidences,
            "source": ["model", "model"],
            "text": list(SENTENCES["text"]),
        }
    )


def test_model_and_keyword_baseline_are_scored_on_the_same_labels(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    result = evaluate_statements(tagged([0.9, 0.9]), LABELS, SENTENCES, codebook, TRAINING)
    assert result.model.statement.f1 == 1.0
    # The baseline takes the first registry name (Ivanov, east) for the holder of the
    # first sentence, and the usual position of the training labels (-1) for both.
    assert result.keyword.actor.true_positives == 1
    assert result.keyword.statement.true_positives == 0


def test_min_confidence_drops_the_less_certain_model_rows(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    result = evaluate_statements(
        tagged([0.9, 0.3]), LABELS, SENTENCES, codebook, TRAINING, min_confidence=0.8
    )
    assert (result.model.statement.predicted, result.model.statement.recall) == (1, 0.5)
    assert result.as_dict()["min_confidence"] == 0.8
