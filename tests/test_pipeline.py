"""The orchestration: reuse or retrain the model, run the stages, check outputs first."""

import pytest

from stances.errors import InputError, OutputError
from stances.learn.manifest import MANIFEST_FILE, MODEL_FILE, read_manifest
from stances.pipeline import STEPS, compare, current_model, run, train_and_save
from stances.report.matrix import RowKind, Source
from tests.conftest import load


@pytest.fixture
def saved(training_project):
    train_and_save(load(training_project), training_project / "models")
    return training_project


def test_training_saves_the_model_with_the_fingerprint_of_its_inputs(saved):
    manifest = read_manifest(saved / "models")
    assert manifest.fingerprint == load(saved).fingerprint
    assert manifest.figures.n_statements == 12


def test_the_saved_model_is_reused_while_the_inputs_are_unchanged(saved):
    before = (saved / "models" / MODEL_FILE).read_bytes()
    trained = current_model(load(saved), saved / "models")
    assert trained.retrained is False and trained.figures.n_articles == 3
    assert (saved / "models" / MODEL_FILE).read_bytes() == before


def test_the_model_is_retrained_when_an_annotation_file_changes(saved):
    labels = saved / "annotations" / "t1.yaml"
    labels.write_text(labels.read_text() + "    note: checked again\n")
    assert current_model(load(saved), saved / "models").retrained is True
    assert current_model(load(saved), saved / "models").retrained is False


def test_a_model_without_a_manifest_is_retrained_never_loaded(saved):
    (saved / "models" / MANIFEST_FILE).unlink()
    assert current_model(load(saved), saved / "models").retrained is True


def test_a_run_writes_the_workbook_and_reports_each_step(saved, tmp_path):
    steps = []
    result = run(
        load(saved),
        models=saved / "models",
        out=tmp_path / "s.xlsx",
        by=RowKind.speaker,
        source=Source.human,
        csv_dir=tmp_path / "csv",
        progress=steps.append,
    )
    assert steps == STEPS
    assert result.workbook.exists() and result.trained.retrained is False
    assert set(result.matrix["actor"]) == {"smith", "ivanov"}
    assert [p.name for p in result.extra_files] == ["matrix_long.csv", "comparison.csv"]


def test_a_run_checks_its_outputs_before_any_fitting(training_project, tmp_path):
    with pytest.raises(OutputError, match=r"must be a \.xlsx file"):
        run(load(training_project), models=training_project / "models", out=tmp_path / "s.csv")
    assert not (training_project / "models").exists()


def test_comparing_unknown_articles_is_refused_before_any_fitting(training_project):
    project, models = load(training_project), training_project / "models"
    with pytest.raises(InputError, match=r"no statements for article\(s\) \['t9'\]"):
        compare(project, models, ["t1"], ["t9"], by=RowKind.group)
    assert not models.exists()


def test_comparing_two_articles_gives_the_cells_where_they_differ(saved):
    labels = saved / "annotations" / "t3.yaml"
    labels.write_text(
        labels.read_text().replace(
            "speaker: ivanov\n    issue: missiles\n    position: -1",
            "speaker: ivanov\n    issue: missiles\n    position: 1",
        )
    )
    differences, statements = compare(
        load(saved), saved / "models", ["t1"], ["t3"], by=RowKind.group
    )
    rows = differences.set_index(["actor", "issue"])["agreement"]
    assert rows[("east", "missiles")] == "contradict"
    assert set(statements["article"]) == {"t1", "t2", "t3"}


def test_a_run_streams_the_chunks_into_the_same_matrix_as_the_whole_table(saved, tmp_path):
    from stances.report.matrix import build_matrix, select_statements
    from stances.statements.tagging import tag

    project = load(saved)
    whole = select_statements(
        tag(project, current_model(project, saved / "models").model).statements,
        min_confidence=0.6,
    )
    result = run(project, models=saved / "models", out=tmp_path / "s.xlsx", chunk_size=1)
    expected = build_matrix(
        whole, issues=project.codebook.issue_ids, actors=result.matrix["actor"].unique()
    )
    assert result.matrix.equals(expected)
    assert result.statements.equals(whole.reset_index(drop=True))


def test_above_the_cap_a_run_leaves_the_counted_statements_beside_the_workbook(saved, tmp_path):
    import pandas as pd

    (tmp_path / "out").mkdir()
    result = run(
        load(saved), models=saved / "models", out=tmp_path / "out" / "s.xlsx", max_statement_rows=2
    )
    beside = pd.read_parquet(tmp_path / "out" / "s.statements.parquet")
    assert len(result.statements) == 2 and len(beside) == result.matrix["count"].sum() > 2
    assert pd.read_excel(result.workbook, sheet_name="Statements", header=2).shape[0] == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "s.statements.parquet",
        "s.xlsx",
    ]
