"""Agreement between labellings, per task: percent agreement, Cohen's kappa, Krippendorff's alpha.

A *coder* is one labelling of an article: the reconciled hand labels (every file
beside the codebook, whoever wrote it) are the coder `reconciled`; each independent
annotator (`annotations/independent/`) is a coder of their own; the model's rows
are the coder `model`. Tasks, on the articles two or more coders labelled:

- `issue`: every sentence × issue of the codebook; 1 when the coder labelled a
  statement on that issue in that sentence, else 0 (nominal).
- `group`: every sentence × issue two or more coders marked; the actor groups
  each coder gave it (nominal; several groups make one category, "nato+russia").
- `position`: every sentence × issue × group two or more coders marked; the
  position (ordinal; Cohen's kappa with linear weights).

Percent agreement is the share of units on which the coders agree; for `issue`
only over the units some coder marked (the many sentences nobody marked would
make any two labellings look alike), while kappa and alpha count every unit.
Kappa needs exactly two coders.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from stances.project.load import Project
from stances.text.table import sentence_table

RECONCILED = "reconciled"
MODEL = "model"
FIGURE_COLUMNS = ["task", "level", "units", "agreement", "kappa", "alpha"]
DISAGREEMENT_COLUMNS = ["task", "article", "sentence", "issue", "group", "values", "quote"]
LEVELS = {"issue": "nominal", "group": "nominal", "position": "ordinal"}
POSITIONS = [-1.0, 0.0, 1.0]


@dataclass(frozen=True)
class Agreement:
    """The figures per task (`FIGURE_COLUMNS`), the disagreements (`DISAGREEMENT_COLUMNS`),
    the coders compared and the articles they share."""

    figures: pd.DataFrame
    disagreements: pd.DataFrame
    coders: tuple[str, ...]
    articles: tuple[str, ...]

    def as_dict(self) -> dict:
        """As JSON data (NaN as null)."""
        figures = self.figures.astype(object).where(self.figures.notna(), None)
        return {
            "coders": list(self.coders),
            "articles": list(self.articles),
            "figures": figures.to_dict(orient="records"),
            "disagreements": self.disagreements.to_dict(orient="records"),
        }


def coded(labels: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Labels (`LABEL_COLUMNS`) with their `coder` (`RECONCILED` or the independent
    annotator) and `sentence` number in `sentences`."""
    coder = np.where(labels["independent"].astype(bool), labels["annotator"], RECONCILED)
    numbers = sentences_of(sentences, labels)
    return labels.assign(coder=coder, sentence=numbers)[
        ["coder", "article", "sentence", "issue", "group", "position", "quote"]
    ]


def sentences_of(sentences: pd.DataFrame, labels: pd.DataFrame) -> list[int]:
    """The sentence number of each label's start in `sentences`."""
    starts = {a: rows["start"].to_numpy() for a, rows in sentences.groupby("article")}
    return [
        int(np.searchsorted(starts[a], s, side="right") - 1)
        for a, s in zip(labels["article"], labels["start"], strict=True)
    ]


def agreement(
    statements: pd.DataFrame,
    sentences: pd.DataFrame,
    issues: list[str],
    *,
    labelled: dict[str, set[str]] | None = None,
) -> Agreement:
    """Agreement of the coders of `statements` (columns coder, article, sentence, issue,
    group, position, quote) on the articles two or more of them labelled.

    `sentences` is the sentence table (article, sentence, text) of those articles;
    `labelled` the coders of each article (default: those with a statement in it).

    >>> sentences = pd.DataFrame({"article": ["a"] * 3, "sentence": [0, 1, 2],
    ...                           "text": ["One.", "Two.", "Three."]})
    >>> statements = pd.DataFrame(
    ...     [("x", "a", 0, "i", "g", 1, "One."), ("y", "a", 0, "i", "g", 1, "One."),
    ...      ("x", "a", 1, "i", "g", -1, "Two.")],
    ...     columns=["coder", "article", "sentence", "issue", "group", "position", "quote"])
    >>> agreement(statements, sentences, ["i"]).figures.set_index("task")["agreement"].to_dict()
    {'issue': 0.5, 'group': 1.0, 'position': 1.0}
    """
    if labelled is None:
        labelled = statements.groupby("article")["coder"].agg(set).to_dict()
    articles = sorted(article for article, coders in labelled.items() if len(coders) >= 2)
    statements = statements[statements["article"].isin(articles)]
    coders = tuple(
        sorted({c for a in articles for c in labelled[a]}, key=lambda c: (c != RECONCILED, c))
    )
    texts = sentences.set_index(["article", "sentence"])["text"]
    chosen = sentences[sentences["article"].isin(articles)]
    units = {
        "issue": _issue_units(statements, chosen, issues, coders, labelled),
        "group": _group_units(statements),
        "position": _position_units(statements),
    }
    figures = [_figures(task, table.reindex(columns=list(coders))) for task, table in units.items()]
    disagreements = [
        row for task, table in units.items() for row in _disagreements(task, table, coders, texts)
    ]
    return Agreement(
        pd.DataFrame(figures, columns=FIGURE_COLUMNS),
        pd.DataFrame(disagreements, columns=DISAGREEMENT_COLUMNS),
        coders,
        tuple(articles),
    )


