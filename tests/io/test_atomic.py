"""Atomic writes, and output paths checked before any work."""

import pytest

from stances.errors import OutputError
from stances.io.atomic import (
    atomic_path,
    check_new_path,
    check_output_folder,
    check_output_path,
    write_text_atomic,
)


def test_a_write_replaces_the_file_in_one_step(tmp_path):
    target = write_text_atomic(tmp_path / "a.txt", "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("labels.yaml", "the output must be a .xlsx file; pick a name ending in .xlsx"),
        ("missing/out.xlsx", "does not exist; create it or pick another output path"),
    ],
)
def test_an_output_that_could_not_be_written_is_refused_now(tmp_path, name, message):
    with pytest.raises(OutputError, match=message.replace(".", r"\.")):
        check_output_path(tmp_path / name, suffix=".xlsx")


def test_a_read_only_output_counts_as_locked(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("x")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        check_output_path(target, suffix=".xlsx")


def test_a_new_path_must_not_exist(tmp_path):
    (tmp_path / "a.yaml").write_text("")
    with pytest.raises(OutputError, match="stances never overwrites it"):
        check_new_path(tmp_path / "a.yaml", suffix=".yaml")
    assert check_new_path(tmp_path / "b.yaml", suffix=".yaml") == tmp_path / "b.yaml"


def test_an_output_folder_may_be_missing_but_not_a_file(tmp_path):
    assert check_output_folder(tmp_path / "new", option="--csv") == tmp_path / "new"
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="not a folder; --csv takes a folder"):
        check_output_folder(tmp_path / "file", option="--csv")
