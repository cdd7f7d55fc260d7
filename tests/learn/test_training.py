"""Training a project: the model and its figures, over every labelled corpus."""

import pytest

from stances.learn.training import train
from stances.project.load import load_project
from tests.conftest import load, write


def test_training_reports_the_model_beside_both_baselines(trained):
    _, result = trained
    summary = result.report
    assert list(summary.columns) == ["model", "majority", "keyword"]
    # six supports and six oppositions: the majority guesses one, half its classes empty
    assert summary.loc["position macro-F1", "majority"] == pytest.approx(1 / 3)
    assert summary.loc["position macro-F1", "model"] == 1.0
    assert result.figures.majority.group.accuracy == 0.5
    assert (result.figures.n_statements, result.figures.n_articles) == (12, 3)


def test_without_evaluation_there_are_no_figures(training_project):
    result = train(load(training_project), evaluate=False)
    assert result.figures is None and result.report.empty
    assert result.model.issues == ["missiles", "exercises"]


def test_a_second_labelled_corpus_trains_the_model_too(training_project):
    write(
        training_project / "authored" / "w1.txt",
        "Memo\n\nSmith said Westland will cut its drills.\n",
    )
    write(
        training_project / "authored_labels" / "w1.yaml",
        "article: w1\nannotator: author\nstatements:\n"
        '  - {id: s1, quote: "will cut its drills", speaker: smith, issue: exercises, '
        "position: 1}\n",
    )
    project = load_project(
        training_project / "seeds",
        [
            (training_project / "seeds", training_project / "annotations"),
            (training_project / "authored", training_project / "authored_labels"),
        ],
        codebook=training_project / "annotations" / "codebook.yaml",
    )
    figures = train(project).figures
    assert (figures.n_statements, figures.n_articles) == (13, 4)


def test_cross_validation_scores_only_real_articles_and_always_trains_on_authored_ones(
    training_project,
):
    authored = training_project / "authored"
    (authored / "articles").mkdir(parents=True)
    (authored / "labels").mkdir()
    for name in ("t2", "t3"):
        (training_project / "seeds" / f"{name}.txt").rename(authored / "articles" / f"{name}.txt")
        (training_project / "annotations" / f"{name}.yaml").rename(
            authored / "labels" / f"{name}.yaml"
        )
    write(authored / "articles" / "articles.yaml", "t2:\n  authored: true\nt3:\n  authored: true\n")
    project = load_project(
        training_project / "seeds",
        [
            (training_project / "seeds", training_project / "annotations"),
            (authored / "articles", authored / "labels"),
        ],
        codebook=training_project / "annotations" / "codebook.yaml",
    )
    figures = train(project).figures
    assert (figures.n_articles, figures.n_statements) == (1, 4)
