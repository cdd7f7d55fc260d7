"""Tagging in chunks: the same statements, whether in one process, several, or on Dask."""

from pathlib import Path

import pandas as pd
import pytest

from stances.statements.chunks import chunks_of, tag_in_chunks
from stances.statements.tagging import tag

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    from stances.learn.training import train
    from stances.project.load import load_project

    project = load_project(
        ROOT / "seeds",
        [(ROOT / "seeds", ROOT / "annotations")],
        codebook=ROOT / "annotations" / "codebook.yaml",
    )
    return project, train(project, evaluate=False).model


def test_chunks_hold_every_article_once_in_id_order_with_their_own_labels(shipped):
    project, _ = shipped
    chunks = list(chunks_of(project, 2))
    assert [len(c.corpus) for c in chunks] == [2, 2, 1]
    ids = [a for c in chunks for a in c.corpus.articles]
    assert ids == sorted(project.corpus.articles)
    assert all(set(c.labels["article"]) <= set(c.corpus.articles) for c in chunks)
    assert sum(len(c.labels) for c in chunks) == len(project.labels)


def test_one_file_per_chunk_and_together_the_statements_of_the_whole_corpus(shipped, tmp_path):
    project, model = shipped
    result = tag_in_chunks(project, model, tmp_path / "parts", chunk_size=2)
    assert [p.name for p in result.parts] == [f"part-{i:05d}.parquet" for i in range(3)]
    whole = tag(project, model)
    pd.testing.assert_frame_equal(result.statements(), whole.statements)
    assert result.rows == len(whole.statements)
    pd.testing.assert_frame_equal(result.review, whole.review)


def test_two_processes_give_the_single_process_output_row_for_row(shipped, tmp_path):
    project, model = shipped
    one = tag_in_chunks(project, model, tmp_path / "one", chunk_size=2).statements()
    two = tag_in_chunks(project, model, tmp_path / "two", chunk_size=2, jobs=2).statements()
    pd.testing.assert_frame_equal(two, one)


def test_a_dask_cluster_gives_the_single_process_output_row_for_row(shipped, tmp_path):
    distributed = pytest.importorskip("distributed")
    project, model = shipped
    one = tag_in_chunks(project, model, tmp_path / "one", chunk_size=2).statements()
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = tag_in_chunks(project, model, tmp_path / "dask", chunk_size=2, scheduler=client)
    pd.testing.assert_frame_equal(on_dask.statements(), one)
    with distributed.LocalCluster(n_workers=1, dashboard_address=None) as cluster:
        on_address = tag_in_chunks(
            project, model, tmp_path / "address", chunk_size=2, scheduler=cluster.scheduler_address
        )
    pd.testing.assert_frame_equal(on_address.statements(), one)


def test_old_parts_in_the_folder_are_removed_first(shipped, tmp_path):
    project, model = shipped
    tag_in_chunks(project, model, tmp_path, chunk_size=1)
    result = tag_in_chunks(project, model, tmp_path, chunk_size=5)
    assert sorted(p.name for p in tmp_path.glob("*.parquet")) == ["part-00000.parquet"]
    assert len(result.parts) == 1


def test_a_file_where_the_dataset_folder_should_be_is_refused(tmp_path):
    from stances.errors import OutputError
    from stances.statements.chunks import check_dataset_folder

    (tmp_path / "statements.csv").write_text("x")
    with pytest.raises(OutputError, match="is a file; give a folder"):
        check_dataset_folder(tmp_path / "statements.csv")
