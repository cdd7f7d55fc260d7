"""The project record: read and checked once, immutable, with any number of labelled corpora."""

import dataclasses
from pathlib import Path

import pytest

from stances.errors import ValidationFailed
from stances.project.load import LabelledCorpus, check_project, load_project
from tests.conftest import (
    ROOT,
    SHIPPED_CODEBOOK,
    TINY_CODEBOOK,
    TRAINING_LABELS,
    labels_yaml,
    load,
    write,
)

AUTHORED = "Westland memo\n\nSmith said Westland will cut its drills.\n"
AUTHORED_LABELS = [("will cut its drills", "smith", "exercises", 1)]


def add_authored(project: Path) -> LabelledCorpus:
    """A second labelled corpus: one authored training article and its labels."""
    write(project / "authored" / "articles" / "w1.txt", AUTHORED)
    write(project / "authored" / "labels" / "w1.yaml", labels_yaml("w1", AUTHORED_LABELS))
    return LabelledCorpus(project / "authored" / "articles", project / "authored" / "labels")


def two_corpora(project: Path):
    return load_project(
        project / "seeds",
        [(project / "seeds", project / "annotations"), add_authored(project)],
        codebook=project / "annotations" / "codebook.yaml",
    )


def test_the_shipped_project_loads_clean_with_its_counts():
    check = check_project(
        ROOT / "seeds", [(ROOT / "seeds", ROOT / "annotations")], codebook=SHIPPED_CODEBOOK
    )
    assert check.ok and check.n_articles == 5
    counts = check.summary()["article"]
    assert len(counts) == 5 and counts.sum() == 67 and counts.min() >= 10
    assert len(check.labels) == 67 + 63  # with the independent second labelling


def test_two_labelled_corpora_train_together_and_only_the_corpus_is_tagged(training_project):
    project = two_corpora(training_project)
    assert list(project.corpus.articles) == ["t1", "t2", "t3"]
    assert sorted(project.training_corpus.articles) == ["t1", "t2", "t3", "w1"]
    assert len(project.labels) == 12 + 1
    assert set(project.labels["article"]) == {"t1", "t2", "t3", "w1"}


def test_a_folder_named_twice_is_read_once(training_project):
    project = load(training_project)
    assert project.corpus is project.sources[0].corpus is project.training_corpus


def test_the_fingerprint_follows_what_training_reads(training_project):
    before = load(training_project).fingerprint
    assert load(training_project).fingerprint == before
    write(training_project / "seeds" / "articles.yaml", "t1: {outlet: Wire}\n")
    second = labels_yaml("t1", TRAINING_LABELS["t1"][:1]).replace(
        "annotator: tester", "annotator: second\nindependent: true"
    )
    write(training_project / "annotations" / "independent" / "t1.yaml", second)
    assert load(training_project).fingerprint == before  # neither is trained on
    labels = training_project / "annotations" / "t1.yaml"
    labels.write_text(labels.read_text() + "    note: checked\n")
    after_labels = load(training_project).fingerprint
    assert after_labels != before
    write(training_project / "seeds" / "t4.txt", "A new article.\n")
    assert load(training_project).fingerprint not in {before, after_labels}


def test_a_second_labelled_corpus_changes_the_fingerprint(training_project):
    assert two_corpora(training_project).fingerprint != load(training_project).fingerprint


def test_an_article_in_two_labelled_corpora_is_refused(training_project):
    add_authored(training_project)
    (training_project / "authored" / "articles" / "t1.txt").write_text("Another t1.\n")
    with pytest.raises(ValidationFailed) as raised:
        two_corpora(training_project)
    [problem] = raised.value.problems
    assert problem.path == training_project / "authored" / "articles" / "t1.txt"
    assert "also in the labelled corpus" in problem.message


def test_problems_of_every_labelled_corpus_are_listed_together(training_project):
    authored = add_authored(training_project)
    w1 = authored.labels / "w1.yaml"
    w1.write_text(w1.read_text().replace("speaker: smith", "speaker: jones"))
    t1 = training_project / "annotations" / "t1.yaml"
    t1.write_text(t1.read_text().replace("issue: missiles", "issue: sanctions", 1))
    check = check_project(
        training_project / "seeds",
        [(training_project / "seeds", training_project / "annotations"), authored],
        codebook=training_project / "annotations" / "codebook.yaml",
    )
    assert check.project is None
    assert [p.path.name for p in check.problems] == ["t1.yaml", "w1.yaml"]


def test_a_missing_corpus_to_tag_is_refused_after_the_labels_are_checked(training_project):
    check = check_project(
        training_project / "nowhere",
        [(training_project / "seeds", training_project / "annotations")],
        codebook=training_project / "annotations" / "codebook.yaml",
    )
    [problem] = check.problems
    assert str(problem) == (
        f"{training_project / 'nowhere'}: corpus folder not found; pass a folder of .txt articles"
    )
    assert len(check.labels) == 12


def test_a_missing_codebook_stops_the_check(training_project, tmp_path):
    check = check_project(
        training_project / "seeds",
        [(training_project / "seeds", training_project / "annotations")],
        codebook=tmp_path / "none.yaml",
    )
    assert [p.message for p in check.problems] == [
        "codebook not found; create it (see CODING_RULES.md)"
    ]


def test_the_project_is_immutable(training_project):
    project = load(training_project)
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.corpus = None
    with pytest.raises(TypeError):
        project.corpus.articles["t9"] = project.corpus["t1"]
    labels = project.labels
    labels.loc[0, "position"] = 0
    assert project.labels.loc[0, "position"] == 1  # a fresh table each time


def test_a_codebook_for_another_project_is_checked_against_these_labels(training_project):
    codebook = write(
        training_project / "other.yaml", TINY_CODEBOOK.replace("id: exercises", "id: drills")
    )
    check = check_project(
        training_project / "seeds",
        [(training_project / "seeds", training_project / "annotations")],
        codebook=codebook,
    )
    assert len(check.problems) == 6  # every exercises label, in three files
