"""Hand labels: every problem of every annotation file, each located; quotes located."""

from pathlib import Path

import pytest

from stances.errors import InputError, ValidationFailed
from stances.project.codebook import load_codebook
from stances.project.corpus import load_corpus
from stances.project.labels import LABEL_COLUMNS, check_labels, load_labels
from tests.conftest import ROOT, SHIPPED_CODEBOOK, write


def problems_of(project: Path) -> list[str]:
    corpus = load_corpus(project / "seeds")
    codebook = load_codebook(project / "annotations" / "codebook.yaml")
    check = check_labels(project / "annotations", corpus, codebook)
    return [str(problem) for problem in check.problems]


def write_labels(project: Path, body: str, name: str = "a1.yaml") -> Path:
    return write(project / "annotations" / name, body)


def statement(
    quote: str = "ready to limit missiles in Europe",
    speaker: str = "smith",
    issue: str = "missiles",
    position: str = "1",
    id_: str = "s1",
) -> str:
    return (
        f'  - id: {id_}\n    quote: "{quote}"\n    speaker: {speaker}\n'
        f"    issue: {issue}\n    position: {position}\n"
    )


HEADER = "article: a1\nannotator: tester\nstatements:\n"
TINY_SECOND = (
    "article: a1\nannotator: second\nindependent: true\nstatements:\n"
    '  - {id: s1, quote: "ready to limit missiles", speaker: smith, issue: missiles, position: 1}\n'
)


def test_every_shipped_quote_maps_to_offsets_whose_text_is_the_quote():
    corpus = load_corpus(ROOT / "seeds")
    codebook = load_codebook(SHIPPED_CODEBOOK)
    labels = load_labels(ROOT / "annotations", corpus, codebook, include_independent=True)
    assert labels["independent"].any() and (~labels["independent"]).any()
    for row in labels.itertuples():
        assert corpus[row.article].text[row.start : row.end] == row.quote


def test_every_speaker_of_the_shipped_labels_is_in_the_registry():
    codebook = load_codebook(SHIPPED_CODEBOOK)
    labels = load_labels(ROOT / "annotations", load_corpus(ROOT / "seeds"), codebook)
    assert set(labels["speaker"]) <= set(codebook.speakers_by_id)


def test_a_clean_tiny_project_gives_located_labels_with_their_group(tiny_project):
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    labels = load_labels(tiny_project / "annotations", corpus, codebook)
    assert list(labels.columns) == LABEL_COLUMNS
    assert list(labels[["statement_id", "group", "position"]].itertuples(index=False)) == [
        ("s1", "west", 1),
        ("s2", "east", -1),
    ]
    assert labels.loc[0, "start"] == corpus["a1"].text.index("ready to limit")
    assert problems_of(tiny_project) == []


def test_independent_labellings_are_left_out_unless_asked_for(tiny_project):
    write(tiny_project / "annotations" / "independent" / "a1.yaml", TINY_SECOND)
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    folder = tiny_project / "annotations"
    assert len(load_labels(folder, corpus, codebook)) == 2
    both = load_labels(folder, corpus, codebook, include_independent=True)
    assert list(both["independent"]) == [False, False, True]
    check = check_labels(folder, corpus, codebook)
    assert [(f.path.name, f.independent) for f in check.files] == [
        ("a1.yaml", False),
        ("a1.yaml", True),
    ]


def test_problems_raise_all_at_once_when_loading(tiny_project):
    second = statement(id_="s2", issue="sanctions", quote="rejects any limit on its drills")
    write_labels(tiny_project, HEADER + statement(speaker="jones") + second)
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    with pytest.raises(ValidationFailed) as raised:
        load_labels(tiny_project / "annotations", corpus, codebook)
    assert len(raised.value.problems) == 2


def test_a_missing_labels_folder_is_refused(tiny_project):
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    with pytest.raises(InputError, match="annotations folder not found"):
        check_labels(tiny_project / "nowhere", corpus, codebook)


