"""Tagging a large corpus in chunks of articles: one Parquet file per chunk, in one
process, in parallel (joblib) or on a Dask cluster.

A chunk holds its articles and their hand labels; tagging it needs nothing else but
the model, so memory stays that of one chunk per worker however large the corpus,
and the chunks' files together are the statements table (`tag` on the whole
corpus gives the same rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.errors import InputError, OutputError
from stances.learn.model import StanceModel
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus, refuse_authored
from stances.project.load import Project
from stances.statements.tagging import (
    REVIEW_COLUMNS,
    STATEMENT_COLUMNS,
    human_labels,
    merge_human,
    predict_statements,
    review_table,
)
from stances.text.table import sentence_table

CHUNK_SIZE = 200
PART = "part-{:05d}.parquet"


@dataclass(frozen=True)
class Chunk:
    """Some articles of a corpus, with their hand labels and "not a statement" entries."""

    number: int
    corpus: Corpus
    codebook: Codebook
    labels: pd.DataFrame
    rejections: pd.DataFrame


@dataclass(frozen=True)
class ChunkedTagging:
    """Where the statements went (one Parquet file per chunk, in article order), how
    many rows, and the speakers to review."""

    folder: Path
    parts: list[Path]
    rows: int
    review: pd.DataFrame

    def statements(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The whole statements table read back (or some of its columns)."""
        return read_statements(self.parts, columns=columns)


def check_dataset_folder(folder: Path | str) -> Path:
    """Raise `OutputError` now when `folder` could not hold the dataset's files."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for the Parquet dataset", path=folder)
    if folder.exists() and any(p.suffix != ".parquet" for p in folder.iterdir()):
        raise OutputError(
            "the folder holds other files than a dataset's; give an empty or new folder",
            path=folder,
        )
    return folder


def chunks_of(project: Project, size: int = CHUNK_SIZE) -> Iterator[Chunk]:
    """The project's corpus in chunks of `size` articles, in article id order."""
    if size < 1:
        raise InputError(f"the chunk size must be 1 or more, not {size}")
    ids = sorted(project.corpus.articles)
    labels, rejections = project.labels, project.rejections
    for number, at in enumerate(range(0, len(ids), size)):
        chosen = ids[at : at + size]
        corpus = Corpus(project.corpus.path, {a: project.corpus[a] for a in chosen})
        yield Chunk(
            number,
            corpus,
            project.codebook,
            labels[labels["article"].isin(chosen)],
            rejections[rejections["article"].isin(chosen)],
        )


def tag_chunk(
    chunk: Chunk, model: StanceModel, folder: Path | str
) -> tuple[Path, int, pd.DataFrame]:
    """Tag one chunk, write its statements to `folder`; (file, rows, speakers to review)."""
    sentences = sentence_table(chunk.corpus, chunk.codebook, deferred=True)
    model_rows = predict_statements(model, sentences)
    human = human_labels(chunk.labels, chunk.corpus)
    rejected = human_labels(chunk.rejections, chunk.corpus)
    statements = merge_human(model_rows, human, sentences, rejected)
    path = Path(folder) / PART.format(chunk.number)
    statements.to_parquet(path, index=False)
    return path, len(statements), review_table(sentences)


def tag_in_chunks(
    project: Project,
    model: StanceModel,
    folder: Path | str,
    *,
    chunk_size: int = CHUNK_SIZE,
    jobs: int = 1,
    scheduler: str | None = None,
) -> ChunkedTagging:
    """Tag the project's corpus chunk by chunk into `folder` (created; its old parts
    removed): in this process, in `jobs` processes (joblib; -1 for every core), or on
    the Dask cluster at `scheduler` (an address, or a `distributed.Client`), whose
    workers must be able to write to `folder`.
    """
    refuse_authored(project.corpus)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    chunks = chunks_of(project, chunk_size)
    if scheduler is not None:
        results = _on_dask(chunks, model, folder, scheduler)
    elif jobs == 1:
        results = [tag_chunk(chunk, model, folder) for chunk in chunks]
    else:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=jobs)(delayed(tag_chunk)(c, model, folder) for c in chunks)
    reviews = [review for _, _, review in results if not review.empty]
    review = (
        pd.concat(reviews, ignore_index=True) if reviews else pd.DataFrame(columns=REVIEW_COLUMNS)
    )
    return ChunkedTagging(folder, [p for p, _, _ in results], sum(n for _, n, _ in results), review)


def _on_dask(chunks, model: StanceModel, folder: Path, scheduler) -> list:
    """The chunks as tasks of a Dask cluster: the model sent to every worker once."""
    try:
        from distributed import Client
    except ImportError as error:  # an optional extra
        raise InputError(
            "--scheduler needs dask.distributed: pip install 'stances[cluster]'"
        ) from error
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        shared = client.scatter(model, broadcast=True)
        futures = [client.submit(tag_chunk, c, shared, str(folder), pure=False) for c in chunks]
        return client.gather(futures)
    finally:
        if client is not scheduler:
            client.close()


def read_statements(parts: list[Path], columns: list[str] | None = None) -> pd.DataFrame:
    """The statements table of a chunked tagging's files, in order."""
    tables = [pd.read_parquet(path, columns=columns) for path in parts]
    if not tables:
        return pd.DataFrame(columns=columns or STATEMENT_COLUMNS)
    return pd.concat(tables, ignore_index=True)
