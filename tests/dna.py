"""A tiny DNA database the tests write themselves, and the path of DNA's sample."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from tests.conftest import ROOT

SAMPLE = ROOT.parent / "shared" / "dna" / "sample.dna"

# Document 1 has Windows line ends, a character outside the BMP (two UTF-16 units in
# DNA's offsets) and a passage coded once that occurs twice.
TEXT_1 = (
    "Alice said: we back the tax.\r\n"
    "Bob said: \U0001f600 we reject the tax.\r\n"
    "Acme agrees. Later, Acme agrees."
)
TEXT_2 = "Carol of Acme wants no wall. Bob, now at Acme, wants the wall."
JAN_2_2020 = 1577923200

# (id, document, passage, person, organization, concept, agreement)
STATEMENTS = [
    (1, 1, "we back the tax", "Alice", "Acme", "Tax cuts help", 1),
    (2, 1, "we reject the tax", "Bob", "Union", "Tax cuts help", 0),
    (3, 1, "Acme agrees.", "", "Acme", "Build the wall", 1),
    (4, 2, "wants no wall", "Carol", "Acme", "Build the wall", 0),
    (5, 2, "wants the wall", "Bob", "Acme", "Build the wall", 1),
    (6, 2, "Carol of Acme", "Carol", "Acme", "Tax cuts help", 1),
]
TEXTS = {1: TEXT_1, 2: TEXT_2}


def utf16(text: str, index: int) -> int:
    """Java's offset of `text[index]`."""
    return len(text[:index].encode("utf-16-le")) // 2


def write_tiny_dna(path: Path) -> Path:
    """Write the tiny database with plain SQL (not with stances' writer)."""
    schema = resources.files("stances.io").joinpath("dna_schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute("INSERT INTO CODERS (ID, Name, Password) VALUES (1, 'Coder A', 'x')")
    for number, text in TEXTS.items():
        db.execute(
            "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (?, ?, ?, 1, ?)",
            (number, f"Document {number}", text, JAN_2_2020),
        )
    db.execute("INSERT INTO STATEMENTTYPES (ID, Label) VALUES (1, 'DNA Statement')")
    db.execute("INSERT INTO STATEMENTTYPES (ID, Label) VALUES (2, 'Annotation')")
    for number, (name, kind, statement_type) in enumerate(
        [
            ("person", "short text", 1),
            ("organization", "short text", 1),
            ("concept", "short text", 1),
            ("agreement", "boolean", 1),
            ("note", "long text", 2),
        ],
        start=1,
    ):
        db.execute(
            "INSERT INTO VARIABLES VALUES (?, ?, ?, ?)", (number, name, kind, statement_type)
        )
    for statement, document, passage, person, organization, concept, agreement in STATEMENTS:
        text = TEXTS[document]
        start = text.index(passage)
        db.execute(
            "INSERT INTO STATEMENTS VALUES (?, 1, ?, ?, ?, 1)",
            (statement, document, utf16(text, start), utf16(text, start + len(passage))),
        )
        for variable, value in ((1, person), (2, organization), (3, concept)):
            db.execute(
                "INSERT OR IGNORE INTO ENTITIES (VariableId, Value) VALUES (?, ?)",
                (variable, value),
            )
            (entity,) = db.execute(
                "SELECT ID FROM ENTITIES WHERE VariableId = ? AND Value = ?", (variable, value)
            ).fetchone()
            db.execute(
                "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                (statement, variable, entity),
            )
        db.execute(
            "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
            (statement, agreement),
        )
    db.execute("INSERT INTO STATEMENTS VALUES (7, 2, 1, 0, 5, 1)")  # another type: left out
    db.execute("INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (7, 5, 'a note')")
    db.commit()
    db.close()
    return path
