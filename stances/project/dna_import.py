"""A project folder from a DNA database: corpus, generated codebook and hand labels.

Documents become articles (`seeds/`, with `articles.yaml`), the statements of one
statement type become hand labels (`annotations/<article>.yaml`): concepts are
issues (the concept is the proposition: agree = +1, disagree = -1), organizations
are groups, persons are speakers. Every command then runs on the folder unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from stances.errors import InputError, OutputError, ValidationFailed
from stances.io.dna import DnaDatabase, DnaDocument, DnaStatement, read_dna
from stances.io.yamlfile import dump_yaml_documents
from stances.project.codebook import CODEBOOK_FILE
from stances.project.corpus import METADATA_FILE
from stances.project.load import check_project
from stances.project.quotes import widen_to_unique

CORPUS_FOLDER = "seeds"
LABELS_FOLDER = "annotations"
NO_ORGANIZATION = "(no organization)"
POSITIONS = [
    {"value": -1, "label": "oppose"},
    {"value": 0, "label": "neutral"},
    {"value": 1, "label": "support"},
]


@dataclass(frozen=True)
class DnaVariables:
    """Which statement type to read, and its variables. `position` (an integer
    variable, -1/0/+1, as `export-dna` writes it) is read instead of the boolean
    `agreement` when the statement type has it."""

    statement_type: str = "DNA Statement"
    person: str = "person"
    organization: str = "organization"
    concept: str = "concept"
    agreement: str = "agreement"
    position: str = "position"


@dataclass(frozen=True)
class DnaImport:
    """What `import_dna` wrote: the folder, counts, and the statements it left out (why)."""

    folder: Path
    articles: int
    statements: int
    lengthened: int
    skipped: tuple[str, ...] = ()


@dataclass
class _Coded:
    """One DNA statement read as a label, before ids are given."""

    statement: DnaStatement
    article: str
    start: int
    end: int
    person: str
    organization: str
    concept: str
    position: int


@dataclass
class _Ids:
    """Readable, unique ids for names (`Sierra Club` → `sierra_club`)."""

    ids: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str:
        if name not in self.ids:
            base = slug(name)
            taken = set(self.ids.values())
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}_{n}", n + 1
            self.ids[name] = candidate
        return self.ids[name]


def slug(name: str, *, max_length: int = 40) -> str:
    """An id made of a name: lower-case ASCII words joined by `_`, cut at a word.

    >>> slug("U.S. Public Interest Research Group")
    'u_s_public_interest_research_group'
    >>> slug("Climate change is caused by greenhouse gases (CO2).")
    'climate_change_is_caused_by_greenhouse'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    text = ""
    for word in words:
        if text and len(text) + 1 + len(word) > max_length:
            break
        text = f"{text}_{word}" if text else word[:max_length]
    return text or "x"


def import_dna(
    path: Path | str, out: Path | str, *, variables: DnaVariables | None = None
) -> DnaImport:
    """Write a project folder `out` (new) from the DNA database `path`.

    The folder is written beside its place and renamed into it once the project
    it holds passes the same checks as `stances validate`.
    """
    variables = variables or DnaVariables()
    out = check_new_folder(out)
    database = read_dna(path)
    files, summary = project_files(database, variables, source=Path(path).name)
    _write_folder(out, files)
    return DnaImport(out, *summary)


def check_new_folder(out: Path | str) -> Path:
    """Raise `OutputError` unless `out` is a new folder (or an empty one) in an existing one."""
    out = Path(out)
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise OutputError("exists; stances never overwrites it: pick a new folder", path=out)
    if not out.parent.is_dir():
        raise OutputError(f"folder {out.parent} does not exist; create it first", path=out)
    return out


