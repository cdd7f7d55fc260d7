"""`suggest`: unlabelled sentences the model is unsure about, as annotation stubs."""

import pytest

from stances.errors import OutputError
from stances.tag.suggestions import load_suggestions, suggest, write_suggestions
from tests.conftest import write


@pytest.fixture
def with_new_article(training_project):
    write(
        training_project / "seeds" / "t4.txt",
        "Fourth meeting\n\nSmith said Westland might discuss missile numbers later. "
        "Ivanov said drills and missiles were both on the table.\n",
    )
    return training_project


def run_suggest(project, n=5):
    return suggest(
        project / "seeds",
        project / "annotations",
        training_corpus=project / "seeds",
        model_dir=project / "models",
        n=n,
    )


def test_suggestions_skip_labelled_sentences_and_are_sorted_by_uncertainty(with_new_article):
    table = run_suggest(with_new_article)
    assert not table.empty
    assert list(table["uncertainty"]) == sorted(table["uncertainty"], reverse=True)
    labelled_texts = {"Ivanov said Eastland rejects any limit on its missiles."}
    assert not labelled_texts & set(table["text"])


def test_stubs_round_trip_and_quote_the_article_exactly(with_new_article, tmp_path):
    table = run_suggest(with_new_article)
    path = write_suggestions(table, tmp_path / "next.yaml")
    documents = load_suggestions(path)
    quotes = [s["quote"] for d in documents for s in d["statements"]]
    assert quotes == list(table.sort_values("article", kind="stable")["text"])
    for document in documents:
        text = (with_new_article / "seeds" / f"{document['article']}.txt").read_text()
        assert all(s["quote"] in text for s in document["statements"])


def test_an_existing_file_is_never_overwritten(with_new_article):
    target = with_new_article / "annotations" / "t1.yaml"
    before = target.read_bytes()
    with pytest.raises(OutputError, match="never overwrites"):
        write_suggestions(run_suggest(with_new_article), target)
    assert target.read_bytes() == before
