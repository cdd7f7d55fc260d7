"""Reading and writing DNA databases."""

import sqlite3

import pytest

from stances.errors import InputError, OutputError
from stances.io.dna import (
    DnaDatabase,
    DnaDocument,
    DnaStatement,
    check_password,
    read_dna,
    write_dna,
)
from tests.dna import SAMPLE, STATEMENTS, TEXT_1, write_tiny_dna


def tables(path):
    with sqlite3.connect(path) as db:
        return {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master")}


def test_reading_gives_documents_statements_and_the_variables_of_each_type(tmp_path):
    database = read_dna(write_tiny_dna(tmp_path / "tiny.dna"))
    assert [d.title for d in database.documents] == ["Document 1", "Document 2"]
    assert str(database.documents[0].date) == "2020-01-02"
    assert dict(database.statement_types["Annotation"]) == {"note": "long text"}
    assert [s.statement_type for s in database.statements].count("DNA Statement") == 6
    first = database.statements[0]
    assert dict(first.values) == {
        "person": "Alice",
        "organization": "Acme",
        "concept": "Tax cuts help",
        "agreement": 1,
    }
    assert first.coder == "Coder A"


def test_offsets_count_code_points_not_javas_utf16_units(tmp_path):
    database = read_dna(write_tiny_dna(tmp_path / "tiny.dna"))
    for statement, (_, document, passage, *_) in zip(database.statements, STATEMENTS, strict=False):
        text = database.documents[document - 1].text
        assert text[statement.start : statement.stop] == passage
    assert TEXT_1[database.statements[1].start] == "w"  # after the emoji


def test_a_file_that_is_no_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "notes.dna"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match=r"not an SQLite database, so not a DNA 3 \.dna file"):
        read_dna(path)


def test_an_sqlite_database_without_dnas_tables_is_refused(tmp_path):
    path = tmp_path / "other.dna"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE DOCUMENTS (ID INTEGER)")
    with pytest.raises(InputError) as error:
        read_dna(path)
    assert error.value.problem.message == (
        "not a DNA database: table(s) STATEMENTTYPES, VARIABLES, STATEMENTS, DATASHORTTEXT, "
        "DATABOOLEAN, ENTITIES missing"
    )


def test_a_statement_outside_its_text_is_refused(tmp_path):
    path = write_tiny_dna(tmp_path / "tiny.dna")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE STATEMENTS SET Stop = 100000 WHERE ID = 1")
    with pytest.raises(InputError, match=r"statement 1: offsets .* do not stand in document 1"):
        read_dna(path)


def small_database():
    text = "a\U0001f600 b c"
    return DnaDatabase(
        (DnaDocument(1, "one", text),),
        (DnaStatement(1, 1, 3, 4, "T", {"who": "x", "yes": 1, "n": -1}),),
        {"T": {"who": "short text", "yes": "boolean", "n": "integer"}},
    )


def test_what_is_written_reads_back_the_same(tmp_path):
    path = write_dna(small_database(), tmp_path / "out.dna", password="secret")
    back = read_dna(path)
    assert back.statements[0].start == 3
    assert dict(back.statements[0].values) == {"who": "x", "yes": 1, "n": -1}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT Start, Stop FROM STATEMENTS").fetchone() == (4, 5)
        (password,) = db.execute("SELECT Password FROM CODERS WHERE ID = 1").fetchone()
    assert check_password("secret", password)


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "out.dna"
    path.write_bytes(b"keep")
    with pytest.raises(OutputError, match="file exists"):
        write_dna(small_database(), path, password="x")
    assert path.read_bytes() == b"keep"


@pytest.mark.skipif(not SAMPLE.exists(), reason="DNA's sample database is not here")
def test_the_written_tables_are_those_of_dnas_sample(tmp_path):
    path = write_dna(small_database(), tmp_path / "out.dna", password="x")
    assert tables(path) == tables(SAMPLE)


@pytest.mark.skipif(not SAMPLE.exists(), reason="DNA's sample database is not here")
def test_the_sample_reads_as_dna_describes_it():
    database = read_dna(SAMPLE)
    kinds = [s.statement_type for s in database.statements]
    assert (len(database.documents), kinds.count("DNA Statement")) == (7, 40)
    with sqlite3.connect(SAMPLE) as db:
        (password,) = db.execute("SELECT Password FROM CODERS WHERE ID = 1").fetchone()
    assert check_password("sample", password)  # the hash scheme DNA uses
