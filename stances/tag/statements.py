"""Tagging every sentence of a corpus: speaker, group, issue, position, confidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from stances.learn.features import feature_frame
from stances.learn.figures import Figures
from stances.learn.model import ISSUE_THRESHOLD, StanceModel
from stances.learn.training import DEFAULT_MODEL_DIR, codebook_of, current_model
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus, load_corpus
from stances.project.labels import load_annotations
from stances.text.attribution import UNPLACED, Attribution, Attributor
from stances.text.sentences import split_sentences

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
REVIEW_COLUMNS = ["article", "sentence", "speaker", "name", "group", "cue", "method", "text"]


@dataclass(frozen=True)
class Tagging:
    """The statements table, the speakers to review, and whether the model was retrained."""

    statements: pd.DataFrame
    review: pd.DataFrame
    sentences: pd.DataFrame
    retrained: bool = False
    figures: Figures | None = None


def tag(
    corpus: Path | str = "seeds",
    annotations: Path | str = "annotations",
    *,
    training_corpus: Path | str = "seeds",
    model_dir: Path | str = DEFAULT_MODEL_DIR,
) -> pd.DataFrame:
    """The statements table (`STATEMENT_COLUMNS`) of every article in `corpus`.

    >>> statements = tag("other_outlets/")   # doctest: +SKIP
    """
    return tag_corpus(
        corpus, annotations, training_corpus=training_corpus, model_dir=model_dir
    ).statements


def tag_corpus(
    corpus: Path | str = "seeds",
    annotations: Path | str = "annotations",
    *,
    training_corpus: Path | str = "seeds",
    model_dir: Path | str = DEFAULT_MODEL_DIR,
) -> Tagging:
    """Tag a corpus with the current model (retrained first when the labels changed)."""
    trained = current_model(training_corpus, annotations, model_dir=model_dir)
    codebook = codebook_of(annotations)
    articles = load_corpus(corpus)
    labels = load_annotations(annotations, load_corpus(training_corpus), codebook)
    labels = labels[labels["article"].isin(articles.articles)]
    same_text = [
        articles[a].text[s:e] == q
        for a, s, e, q in zip(
            labels["article"], labels["start"], labels["end"], labels["quote"], strict=True
        )
    ]
    labels = labels[np.array(same_text, dtype=bool)]
    sentences, actors = attribute_corpus(articles, codebook)
    model_rows = predict_statements(trained.model, sentences, actors)
    statements = merge_human(model_rows, labels, sentences)
    return Tagging(
        statements, review_table(sentences, actors), sentences, trained.retrained, trained.figures
    )


def attribute_corpus(
    corpus: Corpus, codebook: Codebook
) -> tuple[pd.DataFrame, list[list[Attribution]]]:
    """Sentences of every article with the features the model reads, and their actors."""
    attributor = Attributor(codebook)
    rows, actors = [], []
    for article in corpus:
        spans = split_sentences(article.text)
        found = attributor.attribute_article(article.text, spans)
        for index, (start, end) in enumerate(spans):
            context = article.text[slice(*spans[index - 1])] if index else ""
            rows.append(
                (article.id, index, start, end, article.text[start:end], context, len(found[index]))
            )
        actors += found
    columns = ["article", "sentence", "start", "end", "text", "context", "n_actors"]
    return pd.DataFrame(rows, columns=columns), actors


def predict_statements(
    model: StanceModel, sentences: pd.DataFrame, actors: list[list[Attribution]]
) -> pd.DataFrame:
    """One row per (sentence, actor, issue) the model finds, with its confidence."""
    probabilities = model.issue_probabilities(
        feature_frame(
            list(sentences["text"]), list(sentences["context"]), list(sentences["n_actors"])
        )
    )
    rows, issue_p, attributions = [], [], []
    for row_index, column in zip(*np.nonzero(probabilities >= ISSUE_THRESHOLD), strict=True):
        sentence = sentences.iloc[row_index]
        for actor in actors[row_index]:
            rows.append(
                {
                    **sentence[["article", "sentence", "start", "end", "text"]].to_dict(),
                    "speaker": actor.speaker,
                    "group": actor.group,
                    "issue": model.issues[column],
                }
            )
            issue_p.append(probabilities[row_index, column])
            attributions.append(actor.confidence)
    table = pd.DataFrame(rows, columns=STATEMENT_COLUMNS[:8])
    classes, position_p = model.position_probabilities(
        list(table["text"]), list(table["group"]), list(table["issue"])
    )
    table["position"] = classes[position_p.argmax(axis=1)] if len(table) else []
    table["confidence"] = (
        (np.array(issue_p) * position_p.max(axis=1, initial=0) * np.array(attributions)).round(3)
        if len(table)
        else []
    )
    table["source"] = "model"
    return table.astype({"position": int, "sentence": int, "start": int, "end": int})


def merge_human(
    model_rows: pd.DataFrame, labels: pd.DataFrame, sentences: pd.DataFrame
) -> pd.DataFrame:
    """Hand labels win: model rows for a labelled (sentence, issue) are replaced."""
    starts = {article: group["start"].to_numpy() for article, group in sentences.groupby("article")}
    human = labels.assign(
        sentence=[
            int(np.searchsorted(starts[a], s, side="right") - 1)
            for a, s in zip(labels["article"], labels["start"], strict=True)
        ],
        text=labels["quote"],
        confidence=1.0,
        source="human",
    )
    covered = set(zip(human["article"], human["sentence"], human["issue"], strict=True))
    keep = [
        key not in covered
        for key in zip(
            model_rows["article"], model_rows["sentence"], model_rows["issue"], strict=True
        )
    ]
    table = pd.concat([model_rows[keep], human[STATEMENT_COLUMNS]], ignore_index=True)
    table = table.astype({"position": int, "sentence": int, "start": int, "end": int})
    return table.sort_values(["article", "start", "issue", "source"]).reset_index(drop=True)[
        STATEMENT_COLUMNS
    ]


def review_table(sentences: pd.DataFrame, actors: list[list[Attribution]]) -> pd.DataFrame:
    """Speakers missing from the registry (placed or not), one row per mention."""
    rows = [
        (s.article, s.sentence, a.speaker, a.name, a.group, a.cue, a.method, s.text)
        for s, found in zip(sentences.itertuples(), actors, strict=True)
        for a in found
        if a.is_new or a.group == UNPLACED
    ]
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)
