"""Comparing the matrices of articles: agreement, strength, contradiction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from stances.project.corpus import Article, Corpus
from stances.report.matrix import (
    NO_STATEMENT,
    RowKind,
    build_matrix,
    cell_counts,
    label_cell,
)

STRENGTH_GAP = 0.5
CELL_FIELDS = ("position", "count", "label", "human", "model", "model_confidence")
GROUP_COLUMN = "articles"  # the long comparison's first column: the group of articles


def articles_by_date(corpus: Corpus, articles: Iterable[str]) -> list[str]:
    """Article ids in date order (undated last), then by id."""
    return sorted(
        articles,
        key=lambda a: (
            (corpus[a].date is None, corpus[a].date or 0, a) if a in corpus else (True, 0, a)
        ),
    )


def agreement(labels: list[str], positions: list[float]) -> str:
    """How the articles covering one cell relate: agree, differ in strength, contradict.

    >>> agreement(["support", "oppose"], [1.0, -1.0])
    'contradict'
    """
    covered = [
        (label, position)
        for label, position in zip(labels, positions, strict=True)
        if label != NO_STATEMENT
    ]
    if not covered:
        return NO_STATEMENT
    if len(covered) == 1:
        return "one article"
    kinds = {label for label, _ in covered}
    if {"support", "oppose"} <= kinds or ("mixed" in kinds and len(kinds) > 1):
        return "contradict"
    values = [position for _, position in covered]
    if len(kinds) > 1 or max(values) - min(values) > STRENGTH_GAP:
        return "differ in strength"
    return "agree"


def compare_articles(
    statements: pd.DataFrame,
    corpus: Corpus,
    *,
    by: RowKind | str = RowKind.group,
    issues: list[str] | None = None,
    actors: list[str] | None = None,
) -> pd.DataFrame:
    """Per-article matrices side by side (date order), with an `agreement` column.

    Columns: actor, issue, then `<article>:<field>` for each article and each of
    `CELL_FIELDS` (position, count, label, human, model, model_confidence), then
    `agreement`.

    >>> import datetime as dt
    >>> from stances.project.corpus import Article
    >>> corpus = Corpus(None, {"b": Article("b", "", date=dt.date(2022, 1, 14)),
    ...                        "a": Article("a", "", date=dt.date(2022, 1, 10))})
    >>> statements = pd.DataFrame({"article": ["b", "a"], "group": ["east", "east"],
    ...                            "issue": ["missiles"] * 2, "position": [-1, 1]})
    >>> compare_articles(statements, corpus)[["actor", "a:label", "b:label", "agreement"]]
      actor  a:label b:label   agreement
    0  east  support  oppose  contradict
    """
    by = RowKind(by).value
    articles = articles_by_date(corpus, statements["article"].unique())
    issues = issues or sorted(statements["issue"].unique())
    actors = actors or sorted(statements[by].unique())
    table = build_matrix(statements, by=by, issues=issues, actors=actors)[["actor", "issue"]]
    # every column built first and joined once: no fragmented frame, no per-row loop
    columns = {}
    for article, rows in statements.groupby("article", sort=False):
        cells = build_matrix(rows, by=by, issues=issues, actors=actors)
        for column in CELL_FIELDS:
            columns[f"{article}:{column}"] = cells[column].to_numpy()
    ordered = {f"{a}:{c}": columns[f"{a}:{c}"] for a in articles for c in CELL_FIELDS}
    table = pd.concat([table, pd.DataFrame(ordered, index=table.index)], axis=1)
    labels = zip(*(ordered[f"{a}:label"] for a in articles), strict=True)
    positions = zip(*(ordered[f"{a}:position"] for a in articles), strict=True)
    table["agreement"] = (
        [
            agreement(list(label), list(position))
            for label, position in zip(labels, positions, strict=True)
        ]
        if articles
        else [agreement([], []) for _ in range(len(table))]
    )
    return table


def compare_sets(
    statements: pd.DataFrame,
    left: list[str],
    right: list[str],
    *,
    by: RowKind | str = RowKind.group,
) -> pd.DataFrame:
    """Cells where two sets of articles differ, with both sides' figures (`left_<field>`,
    `right_<field>` for each of `CELL_FIELDS`).

    >>> statements = pd.DataFrame({"article": ["a", "b", "c"], "group": ["east"] * 3,
    ...                            "issue": ["missiles"] * 3, "position": [1, -1, -1]})
    >>> compare_sets(statements, ["a"], ["b", "c"])[["actor", "left_label", "right_label"]]
      actor left_label right_label
    0  east    support      oppose
    """
    by = RowKind(by).value
    issues = sorted(statements["issue"].unique())
    actors = sorted(statements[by].unique())
    sides = [
        build_matrix(statements[statements["article"].isin(s)], by=by, issues=issues, actors=actors)
        for s in (left, right)
    ]
    table = sides[0][["actor", "issue"]].copy()
    for name, side in zip(("left", "right"), sides, strict=True):
        for column in CELL_FIELDS:
            table[f"{name}_{column}"] = side[column].to_numpy()
    table["agreement"] = [
        agreement([a, b], [p, q])
        for a, b, p, q in zip(
            table["left_label"],
            table["right_label"],
            table["left_position"],
            table["right_position"],
            strict=True,
        )
    ]
    return table[
        table["agreement"].isin(["contradict", "differ in strength"])
        | ((table["left_count"] > 0) != (table["right_count"] > 0))
    ]


ARTICLE_GROUPS = ("outlet", "day", "week")


def group_of(article, group_by: str) -> str:
    """The group an article falls in: its outlet, its day or its week (the Monday)."""
    if group_by == "outlet":
        return article.outlet or "outlet not named"
    if group_by in {"day", "week"}:
        if article.date is None:
            return "undated"
        monday = article.date - dt.timedelta(days=article.date.weekday())
        return str(article.date if group_by == "day" else f"week of {monday}")
    return str(getattr(article, group_by, None) or f"{group_by} not named")


def group_articles(
    statements: pd.DataFrame, corpus: Corpus, group_by: str
) -> tuple[pd.DataFrame, Corpus]:
    """The statements with each article replaced by its group (`group_of`), and a
    corpus of one empty article per group (outlet, date, title "N articles"), so that
    `compare_articles` compares groups of articles, however many articles there are.

    >>> corpus = Corpus(None, {"a": Article("a", "", outlet="Wire"),
    ...                        "b": Article("b", "", outlet="Wire")})
    >>> grouped, groups = group_articles(pd.DataFrame({"article": ["a", "b"]}), corpus, "outlet")
    >>> list(grouped["article"]), groups["Wire"].title
    (['Wire', 'Wire'], '2 articles')
    """
    key = article_groups(corpus, group_by)
    members: dict[str, list[Article]] = {}
    for article in corpus:
        members.setdefault(key[article.id], []).append(article)
    groups = {
        name: Article(
            name,
            "",
            title=f"{len(articles)} article{'s' if len(articles) > 1 else ''}",
            outlet=name if group_by == "outlet" else None,
            date=min((a.date for a in articles if a.date), default=None),
        )
        for name, articles in members.items()
    }
    return statements.assign(article=statements["article"].map(key)), Corpus(None, groups)


def compare_groups(
    counts: pd.DataFrame,
    groups: Corpus,
    *,
    issues: list[str],
    actors: list[str],
) -> pd.DataFrame:
    """The cells of groups of articles in long format: one row per group × actor × issue
    with statements (so never wider than its columns, however many groups), groups in
    date order within each cell, and whether the groups covering the cell agree.

    `counts` are `cell_counts(..., keys=["article"])` of the statements with each
    article replaced by its group (`group_articles`), or their sum over chunks.
    Columns: `GROUP_COLUMN`, actor, issue, `CELL_FIELDS`, agreement.

    >>> corpus = Corpus(None, {"a": Article("a", "", outlet="Wire"),
    ...                        "b": Article("b", "", outlet="Post")})
    >>> statements = pd.DataFrame({"article": ["a", "b"], "group": ["east", "east"],
    ...                            "issue": ["missiles"] * 2, "position": [1, -1]})
    >>> grouped, groups = group_articles(statements, corpus, "outlet")
    >>> counts = cell_counts(grouped, "group", keys=["article"])
    >>> compare_groups(counts, groups, issues=["missiles"], actors=["east"])[
    ...     ["articles", "actor", "label", "agreement"]]
      articles actor    label   agreement
    0     Post  east   oppose  contradict
    1     Wire  east  support  contradict
    """
    columns = [GROUP_COLUMN, "actor", "issue", *CELL_FIELDS, "agreement"]
    cells = counts.reset_index().rename(columns={"article": GROUP_COLUMN})
    cells = cells[(cells["count"] > 0) & cells["actor"].isin(actors) & cells["issue"].isin(issues)]
    if cells.empty:
        return pd.DataFrame(columns=columns)
    order = {name: rank for rank, name in enumerate(articles_by_date(groups, groups.articles))}
    cells = cells.assign(
        _actor=cells["actor"].map({a: i for i, a in enumerate(actors)}),
        _issue=cells["issue"].map({a: i for i, a in enumerate(issues)}),
        _group=cells[GROUP_COLUMN].map(order).fillna(len(order)),
        position=cells["position_sum"] / cells["count"],
        model_confidence=(cells["confidence_sum"] / cells["model"]).where(cells["model"] > 0),
    ).sort_values(["_actor", "_issue", "_group", GROUP_COLUMN])
    cells["label"] = [
        label_cell(c, s, o, m)
        for c, s, o, m in zip(
            cells["count"], cells["support"], cells["oppose"], cells["position"], strict=True
        )
    ]
    verdicts = {
        key: agreement(list(rows["label"]), list(rows["position"]))
        for key, rows in cells.groupby(["actor", "issue"], sort=False)
    }
    cells["agreement"] = [verdicts[key] for key in zip(cells["actor"], cells["issue"], strict=True)]
    return cells[columns].reset_index(drop=True)


def group_counts(
    statements: pd.DataFrame, groups: dict[str, str], by: RowKind | str
) -> pd.DataFrame:
    """`cell_counts` per group of articles (`groups`: article id → group, `article_groups`)
    of some statements: summed over chunks, they are what `compare_groups` reads."""
    grouped = statements.assign(article=statements["article"].map(groups))
    return cell_counts(grouped, by, keys=["article"])


def article_groups(corpus: Corpus, group_by: str) -> dict[str, str]:
    """The group (`group_of`) of each article of the corpus."""
    return {a.id: group_of(a, group_by) for a in corpus}
