"""The choices a matrix is built with (rows, sources, cell value, confidence floor).

Kept apart from `matrix.py` and free of heavy imports: the command line declares its
options with them, and `stances --help` must not load pandas.
"""

from __future__ import annotations

from enum import StrEnum

# Model rows below this confidence are not counted by default: on the frozen test set
# (`stances evaluate`) rows under 0.6 were right less than half the time (0.30 below
# 0.4, 0.41 from 0.4 to 0.6), rows from 0.6 to 0.8 two times in three (0.67), rows
# above 0.8 six times in seven (0.86).
DEFAULT_MIN_CONFIDENCE = 0.6


class RowKind(StrEnum):
    """What the rows of a matrix are: actor groups or single speakers."""

    group = "group"
    speaker = "speaker"


class Source(StrEnum):
    """Which statements a matrix counts: hand labels, model rows or both."""

    human = "human"
    model = "model"
    both = "both"

    @property
    def sources(self) -> tuple[str, ...]:
        """The `source` values of the statements table this choice keeps."""
        return ("human", "model") if self is Source.both else (self.value,)


class MatrixValue(StrEnum):
    """What a cell shows: the mean position, or the sum (support minus oppose: DNA's
    "subtract" aggregation; the count is its "ignore")."""

    mean = "mean"
    sum = "sum"

    @property
    def column(self) -> str:
        """The matrix column that holds this value.

        >>> MatrixValue("sum").column
        'position_sum'
        """
        return "position" if self is MatrixValue.mean else "position_sum"
