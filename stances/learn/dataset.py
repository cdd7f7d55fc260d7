"""Training tables: hand labels joined to the sentences they stand in."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
    """

    sentences: pd.DataFrame
    statements: pd.DataFrame
    issues: list[str]

    def holder_examples(self) -> tuple[list[Candidate], list[bool]]:
        """The candidates of every labelled sentence, and whether each holds one of its
        statements (its group is the group of a hand label of that sentence)."""
        holders: dict[tuple[str, int], set[str]] = {}
        for row in self.statements.itertuples():
            holders.setdefault((row.article, row.sentence), set()).add(row.group)
        candidates, right = [], []
        for article, number, found in zip(
            self.sentences["article"],
            self.sentences["sentence"],
            self.sentences["candidates"],
            strict=True,
        ):
            groups = holders.get((article, number))
            if groups is not None:
                candidates += found
                right += [candidate.group in groups for candidate in found]
        return candidates, right


def build_dataset(corpus: Corpus, labels: pd.DataFrame, codebook: Codebook) -> Dataset:
    """Join labels to the sentences of every annotated article, in article order."""
    labels = labels.sort_values("article", kind="stable").reset_index(drop=True)
    sentences = sentence_table(corpus, codebook, articles=labels["article"].unique())
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
    return Dataset(sentences, statements, codebook.issue_ids)
