"""A project folder from a DNA database."""

import sqlite3

import pytest
import yaml

from stances.errors import InputError, OutputError
from stances.project.codebook import load_codebook
from stances.project.dna_import import DnaVariables, import_dna, slug
from stances.project.load import load_project
from stances.report.matrix import build_matrix
from stances.statements.hand import hand_statements
from tests.dna import write_tiny_dna


@pytest.fixture
def imported(tmp_path):
    result = import_dna(write_tiny_dna(tmp_path / "tiny.dna"), tmp_path / "project")
    return result


def project_of(folder):
    return load_project(
        folder / "seeds",
        [(folder / "seeds", folder / "annotations")],
        codebook=folder / "annotations" / "codebook.yaml",
    )


def test_the_folder_holds_articles_codebook_and_labels_that_load(imported):
    folder = imported.folder
    assert sorted(p.name for p in (folder / "seeds").iterdir()) == [
        "articles.yaml",
        "dna_0001.txt",
        "dna_0002.txt",
    ]
    project = project_of(folder)
    assert (imported.articles, imported.statements, len(project.labels)) == (2, 6, 6)
    assert project.corpus["dna_0002"].title == "Document 2"
    assert str(project.corpus["dna_0001"].date) == "2020-01-02"


def test_the_codebook_is_generated_from_the_database(imported):
    codebook = load_codebook(imported.folder / "annotations" / "codebook.yaml")
    assert [(i.id, i.label, i.proposition, i.terms) for i in codebook.issues] == [
        ("tax_cuts_help", "Tax cuts help", "Tax cuts help", []),
        ("build_the_wall", "Build the wall", "Build the wall", []),
    ]
    assert [(g.id, g.label) for g in codebook.groups] == [("acme", "Acme"), ("union", "Union")]
    # Bob speaks for Acme and for Union: his group is given in each label instead
    assert [(s.id, s.name, s.group) for s in codebook.speakers] == [
        ("alice", "Alice", "acme"),
        ("carol", "Carol", "acme"),
    ]


def test_agreement_is_plus_one_and_disagreement_minus_one(imported):
    labels = project_of(imported.folder).labels.set_index("statement_id")
    assert labels.loc["dna1", ["speaker", "group", "issue", "position"]].tolist() == [
        "alice",
        "acme",
        "tax_cuts_help",
        1,
    ]
    assert labels.loc["dna2", ["speaker", "group", "position"]].tolist() == ["Bob", "union", -1]
    assert labels.loc["dna3", "speaker"] == "Acme"  # no person: the organization speaks


def test_quotes_stand_where_dna_coded_them_across_line_ends_and_emoji(imported):
    project = project_of(imported.folder)
    labels = project.labels.set_index("statement_id")
    text = project.corpus["dna_0001"].text
    assert "\r" not in text
    assert text[labels.loc["dna2", "start"] : labels.loc["dna2", "end"]] == "we reject the tax"


def test_a_passage_that_occurs_twice_is_lengthened_until_it_occurs_once(imported):
    labels = project_of(imported.folder).labels.set_index("statement_id")
    assert labels.loc["dna3", "quote"] == "Acme agrees. Later,"
    assert "quote lengthened to occur once" in labels.loc["dna3", "note"]
    assert imported.lengthened == 1


def test_the_matrix_equals_dnas_subtract_and_ignore_networks_cell_by_cell(imported):
    project = project_of(imported.folder)
    matrix = build_matrix(hand_statements(project), issues=project.codebook.issue_ids)
    cells = {(r.actor, r.issue): (r.position_sum, r.count) for r in matrix.itertuples()}
    # by hand from tests/dna.py: subtract = agree - disagree, ignore = statements
    assert cells == {
        ("acme", "tax_cuts_help"): (1 + 1, 2),  # Alice agrees, Carol agrees
        ("acme", "build_the_wall"): (1 - 1 + 1, 3),  # Acme, Carol disagrees, Bob (for Acme)
        ("union", "tax_cuts_help"): (-1, 1),  # Bob (for Union) disagrees
        ("union", "build_the_wall"): (0, 0),
    }
    acme_wall = matrix[(matrix["actor"] == "acme") & (matrix["issue"] == "build_the_wall")]
    assert acme_wall["position"].item() == pytest.approx(1 / 3)


def test_statements_of_another_type_are_left_out(tmp_path):
    path = write_tiny_dna(tmp_path / "tiny.dna")
    with pytest.raises(InputError, match="no statement type 'Nope'"):
        import_dna(path, tmp_path / "out", variables=DnaVariables(statement_type="Nope"))
    with pytest.raises(InputError, match="no statement of type 'Annotation' to import"):
        import_dna(path, tmp_path / "out", variables=DnaVariables(statement_type="Annotation"))
    assert not (tmp_path / "out").exists()


def test_a_repeated_statement_is_left_out_and_reported(tmp_path):
    path = write_tiny_dna(tmp_path / "tiny.dna")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO STATEMENTS SELECT 8, StatementTypeId, DocumentId, Start, Stop, "
            "Coder FROM STATEMENTS WHERE ID = 1"
        )
        db.execute(
            "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) "
            "SELECT 8, VariableId, Entity FROM DATASHORTTEXT WHERE StatementId = 1"
        )
        db.execute("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (8, 4, 1)")
    result = import_dna(path, tmp_path / "out")
    assert result.skipped == (
        "statement 8: same passage, speaker and concept as statement 1; left out",
    )
    assert result.statements == 6


def test_an_existing_folder_is_never_written_into(tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="exists; stances never overwrites it"):
        import_dna(write_tiny_dna(tmp_path / "tiny.dna"), out)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_annotation_files_are_plain_yaml_with_one_file_per_document(imported):
    data = yaml.safe_load((imported.folder / "annotations" / "dna_0002.yaml").read_text())
    assert (data["article"], data["annotator"], len(data["statements"])) == (
        "dna_0002",
        "Coder A",
        3,
    )


def test_slugs_are_ids_made_of_names():
    assert slug("Énergie & Climat") == "energie_climat"
    assert slug("!!!") == "x"
