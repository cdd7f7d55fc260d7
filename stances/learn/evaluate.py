"""How well the tool tags a hand-labelled corpus it was not trained on, beside the baseline."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stances.learn.baseline import keyword_statements
from stances.learn.scoring import Scores, reliability_table, score_statements
from stances.project.codebook import Codebook
from stances.text.table import sentence_numbers


@dataclass(frozen=True)
class Evaluation:
    """The tool's scores and the keyword baseline's, on the same hand labels."""

    model: Scores
    keyword: Scores
    reliability: pd.DataFrame
    min_confidence: float

    def as_dict(self) -> dict:
        """Figures as plain data (for `--json`)."""
        return {
            "min_confidence": self.min_confidence,
            "model": self.model.as_dict(),
            "keyword": self.keyword.as_dict(),
            "reliability": self.reliability.astype({"bin": str}).to_dict("records"),
            "errors": self.model.errors.to_dict("records"),
        }


def hand_statements(labels: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Hand labels with the index of the sentence their quote starts in."""
    index = sentence_numbers(sentences, labels["article"], labels["start"])
    texts = sentences.set_index(["article", "sentence"])["text"]
    return labels.assign(
        sentence=index,
        text=[texts[(a, i)] for a, i in zip(labels["article"], index, strict=True)],
    )


def evaluate_statements(
    tagged: pd.DataFrame,
    labels: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook: Codebook,
    training_labels: pd.DataFrame,
    *,
    min_confidence: float = 0.0,
) -> Evaluation:
    """Score model rows (those at or above `min_confidence`) and the keyword baseline."""
    expected = hand_statements(labels, sentences)
    model_rows = tagged[(tagged["source"] == "model") & (tagged["confidence"] >= min_confidence)]
    baseline = keyword_statements(sentences, codebook, training_labels)
    return Evaluation(
        score_statements(model_rows, expected, system="model"),
        score_statements(baseline, expected, system="keyword"),
        reliability_table(tagged[tagged["source"] == "model"], expected),
        min_confidence,
    )
