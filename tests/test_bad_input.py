"""Bad input, through the real command line.

Every case damages a copy of a project that has already been run once, runs a
command, and expects the documented outcome: exit code 1 and exactly one
`Error: file:line: message` line (2 for a misused option), no traceback, the
annotation files byte for byte as they were and the previous workbook intact.
A few inputs that look odd but are fine (BOM, CRLF, a corrupt old workbook)
must simply work.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import openpyxl
import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression
from typer.testing import CliRunner

from stances.cli import app
from stances.errors import InputError
from stances.io.yamlfile import load_yaml
from stances.project.corpus import load_corpus
from tests.conftest import (
    ROOT,
    TINY_CODEBOOK,
    TRAINING_ARTICLES,
    TRAINING_LABELS,
    labels_yaml,
    write,
)

runner = CliRunner()

LABELS = "annotations/t1.yaml"
CODEBOOK = "annotations/codebook.yaml"
WORKBOOK = "out/matrix.xlsx"
MODEL = "models/stances.skops"
MANIFEST = "models/manifest.json"
NEW_ARTICLE = "seeds/t4.txt"


def invoke(command: str, project: Path, *extra: object):
    """`stances <command>` on `project`, run in this process."""
    args = ["--corpus", project / "seeds", "--annotations", project / "annotations"]
    if command != "validate":
        args += ["--models", project / "models"]
    if command not in {"validate", "train"}:
        args += ["--training-corpus", project / "seeds"]
    if command == "run" and "--out" not in extra:
        args += ["--out", project / WORKBOOK]
    return runner.invoke(app, [command, *(str(arg) for arg in [*args, *extra])])


@pytest.fixture(scope="module")
def finished_project(tmp_path_factory) -> Path:
    """Three labelled articles after one successful run: a saved model and a workbook."""
    project = tmp_path_factory.mktemp("finished")
    for article, text in TRAINING_ARTICLES.items():
        write(project / "seeds" / f"{article}.txt", text)
        write(
            project / "annotations" / f"{article}.yaml",
            labels_yaml(article, TRAINING_LABELS[article]),
        )
    write(project / CODEBOOK, TINY_CODEBOOK)
    (project / "out").mkdir()
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def project(finished_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the finished project, for one case to damage."""
    return Path(shutil.copytree(finished_project, tmp_path / "project"))


def fingerprints(project: Path) -> dict[str, str]:
    """SHA-256 of every annotation file and of the previous outputs (workbook, model)."""
    files = [*sorted((project / "annotations").rglob("*")), *sorted((project / "models").glob("*"))]
    files.append(project / WORKBOOK)
    return {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file()
    }


def matrix_of(workbook: Path) -> list[tuple]:
    """The Matrix sheet's values."""
    return list(openpyxl.load_workbook(workbook)["Matrix"].values)


