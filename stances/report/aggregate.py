"""The report's figures from a tagging in chunks, one chunk at a time: memory stays that
of one chunk and the rows kept for the workbook, however large the corpus.

Every cell count adds up across chunks (`cell_counts`), so the matrix and the
comparison of groups of articles are sums; the counted statements are appended to one
Parquet file as they come, and the most confident of them kept for the Statements sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from stances.report.compare import group_counts
from stances.report.matrix import RowKind, add_counts, cell_counts, select_statements
from stances.report.workbook import MAX_STATEMENT_ROWS, most_confident
from stances.statements.tagging import STATEMENT_COLUMNS


@dataclass(frozen=True)
class ChunkSummary:
    """What the report needs of the counted statements of every chunk."""

    counts: pd.DataFrame  # cell_counts per (actor, issue)
    group_counts: pd.DataFrame | None  # cell_counts per (group of articles, actor, issue)
    kept: pd.DataFrame  # the most confident counted statements, in order
    total: int  # how many statements were counted

    @property
    def complete(self) -> bool:
        """Whether `kept` holds every counted statement."""
        return len(self.kept) == self.total


def summarise_parts(
    parts: Iterable[Path],
    *,
    by: RowKind | str,
    sources: Iterable[str],
    min_confidence: float,
    counted_file: Path,
    groups: dict[str, str] | None = None,
    keep: int = MAX_STATEMENT_ROWS,
) -> ChunkSummary:
    """Read the statement files of a chunked tagging one by one: count the statements
    the matrix counts (`select_statements`), per group of articles too when `groups`
    (article id → group) is given, append them to `counted_file` (Parquet) and keep the
    `keep` most confident."""
    counts = grouped = None
    kept, total, writer = None, 0, None
    sources = tuple(sources)
    try:
        for part in parts:
            chosen = select_statements(
                pd.read_parquet(part), sources=sources, min_confidence=min_confidence
            ).reset_index(drop=True)
            counts = add_counts(counts, cell_counts(chosen, by))
            if groups is not None:
                grouped = add_counts(grouped, group_counts(chosen, groups, by))
            total += len(chosen)
            if chosen.empty:
                continue
            batch = pa.Table.from_pandas(chosen, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(counted_file, batch.schema)
            writer.write_table(batch.cast(writer.schema))
            both = chosen if kept is None else pd.concat([kept, chosen], ignore_index=True)
            kept = most_confident(both, keep).reset_index(drop=True)
    finally:
        if writer is not None:
            writer.close()
    if kept is None:  # no chunk: an empty corpus
        kept = pd.DataFrame(columns=STATEMENT_COLUMNS).astype({"position": int})
        counts = cell_counts(kept, by)
        grouped = cell_counts(kept, by, keys=["article"]) if groups is not None else None
    return ChunkSummary(counts, grouped, kept, total)
