"""Tagging every sentence of a corpus: speaker, group, issue, position, confidence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from stances.learn.holders import choose_holders
from stances.learn.issues import ISSUE_THRESHOLD
from stances.learn.model import StanceModel
from stances.project.corpus import Corpus, refuse_authored
from stances.project.load import Project
from stances.text.attribution import UNPLACED
from stances.text.holders import Candidate, candidates_of
from stances.text.table import sentence_numbers, sentence_table

STATEMENT_COLUMNS = [
    "article",
    "sentence",
    "start",
    "end",
    "text",
    "speaker",
    "group",
    "issue",
    "position",
    "confidence",
    "source",
]
# A model row less likely than this to be right is not emitted: the cut where statement
# F1 is best on the writer-held-out folds (65 writers; 0.25 to 0.5 tried: F1 0.698 at
# 0.25, 0.701 at 0.3, 0.704 at 0.4, 0.699 at 0.5; actor precision 0.835 -> 0.847 ->
# 0.870 -> 0.890). An unplaced row is kept whatever its confidence: a stance is never
# dropped.
ROW_FLOOR = 0.4
REVIEW_COLUMNS = ["article", "sentence", "speaker", "name", "group", "cue", "method", "text"]


@dataclass(frozen=True)
class Tagging:
    """The statements table, the speakers to review, and the sentence table behind them."""

    statements: pd.DataFrame
    review: pd.DataFrame
    sentences: pd.DataFrame


def tag(project: Project, model: StanceModel) -> Tagging:
    """The statements (`STATEMENT_COLUMNS`) of every article of the project's corpus.

    Model rows for each (sentence, holder, issue) the model finds; hand labels of the
    same articles replace them for their sentence and issue. Authored training
    texts are refused (`InputError`): they are no news.

    >>> from stances.learn.training import train
    >>> from stances.project.load import load_project
    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> tagging = tag(project, train(project, evaluate=False).model)
    >>> tagging.statements["source"].value_counts().to_dict()
    {'human': 67, 'model': 3}
    """
    refuse_authored(project.corpus)
    sentences = sentence_table(project.corpus, project.codebook, deferred=True)
    model_rows = predict_statements(model, sentences)
    human = human_labels(project.labels, project.corpus)
    rejected = human_labels(project.rejections, project.corpus)
    statements = merge_human(model_rows, human, sentences, rejected)
    return Tagging(statements, review_table(sentences), sentences)


def human_labels(labels: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The labels of `corpus`'s articles whose quote stands at its offsets in the text."""
    labels = labels[labels["article"].isin(list(corpus.articles))]
    same_text = [
        corpus[a].text[s:e] == q
        for a, s, e, q in zip(
            labels["article"], labels["start"], labels["end"], labels["quote"], strict=True
        )
    ]
    return labels[np.array(same_text, dtype=bool)]


def predict_statements(
    model: StanceModel, sentences: pd.DataFrame, *, row_floor: float = ROW_FLOOR
) -> pd.DataFrame:
    """One row per (sentence, holder, issue) the model finds, with its confidence.

    The holders of a sentence are the candidates the holder model chooses
    (`choose_holders`); a sentence on an issue with none is one row for the
    group "unplaced", never dropped and never given to an actor it merely mentions.
    Confidence is P(issue) × P(holder) × P(position); a row of a holder below
    `row_floor` is not emitted.
    """
    probabilities = model.issue_probabilities(sentences)
    on_issue = np.nonzero((probabilities >= ISSUE_THRESHOLD).any(axis=1))[0]
    candidates = sentences["candidates"].to_numpy()
    where = sentences[["article", "sentence", "start", "end", "text"]].to_numpy()
    holders = _holders(
        model, [candidates_of(candidates[i]) for i in on_issue], [where[i, 4] for i in on_issue]
    )
    rows, issue_p, holder_p = [], [], []
    for row_index, sentence_holders in zip(on_issue, holders, strict=True):
        for column in np.nonzero(probabilities[row_index] >= ISSUE_THRESHOLD)[0]:
            for speaker, group, p in sentence_holders:
                rows.append((*where[row_index], speaker, group, model.issues[column]))
                issue_p.append(probabilities[row_index, column])
                holder_p.append(p)
    table = pd.DataFrame(rows, columns=STATEMENT_COLUMNS[:8])
    classes, position_p = model.position_probabilities(
        list(table["text"]), list(table["group"]), list(table["issue"])
    )
    table["position"] = classes[position_p.argmax(axis=1)] if len(table) else []
    table["confidence"] = (
        (np.array(issue_p) * np.array(holder_p) * position_p.max(axis=1, initial=0)).round(3)
        if len(table)
        else []
    )
    table["source"] = "model"
    table = table[(table["confidence"] >= row_floor) | (table["group"] == UNPLACED)]
    return table.reset_index(drop=True).astype(
        {"position": int, "sentence": int, "start": int, "end": int}
    )


def _holders(
    model: StanceModel, candidates: list[list[Candidate]], texts: list[str]
) -> list[list[tuple[str, str, float]]]:
    """(speaker, group, probability) of the holders of each sentence (its candidates
    and text): the chosen candidates, or "unplaced" with the probability that no
    candidate holds it."""
    result = []
    for sentence, p in zip(candidates, model.holder_probabilities(candidates, texts), strict=True):
        chosen = choose_holders(sentence, p)
        if chosen:
            result.append([(c.speaker, c.group, p) for c, p in chosen])
        else:
            result.append([(UNPLACED, UNPLACED, float(1 - p.max(initial=0)))])
    return result


def merge_human(
    model_rows: pd.DataFrame,
    labels: pd.DataFrame,
    sentences: pd.DataFrame,
    rejections: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Hand labels win: model rows for a labelled (sentence, issue) are replaced.

    A "not a statement" entry (`rejections`) removes the model rows of its sentence
    and issue: those of its group, or all of them when it names none.
    """
    human = labels.assign(
        sentence=sentence_numbers(sentences, labels["article"], labels["start"]),
        text=labels["quote"],
        confidence=1.0,
        source="human",
    )
    covered = set(zip(human["article"], human["sentence"], human["issue"], strict=True))
    rejected = set()
    if rejections is not None and len(rejections):
        numbers = sentence_numbers(sentences, rejections["article"], rejections["start"])
        for article, number, issue, group in zip(
            rejections["article"], numbers, rejections["issue"], rejections["group"], strict=True
        ):
            if group:
                rejected.add((article, number, issue, group))
            else:
                covered.add((article, number, issue))
    keep = [
        (article, number, issue) not in covered and (article, number, issue, group) not in rejected
        for article, number, issue, group in zip(
            model_rows["article"],
            model_rows["sentence"],
            model_rows["issue"],
            model_rows["group"],
            strict=True,
        )
    ]
    table = pd.concat([model_rows[keep], human[STATEMENT_COLUMNS]], ignore_index=True)
    table = table.astype({"position": int, "sentence": int, "start": int, "end": int})
    return table.sort_values(["article", "start", "issue", "source"]).reset_index(drop=True)[
        STATEMENT_COLUMNS
    ]


def review_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Speakers missing from the registry (placed or not), one row per mention."""
    rows = [
        (s.article, s.sentence, a.speaker, a.name, a.group, a.cue, a.method, s.text)
        for s in sentences.itertuples()
        for a in s.actors
        if a.is_new or a.group == UNPLACED
    ]
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    # The same types whatever the rows hold (a chunk with no cue at all has only Nones).
    text_columns = [c for c in REVIEW_COLUMNS if c != "sentence"]
    return frame.astype({"sentence": int, **dict.fromkeys(text_columns, "str")})
