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
from stances.text.holders import ArticleActors, DeferredCandidates
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
    "speaks",
    "voice",
]


def sentence_table(
    corpus: Corpus,
    codebook: Codebook,
    *,
    articles: Iterable[str] | None = None,
    deferred: bool = False,
) -> pd.DataFrame:
    """One row per sentence of the corpus (or of `articles`, in that order).

    Columns (`SENTENCE_COLUMNS`): article, sentence (numbered from 0 in each
    article), start, end, text (`article.text[start:end]`), context (the sentence
    before, or ""; in a transcript answer also the question it replies to:
    `stances.text.context`), actors (the rule-based `Attribution`s of the sentence,
    main speaker first, carried over from earlier sentences where the grammar says
    so), candidates (every actor group that may hold its statements, with features
    for the holder model: `stances.text.holders`; with `deferred`, a
    `DeferredCandidates` that builds them when asked, as a tagger does for the
    sentences on an issue alone) and speaks (whether it has any candidate: a sentence
    no actor speaks in holds no statement) and voice (how it gives its speaker:
    `ArticleActors.voice`).

    >>> from stances.project.codebook import load_codebook
    >>> from stances.project.corpus import Article
    >>> text = "Talks end\\nLavrov said no. He added that it was over."
    >>> corpus = Corpus(None, {"a": Article("a", text)})
    >>> table = sentence_table(corpus, load_codebook("annotations/codebook.yaml"))
    >>> table[["sentence", "start", "end", "context", "speaks"]].to_numpy().tolist()
    [[0, 0, 9, '', True], [1, 10, 25, 'Talks end', True], [2, 26, 52, 'Lavrov said no.', True]]
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
        actors = ArticleActors.read(attributor, article.text, spans)
        contexts = sentence_contexts(article.text, spans)
        for sentence, context in zip(sentences, contexts, strict=True):
            index = sentence.index
            if deferred:
                candidates = DeferredCandidates(actors, index)
                speaks = actors.speaks(index)
            else:
                candidates = actors.candidates(index)
                speaks = bool(candidates)
            where = (article.id, index, sentence.start, sentence.end)
            rows.append(
                (
                    *where,
                    sentence.text,
                    context,
                    actors.rules[index],
                    candidates,
                    speaks,
                    actors.voice(index),
                )
            )
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
