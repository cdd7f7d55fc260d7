"""Whose line a sentence's words take: P(group | words), a feature of the holder choice.

"The alliance must halt its enlargement" reads as one side's line whoever is named
beside it, "allies will not scale back exercises" as the other's. Candidates that the rules find
equally plausible (a quoted speaker and the actor the quote is about, "he" after two
speakers) are told apart by what the sentence says. Writer-held-out on the authored
articles: holder F1 0.809 -> 0.850.

The holder model learns how much to trust this probability from held-out values:
the side model that scores a training sentence never saw its article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from stances.learn.negation import negation_scoped
from stances.text.holders import Candidate

SIDE_C = 3.0
CROSS_FOLDS = 3
SIDE_FEATURE = "side"

SentenceKey = tuple[str, int]


def side_words(texts: Sequence[str]) -> list[str]:
    """The texts as the side model reads them: words, negated ones marked."""
    return [" ".join(negation_scoped(text)) for text in texts]


def fit_side_model(statements: pd.DataFrame) -> Pipeline | None:
    """Multinomial logistic regression from a sentence's words to the group of each of
    its holders (`statements`: one row per hand statement, with `article`,
    `sentence`, `text`, `group`); None when fewer than two groups are labelled."""
    pairs = statements.drop_duplicates(["article", "sentence", "group"])
    if pairs["group"].nunique() < 2:
        return None
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
    classify = LogisticRegression(C=SIDE_C, max_iter=3000)
    model = Pipeline([("words", words), ("classify", classify)])
    return model.fit(side_words(pairs["text"]), pairs["group"].to_numpy())


def side_probabilities(model: Pipeline | None, texts: Sequence[str]) -> list[dict[str, float]]:
    """P(group | words) for each text, over the groups the model knows (each distinct
    text read once); empty without a model."""
    if model is None or not len(texts):
        return [{} for _ in texts]
    distinct = list(dict.fromkeys(texts))
    classes = list(model[-1].classes_)
    rows = model.predict_proba(side_words(distinct))
    found = {
        text: dict(zip(classes, row, strict=True)) for text, row in zip(distinct, rows, strict=True)
    }
    return [found[text] for text in texts]


def held_out_sides(sentences: pd.DataFrame, statements: pd.DataFrame) -> dict[SentenceKey, dict]:
    """P(group | words) for every sentence, each from a side model fitted on the
    statements of other articles only (folds by article)."""
    articles = sentences["article"].unique()
    if len(articles) < 2:
        return {key: {} for key in zip(sentences["article"], sentences["sentence"], strict=True)}
    result: dict[SentenceKey, dict] = {}
    folds = GroupKFold(min(CROSS_FOLDS, len(articles)))
    for train, held in folds.split(articles, groups=articles):
        held_articles = set(articles[held])
        model = fit_side_model(statements[statements["article"].isin(set(articles[train]))])
        part = sentences[sentences["article"].isin(held_articles)]
        keys = zip(part["article"], part["sentence"], strict=True)
        result.update(zip(keys, side_probabilities(model, list(part["text"])), strict=True))
    return result


def with_side(candidates: Sequence[Candidate], side: Mapping[str, float]) -> list[Candidate]:
    """Copies of a sentence's candidates that carry P(their group | the sentence's words)."""
    return [
        replace(c, features={**c.features, SIDE_FEATURE: float(side.get(c.group, 0.0))})
        for c in candidates
    ]
