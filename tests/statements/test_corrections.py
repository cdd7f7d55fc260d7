"""Corrections from the workbook: verdicts become new annotation files, the model relearns."""

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from stances.cli import app
from stances.errors import ValidationFailed
from stances.io.yamlfile import load_yaml
from stances.report.sheets import TABLE_HEADER_ROW
from stances.statements.corrections import import_corrections, read_verdicts
from tests.conftest import load, write, write_training_project

runner = CliRunner()
UNLABELLED = (
    "Fourth round in Oslo\n\n"
    "Smith said Westland is ready to limit missiles in Europe. "
    "Ivanov said Eastland rejects any limit on its drills. "
    "Smith said Westland wants fewer drills near the border. "
    "The ferry left at noon.\n"
)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The training project with an unlabelled fourth article, run once: its workbook."""
    project = write_training_project(tmp_path_factory.mktemp("reviewed"))
    write(project / "seeds" / "t4.txt", UNLABELLED)
    (project / "out").mkdir()
    result = run(project, "before.xlsx")
    assert result.exit_code == 0, result.output
    return project


def run(project, name):
    return runner.invoke(
        app,
        [
            "run",
            *("--corpus", str(project / "seeds"), "--training-corpus", str(project / "seeds")),
            *("--annotations", str(project / "annotations"), "--models", str(project / "models")),
            *("--out", str(project / "out" / name)),
        ],
    )


HEADER = TABLE_HEADER_ROW  # the sheets' header row, below their title rows


def sheet_rows(path):
    sheet = openpyxl.load_workbook(path)["Statements"]
    header = [cell.value for cell in sheet[HEADER]]
    return (
        sheet,
        header,
        [
            dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(min_row=HEADER + 1, values_only=True)
        ],
    )


def model_row(rows, issue):
    """The sheet row number of t4's model row on `issue`."""
    return next(
        index
        for index, row in enumerate(rows, start=HEADER + 1)
        if row["article"] == "t4" and row["issue"] == issue and row["source"] == "model"
    )


def matrix(path):
    return pd.read_excel(path, sheet_name="Matrix", index_col=0).iloc[:-2, :2]


def mark(path, target, edits: dict[int, dict]):
    """Edit the Statements sheet as an analyst would, and save it as `target`."""
    book = openpyxl.load_workbook(path)
    sheet = book["Statements"]
    header = [cell.value for cell in sheet[HEADER]]
    for row, values in edits.items():
        for name, value in values.items():
            sheet.cell(row, header.index(name) + 1).value = value
    book.save(target)
    return target


def test_the_statements_sheet_offers_drop_down_lists_and_a_verdict_column(reviewed):
    sheet, header, _ = sheet_rows(reviewed / "out" / "before.xlsx")
    assert header[-1] == "verdict"
    lists = {
        header[next(iter(check.sqref.ranges)).min_col - 1]: check.formula1
        for check in sheet.data_validations.dataValidation
    }
    assert lists == {
        "issue": "Codebook!$B$4:$B$5",
        "group": "Codebook!$B$6:$B$7",
        "speaker": "Codebook!$B$8:$B$9",
        "position": '"-1,0,1"',
        "verdict": '"confirm,correct,reject"',
    }
    codebook = openpyxl.load_workbook(reviewed / "out" / "before.xlsx")["Codebook"]
    assert [codebook[f"B{row}"].value for row in range(4, 10)] == [
        "missiles",
        "exercises",
        "east",
        "west",
        "ivanov",
        "smith",
    ]


def test_verdicts_round_trip_into_new_labels_and_a_changed_matrix(reviewed, tmp_path):
    project = reviewed
    before = project / "out" / "before.xlsx"
    _, _, rows = sheet_rows(before)
    missiles, exercises = model_row(rows, "missiles"), model_row(rows, "exercises")
    edited = mark(
        before,
        tmp_path / "edited.xlsx",
        {
            missiles: {"verdict": "correct", "position": -1, "speaker": "ivanov", "group": "east"},
            exercises: {"verdict": "reject"},
        },
    )
    before_matrix = matrix(before)
    old_files = {p: p.read_bytes() for p in (project / "annotations").glob("*.yaml")}
    result = runner.invoke(
        app,
        [
            "import-corrections",
            str(edited),
            "--corpus",
            str(project / "seeds"),
            "--annotations",
            str(project / "annotations"),
            "--annotator",
            "reviewer",
        ],
    )
    assert result.exit_code == 0, result.output
    new_file = project / "annotations" / "t4.corrections-1.yaml"
    assert f"Written: {new_file}" in result.output
    assert all(path.read_bytes() == data for path, data in old_files.items())
    data = load_yaml(new_file)
    assert data["annotator"] == "reviewer"
    corrected, rejected = data["statements"]
    text = (project / "seeds" / "t4.txt").read_text()
    assert (
        corrected["quote"]
        == text[rows[missiles - HEADER - 1]["start"] : rows[missiles - HEADER - 1]["end"]]
    )
    assert (corrected["speaker"], corrected["issue"], corrected["position"]) == (
        "ivanov",
        "missiles",
        -1,
    )
    assert rejected["not_a_statement"] is True and "position" not in rejected
    assert rejected["issue"] == "exercises"

    rerun = run(project, "after.xlsx")
    assert rerun.exit_code == 0, rerun.output
    _, _, after_rows = sheet_rows(project / "out" / "after.xlsx")
    t4 = [
        (r["group"], r["issue"], r["position"], r["source"])
        for r in after_rows
        if r["article"] == "t4"
    ]
    assert ("east", "missiles", -1, "human") in t4
    rejected_group = rows[exercises - HEADER - 1]["group"]
    assert (rejected_group, "exercises") not in {(g, i) for g, i, _, s in t4 if s == "model"}
    assert not matrix(project / "out" / "after.xlsx").equals(before_matrix)