def project_files(
    database: DnaDatabase, variables: DnaVariables, *, source: str = "the DNA database"
) -> tuple[dict[str, str], tuple[int, int, int, tuple[str, ...]]]:
    """The files of the project (relative path → text), and (articles, statements,
    lengthened quotes, skipped statements)."""
    statement_variables = database.statement_types.get(variables.statement_type)
    if statement_variables is None:
        raise InputError(
            f"no statement type {variables.statement_type!r}; the database has "
            f"{sorted(database.statement_types)}"
        )
    texts, files, skipped = {}, {}, []
    for document in database.documents:
        article, text = article_id(document), normalize_text(document.text)
        if not text.text.strip():
            skipped.append(f"document {document.id}: no text; left out")
            continue
        texts[document.id] = (article, text)
        files[f"{CORPUS_FOLDER}/{article}.txt"] = text.text
    coded = []
    for statement in database.statements:
        if statement.statement_type != variables.statement_type:
            continue
        item, problem = _read_statement(statement, texts, variables, statement_variables)
        if problem:
            skipped.append(f"statement {statement.id}: {problem}; left out")
        else:
            coded.append(item)
    if not coded:
        raise InputError(f"no statement of type {variables.statement_type!r} to import")
    codebook, labels, lengthened, duplicates = _codebook_and_labels(coded, texts)
    skipped += duplicates
    files[f"{CORPUS_FOLDER}/{METADATA_FILE}"] = _metadata_yaml(database.documents, texts, source)
    files[f"{LABELS_FOLDER}/{CODEBOOK_FILE}"] = (
        f"# Generated by `stances import-dna` from {source}: concepts are issues,\n"
        "# organizations groups, persons speakers. Add terms to help the model.\n"
        + dump_yaml_documents([codebook])
    )
    for article, document in labels.items():
        files[f"{LABELS_FOLDER}/{article}.yaml"] = (
            f"# Hand labels from {source} (`stances import-dna`).\n"
            + dump_yaml_documents([document])
        )
    n_labels = sum(len(document["statements"]) for document in labels.values())
    return files, (len(texts), n_labels, lengthened, tuple(skipped))


def article_id(document: DnaDocument) -> str:
    """The article id of a DNA document: `dna_0007` for document 7."""
    return f"dna_{document.id:04d}"


@dataclass(frozen=True)
class NormalizedText:
    """A text as `read_text` will return it (no BOM, `\\n` line ends), and where each
    original index stands in it."""

    text: str
    index: tuple[int, ...]

    def offset(self, original: int) -> int:
        return self.index[original]


def normalize_text(text: str) -> NormalizedText:
    """The text as the corpus reads it back, with a map of the original offsets.

    >>> normalized = normalize_text("a\\r\\nb")
    >>> normalized.text, normalized.offset(3)
    ('a\\nb', 2)
    """
    kept, index = [], []
    for position, character in enumerate(text):
        index.append(len(kept))
        if (position == 0 and character == "\ufeff") or (
            character == "\r" and text[position + 1 : position + 2] == "\n"
        ):
            continue
        kept.append("\n" if character == "\r" else character)
    index.append(len(kept))
    return NormalizedText("".join(kept).replace("\x00", " "), tuple(index))


def _read_statement(
    statement: DnaStatement,
    texts: dict[int, tuple[str, NormalizedText]],
    variables: DnaVariables,
    statement_variables: dict[str, str],
) -> tuple[_Coded | None, str]:
    if statement.document not in texts:
        return None, f"its document {statement.document} has no text"
    article, text = texts[statement.document]
    start, end = text.offset(statement.start), text.offset(statement.stop)
    if not text.text[start:end].strip():
        return None, "the coded passage is blank"
    values = statement.values
    concept = str(values.get(variables.concept, "")).strip()
    if not concept:
        return None, f"no {variables.concept}"
    position, problem = _position(values, variables, statement_variables)
    if problem:
        return None, problem
    person = str(values.get(variables.person, "")).strip()
    organization = str(values.get(variables.organization, "")).strip() or NO_ORGANIZATION
    return _Coded(statement, article, start, end, person, organization, concept, position), ""


def _position(values, variables: DnaVariables, statement_variables) -> tuple[int, str]:
    if statement_variables.get(variables.position) == "integer":
        value = values.get(variables.position)
        if value not in (-1, 0, 1):
            return 0, f"{variables.position} is {value!r}, not -1, 0 or 1"
        return int(value), ""
    value = values.get(variables.agreement)
    if value not in (0, 1):
        return 0, f"no {variables.agreement} (true or false)"
    return (1 if value else -1), ""


