"""Aggregating statements into an actor × issue position matrix.

The choices it is built with (`RowKind`, `Source`, `MatrixValue`, `DEFAULT_MIN_CONFIDENCE`)
live in `choices.py`, free of pandas for the command line, and are named here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.report.choices import (  # noqa: F401
    DEFAULT_MIN_CONFIDENCE,
    MatrixValue,
    RowKind,
    Source,
)
from stances.text.attribution import UNPLACED

MATRIX_COLUMNS = [
    "actor",
    "issue",
    "count",
    "support",
    "oppose",
    "neutral",
    "position_sum",
    "position",
    "label",
    "human",
    "model",
    "model_confidence",
]
NO_STATEMENT = "no statement"
MIXED_SHARE = 0.25


def select_statements(
    statements: pd.DataFrame,
    *,
    sources: Iterable[str] = ("human", "model"),
    min_confidence: float = 0.0,
    articles: Iterable[str] | None = None,
    corpus: Corpus | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """The statements of the chosen sources, confidence, articles and date range.

    Hand labels always pass the confidence filter; dates come from `corpus`.

    >>> statements = pd.DataFrame({"source": ["human", "model", "model"],
    ...                            "confidence": [1.0, 0.9, 0.2], "article": ["a", "a", "b"]})
    >>> select_statements(statements, min_confidence=0.5)["confidence"].tolist()
    [1.0, 0.9]
    >>> select_statements(statements, sources=Source.model.sources, articles=["b"]).index.tolist()
    [2]
    """
    keep = statements["source"].isin(list(sources))
    keep &= (statements["source"] == "human") | (statements["confidence"] >= min_confidence)
    if articles is not None:
        keep &= statements["article"].isin(list(articles))
    if date_from or date_to:
        if corpus is None:
            raise ValueError("a date range needs the corpus for the articles' dates")
        dates = statements["article"].map(lambda a: corpus[a].date if a in corpus else None)
        keep &= dates.map(
            lambda d: (
                d is not None
                and (date_from is None or d >= date_from)
                and (date_to is None or d <= date_to)
            )
        ).astype(bool)
    return statements[keep]


def label_cell(
    count: int, support: int, oppose: int, mean: float, mixed_share: float = MIXED_SHARE
) -> str:
    """support / oppose / mixed / neutral / no statement for one cell.

    >>> label_cell(4, 2, 2, 0.0)
    'mixed'
    """
    if count == 0:
        return NO_STATEMENT
    if support / count >= mixed_share and oppose / count >= mixed_share:
        return "mixed"
    if mean > 0:
        return "support"
    if mean < 0:
        return "oppose"
    return "neutral"


def build_matrix(
    statements: pd.DataFrame,
    *,
    by: RowKind | str = RowKind.group,
    issues: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    mixed_share: float = MIXED_SHARE,
) -> pd.DataFrame:
    """One row per actor × issue (`MATRIX_COLUMNS`), empty cells included.

    `by` is `group` or `speaker`. `position` is the mean of the positions;
    `support`, `oppose`, `neutral`, `count` and `position_sum` add up across
    any split of the statements. The evidence: `human` hand labels and `model`
    rows (a table without a `source` column is all hand labels), and
    `model_confidence`, the mean confidence of the model rows (NaN without any).

    >>> statements = pd.DataFrame(
    ...     {"group": ["east", "east", "west"], "speaker": ["ivanov", "petrov", "smith"],
    ...      "issue": ["missiles"] * 3, "position": [-1, -1, 1]}
    ... )
    >>> build_matrix(statements)[["actor", "issue", "count", "position", "label"]]
      actor     issue  count  position    label
    0  east  missiles      2      -1.0   oppose
    1  west  missiles      1       1.0  support
    """
    by = RowKind(by).value
    issues = list(issues) if issues is not None else sorted(statements["issue"].unique())
    actors = list(actors) if actors is not None else sorted(statements[by].unique())
    return matrix_of_counts(cell_counts(statements, by), issues, actors, mixed_share)


def matrix_of_counts(
    counts: pd.DataFrame,
    issues: list[str],
    actors: list[str],
    mixed_share: float = MIXED_SHARE,
) -> pd.DataFrame:
    """The matrix (`MATRIX_COLUMNS`) of cell counts (`cell_counts`, or their sum over
    chunks of the statements: every count adds up), empty cells included."""
    grid = pd.MultiIndex.from_product([actors, issues], names=["actor", "issue"])
    cells = counts.reindex(grid, fill_value=0).reset_index()
    cells["position"] = (cells["position_sum"] / cells["count"]).where(cells["count"] > 0)
    cells["model_confidence"] = (cells["confidence_sum"] / cells["model"]).where(cells["model"] > 0)
    cells["label"] = [
        label_cell(c, s, o, m, mixed_share)
        for c, s, o, m in zip(
            cells["count"],
            cells["support"],
            cells["oppose"],
            cells["position"].fillna(0),
            strict=True,
        )
    ]
    return cells[MATRIX_COLUMNS]


COUNT_COLUMNS = [
    "count",
    "support",
    "oppose",
    "neutral",
    "position_sum",
    "human",
    "model",
    "confidence_sum",
]


def cell_counts(statements: pd.DataFrame, by: RowKind | str, keys: list[str] = ()) -> pd.DataFrame:
    """Per (`keys`…, actor, issue): `COUNT_COLUMNS`, sums that add up across any split of
    the statements (so chunks of a corpus are counted one at a time and summed).

    >>> statements = pd.DataFrame({"group": ["east", "east"], "issue": ["missiles"] * 2,
    ...                            "position": [1, -1]})
    >>> cell_counts(statements, "group")[["count", "support", "oppose"]].to_numpy().tolist()
    [[2, 1, 1]]
    """
    by, keys = RowKind(by).value, list(keys)
    position = statements["position"].astype(int)
    model = (
        statements["source"] == "model"
        if "source" in statements
        else pd.Series(False, index=statements.index)
    )
    confidence = statements.get("confidence", 0.0)
    frame = pd.DataFrame(
        {key: statements[key] for key in keys}
        | {
            "actor": statements[by],
            "issue": statements["issue"],
            "count": 1,
            "support": (position > 0).astype(int),
            "oppose": (position < 0).astype(int),
            "neutral": (position == 0).astype(int),
            "position_sum": position,
            "human": (~model).astype(int),
            "model": model.astype(int),
            "confidence_sum": (confidence * model).astype(float),
        }
    )
    index = [*keys, "actor", "issue"]
    if frame.empty:
        return pd.DataFrame(
            columns=COUNT_COLUMNS,
            index=pd.MultiIndex.from_tuples([], names=index),
            dtype=int,
        )
    return frame.groupby(index)[COUNT_COLUMNS].sum()


def add_counts(total: pd.DataFrame | None, counts: pd.DataFrame) -> pd.DataFrame:
    """The sum of two `cell_counts` tables (`total` None: nothing counted yet)."""
    if total is None or total.empty:
        return counts
    if counts.empty:
        return total
    return total.add(counts, fill_value=0).astype(total.dtypes.to_dict())


def actor_order(codebook: Codebook, statements: pd.DataFrame, by: RowKind | str) -> list[str]:
    """Groups in codebook order (or speakers by group), then anything else found, and
    the statements with no holder ("unplaced") last."""
    by = RowKind(by).value
    if by == "group":
        known = [g for g in codebook.group_ids if g in set(statements["group"])]
    else:
        known = [s.id for s in codebook.speakers if s.id in set(statements["speaker"])]
    others = sorted(set(statements[by]) - set(known) - {UNPLACED})
    return known + others + ([UNPLACED] if UNPLACED in set(statements[by]) else [])


def model_only(matrix: pd.DataFrame) -> pd.Series:
    """The cells that rest on model rows alone, with no hand label behind them.

    >>> statements = pd.DataFrame({"group": ["east", "west"], "issue": ["missiles"] * 2,
    ...     "position": [1, -1], "source": ["human", "model"], "confidence": [1.0, 0.7]})
    >>> build_matrix(statements).pipe(model_only).tolist()
    [False, True]
    """
    return (matrix["model"] > 0) & (matrix["human"] == 0)


def matrix_grid(matrix: pd.DataFrame, value: str = "position") -> pd.DataFrame:
    """The long matrix as a wide actors × issues table of one value."""
    return matrix.pivot(index="actor", columns="issue", values=value).reindex(
        index=list(dict.fromkeys(matrix["actor"])), columns=list(dict.fromkeys(matrix["issue"]))
    )
