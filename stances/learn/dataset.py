"""Training tables: hand labels joined to the sentences they stand in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from stances.learn.holders import HolderExamples
from stances.learn.sides import with_side
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.text.holders import Candidate
from stances.text.table import sentence_numbers, sentence_table


@dataclass(frozen=True)
class Dataset:
    """Sentences of the annotated articles and the statements in them.

    `sentences`: the sentence table (`stances.text.table.SENTENCE_COLUMNS`) of every
    annotated article, plus one 0/1 column per issue.
    `statements`: the hand labels with `sentence` and its `text`.
    `rejections`: the entries marked "not a statement", with `sentence` (None: none).
    """

    sentences: pd.DataFrame
    statements: pd.DataFrame
    issues: list[str]
    rejections: pd.DataFrame | None = None

    def restricted_to(self, articles) -> Dataset:
        """The same data for the given articles only."""
        articles = set(articles)
        keep = self.sentences["article"].isin(articles)
        return Dataset(
            self.sentences[keep].reset_index(drop=True),
            self.statements[self.statements["article"].isin(articles)].reset_index(drop=True),
            self.issues,
            None
            if self.rejections is None
            else self.rejections[self.rejections["article"].isin(articles)].reset_index(drop=True),
        )

    def holder_examples(
        self, sides: Mapping[tuple[str, int], Mapping[str, float]] | None = None
    ) -> HolderExamples:
        """The candidates of every labelled sentence, and whether each holds one of its
        statements (its group is the group of a hand label of that sentence; None for
        the candidates a rejection alone leaves unknown).

        `sides` (P(group | words) per (article, sentence), `stances.learn.sides`) is
        added to each candidate's features when given."""
        holders: dict[tuple[str, int], set[str]] = {}
        for row in self.statements.itertuples():
            holders.setdefault((row.article, row.sentence), set()).add(row.group)
        rejected: dict[tuple[str, int], set[str]] = {}
        for row in () if self.rejections is None else self.rejections.itertuples():
            if row.group:
                rejected.setdefault((row.article, row.sentence), set()).add(row.group)
        candidates: list[Candidate] = []
        right: list[bool | None] = []
        keys: list[tuple[str, int]] = []
        for article, number, found in zip(
            self.sentences["article"],
            self.sentences["sentence"],
            self.sentences["candidates"],
            strict=True,
        ):
            if sides is not None:
                found = with_side(found, sides.get((article, number), {}))
            groups = holders.get((article, number))
            if groups is not None:
                right += [candidate.group in groups for candidate in found]
            elif (article, number) in rejected:
                # a rejected holder is a negative example; the others stay unknown
                right += [False if c.group in rejected[(article, number)] else None for c in found]
            else:
                continue
            candidates += found
            keys += [(article, number)] * len(found)
        return HolderExamples(candidates, right, keys)


def build_dataset(
    corpus: Corpus, labels: pd.DataFrame, codebook: Codebook, rejections: pd.DataFrame | None = None
) -> Dataset:
    """Join labels to the sentences of every annotated article, in article order.

    `rejections` ("not a statement" entries) bring their articles in too: their
    sentence × issue stays negative unless a statement of the same sentence and
    issue marks it, and a rejected holder is a negative example for the holder model.
    """
    labels = labels.sort_values("article", kind="stable").reset_index(drop=True)
    articles = set(labels["article"])
    if rejections is not None:
        articles |= set(rejections["article"])
    sentences = sentence_table(corpus, codebook, articles=sorted(articles))
    if rejections is not None:
        rejections = rejections.assign(
            sentence=sentence_numbers(sentences, rejections["article"], rejections["start"])
        ).reset_index(drop=True)
    numbers = sentence_numbers(sentences, labels["article"], labels["start"])
    hits = set(zip(labels["article"], numbers, labels["issue"], strict=True))
    for issue in codebook.issue_ids:
        sentences[issue] = [
            int((article, number, issue) in hits)
            for article, number in zip(sentences["article"], sentences["sentence"], strict=True)
        ]
    texts = sentences.set_index(["article", "sentence"])["text"]
    statements = labels.assign(
        sentence=numbers,
        text=[texts[key] for key in zip(labels["article"], numbers, strict=True)],
    )
    return Dataset(sentences, statements, codebook.issue_ids, rejections)
