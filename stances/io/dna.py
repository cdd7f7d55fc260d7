"""Discourse Network Analyzer (DNA 3) databases: read one, write a new one DNA can open.

A `.dna` file is an SQLite database. Documents hold a text and a date (seconds since
1970, UTC); statements hold a document, a statement type, start and stop offsets in
the text and one value per variable of their type (short texts are entities).
DNA is written in Java: its offsets count UTF-16 code units; the records here hold
Python string offsets (code points), converted on the way in and out.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from stances.errors import InputError
from stances.io.atomic import atomic_path, check_new_path

DNA_SUFFIX = ".dna"
SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = (
    "DOCUMENTS",
    "STATEMENTTYPES",
    "VARIABLES",
    "STATEMENTS",
    "DATASHORTTEXT",
    "DATABOOLEAN",
    "ENTITIES",
)
DATA_TABLES = {
    "short text": "DATASHORTTEXT",
    "boolean": "DATABOOLEAN",
    "integer": "DATAINTEGER",
    "long text": "DATALONGTEXT",
}
DNA_VERSION = "3.0.7"
SCHEMA_FILE = "dna_schema.sql"  # the sample database's tables, verbatim
PASSWORD_ITERATIONS = 100_000  # DNA hashes coder passwords as jasypt's StrongPasswordEncryptor

Value = str | int


@dataclass(frozen=True)
class DnaDocument:
    """One document: `text` as stored, `date` the day of its timestamp (UTC)."""

    id: int
    title: str
    text: str
    date: dt.date | None = None
    coder: str = ""
    author: str = ""
    source: str = ""
    section: str = ""
    type: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DnaStatement:
    """One statement: `text[start:stop]` of its document, and its variables' values."""

    id: int
    document: int
    start: int
    stop: int
    statement_type: str
    values: Mapping[str, Value]
    coder: str = ""


@dataclass(frozen=True)
class DnaDatabase:
    """Documents, statements and each statement type's variables (name → data type)."""

    documents: tuple[DnaDocument, ...]
    statements: tuple[DnaStatement, ...]
    statement_types: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        types = {name: MappingProxyType(dict(v)) for name, v in self.statement_types.items()}
        object.__setattr__(self, "statement_types", MappingProxyType(types))


def read_dna(path: Path | str) -> DnaDatabase:
    """Read a DNA database (read-only); raise `InputError` when the file is not one:
    not SQLite, a table missing, a statement whose offsets stand outside its text."""
    path = Path(path)
    _check_sqlite_file(path)
    try:
        with _connect_read_only(path) as connection:
            _check_tables(connection, path)
            types = _read_statement_types(connection)
            documents = _read_documents(connection)
            texts = {document.id: document.text for document in documents}
            statements = _read_statements(connection, texts, path)
    except sqlite3.Error as error:
        raise InputError(f"cannot read the DNA database: {error}", path=path) from None
    return DnaDatabase(tuple(documents), tuple(statements), types)


