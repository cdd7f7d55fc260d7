"""Scoring tagged statements against hand labels: statements, actors, issues, cells.

A predicted row matches a hand statement when article, sentence, group, issue and
position agree; actor-only and issue-only scores relax that to (sentence, group)
and (sentence, issue). A cell is (article, group, issue) with the sign of its
mean position; predicted and hand cells match when key and sign agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

STATEMENT_KEY = ["article", "sentence", "group", "issue", "position"]
LEVELS = {
    "statement": STATEMENT_KEY,
    "actor": ["article", "sentence", "group"],
    "issue": ["article", "sentence", "issue"],
}


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one level, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    expected: int

    @classmethod
    def of(cls, predicted: set, expected: set) -> Score:
        hits = len(predicted & expected)
        precision = hits / len(predicted) if predicted else 0.0
        recall = hits / len(expected) if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, hits, len(predicted), len(expected))


@dataclass(frozen=True)
class Scores:
    """Every level's score for one system on one labelled corpus."""

    system: str
    statement: Score
    actor: Score
    issue: Score
    cell: Score
    errors: pd.DataFrame

    def as_dict(self) -> dict:
        return {
            level: vars(getattr(self, level)) for level in ("statement", "actor", "issue", "cell")
        }


def score_statements(predicted: pd.DataFrame, expected: pd.DataFrame, *, system: str) -> Scores:
    """Score `predicted` rows against hand statements (both need `STATEMENT_KEY`)."""
    levels = {
        level: Score.of(_keys(predicted, columns), _keys(expected, columns))
        for level, columns in LEVELS.items()
    }
    cells = Score.of(_keys(cell_signs(predicted), CELL_KEY), _keys(cell_signs(expected), CELL_KEY))
    return Scores(system, **levels, cell=cells, errors=statement_errors(predicted, expected))


CELL_KEY = ["article", "group", "issue", "sign"]


def cell_signs(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, group, issue): the sign of the mean position."""
    if statements.empty:
        return pd.DataFrame(columns=CELL_KEY)
    cells = statements.groupby(["article", "group", "issue"], as_index=False)["position"].mean()
    cells["sign"] = np.sign(cells["position"]).astype(int)
    return cells[CELL_KEY]


def statement_errors(predicted: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    """Rows that match no hand statement (`false`) and hand statements no row matches (`missed`),
    each with the nearest row on the other side of the same sentence and issue."""
    found, wanted = _keys(predicted, STATEMENT_KEY), _keys(expected, STATEMENT_KEY)
    rows = []
    for kind, table, other_keys in (
        ("false", predicted, wanted),
        ("missed", expected, found),
    ):
        for row in table.drop_duplicates(STATEMENT_KEY).itertuples(index=False):
            key = tuple(getattr(row, c) for c in STATEMENT_KEY)
            if key in other_keys:
                continue
            near = [k for k in other_keys if k[:2] == key[:2] and k[3] == key[3]]
            rows.append(
                {
                    "kind": kind,
                    "article": row.article,
                    "sentence": int(row.sentence),
                    "group": row.group,
                    "issue": row.issue,
                    "position": int(row.position),
                    "confidence": float(getattr(row, "confidence", 1.0)),
                    "other_side": ", ".join(f"{k[2]} {k[4]:+d}" for k in near),
                    "text": str(getattr(row, "text", "")),
                }
            )
    columns = ["kind", "article", "sentence", "group", "issue", "position", "confidence"]
    return pd.DataFrame(rows, columns=[*columns, "other_side", "text"])


def reliability_table(
    predicted: pd.DataFrame,
    expected: pd.DataFrame,
    bins: tuple[float, ...] = (0, 0.4, 0.6, 0.8, 1.0),
) -> pd.DataFrame:
    """Per confidence bin: rows, mean confidence and the share that match a hand statement."""
    wanted = _keys(expected, STATEMENT_KEY)
    right = [tuple(r) in wanted for r in predicted[STATEMENT_KEY].itertuples(index=False)]
    table = predicted.assign(right=right)
    table["bin"] = pd.cut(table["confidence"], bins=list(bins), include_lowest=True)
    grouped = table.groupby("bin", observed=False)
    return pd.DataFrame(
        {
            "rows": grouped.size(),
            "mean_confidence": grouped["confidence"].mean().round(3),
            "precision": grouped["right"].mean().round(3),
        }
    ).reset_index()


def _keys(table: pd.DataFrame, columns: list[str]) -> set[tuple]:
    if table.empty:
        return set()
    return {
        tuple(int(v) if isinstance(v, np.integer) else v for v in row)
        for row in table[columns].itertuples(index=False)
    }
