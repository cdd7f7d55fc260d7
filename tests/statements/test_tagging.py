"""Tagging: model rows for every sentence, hand labels first, speakers to review."""

import io
from pathlib import Path

import pandas as pd
import pytest

from stances.statements.tagging import REVIEW_COLUMNS, STATEMENT_COLUMNS, human_labels, tag
from tests.conftest import load, write
from tests.statements.expected.make import candidate_rows

ROOT = Path(__file__).resolve().parents[2]
CODEBOOK = ROOT / "annotations" / "codebook.yaml"

NEW_ARTICLE = (
    "Smith said Westland is ready to limit missiles.\n"
    "Ivanov said Eastland refuses to reduce its drills.\n"
    "The bus was late.\n"
    "Tom Ellery said the drills must be reduced.\n"  # a stance no group holds: unplaced
)


def test_a_model_trained_on_the_fixture_tags_new_sentences(trained, tmp_path):
    project, result = trained
    write(tmp_path / "new" / "n1.txt", NEW_ARTICLE)
    other = load_other(project, tmp_path / "new")
    statements = tag(other, result.model).statements
    found = set(
        zip(statements["speaker"], statements["issue"], statements["position"], strict=True)
    )
    assert ("smith", "missiles", 1) in found
    assert ("ivanov", "exercises", -1) in found
    assert 2 not in set(statements["sentence"])  # no actor, no statement
    assert set(statements["source"]) == {"model"}


def load_other(project, folder):
    """The trained project's labelled corpus, with `folder` as the corpus to tag."""
    from stances.project.load import load_project

    source = project.sources[0].where
    return load_project(folder, [source], codebook=source.labels / "codebook.yaml")


def test_rows_of_a_holder_below_the_floor_are_left_out_but_unplaced_rows_stay(trained, tmp_path):
    from stances.statements.tagging import predict_statements
    from stances.text.table import sentence_table

    project, result = trained
    write(tmp_path / "new" / "n1.txt", NEW_ARTICLE)
    other = load_other(project, tmp_path / "new")
    sentences = sentence_table(other.corpus, other.codebook)
    every = predict_statements(result.model, sentences, row_floor=0.0)
    placed = every["group"] != "unplaced"
    assert placed.any() and (~placed).any()  # rows of a holder, and an unplaced row
    lowest, highest = every.loc[placed, "confidence"].agg(["min", "max"])
    at_lowest = predict_statements(result.model, sentences, row_floor=lowest)
    above_highest = predict_statements(result.model, sentences, row_floor=highest + 0.01)
    pd.testing.assert_frame_equal(at_lowest, every)  # a row at the floor is kept
    pd.testing.assert_frame_equal(above_highest, every[~placed].reset_index(drop=True))


def test_the_statements_table_has_exactly_the_documented_columns(trained):
    project, result = trained
    statements = tag(project, result.model).statements
    assert list(statements.columns) == STATEMENT_COLUMNS
    assert set(statements["position"]) <= {-1, 0, 1}
    assert statements.equals(statements.sort_values(["article", "start", "issue", "source"]))


def test_hand_labels_replace_the_model_for_the_same_sentence_and_issue(trained):
    project, result = trained
    statements = tag(project, result.model).statements
    human = statements[statements["source"] == "human"]
    assert len(human) == 12 and (human["confidence"] == 1.0).all()
    keys = statements.groupby(["article", "sentence", "issue"])["source"].agg(set)
    assert not any({"human", "model"} <= sources for sources in keys)


def test_labels_of_an_article_whose_text_changed_are_not_applied(training_project):
    project = load(training_project)
    labels = project.labels
    edited = project.corpus["t1"].text.replace(
        "ready to limit", "eager to limit"
    )  # same length: later offsets hold
    from stances.project.corpus import Article, Corpus

    corpus = Corpus(None, {"t1": Article("t1", edited), "t2": project.corpus["t2"]})
    kept = human_labels(labels, corpus)
    assert set(kept["article"]) == {"t1", "t2"}
    assert "ready to limit missiles" not in set(kept["quote"])
    assert len(kept) == 7


def test_speakers_missing_from_the_registry_are_listed_for_review(trained, tmp_path):
    project, result = trained
    write(tmp_path / "new" / "n1.txt", NEW_ARTICLE)
    review = tag(load_other(project, tmp_path / "new"), result.model).review
    assert list(review.columns) == REVIEW_COLUMNS
    assert review[["speaker", "group", "method"]].values.tolist() == [
        ["new:tom_ellery", "unplaced", "reporting-verb"]
    ]
    assert isinstance(review, pd.DataFrame)


def test_a_not_a_statement_label_removes_the_model_rows_of_its_sentence_issue_and_group():
    from stances.statements.tagging import merge_human

    sentences = pd.DataFrame({"article": ["a", "a"], "sentence": [0, 1], "start": [0, 10]})
    model_rows = pd.DataFrame(
        [
            ("a", 0, 0, 9, "one", "x", "east", "missiles", 1, 0.5, "model"),
            ("a", 0, 0, 9, "one", "y", "west", "missiles", 1, 0.5, "model"),
            ("a", 1, 10, 19, "two", "y", "west", "exercises", -1, 0.5, "model"),
        ],
        columns=STATEMENT_COLUMNS,
    )
    no_labels = pd.DataFrame(columns=[*STATEMENT_COLUMNS, "quote"])
    rejections = pd.DataFrame(
        {
            "article": ["a", "a"],
            "start": [0, 12],
            "issue": ["missiles", "exercises"],
            "group": ["east", ""],
        }
    )
    merged = merge_human(model_rows, no_labels, sentences, rejections)
    assert list(zip(merged["group"], merged["issue"], strict=True)) == [("west", "missiles")]


# -- the output the speed-ups must keep (tables stored by tests/statements/expected/make.py,
#    generated before them) --------------------------------------------------------------

EXPECTED = Path(__file__).parent / "expected"


@pytest.fixture(scope="module")
def shipped():
    from stances.learn.training import train
    from stances.project.load import load_project

    project = load_project(
        ROOT / "seeds", [(ROOT / "seeds", ROOT / "annotations")], codebook=CODEBOOK
    )
    return project, train(project, evaluate=False).model


def _as_stored(table: pd.DataFrame) -> pd.DataFrame:
    """The table as it reads back from CSV: compared as data, not bytes."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    buffer.seek(0)
    return pd.read_csv(buffer, keep_default_na=False)


def test_the_statements_of_the_shipped_corpus_are_those_stored_before_the_speed_ups(shipped):
    project, model = shipped
    expected = pd.read_csv(EXPECTED / "seeds_statements.csv", keep_default_na=False)
    found = _as_stored(tag(project, model).statements)
    pd.testing.assert_frame_equal(found, expected)


def test_the_model_rows_of_the_shipped_corpus_are_those_stored_before_the_speed_ups(shipped):
    project, model = shipped
    from stances.statements.tagging import predict_statements

    expected = pd.read_csv(EXPECTED / "seeds_model_rows.csv", keep_default_na=False)
    found = _as_stored(predict_statements(model, tag(project, model).sentences))
    pd.testing.assert_frame_equal(found, expected)


def test_every_candidate_and_its_features_are_those_stored_before_the_speed_ups(shipped):
    project, _ = shipped
    expected = pd.read_csv(EXPECTED / "candidates.csv.gz", keep_default_na=False)
    found = _as_stored(candidate_rows(project))
    pd.testing.assert_frame_equal(found, expected)
