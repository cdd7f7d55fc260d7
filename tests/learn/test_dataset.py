"""Training tables: the labelled articles' sentences, marked by issue, and the statements."""

from stances.learn.dataset import build_dataset
from tests.conftest import load


def test_the_dataset_holds_the_labelled_articles_sentences_marked_by_issue(training_project):
    project = load(training_project)
    dataset = build_dataset(project.training_corpus, project.labels, project.codebook)
    sentences = dataset.sentences
    assert dataset.issues == ["missiles", "exercises"]
    assert list(dict.fromkeys(sentences["article"])) == ["t1", "t2", "t3"]
    marked = sentences[(sentences["missiles"] == 1) | (sentences["exercises"] == 1)]
    assert len(marked) == 12 and marked["speaks"].all()
    assert [c.group for c in sentences.loc[1, "candidates"]] == ["west"]


def test_holder_examples_are_the_candidates_of_labelled_sentences_right_when_labelled(
    training_project,
):
    project = load(training_project)
    dataset = build_dataset(project.training_corpus, project.labels, project.codebook)
    examples = dataset.holder_examples()
    labelled = {(r.article, r.sentence): r.group for r in dataset.statements.itertuples()}
    expected = [
        candidate.group == labelled[(row.article, row.sentence)]
        for row in dataset.sentences.itertuples()
        if (row.article, row.sentence) in labelled
        for candidate in row.candidates
    ]
    assert examples.right == expected and any(examples.right)
    assert len(examples.candidates) == len(examples.right) == len(examples.sentence_keys)
    assert set(examples.sentence_keys) == set(labelled)


def test_each_statement_carries_its_sentence_and_the_sentence_text(training_project):
    project = load(training_project)
    dataset = build_dataset(project.training_corpus, project.labels, project.codebook)
    for row in dataset.statements.itertuples():
        assert row.quote in row.text
        sentence = dataset.sentences.query("article == @row.article and sentence == @row.sentence")
        assert sentence["text"].item() == row.text


def test_articles_come_in_id_order_whatever_the_order_of_the_labels(training_project):
    project = load(training_project)
    shuffled = project.labels.iloc[::-1]
    dataset = build_dataset(project.training_corpus, shuffled, project.codebook)
    assert list(dict.fromkeys(dataset.statements["article"])) == ["t1", "t2", "t3"]


def test_a_rejected_holder_is_a_negative_holder_example_and_brings_its_article_in(
    training_project,
):
    from tests.conftest import write

    write(training_project / "seeds" / "t4.txt", "Oslo\n\nSmith said Westland wants missiles.\n")
    write(
        training_project / "annotations" / "t4.yaml",
        "article: t4\nannotator: tester\nstatements:\n"
        "  - {id: r1, quote: Smith said Westland wants missiles., speaker: smith,"
        " issue: missiles, not_a_statement: true}\n",
    )
    project = load(training_project)
    assert len(project.labels) == 12 and len(project.rejections) == 1
    dataset = build_dataset(
        project.training_corpus, project.labels, project.codebook, project.rejections
    )
    t4 = dataset.sentences[dataset.sentences["article"] == "t4"]
    assert len(t4) == 2 and t4["missiles"].sum() == 0
    examples = dataset.holder_examples()
    plain = build_dataset(
        project.training_corpus, project.labels, project.codebook
    ).holder_examples()
    assert [c.group for c in examples.candidates[len(plain.candidates) :]] == ["west"]
    assert examples.right == [*plain.right, False]
    assert examples.sentence_keys[-1] == ("t4", 1)


def test_the_other_candidates_of_a_sentence_whose_only_label_rejects_a_holder_are_unknown(
    training_project,
):
    from tests.conftest import write

    write(training_project / "seeds" / "t4.txt", "Oslo\n\nSmith said Ivanov wants missiles.\n")
    write(
        training_project / "annotations" / "t4.yaml",
        "article: t4\nannotator: tester\nstatements:\n"
        "  - {id: r1, quote: Smith said Ivanov wants missiles., speaker: smith,"
        " issue: missiles, not_a_statement: true}\n",
    )
    project = load(training_project)
    examples = build_dataset(
        project.training_corpus, project.labels, project.codebook, project.rejections
    ).holder_examples()
    t4 = {
        c.group: right
        for c, right, key in zip(
            examples.candidates, examples.right, examples.sentence_keys, strict=True
        )
        if key == ("t4", 1)
    }
    assert t4 == {"west": False, "east": None}
