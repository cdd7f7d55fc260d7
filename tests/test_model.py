"""Training, evaluation, persistence and tagging on a tiny labelled corpus."""

import json

import pandas as pd
import pytest

from stances.errors import ModelError
from stances.learn.persistence import MANIFEST_FILE, MODEL_FILE, load_model
from stances.learn.training import current_model, train
from stances.tag.statements import STATEMENT_COLUMNS, tag, tag_corpus
from tests.conftest import write


@pytest.fixture
def trained(training_project):
    train(
        training_project / "seeds",
        training_project / "annotations",
        model_dir=training_project / "models",
    )
    return training_project


def project_args(project):
    return dict(
        corpus=project / "seeds",
        annotations=project / "annotations",
        training_corpus=project / "seeds",
        model_dir=project / "models",
    )


def test_training_reports_the_model_beside_both_baselines(training_project):
    figures = train(
        training_project / "seeds", training_project / "annotations", model_dir=None
    ).figures
    summary = figures.summary()
    assert list(summary.columns) == ["model", "majority", "keyword"]
    # six supports and six oppositions: the majority guesses one, half its classes empty
    assert summary.loc["position macro-F1", "majority"] == pytest.approx(1 / 3)
    assert summary.loc["position macro-F1", "model"] == 1.0
    assert figures.majority.group.accuracy == 0.5
    assert (figures.n_statements, figures.n_articles) == (12, 3)


def test_a_model_trained_on_the_fixture_gets_fixture_sentences_right(trained, tmp_path):
    write(
        tmp_path / "new" / "n1.txt",
        "Smith said Westland is ready to limit missiles.\n"
        "Ivanov said Eastland refuses to reduce its drills.\n"
        "The bus was late.\n",
    )
    statements = tag(
        tmp_path / "new",
        trained / "annotations",
        training_corpus=trained / "seeds",
        model_dir=trained / "models",
    )
    found = set(
        zip(statements["speaker"], statements["issue"], statements["position"], strict=True)
    )
    assert ("smith", "missiles", 1) in found
    assert ("ivanov", "exercises", -1) in found
    assert 2 not in set(statements["sentence"])
    assert set(statements["source"]) == {"model"}


def test_the_statements_table_has_exactly_the_documented_columns(trained):
    statements = tag(**project_args(trained))
    assert list(statements.columns) == STATEMENT_COLUMNS
    assert set(statements["position"]) <= {-1, 0, 1}


def test_hand_labels_override_the_model_for_the_same_sentence_and_issue(trained):
    statements = tag(**project_args(trained))
    human = statements[statements["source"] == "human"]
    assert len(human) == 12 and (human["confidence"] == 1.0).all()
    keys = statements.groupby(["article", "sentence", "issue"])["source"].agg(set)
    assert not any({"human", "model"} <= sources for sources in keys)


def test_the_model_is_reused_while_the_labels_are_unchanged(trained):
    assert (
        current_model(
            trained / "seeds", trained / "annotations", model_dir=trained / "models"
        ).retrained
        is False
    )


def test_the_model_is_retrained_when_an_annotation_file_changes(trained):
    labels = trained / "annotations" / "t1.yaml"
    labels.write_text(labels.read_text() + "    note: checked again\n")
    assert tag_corpus(**project_args(trained)).retrained is True
    assert tag_corpus(**project_args(trained)).retrained is False


def test_the_manifest_records_the_fingerprint_versions_and_figures(trained):
    manifest = json.loads((trained / "models" / MANIFEST_FILE).read_text())
    assert len(manifest["fingerprint"]) == 64
    assert "scikit-learn" in manifest["versions"]
    assert "issue" in manifest["cross_validation"]


def test_a_tampered_model_file_is_refused(trained):
    path = trained / "models" / MODEL_FILE
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="does not match its manifest"):
        load_model(trained / "models")


def test_a_model_file_that_is_not_ours_is_refused(trained):
    import hashlib

    path = trained / "models" / MODEL_FILE
    path.write_bytes(b"not a model at all")
    manifest_path = trained / "models" / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["model_sha256"] = hashlib.sha256(b"not a model at all").hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="not a stances model"):
        load_model(trained / "models")


def test_a_model_holding_untrusted_types_is_refused(trained):
    import hashlib

    import skops.io as sio

    path = trained / "models" / MODEL_FILE
    sio.dump(
        {"issues": [], "issue_model": pd.Timestamp("2022-01-01"), "position_model": None}, path
    )
    manifest_path = trained / "models" / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["model_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="does not trust"):
        load_model(trained / "models")