# How to damage a project -------------------------------------------------------


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace the first `old` by `new` in a project file (which must contain it)."""

    def damage(project: Path) -> None:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return damage


def put(relative: str, content: str | bytes) -> Callable[[Path], None]:
    """Write a project file (text as UTF-8), creating or replacing it."""

    def damage(project: Path) -> None:
        path = project / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)

    return damage


def remove_articles(project: Path) -> None:
    for article in (project / "seeds").glob("*.txt"):
        article.unlink()


def link_article_to_dev_zero(project: Path) -> None:
    (project / NEW_ARTICLE).symlink_to("/dev/zero")


def write_50_mb_article(project: Path) -> None:
    """Real sentences, then a sparse tail: quick to make, and read as NUL bytes if ever read."""
    with (project / NEW_ARTICLE).open("wb") as handle:
        handle.write(b"Smith said that the talks would go on for a very long time. " * 10_000)
        handle.truncate(50_000_000)


def make_read_only(relative: str) -> Callable[[Path], None]:
    def damage(project: Path) -> None:
        (project / relative).chmod(0o444)

    return damage


def make_folder(relative: str) -> Callable[[Path], None]:
    def damage(project: Path) -> None:
        (project / relative).mkdir()

    return damage


def vouch_for_model(project: Path, data: bytes) -> None:
    """Replace the model file and make the manifest vouch for it (hash updated)."""
    (project / MODEL).write_bytes(data)
    manifest = json.loads((project / MANIFEST).read_text())
    manifest["model_sha256"] = hashlib.sha256(data).hexdigest()
    (project / MANIFEST).write_text(json.dumps(manifest))


def garbage_model_vouched_for(project: Path) -> None:
    vouch_for_model(project, b"PK\x03\x04 not really a zip")


def foreign_model(project: Path) -> None:
    vouch_for_model(project, sio.dumps({"classifier": LogisticRegression()}))


def model_with_untrusted_type(project: Path) -> None:
    from fractions import Fraction

    vouch_for_model(project, sio.dumps({"issues": Fraction(1, 2)}))


def edit_manifest_hash(project: Path) -> None:
    manifest = json.loads((project / MANIFEST).read_text())
    manifest["model_sha256"] = "0" * 64
    (project / MANIFEST).write_text(json.dumps(manifest))


def append_to_model(project: Path) -> None:
    with (project / MODEL).open("ab") as handle:
        handle.write(b"\0")


def alias_bomb() -> str:
    """The "billion laughs": nine levels of nine aliases, 10^9 strings if expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def never(project: Path) -> None:
    """No damage: the command line itself is wrong."""


