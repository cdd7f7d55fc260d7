"""Saving and loading models with skops: what is loaded is what was saved, or nothing."""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

from stances.errors import ModelError
from stances.learn.features import feature_frame
from stances.learn.manifest import MANIFEST_FILE, MODEL_FILE, read_manifest
from stances.learn.persistence import load_model, save_model
from stances.text.holders import Candidate


@pytest.fixture
def saved(tmp_path, trained):
    project, result = trained
    save_model(result.model, tmp_path, fingerprint=project.fingerprint, figures=result.figures)
    return tmp_path


def vouch_for(folder, data: bytes) -> None:
    """Replace the model file and make the manifest vouch for it."""
    (folder / MODEL_FILE).write_bytes(data)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["model_sha256"] = hashlib.sha256(data).hexdigest()
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))


def test_a_saved_model_loads_and_predicts_as_before(saved, trained):
    project, result = trained
    frame = feature_frame(["Ivanov said Eastland rejects missile limits."], [""], [1])
    loaded = load_model(saved, read_manifest(saved))
    assert np.allclose(loaded.issue_probabilities(frame), result.model.issue_probabilities(frame))
    candidates = [[Candidate("east", "ivanov", "Ivanov", {"subject_of_reporting_verb": 1.0})]]
    text = ["Ivanov said Eastland rejects missile limits."]
    assert np.allclose(
        loaded.holder_probabilities(candidates, text)[0],
        result.model.holder_probabilities(candidates, text)[0],
    )
    assert read_manifest(saved).fingerprint == project.fingerprint
    assert read_manifest(saved).figures == result.figures


def test_a_tampered_model_file_is_refused(saved):
    path = saved / MODEL_FILE
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="does not match its manifest"):
        load_model(saved)


def test_a_model_file_that_is_not_ours_is_refused(saved):
    vouch_for(saved, b"not a model at all")
    with pytest.raises(ModelError, match=r"not a stances model \(BadZipFile\)"):
        load_model(saved)


def test_a_model_holding_untrusted_types_is_refused(saved):
    vouch_for(saved, sio.dumps({"issues": [], "issue_model": pd.Timestamp("2022-01-01")}))
    with pytest.raises(ModelError, match="does not trust"):
        load_model(saved)


def test_a_model_without_a_manifest_is_refused(saved):
    (saved / MANIFEST_FILE).unlink()
    with pytest.raises(ModelError, match=r"no readable manifest\.json"):
        load_model(saved)
