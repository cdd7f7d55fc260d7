"""The manifest beside a saved model, and the model folder."""

import json

import pytest

from stances.errors import OutputError
from stances.learn.manifest import (
    MANIFEST_FILE,
    MODEL_FILE,
    Manifest,
    check_model_folder,
    read_manifest,
    write_manifest,
)


def test_a_manifest_reads_back_with_its_figures(tmp_path, trained):
    _, result = trained
    write_manifest(tmp_path, Manifest("abc", "def", {"position_C": 1.0}, result.figures))
    manifest = read_manifest(tmp_path)
    assert manifest == Manifest("abc", "def", {"position_C": 1.0}, result.figures)
    data = json.loads((tmp_path / MANIFEST_FILE).read_text())
    assert "scikit-learn" in data["versions"] and data["trained_at"]


@pytest.mark.parametrize("text", [None, "not json", "[]"])
def test_a_missing_or_unreadable_manifest_is_none(tmp_path, text):
    if text is not None:
        (tmp_path / MANIFEST_FILE).write_text(text)
    assert read_manifest(tmp_path) is None


def test_figures_that_cannot_be_read_are_none_not_an_error(tmp_path):
    (tmp_path / MANIFEST_FILE).write_text('{"fingerprint": "x", "cross_validation": {"a": 1}}')
    assert read_manifest(tmp_path).figures is None


def test_a_model_is_current_for_its_fingerprint_while_its_file_is_there(tmp_path):
    manifest = Manifest("abc", "def")
    assert not manifest.is_current(tmp_path, "abc")
    (tmp_path / MODEL_FILE).write_bytes(b"")
    assert manifest.is_current(tmp_path, "abc") and not manifest.is_current(tmp_path, "xyz")


def test_the_model_folder_may_be_missing_but_not_a_file(tmp_path):
    check_model_folder(tmp_path / "models")
    (tmp_path / "models").write_text("")
    with pytest.raises(OutputError, match="not a folder; --models takes a folder"):
        check_model_folder(tmp_path / "models")