# The cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """Damage to a project, the command run on it and the one line it must print.

    `message` is the whole error line; `{p}` stands for the project folder.
    """

    damage: Callable[[Path], None]
    message: str
    command: str = "run"
    options: tuple[str, ...] = ()
    exit_code: int = 1


QUOTE = 'quote: "ready to limit missiles"'
IN_LABELS = "Error: {p}/annotations/t1.yaml"
NOT_OURS = "delete it or run `stances train`"

REFUSED = [
    # YAML that is not YAML, or not the YAML we expect
    pytest.param(
        Case(
            replace(LABELS, "issue: missiles", "issue: [missiles"),
            IN_LABELS + ":8: YAML error: expected ',' or ']', but got ':' (column 13)",
        ),
        id="yaml-syntax-error",
    ),
    pytest.param(
        Case(
            put(LABELS, "- article: t1\n- annotator: tester\n"),
            IN_LABELS + ":1: the document is a list; expected a mapping with article, annotator "
            "and statements",
        ),
        id="document-is-a-list",
    ),
    pytest.param(
        Case(
            put(LABELS, "labels for t1 to follow\n"),
            IN_LABELS + ":1: the document is a single value ('labels for t1 to follow'); "
            "expected a mapping with article, annotator and statements",
        ),
        id="document-is-a-scalar",
    ),
    pytest.param(
        Case(
            put(LABELS, "# nothing yet\n"),
            IN_LABELS + ":1: the document is empty; expected a mapping with article, annotator "
            "and statements",
        ),
        id="document-is-empty",
    ),
    pytest.param(
        Case(
            put(LABELS, alias_bomb()),
            IN_LABELS + ":2: YAML error: aliases (*name) are not allowed; write the value out "
            "in full (column 10)",
        ),
        id="billion-laughs",
    ),
    pytest.param(
        Case(
            put(LABELS, "article: " + "[" * 10_000 + "]" * 10_000 + "\n"),
            IN_LABELS + ":1: YAML error: nested more than 50 levels deep; flatten the document "
            "(column 59)",
        ),
        id="nesting-too-deep",
    ),
    pytest.param(
        Case(
            replace(LABELS, "annotator: tester", "annotator: tes\x07ter"),
            IN_LABELS + ":2: YAML error: character #x07 is not allowed in YAML; remove it",
        ),
        id="control-character",
    ),
    pytest.param(
        Case(
            put(LABELS, "? [article, annotator]\n: t1\n"),
            IN_LABELS + ":1: YAML error: a key must be a plain value, not a list or mapping "
            "(column 3)",
        ),
        id="list-as-a-key",
    ),
    pytest.param(
        Case(
            put(LABELS, "article: t1\nannotator: tester\nannotator: tester\nstatements: []\n"),
            IN_LABELS + ":3: YAML error: duplicate key 'annotator'; keep only one (column 1)",
        ),
        id="duplicate-key",
    ),
    pytest.param(
        Case(
            put(LABELS, "article: t1\nannotator: 'Zoë'\n".encode("latin-1")),
            IN_LABELS + ":2: not UTF-8 text (byte 0xeb); re-save the file as UTF-8",
        ),
        id="labels-not-utf8",
    ),
    pytest.param(
        Case(
            put("seeds/articles.yaml", "t1: {outlet: Wire, date: 2022-02-30}\n"),
            "Error: {p}/seeds/articles.yaml:1: YAML error: '2022-02-30' is not a valid date "
            "(day is out of range for month); quote it to keep it as text (column 26)",
        ),
        id="impossible-date",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: 1", 'position: !!int ""'),
            IN_LABELS + ":8: YAML error: '' is not a valid int; quote it to keep it as text "
            "(column 15)",
        ),
        id="empty-int-tag",
    ),
    pytest.param(
        Case(
            put("seeds/articles.yaml", 't1: {outlet: Wire, date: !!timestamp "soon"}\n'),
            "Error: {p}/seeds/articles.yaml:1: YAML error: 'soon' is not a valid date; "
            "quote it to keep it as text (column 26)",
        ),
        id="date-tag-on-text",
    ),
    # wrong types
    pytest.param(
        Case(
            replace(LABELS, "position: 1", "position: maybe"),
            IN_LABELS + ":8: statements -> 0 -> position: Input should be -1, 0 or 1 (got 'maybe')",
        ),
        id="position-maybe",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: 1", "position: 2"),
            IN_LABELS + ":8: statements -> 0 -> position: Input should be -1, 0 or 1 (got 2)",
        ),
        id="position-2",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: 1", "position: null"),
            IN_LABELS + ":8: statements -> 0 -> position: Input should be -1, 0 or 1 (got None)",
        ),
        id="position-null",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: 1", "position: yes"),
            IN_LABELS + ":8: statements -> 0 -> position: Input should be -1, 0 or 1, not "
            "yes/no or true/false (got True)",
        ),
        id="position-yes",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: -1", "position: no"),
            IN_LABELS + ":13: statements -> 1 -> position: Input should be -1, 0 or 1, not "
            "yes/no or true/false (got False)",
        ),
        id="position-no",
    ),
    pytest.param(
        Case(
            replace(LABELS, "position: 1", "position: 1.0"),
            IN_LABELS + ":8: statements -> 0 -> position: Input should be -1, 0 or 1, without "
            "decimals (got 1.0)",
        ),
        id="position-1.0",
    ),
    pytest.param(
        Case(
            replace(LABELS, "article: t1", "article: 1"),
            IN_LABELS + ":1: article: Input should be a valid string (got 1)",
        ),
        id="article-id-a-number",
    ),
    # ids the codebook does not know
    pytest.param(
        Case(
            replace(LABELS, "speaker: smith", "speaker: jones"),
            IN_LABELS + ":4: statement s1: unknown speaker 'jones'; add it to the codebook's "
            "speakers, or give its group (east, west)",
        ),
        id="unknown-speaker",
    ),
    pytest.param(
        Case(
            replace(LABELS, "issue: missiles", "issue: sanctions"),
            IN_LABELS + ":4: statement s1: unknown issue 'sanctions'; use one of "
            "['missiles', 'exercises']",
        ),
        id="unknown-issue",
    ),
    pytest.param(
        Case(
            replace(CODEBOOK, "group: west, aliases", "group: north, aliases"),
            "Error: {p}/annotations/codebook.yaml:19: speakers -> 1: group 'north' is not "
            "among the groups ['east', 'west']; add it or fix it",
        ),
        id="unknown-group",
    ),
    # quotes
    pytest.param(
        Case(
            replace(LABELS, QUOTE, 'quote: "ready to ban missiles"'),
            IN_LABELS + ":4: statement s1: quote not found in the article; closest passage "
            "(76% similar): 'ready to limit missiles'",
        ),
        id="quote-missing",
    ),
    pytest.param(
        Case(
            replace(LABELS, QUOTE, 'quote: "Smith"'),
            IN_LABELS + ":4: statement s1: quote occurs 2 times in the article; lengthen it "
            "until it occurs once",
        ),
        id="quote-ambiguous",
    ),
    pytest.param(
        Case(
            replace(LABELS, QUOTE, 'quote: ""'),
            IN_LABELS + ":5: statements -> 0 -> quote: String should have at least 1 character "
            "(got '')",
        ),
        id="quote-empty",
    ),
    pytest.param(
        Case(
            replace(LABELS, QUOTE, 'quote: "  "'),
            IN_LABELS + ":4: statement s1: the quote is empty; copy a passage from the article",
        ),
        id="quote-blank",
    ),
    pytest.param(
        Case(
            replace(
                LABELS, QUOTE, 'quote: "Delegates ate lunch together.\\nSecond round in Geneva"'
            ),
            IN_LABELS + ":4: statement s1: quote not found in the article; closest passage "
            "(73% similar): 'Delegates ate lunch together.\\n'",
        ),
        id="quote-spanning-two-articles",
    ),
    # duplicates and strays
    pytest.param(
        Case(
            replace(LABELS, "id: s2", "id: s1"),
            IN_LABELS + ":9: statement id 's1' is used twice; give it a new id",
        ),
        id="duplicate-statement-id",
    ),
    pytest.param(
        Case(
            put("annotations/t9.yaml", labels_yaml("t9", TRAINING_LABELS["t1"])),
            "Error: {p}/annotations/t9.yaml:1: article 't9' is not in the corpus {p}/seeds; "
            "fix the id or add the article",
        ),
        id="labels-for-a-missing-article",
    ),
    # articles
    pytest.param(
        Case(
            put(NEW_ARTICLE, ""),
            "Error: {p}/seeds/t4.txt: the article is empty; add its text or remove the file",
        ),
        id="empty-article",
    ),
    pytest.param(
        Case(
            put(NEW_ARTICLE, " \n\t\n"),
            "Error: {p}/seeds/t4.txt: the article is empty; add its text or remove the file",
        ),
        id="blank-article",
    ),
    pytest.param(
        Case(
            put(NEW_ARTICLE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "Error: {p}/seeds/t4.txt:3: binary file (NUL byte); only UTF-8 text is read",
        ),
        id="binary-article",
    ),
    pytest.param(
        Case(
            put(NEW_ARTICLE, "Talks\n\nSmith said the café was shut.\n".encode("latin-1")),
            "Error: {p}/seeds/t4.txt:3: not UTF-8 text (byte 0xe9); re-save the file as UTF-8",
        ),
        id="article-not-utf8",
    ),
    pytest.param(
        Case(
            put(NEW_ARTICLE, "Talks\n\nSmith said no.\n".encode("utf-16")),
            "Error: {p}/seeds/t4.txt:1: UTF-16 text; re-save the file as UTF-8",
        ),
        id="article-utf16",
    ),
    pytest.param(
        Case(
            write_50_mb_article,
            "Error: {p}/seeds/t4.txt: file is 50,000,000 bytes, over the limit of 20,000,000 "
            "bytes; split it into smaller files",
        ),
        id="article-50-mb",
    ),
    pytest.param(
        Case(
            link_article_to_dev_zero,
            "Error: {p}/seeds/t4.txt: a device, pipe or socket, not a text file; remove or "
            "rename it",
        ),
        id="article-endless-device",
    ),
    pytest.param(
        Case(
            make_folder(NEW_ARTICLE),
            "Error: {p}/seeds/t4.txt: a folder, not a text file; remove or rename it",
        ),
        id="article-is-a-folder",
    ),
    pytest.param(
        Case(
            remove_articles,
            "Error: {p}/seeds: no .txt articles in this folder; add articles or pick another "
            "folder",
        ),
        id="corpus-without-articles",
    ),
    # outputs
    pytest.param(
        Case(
            never,
            "Error: {p}/out/new/matrix.xlsx: folder {p}/out/new does not exist; create it or "
            "pick another output path",
            options=("--out", "{p}/out/new/matrix.xlsx"),
        ),
        id="out-folder-missing",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/seeds/t1.txt/matrix.xlsx: folder {p}/seeds/t1.txt is not a folder; "
            "create it or pick another output path",
            options=("--out", "{p}/seeds/t1.txt/matrix.xlsx"),
        ),
        id="out-folder-is-a-file",
    ),
    pytest.param(
        Case(
            make_read_only(WORKBOOK),
            "Error: {p}/out/matrix.xlsx: the file is read-only (locked); make it writable or "
            "pick another name",
        ),
        id="workbook-locked-read-only",
    ),
    pytest.param(
        Case(
            make_folder("out/stances.xlsx"),
            "Error: {p}/out/stances.xlsx: is a folder; give a file name",
            options=("--out", "{p}/out/stances.xlsx"),
        ),
        id="workbook-path-is-a-folder",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/annotations/t1.yaml: the output must be a .xlsx file; pick a name "
            "ending in .xlsx",
            options=("--out", "{p}/annotations/t1.yaml"),
        ),
        id="workbook-over-an-annotation-file",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/annotations/t1.yaml: the output must be a .png file; pick a name "
            "ending in .png",
            options=("--png", "{p}/annotations/t1.yaml"),
        ),
        id="heatmap-over-an-annotation-file",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/seeds/t1.txt: not a folder; --csv takes a folder (created when missing)",
            options=("--csv", "{p}/seeds/t1.txt"),
        ),
        id="csv-folder-is-a-file",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/annotations/t1.yaml: file exists; stances never overwrites it: pick a "
            "new name",
            command="suggest",
            options=("--write", "{p}/annotations/t1.yaml"),
        ),
        id="suggestions-over-an-annotation-file",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/out/new/statements.csv: folder {p}/out/new does not exist; create it "
            "or pick another output path",
            command="tag",
            options=("--out", "{p}/out/new/statements.csv"),
        ),
        id="table-folder-missing",
    ),
    pytest.param(
        Case(
            never,
            "Error: {p}/annotations/t1.yaml: the output must be a .json file; pick a name "
            "ending in .json",
            command="train",
            options=("--json", "{p}/annotations/t1.yaml"),
        ),
        id="figures-over-an-annotation-file",
    ),
    # models
    pytest.param(
        Case(
            append_to_model,
            "Error: {p}/models/stances.skops: the model file does not match its manifest "
            "(changed after training); " + NOT_OURS,
        ),
        id="model-tampered",
    ),
    pytest.param(
        Case(
            edit_manifest_hash,
            "Error: {p}/models/stances.skops: the model file does not match its manifest "
            "(changed after training); " + NOT_OURS,
        ),
        id="manifest-tampered",
    ),
    pytest.param(
        Case(
            foreign_model,
            "Error: {p}/models/stances.skops: not a stances model (unexpected content); "
            + NOT_OURS,
        ),
        id="model-not-ours",
    ),
    pytest.param(
        Case(
            garbage_model_vouched_for,
            "Error: {p}/models/stances.skops: not a stances model (BadZipFile); " + NOT_OURS,
        ),
        id="model-garbage",
    ),
    pytest.param(
        Case(
            model_with_untrusted_type,
            "Error: {p}/models/stances.skops: the model holds types stances does not trust: "
            "['fractions.Fraction']; " + NOT_OURS,
        ),
        id="model-untrusted-type",
    ),
    pytest.param(
        Case(
            put("out/models", "not a folder"),
            "Error: {p}/out/models: not a folder; --models takes a folder (created when missing)",
            options=("--models", "{p}/out/models"),
        ),
        id="models-folder-is-a-file",
    ),
    pytest.param(
        Case(
            put("out/models", "not a folder"),
            "Error: {p}/out/models: not a folder; --models takes a folder (created when missing)",
            command="train",
            options=("--models", "{p}/out/models"),
        ),
        id="train-models-folder-is-a-file",
    ),
    # the command line itself
    pytest.param(
        Case(
            never,
            "Error: --by takes group or speaker; --source takes human, model or both",
            options=("--by", "actor"),
            exit_code=2,
        ),
        id="unknown-row-kind",
    ),
]


@pytest.mark.parametrize("case", REFUSED)
def test_bad_input_is_refused_with_one_located_message_and_nothing_damaged(project, case):
    case.damage(project)
    before = fingerprints(project)
    options = [option.format(p=project) for option in case.options]
    result = invoke(case.command, project, *options)
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit_code, result.output
    assert result.output == f"{case.message.format(p=project)}\n"
    if "{p}" in case.message:  # names a file of the project, with its line when it has lines
        assert re.match(rf"Error: {re.escape(str(project))}/\S+?(:\d+)?: \S", result.output)
    assert fingerprints(project) == before
    assert matrix_of(project / WORKBOOK)


def test_validate_lists_the_problem_as_file_line_message_and_exits_1(project):
    replace(LABELS, "position: 1", "position: yes")(project)
    before = fingerprints(project)
    result = invoke("validate", project)
    assert result.exit_code == 1
    assert result.output == (
        f"{project}/{LABELS}:8: statements -> 0 -> position: Input should be -1, 0 or 1, not "
        "yes/no or true/false (got True)\n1 problem(s) found.\n"
    )
    assert fingerprints(project) == before


def test_a_malformed_option_is_a_usage_error_with_exit_2(project):
    before = fingerprints(project)
    result = invoke("run", project, "--min-confidence", "high")
    assert result.exit_code == 2
    assert "Invalid value for '--min-confidence'" in result.output
    assert "Traceback" not in result.output
    assert fingerprints(project) == before


# Inputs that must work -----------------------------------------------------------


def test_bom_and_crlf_everywhere_give_the_same_matrix(project):
    before = matrix_of(project / WORKBOOK)
    for path in [*(project / "seeds").glob("*.txt"), *(project / "annotations").glob("*.yaml")]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    assert matrix_of(project / WORKBOOK) == before
    corpus = load_corpus(project / "seeds")
    sheet = openpyxl.load_workbook(project / WORKBOOK)["Statements"]
    _title, _subtitle, header, *rows = sheet.values  # the table under its title rows
    records = [dict(zip(header, row, strict=True)) for row in rows]
    human = [row for row in records if row["source"] == "human"]
    assert len(human) == 12
    for row in human:
        assert corpus[row["article"]].text[row["start"] : row["end"]] == row["text"]


def test_old_mac_line_ends_count_as_lines_in_messages(project):
    replace(LABELS, "position: 1", "position: maybe")(project)
    path = project / LABELS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    result = invoke("run", project)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}:8: statements -> 0 -> position: Input should be -1, 0 or 1 (got 'maybe')\n"
    )


def test_a_corrupt_existing_workbook_is_replaced_by_a_valid_one(project):
    before = matrix_of(project / WORKBOOK)
    (project / WORKBOOK).write_bytes(b"PK\x03\x04 half a zip file")
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    assert matrix_of(project / WORKBOOK) == before


def test_a_libreoffice_lock_file_beside_the_workbook_does_not_stop_the_run(project):
    lock = project / "out" / ".~lock.matrix.xlsx#"
    lock.write_text(",analyst,host,23.11.2026 09:00,analyst;\n", encoding="utf-8")
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    assert matrix_of(project / WORKBOOK)
    assert lock.read_text(encoding="utf-8").startswith(",analyst,")


def test_a_workbook_keeps_the_permissions_of_the_one_it_replaces(project):
    (project / WORKBOOK).chmod(0o640)
    assert invoke("run", project).exit_code == 0
    assert (project / WORKBOOK).stat().st_mode & 0o777 == 0o640


def test_a_model_without_a_readable_manifest_is_never_loaded_but_retrained(project):
    (project / MODEL).write_bytes(b"someone else's model")
    (project / MANIFEST).write_text("[]")
    result = invoke("run", project)
    assert result.exit_code == 0, result.output
    manifest = json.loads((project / MANIFEST).read_text())
    assert manifest["model_sha256"] == hashlib.sha256((project / MODEL).read_bytes()).hexdigest()


# Bounded work on hostile files -----------------------------------------------------


def peak_memory_of_refusal(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of `work`, which must refuse its input."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_alias_bomb_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    assert peak_memory_of_refusal(lambda: load_yaml(path)) < 1_000_000


def test_a_50_mb_article_is_refused_without_being_read(project):
    write_50_mb_article(project)
    assert peak_memory_of_refusal(lambda: load_corpus(project / "seeds")) < 5_000_000


# Outputs that cannot be written, and interrupted writes -------------------------------


def stances_process(
    project: Path, *args: object, stderr: int | IO[str], prefix: Sequence[str] = ()
) -> subprocess.Popen:
    """`python -m stances ...` in a real process, from the project folder."""
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "stances", *(str(arg) for arg in args)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )


def bound_by_permissions() -> list[str]:
    """A command prefix that takes away root's power to ignore file permissions."""
    if os.geteuid() != 0:
        return []
    drop = [shutil.which("setpriv") or "setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    try:
        subprocess.run([*drop, "true"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("running as root, and setpriv cannot drop root's permission override")
    return drop


def test_an_unwritable_output_folder_is_refused_before_any_work(project):
    prefix = bound_by_permissions()
    replace(LABELS, "speaker: smith", "speaker: jones")(project)  # never reached
    before = fingerprints(project)
    (project / "out").chmod(0o500)
    try:
        process = stances_process(
            project, "run", "--out", WORKBOOK, stderr=subprocess.PIPE, prefix=prefix
        )
        _, stderr = process.communicate(timeout=120)
    finally:
        (project / "out").chmod(0o755)
    assert stderr == f"Error: {WORKBOOK}: cannot write in out: Permission denied\n"
    assert process.returncode == 1
    assert fingerprints(project) == before


def test_a_run_killed_while_writing_leaves_the_previous_workbook_intact(project, tmp_path):
    """SIGKILL once the new workbook's temporary file holds data: no `finally` runs."""
    big = project / "big"
    big.mkdir()
    for copy in range(10):
        for article, text in TRAINING_ARTICLES.items():
            (big / f"{article}_{copy}.txt").write_text(text, encoding="utf-8")
    before = fingerprints(project)
    out = project / "out"
    with (tmp_path / "stderr.txt").open("w+") as stderr:
        process = stances_process(
            project,
            "run",
            "--corpus",
            big,
            "--training-corpus",
            "seeds",
            "--out",
            WORKBOOK,
            stderr=stderr,
        )
        deadline = time.monotonic() + 120  # a hang guard only
        while process.poll() is None and time.monotonic() < deadline:
            if any(size_of(temporary) for temporary in out.glob(".matrix.xlsx.*.tmp")):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
        process.wait(timeout=60)
        stderr.seek(0)
        assert process.returncode in (-signal.SIGKILL, 0), stderr.read()
    if process.returncode == 0:
        pytest.skip("the run finished before it could be killed mid-write")
    assert fingerprints(project) == before
    assert matrix_of(project / WORKBOOK)
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["matrix.xlsx"]
    assert invoke("run", project).exit_code == 0  # the stray temporary file is in no one's way


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # renamed or removed between glob and stat
        return 0