def _codebook_and_labels(
    coded: list[_Coded], texts: dict[int, tuple[str, NormalizedText]]
) -> tuple[dict, dict[str, dict], int, list[str]]:
    issues, groups, speakers = _Ids(), _Ids(), _Ids()
    organizations_of: dict[str, set[str]] = {}
    for item in coded:
        issues.of(item.concept)
        groups.of(item.organization)
        if item.person:
            organizations_of.setdefault(item.person, set()).add(item.organization)
    registered = {p: next(iter(o)) for p, o in organizations_of.items() if len(o) == 1}
    codebook = {
        "issues": [
            {"id": i, "label": c, "proposition": c, "description": "a DNA concept", "terms": []}
            for c, i in issues.ids.items()
        ],
        "positions": POSITIONS,
        "groups": [{"id": i, "label": name} for name, i in groups.ids.items()],
        "speakers": [
            {"id": speakers.of(person), "name": person, "group": groups.of(organization)}
            for person, organization in registered.items()
        ],
        "affiliation_cues": [
            {"group": i, "cues": [name]}
            for name, i in groups.ids.items()
            if name != NO_ORGANIZATION
        ],
    }
    text_of = {article: text.text for article, text in texts.values()}
    labels: dict[str, dict] = {}
    seen: dict[tuple, int] = {}
    lengthened, duplicates = 0, []
    for item in coded:
        text = text_of[item.article]
        start, end = widen_to_unique(text, item.start, item.end)
        speaker = speakers.ids[item.person] if item.person in registered else None
        speaker = speaker or item.person or item.organization
        key = (item.article, start, end, speaker, item.concept)
        if key in seen:
            duplicates.append(
                f"statement {item.statement.id}: same passage, speaker and concept as "
                f"statement {seen[key]}; left out"
            )
            continue
        seen[key] = item.statement.id
        note = f"DNA statement {item.statement.id}" + (
            f" ({item.statement.coder})" if item.statement.coder else ""
        )
        if (start, end) != (item.start, item.end):
            lengthened += 1
            note += f"; quote lengthened to occur once (coded {item.start}-{item.end})"
        document = labels.setdefault(
            item.article, {"article": item.article, "annotator": "", "statements": []}
        )
        document["statements"].append(
            {
                "id": f"dna{item.statement.id}",
                "quote": text[start:end],
                "speaker": speaker,
                "group": groups.ids[item.organization],
                "issue": issues.ids[item.concept],
                "position": item.position,
                "note": note,
            }
        )
        document.setdefault("_coders", Counter())[item.statement.coder or "dna"] += 1
    for document in labels.values():
        document["annotator"] = ", ".join(sorted(document.pop("_coders")))
    return codebook, labels, lengthened, duplicates


def _metadata_yaml(
    documents: tuple[DnaDocument, ...], texts: dict[int, tuple[str, NormalizedText]], source: str
) -> str:
    metadata = {
        texts[d.id][0]: {"title": d.title, "outlet": d.source or None, "date": d.date}
        for d in documents
        if d.id in texts
    }
    return f"# The documents of {source} (`stances import-dna`).\n" + dump_yaml_documents(
        [metadata]
    )


def _write_folder(out: Path, files: dict[str, str]) -> None:
    """Write `files` into a hidden folder beside `out`, check the project, rename it."""
    try:
        temporary = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as error:
        raise OutputError(f"cannot write in {out.parent}: {error.strerror}", path=out) from None
    try:
        for name, text in files.items():
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        corpus, labels = temporary / CORPUS_FOLDER, temporary / LABELS_FOLDER
        check = check_project(corpus, [(corpus, labels)], codebook=labels / CODEBOOK_FILE)
        if not check.ok:
            raise ValidationFailed(list(check.problems))
        os.chmod(temporary, 0o777 & ~_umask())
        os.replace(temporary, out)
    except OSError as error:
        raise OutputError(f"cannot write the folder: {error.strerror}", path=out) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