def _issue_units(
    statements: pd.DataFrame,
    sentences: pd.DataFrame,
    issues: list[str],
    coders: tuple[str, ...],
    labelled: dict[str, set[str]],
) -> pd.DataFrame:
    """Rows: every (article, sentence, issue); columns: each coder's 0/1 (NaN for an
    article the coder did not label)."""
    index = pd.MultiIndex.from_tuples(
        [
            (a, s, i)
            for a, s in zip(sentences["article"], sentences["sentence"], strict=True)
            for i in issues
        ],
        names=["article", "sentence", "issue"],
    )
    marked = statements.assign(value=1.0).pivot_table(
        index=["article", "sentence", "issue"], columns="coder", values="value", aggfunc="max"
    )
    table = marked.reindex(index=index, columns=list(coders)).fillna(0.0)
    articles = table.index.get_level_values("article")
    for coder in coders:
        table.loc[[coder not in labelled[a] for a in articles], coder] = np.nan
    return table.assign(group="")


def _group_units(statements: pd.DataFrame) -> pd.DataFrame:
    """Rows: (article, sentence, issue) two or more coders marked; values: their groups."""
    table = statements.pivot_table(
        index=["article", "sentence", "issue"],
        columns="coder",
        values="group",
        aggfunc=lambda groups: "+".join(sorted(set(groups))),
    )
    return table[table.notna().sum(axis=1) >= 2].assign(group="")


def _position_units(statements: pd.DataFrame) -> pd.DataFrame:
    """Rows: (article, sentence, issue, group) two or more coders marked; values: the
    position (a coder's first statement of the unit)."""
    table = statements.pivot_table(
        index=["article", "sentence", "issue", "group"],
        columns="coder",
        values="position",
        aggfunc="first",
    )
    table = table[table.notna().sum(axis=1) >= 2]
    return table.reset_index(level="group").astype({"group": str})


def _figures(task: str, values: pd.DataFrame) -> dict:
    level = LEVELS[task]
    data = _encoded(values)
    coded = ~np.isnan(data)
    both = coded.sum(axis=0) >= 2
    same = np.array([len(set(column[~np.isnan(column)])) == 1 for column in data.T], dtype=bool)
    scored = both & (data == 1).any(axis=0) if task == "issue" else both
    kappa = float("nan")
    if len(values.columns) == 2 and coded.all(axis=0).any():
        pairs = values[values.notna().all(axis=1)]
        if pairs.stack().nunique() > 1:
            weights = "linear" if level == "ordinal" else None
            kappa = float(cohen_kappa_score(pairs.iloc[:, 0], pairs.iloc[:, 1], weights=weights))
    alpha = float("nan")
    if both.any() and len(np.unique(data[coded])) > 1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            alpha = float(
                krippendorff.alpha(
                    reliability_data=data,
                    level_of_measurement=level,
                    value_domain=POSITIONS if task == "position" else None,
                )
            )
    return {
        "task": task,
        "level": level,
        "units": int(scored.sum()),
        "agreement": float(same[scored].mean()) if scored.any() else float("nan"),
        "kappa": kappa,
        "alpha": alpha,
    }


def _encoded(values: pd.DataFrame) -> np.ndarray:
    """Coders × units as numbers (categories numbered in sorted order; NaN not coded)."""
    if all(pd.api.types.is_numeric_dtype(values[c]) for c in values):
        return values.to_numpy(dtype=float).T
    number = {category: float(i) for i, category in enumerate(sorted(set(values.stack().dropna())))}
    return values.apply(lambda column: column.map(number)).to_numpy(dtype=float).T


def _disagreements(task: str, table: pd.DataFrame, coders: tuple[str, ...], texts: pd.Series):
    for key, row in table.iterrows():
        values = {c: row[c] for c in coders if c in row and pd.notna(row[c])}
        if len(values) < 2 or len(set(values.values())) <= 1:
            continue
        article, sentence, issue = key
        shown = ", ".join(f"{coder}={_shown(task, value)}" for coder, value in values.items())
        yield (task, article, int(sentence), issue, row["group"], shown, texts[(article, sentence)])


def _shown(task: str, value: object) -> str:
    if task == "issue":
        return "yes" if value == 1 else "no"
    if task == "position":
        return f"{int(value):+d}"
    return str(value)


def labellings_agreement(project: Project) -> Agreement:
    """Agreement of the reconciled hand labels with each independent labelling.

    >>> from stances.project.load import load_project
    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> labellings_agreement(project).figures.set_index("task")["alpha"].round(2).to_dict()
    {'issue': 0.96, 'group': 0.93, 'position': 1.0}
    """
    labels = project.all_labels
    per_article = labels.groupby("article")["independent"].nunique()
    articles = sorted(per_article[per_article == 2].index)
    sentences = sentence_table(project.training_corpus, project.codebook, articles=articles)
    labels = labels[labels["article"].isin(articles)]
    return agreement(coded(labels, sentences), sentences, project.codebook.issue_ids)


def model_agreement(
    labels: pd.DataFrame, model_rows: pd.DataFrame, sentences: pd.DataFrame, issues: list[str]
) -> Agreement:
    """Agreement of the reconciled hand labels (`LABEL_COLUMNS`) with the model's rows
    (`STATEMENT_COLUMNS`) on the articles of `model_rows`; the model is the coder
    `model`, and an article it found nothing in still counts (all its units "no")."""
    articles = sorted(set(sentences["article"]))
    labels = labels[labels["article"].isin(articles) & ~labels["independent"].astype(bool)]
    human = coded(labels, sentences)
    model = model_rows.assign(coder=MODEL, quote=model_rows["text"])[human.columns]
    labelled = {article: {MODEL} for article in articles}
    for article in human["article"]:
        labelled[article].add(RECONCILED)
    statements = pd.concat([human, model], ignore_index=True)
    return agreement(statements, sentences, issues, labelled=labelled)
