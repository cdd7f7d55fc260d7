"""Leave-one-article-out evaluation of the model, side by side with two baselines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_fscore_support

from stances.learn.baseline import usual_positions
from stances.learn.dataset import Dataset
from stances.learn.features import term_counts
from stances.learn.figures import ClassFigures, Figures, GroupFigures, Scores, TaskFigures
from stances.learn.holders import choose_holders
from stances.learn.issues import ISSUE_THRESHOLD
from stances.learn.model import StanceModel, fit_model
from stances.project.codebook import Codebook
from stances.text.holders import candidates_of

POSITIONS = [-1, 0, 1]


def per_class_report(y_true, y_pred, labels) -> TaskFigures:
    """Precision, recall, F1 and support per class, and their macro-F1."""
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    classes = {
        str(label): ClassFigures(float(p), float(r), float(f), int(s))
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    present = [c for c in classes.values() if c.support > 0]
    return TaskFigures(float(np.mean([c.f1 for c in present])) if present else 0.0, classes)


def issue_report(truth: np.ndarray, predicted: np.ndarray, issues: list[str]) -> TaskFigures:
    """Per-issue detection figures (positive class of each issue), and macro-F1."""
    classes = {}
    for column, issue in enumerate(issues):
        report = per_class_report(truth[:, column], predicted[:, column], [1])
        classes[issue] = report.classes["1"]
    return TaskFigures(float(np.mean([c.f1 for c in classes.values()])), classes)


def group_report(statements: pd.DataFrame, found_groups: list[list[str]]) -> GroupFigures:
    """Share of hand-labelled statements whose group is among the holders found for the
    sentence (`any`), and is the first of them (`first`)."""
    hits = [group in found for group, found in zip(statements["group"], found_groups, strict=True)]
    first = [
        bool(found) and found[0] == group
        for group, found in zip(statements["group"], found_groups, strict=True)
    ]
    return GroupFigures(
        float(np.mean(hits)) if hits else 0.0, float(np.mean(first)) if first else 0.0, len(hits)
    )


def cross_validate(
    dataset: Dataset, codebook: Codebook, *, held_out: Sequence[str] | None = None
) -> Figures:
    """Leave-one-article-out figures for the model and both baselines.

    Each article of `held_out` (default: every article) is tagged by a model fitted
    on all the others, authored training articles included; only held-out
    articles are scored.
    """
    articles = sorted(held_out if held_out is not None else dataset.sentences["article"].unique())
    scored = dataset.sentences["article"].isin(articles).to_numpy()
    sentences = dataset.sentences[scored].reset_index(drop=True)
    statements = dataset.statements[dataset.statements["article"].isin(articles)].reset_index(
        drop=True
    )
    issues = dataset.issues
    truth = sentences[issues].to_numpy()
    model_issue, majority_issue, keyword_issue = (np.zeros_like(truth) for _ in range(3))
    model_pos, majority_pos, keyword_pos = (np.zeros(len(statements), int) for _ in range(3))
    model_groups: list[list[str]] = [[] for _ in range(len(statements))]
    for article in articles:
        train = _subset(dataset, dataset.sentences["article"] != article)
        test_rows = (sentences["article"] == article).to_numpy()
        test_statements = (statements["article"] == article).to_numpy()
        model = fit_model(train, codebook)
        test = sentences[test_rows]
        model_issue[test_rows] = model.issue_probabilities(test) >= ISSUE_THRESHOLD
        keyword_issue[test_rows] = keyword_issues(list(test["text"]), codebook)
        held = statements[test_statements]
        classes, probabilities = model.position_probabilities(
            list(held["text"]), list(held["group"]), list(held["issue"])
        )
        model_pos[test_statements] = classes[probabilities.argmax(axis=1)]
        majority_pos[test_statements] = Counter(train.statements["position"]).most_common(1)[0][0]
        keyword_pos[test_statements] = usual_positions(train.statements, held)
        chosen = _chosen_groups(model, test)
        for row in np.nonzero(test_statements)[0]:
            model_groups[row] = chosen[statements.at[row, "sentence"]]
    majority_group = Counter(dataset.statements["group"]).most_common(1)[0][0]
    keyword_groups = _first_alias_groups(statements, codebook)
    positions = statements["position"].to_numpy()
    return Figures(
        model=Scores(
            issue_report(truth, model_issue, issues),
            per_class_report(positions, model_pos, POSITIONS),
            group_report(statements, model_groups),
        ),
        majority=Scores(
            issue_report(truth, majority_issue, issues),
            per_class_report(positions, majority_pos, POSITIONS),
            group_report(statements, [[majority_group]] * len(statements)),
        ),
        keyword=Scores(
            issue_report(truth, keyword_issue, issues),
            per_class_report(positions, keyword_pos, POSITIONS),
            group_report(statements, keyword_groups),
        ),
        n_statements=len(statements),
        n_articles=len(articles),
        n_sentences=len(sentences),
    )


def _chosen_groups(model: StanceModel, sentences: pd.DataFrame) -> dict[int, list[str]]:
    """The groups the holder model chooses for each sentence of one article, best first."""
    candidates = [candidates_of(cell) for cell in sentences["candidates"]]
    probabilities = model.holder_probabilities(candidates, list(sentences["text"]))
    return {
        number: [candidate.group for candidate, _ in choose_holders(found, p)]
        for number, found, p in zip(sentences["sentence"], candidates, probabilities, strict=True)
    }


def keyword_issues(texts: list[str], codebook: Codebook) -> np.ndarray:
    """Keyword baseline: a sentence addresses an issue when it holds one of its terms."""
    terms = tuple(tuple(issue.terms) for issue in codebook.issues)
    return (term_counts(terms, texts) > 0).astype(int)


def _subset(dataset: Dataset, sentence_mask: pd.Series) -> Dataset:
    return dataset.restricted_to(dataset.sentences.loc[sentence_mask, "article"])


def _first_alias_groups(statements: pd.DataFrame, codebook: Codebook) -> list[list[str]]:
    """Keyword baseline for attribution: the group of the first registry name in the sentence."""
    forms = sorted(
        ((form, s.group) for s in codebook.speakers for form in (s.name, *s.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    result = []
    for text in statements["text"]:
        hits = [(text.find(form), group) for form, group in forms if form in text]
        result.append([min(hits)[1]] if hits else [])
    return result
