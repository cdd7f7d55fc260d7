"""The keyword-and-prior baseline every figure of the tool is compared with.

A sentence is a statement on an issue when it holds one of the issue's terms and
names a registry speaker; the holder is the first registry name in it, and the
position is that group's most frequent position on the issue in the training
labels. Twenty lines a analyst could write; the tool must beat it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stances.learn.features import term_counts
from stances.project.codebook import Codebook


def keyword_statements(
    sentences: pd.DataFrame, codebook: Codebook, training_labels: pd.DataFrame
) -> pd.DataFrame:
    """Baseline rows (article, sentence, text, group, issue, position, confidence)."""
    terms = tuple(tuple(issue.terms) for issue in codebook.issues)
    found = term_counts(terms, list(sentences["text"])) > 0
    forms = sorted(
        ((form, s.group) for s in codebook.speakers for form in (s.name, *s.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    rows = []
    for index, sentence in enumerate(sentences.itertuples(index=False)):
        hits = [(sentence.text.find(form), group) for form, group in forms if form in sentence.text]
        if not hits:
            continue
        group = min(hits)[1]
        for column in np.flatnonzero(found[index]):
            issue = codebook.issue_ids[column]
            rows.append((sentence.article, sentence.sentence, sentence.text, group, issue))
    table = pd.DataFrame(rows, columns=["article", "sentence", "text", "group", "issue"])
    table["position"] = usual_positions(training_labels, table)
    table["confidence"] = 1.0
    return table


def usual_positions(train: pd.DataFrame, test: pd.DataFrame) -> list[int]:
    """The group's most frequent position on the issue (then the group's, then overall)."""
    if test.empty:
        return []
    by_pair = train.groupby(["group", "issue"])["position"].agg(lambda s: s.mode().iloc[0])
    by_group = train.groupby("group")["position"].agg(lambda s: s.mode().iloc[0])
    overall = train["position"].mode().iloc[0]
    return [
        int(by_pair.get((g, i), by_group.get(g, overall)))
        for g, i in zip(test["group"], test["issue"], strict=True)
    ]
