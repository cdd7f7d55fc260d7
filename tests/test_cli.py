"""The command line, driven through typer's CliRunner: exit codes and exact messages."""

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from stances.cli import app
from stances.tag.statements import STATEMENT_COLUMNS

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def paths(project):
    return [
        "--corpus",
        project / "seeds",
        "--annotations",
        project / "annotations",
        "--training-corpus",
        project / "seeds",
        "--models",
        project / "models",
    ]


@pytest.mark.parametrize("command", ["validate", "train", "tag", "run", "compare"])
def test_every_command_has_help_text(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert len(result.output.strip()) > 50


def test_validate_prints_the_summary_and_exits_0(shipped_project):
    result = invoke(
        "validate",
        "--corpus",
        shipped_project / "seeds",
        "--annotations",
        shipped_project / "annotations",
    )
    assert result.exit_code == 0
    assert "OK: 5 articles" in result.output
    assert "Statements per issue" in result.output
    assert "Agreement with the independent second labelling" in result.output
    assert "position   alpha" in result.output


def test_validate_lists_every_problem_and_exits_1(tiny_project):
    labels = tiny_project / "annotations" / "a1.yaml"
    labels.write_text(
        labels.read_text()
        .replace("speaker: smith", "speaker: jones")
        .replace("issue: exercises", "issue: sanctions")
    )
    result = invoke(
        "validate",
        "--corpus",
        tiny_project / "seeds",
        "--annotations",
        tiny_project / "annotations",
    )
    assert result.exit_code == 1
    assert f"{labels}:4: statement s1: unknown speaker 'jones'" in result.output
    assert f"{labels}:9: statement s2: unknown issue 'sanctions'" in result.output
    assert "Traceback" not in result.output


def test_a_missing_corpus_folder_is_one_clear_error(tmp_path):
    result = invoke("tag", "--corpus", tmp_path / "nowhere", "--out", tmp_path / "s.csv")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_tag_writes_the_statements_csv_with_exactly_the_documented_columns(training_project):
    out = training_project / "statements.csv"
    result = invoke("tag", *paths(training_project), "--out", out)
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(out).columns) == STATEMENT_COLUMNS


def test_train_writes_the_figures_as_json(training_project):
    import json

    out = training_project / "figures.json"
    result = invoke(
        "train",
        "--corpus",
        training_project / "seeds",
        "--annotations",
        training_project / "annotations",
        "--models",
        training_project / "models",
        "--json",
        out,
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert {"issue", "position", "group", "baselines", "n_statements", "n_articles"} <= set(figures)


def test_run_on_the_shipped_data_writes_the_workbook_and_shows_the_expected_positions(
    shipped_project,
):
    out = shipped_project / "out" / "stances.xlsx"
    out.parent.mkdir()
    result = invoke(
        "run",
        *paths(shipped_project),
        "--out",
        out,
        "--csv",
        shipped_project / "csv",
        "--png",
        shipped_project / "matrix.png",
    )
    assert result.exit_code == 0, result.output
    assert "Workbook:" in result.output
    matrix = pd.read_excel(out, sheet_name="Matrix", index_col=0).iloc[:, :4]
    assert matrix.loc["russia", "NATO enlargement"].startswith("oppose")
    assert matrix.loc["russia", "Troop withdrawal"].startswith("oppose")
    assert matrix.loc["united_states", "NATO enlargement"].startswith("support")
    assert matrix.loc["united_states", "Troop withdrawal"].startswith("support")
    for group in ("russia", "united_states"):
        assert matrix.loc[group, "Missile limits"].startswith("support")
        assert matrix.loc[group, "Exercise limits"].startswith("support")
    long = pd.read_csv(shipped_project / "csv" / "matrix_long.csv")
    assert list(long.columns) == ["article", "group", "issue", "position", "count", "label"]
    assert (shipped_project / "matrix.png").read_bytes()[:4] == b"\x89PNG"


def test_a_failed_run_leaves_the_previous_workbook_intact(shipped_project):
    out = shipped_project / "stances.xlsx"
    assert invoke("run", *paths(shipped_project), "--out", out).exit_code == 0
    before = out.read_bytes()
    labels = shipped_project / "annotations" / "000_eb8e0bf49b075b5d.yaml"
    labels.write_text(labels.read_text().replace("speaker: bauer", "speaker: nobody"))
    result = invoke("run", *paths(shipped_project), "--out", out)
    assert result.exit_code == 1
    assert "unknown speaker 'nobody'" in result.output
    assert out.read_bytes() == before
    openpyxl.load_workbook(out)


def test_compare_prints_the_cells_where_two_articles_differ(training_project):
    text = training_project / "seeds" / "t3.txt"
    labels = training_project / "annotations" / "t3.yaml"
    labels.write_text(
        labels.read_text().replace(
            "speaker: ivanov\n    issue: missiles\n    position: -1",
            "speaker: ivanov\n    issue: missiles\n    position: 1",
        )
    )
    assert text.exists()
    result = invoke("compare", "t1", "t3", *paths(training_project))
    assert result.exit_code == 0, result.output
    assert "east × missiles: contradict" in result.output