def test_a_yaml_syntax_error_names_file_line_and_column(tiny_project):
    path = write_labels(tiny_project, HEADER + statement() + "    note: a: b\n")
    [problem] = problems_of(tiny_project)
    assert problem.startswith(f"{path}:9: YAML error")
    assert "column" in problem


def test_a_missing_field_is_named_with_its_line(tiny_project):
    path = write_labels(tiny_project, HEADER + statement().replace("    issue: missiles\n", ""))
    assert problems_of(tiny_project) == [
        f"{path}:4: statements -> 0 -> issue: field required; add it"
    ]


def test_an_unknown_field_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER + statement() + "    stance: yes\n")
    assert problems_of(tiny_project) == [
        f"{path}:9: statements -> 0 -> stance: unknown field; remove it or fix its spelling"
    ]


@pytest.mark.parametrize("position", ['"maybe"', "2", "null", '"1"'])
def test_a_position_outside_the_scale_is_reported(tiny_project, position):
    path = write_labels(tiny_project, HEADER + statement(position=position))
    [problem] = problems_of(tiny_project)
    assert problem.startswith(f"{path}:8: statements -> 0 -> position: Input should be -1, 0 or 1")


def test_an_unknown_speaker_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER + statement(speaker="jones"))
    assert problems_of(tiny_project) == [
        f"{path}:4: statement s1: unknown speaker 'jones'; add it to the codebook's speakers, "
        "or give its group (east, west)"
    ]


def test_a_speaker_missing_from_the_registry_is_labelled_with_its_group(tiny_project):
    body = HEADER + statement(speaker="Jane Jones").replace(
        "    issue:", "    group: east\n    issue:"
    )
    write_labels(tiny_project, body.replace("annotator: tester", "annotator: a\nreviewed_by: b"))
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    labels = load_labels(tiny_project / "annotations", corpus, codebook)
    assert labels[["speaker", "group"]].to_numpy().tolist() == [["Jane Jones", "east"]]


def test_a_group_that_contradicts_the_registry_is_reported(tiny_project):
    body = HEADER + statement().replace("    issue:", "    group: east\n    issue:")
    path = write_labels(tiny_project, body)
    assert problems_of(tiny_project) == [
        f"{path}:4: statement s1: speaker 'smith' is in the group 'west' in the codebook, "
        "not 'east'; fix the group or leave it out"
    ]


def test_an_unknown_group_is_reported(tiny_project):
    body = HEADER + statement(speaker="Jane Jones").replace(
        "    issue:", "    group: north\n    issue:"
    )
    path = write_labels(tiny_project, body)
    assert problems_of(tiny_project) == [
        f"{path}:4: statement s1: unknown group 'north'; use one of: east, west"
    ]


def test_an_unknown_issue_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER + statement(issue="sanctions"))
    [problem] = problems_of(tiny_project)
    assert problem.startswith(f"{path}:4: statement s1: unknown issue 'sanctions'; use one of")


def test_a_quote_not_in_the_article_suggests_the_closest_passage(tiny_project):
    path = write_labels(tiny_project, HEADER + statement(quote="ready to limits missile in Europe"))
    [problem] = problems_of(tiny_project)
    assert problem.startswith(
        f"{path}:4: statement s1: quote not found in the article; closest passage"
    )
    assert "'ready to limit missiles in Europe." in problem


def test_a_quote_occurring_twice_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER + statement(quote="said"))
    assert problems_of(tiny_project) == [
        f"{path}:4: statement s1: quote occurs 2 times in the article; lengthen it until it "
        "occurs once"
    ]


def test_a_duplicate_statement_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER + statement() + statement(id_="s2"))
    assert problems_of(tiny_project) == [
        f"{path}:9: duplicate statement: same quote, speaker and issue as an earlier one; remove it"
    ]


def test_a_duplicate_statement_id_is_reported(tiny_project):
    second = statement(
        quote="rejects any limit on its drills", speaker="ivanov", issue="exercises", position="-1"
    )
    path = write_labels(tiny_project, HEADER + statement() + second)
    assert problems_of(tiny_project) == [
        f"{path}:9: statement id 's1' is used twice; give it a new id"
    ]


