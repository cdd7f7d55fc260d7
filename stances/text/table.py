"""The sentence table: every sentence of a corpus with its context and its actors.

The one table that training, tagging, suggestions and agreement read.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.text.attribution import Attributor
from stances.text.context import sentence_contexts
from stances.text.holders import article_candidates
from stances.text.sentences import segment_article

SENTENCE_COLUMNS = [
    "article",
    "sentence",
    "start",
    "end",
    "text",
    "context",
    "actors",
    "candidates",
    "n_actors",
]


def sentence_table(
    corpus: Corpus, codebook: Codebook, *, articles: Iterable[str] | None = None
) -> pd.DataFrame:
    """One row per sentence of the corpus (or of `articles`, in that order).

    Columns (`SENTENCE_COLUMNS`): article, sentence (numbered from 0 in each
    article), start, end, text (`article.text[start:end]`), context (the sentence
    before, or ""; in a transcript answer also the question it replies to:
    `stances.text.context`), actors (the rule-based `Attribution`s of the sentence,
    main speaker first, carried over from earlier sentences where the grammar says
    so), candidates (every actor group that may hold its statements, with features
    for the holder model: `stances.text.holders`) and n_actors (how many candidates).

    >>> from stances.project.codebook import load_codebook
    >>> from stances.project.corpus import Article
    >>> text = "Talks end\\nLavrov said no. He added that it was over."
    >>> corpus = Corpus(None, {"a": Article("a", text)})
    >>> table = sentence_table(corpus, load_codebook("annotations/codebook.yaml"))
    >>> table[["sentence", "start", "end", "context", "n_actors"]].to_numpy().tolist()
    [[0, 0, 9, '', 1], [1, 10, 25, 'Talks end', 1], [2, 26, 52, 'Lavrov said no.', 1]]
    >>> [[c.group for c in candidates] for candidates in table["candidates"]]
    [['russia'], ['russia'], ['russia']]
    >>> [(actors[0].speaker, actors[0].method) for actors in table["actors"] if actors]
    [('lavrov', 'reporting-verb'), ('lavrov', 'pronoun')]
    """
    attributor = Attributor(codebook)
    chosen = [corpus[a] for a in articles] if articles is not None else list(corpus)
    rows = []
    for article in chosen:
        sentences = segment_article(article)
        spans = [(s.start, s.end) for s in sentences]
        found = article_candidates(attributor, article.text, spans)
        contexts = sentence_contexts(article.text, spans)
        for sentence, actors, context in zip(sentences, found, contexts, strict=True):
            where = (article.id, sentence.index, sentence.start, sentence.end)
            row = (sentence.text, context, actors.rule_actors, actors.candidates)
            rows.append((*where, *row, len(actors.candidates)))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sentence_numbers(
    sentences: pd.DataFrame, articles: Iterable[str], offsets: Iterable[int]
) -> list[int]:
    """The number of the sentence of `sentences` holding each (article, character offset)."""
    starts = {article: rows["start"].to_numpy() for article, rows in sentences.groupby("article")}
    return [
        int(np.searchsorted(starts[article], offset, side="right") - 1)
        for article, offset in zip(articles, offsets, strict=True)
    ]