def _check_sqlite_file(path: Path) -> None:
    if not path.is_file():
        raise InputError("DNA database not found; give a .dna file", path=path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    if header != SQLITE_HEADER:
        raise InputError("not an SQLite database, so not a DNA 3 .dna file", path=path)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    return connection


def _check_tables(connection: sqlite3.Connection, path: Path) -> None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    missing = [table for table in REQUIRED_TABLES if table not in tables]
    if missing:
        raise InputError(f"not a DNA database: table(s) {', '.join(missing)} missing", path=path)


def _read_statement_types(connection: sqlite3.Connection) -> dict[str, dict[str, str]]:
    types: dict[str, dict[str, str]] = {
        row["Label"]: {} for row in connection.execute("SELECT Label FROM STATEMENTTYPES")
    }
    query = (
        "SELECT t.Label, v.Variable, v.DataType FROM VARIABLES v "
        "JOIN STATEMENTTYPES t ON t.ID = v.StatementTypeId ORDER BY v.ID"
    )
    for row in connection.execute(query):
        types[row["Label"]][row["Variable"]] = row["DataType"]
    return types


def _coder_names(connection: sqlite3.Connection) -> dict[int, str]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "CODERS" not in tables:
        return {}
    return {row["ID"]: row["Name"] for row in connection.execute("SELECT ID, Name FROM CODERS")}


def _read_documents(connection: sqlite3.Connection) -> list[DnaDocument]:
    coders = _coder_names(connection)
    rows = connection.execute(
        "SELECT ID, Title, Text, Coder, Author, Source, Section, Type, Notes, Date "
        "FROM DOCUMENTS ORDER BY ID"
    )
    return [
        DnaDocument(
            id=row["ID"],
            title=row["Title"],
            text=row["Text"],
            date=_day(row["Date"]),
            coder=coders.get(row["Coder"], ""),
            author=row["Author"],
            source=row["Source"],
            section=row["Section"],
            type=row["Type"],
            notes=row["Notes"],
        )
        for row in rows
    ]


def _day(seconds: object) -> dt.date | None:
    if not isinstance(seconds, int):
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def _read_statements(
    connection: sqlite3.Connection, texts: dict[int, str], path: Path
) -> list[DnaStatement]:
    coders = _coder_names(connection)
    values = _read_values(connection)
    rows = connection.execute(
        "SELECT s.ID, s.DocumentId, s.Start, s.Stop, s.Coder, t.Label FROM STATEMENTS s "
        "JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId ORDER BY s.ID"
    )
    statements = []
    for row in rows:
        text = texts.get(row["DocumentId"])
        if text is None:
            raise InputError(
                f"statement {row['ID']} refers to document {row['DocumentId']}, "
                "which is not in the database",
                path=path,
            )
        start, stop = from_utf16(text, row["Start"]), from_utf16(text, row["Stop"])
        if start is None or stop is None or start >= stop:
            raise InputError(
                f"statement {row['ID']}: offsets {row['Start']}-{row['Stop']} do not stand "
                f"in document {row['DocumentId']}'s text",
                path=path,
            )
        statements.append(
            DnaStatement(
                id=row["ID"],
                document=row["DocumentId"],
                start=start,
                stop=stop,
                statement_type=row["Label"],
                values=MappingProxyType(values.get(row["ID"], {})),
                coder=coders.get(row["Coder"], ""),
            )
        )
    return statements


def _read_values(connection: sqlite3.Connection) -> dict[int, dict[str, Value]]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    queries = [
        "SELECT d.StatementId, v.Variable, e.Value FROM DATASHORTTEXT d "
        "JOIN VARIABLES v ON v.ID = d.VariableId JOIN ENTITIES e ON e.ID = d.Entity",
        *(
            f"SELECT d.StatementId, v.Variable, d.Value FROM {table} d "
            "JOIN VARIABLES v ON v.ID = d.VariableId"
            for table in ("DATABOOLEAN", "DATAINTEGER", "DATALONGTEXT")
            if table in tables
        ),
    ]
    values: dict[int, dict[str, Value]] = {}
    for query in queries:
        for statement, variable, value in connection.execute(query):
            values.setdefault(statement, {})[variable] = value
    return values


def from_utf16(text: str, offset: int) -> int | None:
    """The string index of a UTF-16 offset into `text` (None when outside or mid-character).

    >>> from_utf16("a😀b", 3)
    2
    """
    if offset < 0:
        return None
    units = 0
    for index, character in enumerate(text):
        if units == offset:
            return index
        if units > offset:
            return None
        units += 2 if ord(character) > 0xFFFF else 1
    return len(text) if units == offset else None


def to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset of string index `index` of `text`.

    >>> to_utf16("a😀b", 2)
    3
    """
    return index + sum(1 for character in text[:index] if ord(character) > 0xFFFF)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A coder password as DNA stores it (salted SHA-256, iterated, base64).

    >>> check_password("sample", hash_password("sample")), check_password("x", hash_password("y"))
    (True, False)
    """
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(PASSWORD_ITERATIONS - 1):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


def check_password(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` (as `hash_password` writes it) was made from."""
    raw = base64.b64decode(stored)
    return hash_password(password, salt=raw[:16]) == stored


def write_dna(
    database: DnaDatabase, path: Path | str, *, coder: str = "Admin", password: str
) -> Path:
    """Write `database` to a new `.dna` file (never over an existing one), atomically.

    One coder, `coder` with `password`, owns every document and statement.
    """
    path = check_new_path(path, suffix=DNA_SUFFIX)
    schema = resources.files("stances.io").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    with atomic_path(path) as temporary:
        temporary.unlink()  # sqlite makes the file itself
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                connection.executescript(schema)
                _insert(connection, database, coder, hash_password(password))
        finally:
            connection.close()
    return path


def _insert(
    connection: sqlite3.Connection, database: DnaDatabase, coder: str, password: str
) -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    connection.executemany(
        "INSERT INTO SETTINGS VALUES (?, ?)", [("version", DNA_VERSION), ("date", today)]
    )
    columns = ", ".join(["ID", "Name", "Red", "Green", "Blue", "Password"])
    connection.execute(
        f"INSERT INTO CODERS ({columns}) VALUES (1, ?, 255, 255, 0, ?)", (coder, password)
    )
    texts = {}
    for document in database.documents:
        texts[document.id] = document.text
        connection.execute(
            "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, "
            "Type, Date) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                document.title[:190],
                document.text,
                document.author[:190],
                document.source[:190],
                document.section[:190],
                document.notes,
                document.type[:190],
                _seconds(document.date),
            ),
        )
    variables = _insert_types(connection, database.statement_types)
    _insert_statements(connection, database.statements, texts, variables)


def _seconds(date: dt.date | None) -> int:
    day = date or dt.date(1970, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


ENTITY_ATTRIBUTES = ("Type", "Alias", "Notes")
TYPE_COLOURS = [(239, 208, 51), (100, 200, 190), (211, 211, 211), (153, 153, 255)]


def _insert_types(
    connection: sqlite3.Connection, types: Mapping[str, Mapping[str, str]]
) -> dict[tuple[str, str], tuple[int, str]]:
    """Statement types and their variables; (type, variable) → (variable id, data type)."""
    variables = {}
    for type_id, (label, type_variables) in enumerate(types.items(), start=1):
        red, green, blue = TYPE_COLOURS[(type_id - 1) % len(TYPE_COLOURS)]
        connection.execute(
            "INSERT INTO STATEMENTTYPES VALUES (?, ?, ?, ?, ?)",
            (type_id, label, red, green, blue),
        )
        for name, data_type in type_variables.items():
            cursor = connection.execute(
                "INSERT INTO VARIABLES (Variable, DataType, StatementTypeId) VALUES (?, ?, ?)",
                (name, data_type, type_id),
            )
            variables[label, name] = (cursor.lastrowid, data_type)
            if data_type == "short text":  # as DNA does: entity attributes, an empty entity
                connection.executemany(
                    "INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                    [(cursor.lastrowid, attribute) for attribute in ENTITY_ATTRIBUTES],
                )
                _entity(connection, cursor.lastrowid, "")
    return variables


def _entity(connection: sqlite3.Connection, variable: int, value: str) -> int:
    value = value[:190]
    row = connection.execute(
        "SELECT ID FROM ENTITIES WHERE VariableId = ? AND Value = ?", (variable, value)
    ).fetchone()
    if row:
        return row[0]
    entity = connection.execute(
        "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)",
        (variable, value),
    ).lastrowid
    connection.execute(
        "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
        "SELECT ?, ID, '' FROM ATTRIBUTEVARIABLES WHERE VariableId = ?",
        (entity, variable),
    )
    return entity


def _insert_statements(
    connection: sqlite3.Connection,
    statements: tuple[DnaStatement, ...],
    texts: dict[int, str],
    variables: dict[tuple[str, str], tuple[int, str]],
) -> None:
    type_ids = {
        label: type_id
        for type_id, label in connection.execute("SELECT ID, Label FROM STATEMENTTYPES")
    }
    for statement in statements:
        text = texts[statement.document]
        cursor = connection.execute(
            "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) "
            "VALUES (?, ?, ?, ?, 1)",
            (
                type_ids[statement.statement_type],
                statement.document,
                to_utf16(text, statement.start),
                to_utf16(text, statement.stop),
            ),
        )
        for name, value in statement.values.items():
            variable, data_type = variables[statement.statement_type, name]
            if data_type == "short text":
                value = _entity(connection, variable, str(value))
                sql = "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)"
            else:
                table = DATA_TABLES[data_type]
                sql = f"INSERT INTO {table} (StatementId, VariableId, Value) VALUES (?, ?, ?)"
            connection.execute(sql, (cursor.lastrowid, variable, value))
