"""The classifier: which issues a sentence addresses, and the position taken on each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from threadpoolctl import threadpool_limits

from stances.learn.choosing import chooser, chosen_c
from stances.learn.dataset import Dataset
from stances.learn.holders import HolderModel, fit_holder_model
from stances.learn.issues import IssueModel, fit_issue_model
from stances.learn.negation import negation_scoped
from stances.learn.sides import fit_side_model, held_out_sides, side_probabilities, with_side
from stances.project.codebook import Codebook
from stances.text.holders import Candidate


@dataclass
class StanceModel:
    """The fitted scikit-learn models and what they were chosen with.

    The issue model (two pipelines: is it a statement, then on which issues;
    `stances.learn.issues`) says which issues a sentence addresses, the holder model (two
    pipelines: each candidate alone, then beside its rivals; `stances.learn.holders`)
    which of its candidate actors holds the statements, helped
    by the side model's reading of whose line the words take (`stances.learn.sides`;
    None when the labels hold one group), the position model what position a
    statement takes on its issue.
    """

    issues: list[str]
    issue_model: IssueModel
    position_model: Pipeline
    holder_model: HolderModel
    side_model: Pipeline | None
    chosen: dict = field(default_factory=dict)

    def issue_probabilities(self, sentences: pd.DataFrame) -> np.ndarray:
        """P(sentence is a statement on issue), shape (rows, issues).

        `sentences` has `FEATURE_COLUMNS`; a sentence no actor speaks in is no
        statement (CODING_RULES), so its probabilities are 0.
        """
        result = np.zeros((len(sentences), len(self.issues)))
        spoken = sentences["speaks"].to_numpy(dtype=bool)
        if spoken.any():
            result[spoken] = self.issue_model.probabilities(sentences.loc[spoken])
        return result

    def position_probabilities(
        self, texts: list[str], groups: list[str], issues: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(classes, probabilities) of the position each text takes on its issue.

        The group of the holder is a weak prior beside the words, read per issue.
        """
        if not len(texts):  # an empty frame has no text columns to join
            return self.position_model.classes_, np.zeros((0, len(self.position_model.classes_)))
        frame = _position_frame(texts, groups, issues)
        return self.position_model.classes_, self.position_model.predict_proba(frame)

    def holder_probabilities(
        self, candidates: Sequence[Sequence[Candidate]], texts: Sequence[str]
    ) -> list[np.ndarray]:
        """P(candidate holds its sentence's statements), per sentence (its `candidates`
        and its text), one per candidate."""
        sides = side_probabilities(self.side_model, texts)
        return self.holder_model.probabilities(
            [with_side(sentence, side) for sentence, side in zip(candidates, sides, strict=True)]
        )


def _position_frame(texts: list[str], groups: list[str], issues: list[str]) -> pd.DataFrame:
    """The position model's columns: the text, its words read per issue ("pull back" on
    troops is not "pull back" on exercises), the issue, the group, and the group on that
    issue (a weak prior: writer-held-out, position accuracy 0.891 -> 0.904, and 0.772 ->
    0.769 on the statements that break their group's usual line)."""
    frame = pd.DataFrame({"text": texts, "group": groups, "issue": issues})
    frame["group_issue"] = frame["group"] + "/" + frame["issue"]
    words = {text: negation_scoped(text) for text in dict.fromkeys(texts)}
    frame["issue_words"] = [
        " ".join(f"{issue}_{word}" for word in words[text])
        for text, issue in zip(texts, issues, strict=True)
    ]
    return frame


def fit_model(dataset: Dataset, codebook: Codebook) -> StanceModel:
    """Fit the classifiers, choosing regularisation by cross-validation over articles.

    On one thread, so that the same labels give the same model on any machine: a
    threaded BLAS sums the long vectors of the lbfgs steps in another order, and
    near ties between candidates then fall the other way.
    """
    # The inputs are built here and known to be valid: skipping scikit-learn's
    # per-call checks halves the time of the 125 small fits of the C search.
    with (
        threadpool_limits(limits=1),
        sklearn.config_context(skip_parameter_validation=True, assume_finite=True),
    ):
        return _fit_model(dataset, codebook)


def _fit_model(dataset: Dataset, codebook: Codebook) -> StanceModel:
    # The position model keeps balanced weights: its rare class, 0, is often wrong
    # otherwise (writer-held-out macro-F1 0.852 -> 0.861).
    statements = dataset.statements
    issue_model = fit_issue_model(
        dataset.sentences[dataset.sentences["speaks"]], dataset.issues, codebook
    )
    position_model = Pipeline(
        [
            (
                "features",
                ColumnTransformer(
                    [
                        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "text"),
                        (
                            "issue_words",
                            TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+"),
                            "issue_words",
                        ),
                        (
                            "prior",
                            OneHotEncoder(handle_unknown="ignore"),
                            ["group", "issue", "group_issue"],
                        ),
                    ]
                ),
            ),
            (
                "classify",
                chooser(
                    statements["article"],
                    binary=False,
                    targets=statements["position"].to_numpy(),
                    class_weight="balanced",
                ),
            ),
        ]
    )
    position_x = _position_frame(
        list(statements["text"]), list(statements["group"]), list(statements["issue"])
    )
    position_model.fit(position_x, statements["position"].to_numpy())
    side_model = fit_side_model(statements)
    holder_model = fit_holder_model(
        dataset.holder_examples(held_out_sides(dataset.sentences, statements))
    )
    chosen = {**issue_model.chosen(dataset.issues), "position_C": chosen_c(position_model[-1])}
    return StanceModel(
        dataset.issues, issue_model, position_model, holder_model, side_model, chosen
    )