def test_importing_the_same_workbook_twice_writes_nothing_new(reviewed, tmp_path):
    project = write_training_project(tmp_path / "twice")
    write(project / "seeds" / "t4.txt", UNLABELLED)
    before = reviewed / "out" / "before.xlsx"
    _, _, rows = sheet_rows(before)
    edited = mark(
        before, tmp_path / "e.xlsx", {model_row(rows, "missiles"): {"verdict": "confirm"}}
    )
    first = import_corrections(edited, load(project), project / "annotations")
    second = import_corrections(edited, load(project), project / "annotations")
    assert (len(first.files), first.statements, first.rejections) == (1, 1, 0)
    assert (second.files, second.skipped) == (
        (),
        (f"row {model_row(rows, 'missiles')}: already labelled in the annotations",),
    )


def test_a_bad_verdict_or_an_unplaced_speaker_is_refused_at_its_row_and_nothing_is_written(
    reviewed, tmp_path
):
    project = write_training_project(tmp_path / "bad")
    write(project / "seeds" / "t4.txt", UNLABELLED)
    before = reviewed / "out" / "before.xlsx"
    _, _, rows = sheet_rows(before)
    one, two = model_row(rows, "missiles"), model_row(rows, "exercises")
    edited = mark(
        before,
        tmp_path / "bad.xlsx",
        {one: {"verdict": "maybe"}, two: {"verdict": "confirm", "issue": "sanctions"}},
    )
    with pytest.raises(ValidationFailed) as error:
        import_corrections(edited, load(project), project / "annotations")
    assert [str(p) for p in error.value.problems] == [
        f"{edited}:{one}: verdict 'maybe': use one of confirm, correct, reject",
        f"{edited}:{two}: statement c01: unknown issue 'sanctions'; "
        "use one of ['missiles', 'exercises']",
    ]
    assert not list((project / "annotations").glob("*.corrections-*.yaml"))


def test_a_hand_label_cannot_be_corrected_from_the_workbook(reviewed, tmp_path):
    project = write_training_project(tmp_path / "hand")
    before = reviewed / "out" / "before.xlsx"
    _, _, rows = sheet_rows(before)
    human = next(i for i, r in enumerate(rows, start=HEADER + 1) if r["source"] == "human")
    edited = mark(before, tmp_path / "h.xlsx", {human: {"verdict": "reject"}})
    with pytest.raises(ValidationFailed) as error:
        import_corrections(edited, load(project), project / "annotations")
    assert str(error.value) == (
        f"{edited}:{human}: a hand label cannot be rejected here; change its annotation file"
    )


def test_a_shortened_quote_must_stay_inside_its_sentence(reviewed, tmp_path):
    project = write_training_project(tmp_path / "quote")
    write(project / "seeds" / "t4.txt", UNLABELLED)
    before = reviewed / "out" / "before.xlsx"
    _, _, rows = sheet_rows(before)
    row = model_row(rows, "missiles")
    edited = mark(
        before, tmp_path / "q.xlsx", {row: {"verdict": "confirm", "text": "The ferry left"}}
    )
    with pytest.raises(ValidationFailed, match="not part of the sentence"):
        import_corrections(edited, load(project), project / "annotations")
    edited = mark(
        before,
        tmp_path / "q2.xlsx",
        {row: {"verdict": "confirm", "text": "ready to limit missiles"}},
    )
    import_corrections(edited, load(project), project / "annotations")
    (entry,) = load_yaml(project / "annotations" / "t4.corrections-1.yaml")["statements"]
    assert entry["quote"] == "ready to limit missiles"


def test_a_workbook_without_verdicts_reads_as_no_verdicts(reviewed):
    assert read_verdicts(reviewed / "out" / "before.xlsx") == []
