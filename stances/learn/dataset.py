"""Training tables: hand labels joined to the sentences they stand in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.text.attribution import Attributor
from stances.text.sentences import split_sentences


@dataclass(frozen=True)
class Dataset:
    """Sentences of the annotated articles and the statements in them.

    `sentences`: article, sentence, start, end, text, context (the sentence
    before), groups (attributed), n_actors, one 0/1 column per issue.
    `statements`: the hand labels with `sentence` and `text`.
    """

    sentences: pd.DataFrame
    statements: pd.DataFrame
    issues: list[str]


def sentence_of(starts: np.ndarray, offset: int) -> int:
    """Index of the sentence (by sorted `starts`) that holds character `offset`."""
    return int(np.searchsorted(starts, offset, side="right") - 1)


def build_dataset(corpus: Corpus, labels: pd.DataFrame, codebook: Codebook) -> Dataset:
    """Join labels to sentences of every annotated article; attribute each sentence."""
    attributor = Attributor(codebook)
    sentence_rows, statement_rows = [], []
    for article_id, article_labels in labels.groupby("article", sort=True):
        text = corpus[article_id].text
        spans = split_sentences(text)
        starts = np.array([start for start, _ in spans])
        actors = attributor.attribute_article(text, spans)
        hits = {(sentence_of(starts, row.start), row.issue) for row in article_labels.itertuples()}
        for index, (start, end) in enumerate(spans):
            row = {
                "article": article_id,
                "sentence": index,
                "start": start,
                "end": end,
                "text": text[start:end],
                "context": text[slice(*spans[index - 1])] if index else "",
                "groups": [a.group for a in actors[index]],
                "n_actors": len(actors[index]),
            }
            row.update({issue: int((index, issue) in hits) for issue in codebook.issue_ids})
            sentence_rows.append(row)
        for row in article_labels.itertuples():
            index = sentence_of(starts, row.start)
            start, end = spans[index]
            statement_rows.append({**row._asdict(), "sentence": index, "text": text[start:end]})
    sentences = pd.DataFrame(sentence_rows)
    statements = pd.DataFrame(statement_rows).drop(columns=["Index"], errors="ignore")
    return Dataset(sentences, statements, codebook.issue_ids)