def test_an_annotation_file_for_a_missing_article_is_reported(tiny_project):
    path = write_labels(tiny_project, HEADER.replace("a1", "a9") + statement(), name="a9.yaml")
    [problem] = problems_of(tiny_project)
    assert problem.startswith(f"{path}:1: article 'a9' is not in the corpus")


def test_all_problems_are_reported_at_once(tiny_project):
    write_labels(
        tiny_project,
        HEADER
        + statement(speaker="jones")
        + statement(id_="s2", issue="sanctions", quote="rejects any limit on its drills"),
    )
    write_labels(tiny_project, "- just\n- a list\n", name="a2.yaml")
    assert len(problems_of(tiny_project)) == 3


def test_a_document_that_is_a_list_is_reported(tiny_project):
    path = write_labels(tiny_project, "- just\n- a list\n")
    [problem] = problems_of(tiny_project)
    assert problem == (
        f"{path}:1: the document is a list; expected a mapping with article, "
        "annotator and statements"
    )


REJECTION = (
    '  - id: r1\n    quote: "Ivanov said Eastland rejects any limit on its drills."\n'
    "    issue: missiles\n    not_a_statement: true\n"
)


def test_a_not_a_statement_entry_needs_no_speaker_nor_position(tiny_project):
    write_labels(tiny_project, HEADER + statement() + REJECTION)
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    check = check_labels(tiny_project / "annotations", corpus, codebook)
    assert check.problems == ()
    rejection = next(label for label in check.labels if label.not_a_statement)
    assert (rejection.speaker, rejection.group, rejection.issue) == ("", "", "missiles")
    assert len(load_labels(tiny_project / "annotations", corpus, codebook)) == 1


def test_a_not_a_statement_entry_may_name_the_holder_it_rejects(tiny_project):
    write_labels(tiny_project, HEADER + REJECTION + "    speaker: ivanov\n")
    corpus = load_corpus(tiny_project / "seeds")
    codebook = load_codebook(tiny_project / "annotations" / "codebook.yaml")
    (label,) = check_labels(tiny_project / "annotations", corpus, codebook).labels
    assert (label.speaker, label.group, label.not_a_statement) == ("ivanov", "east", True)


def test_a_not_a_statement_entry_with_a_position_is_refused(tiny_project):
    path = write_labels(tiny_project, HEADER + REJECTION + "    position: -1\n")
    assert problems_of(tiny_project) == [
        f"{path}:4: statements -> 0: not_a_statement takes no position; remove the position"
    ]


def test_a_statement_without_a_position_is_told_to_add_one(tiny_project):
    path = write_labels(tiny_project, HEADER + statement().replace("    position: 1\n", ""))
    assert problems_of(tiny_project) == [
        f"{path}:4: statements -> 0: position: field required; add it "
        "(or mark the entry not_a_statement: true)"
    ]


def test_a_second_file_labelling_the_same_article_by_the_same_annotator_is_refused(tiny_project):
    first = tiny_project / "annotations" / "a1.yaml"
    copy = write_labels(tiny_project, first.read_text(), name="a1_copy.yaml")
    assert problems_of(tiny_project) == [
        f"{copy}:2: article 'a1' is already labelled by annotator 'tester' in {first}, "
        "with the same statements; merge the two files or remove one"
    ]


def test_a_second_file_by_the_same_annotator_may_add_other_statements(tiny_project):
    more = statement(quote="The weather was cold.", speaker="ivanov", issue="exercises")
    write_labels(tiny_project, HEADER + more.replace("s1", "c1"), name="a1.corrections-1.yaml")
    assert problems_of(tiny_project) == []


def test_another_annotator_or_an_independent_labelling_of_the_same_article_is_fine(tiny_project):
    first = (tiny_project / "annotations" / "a1.yaml").read_text()
    write_labels(tiny_project, first.replace("tester", "other"), name="a1_other.yaml")
    write_labels(
        tiny_project,
        first.replace("annotator: tester", "annotator: tester\nindependent: true"),
        name="independent/a1.yaml",
    )
    assert problems_of(tiny_project) == []
