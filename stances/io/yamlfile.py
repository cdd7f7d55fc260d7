"""Safe YAML loading that remembers the line of every key and list item."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stances.errors import InputError
from stances.io.textfile import read_text, read_text_file

MAX_YAML_BYTES = 5_000_000
MAX_YAML_DEPTH = 50


class LineDict(dict):
    """A mapping read from YAML, with `line` and `key_lines` (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence read from YAML, with `line` and `item_lines` (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases ("billion laughs"), deep nesting and odd keys.

    Values PyYAML cannot construct (`date: 2022-02-30`) are reported at their line.
    """

    depth = 0

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed; write the value out in full",
                problem_mark=mark,
            )
        if self.depth >= MAX_YAML_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"nested more than {MAX_YAML_DEPTH} levels deep; flatten the document",
                problem_mark=mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except Exception as error:
            # e.g. `date: 2022-02-30`, `!!int abc`, `!!int ""`: PyYAML raises bare
            # ValueError, IndexError, AttributeError...
            kind = node.tag.rsplit(":", 1)[-1].replace("timestamp", "date")
            value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            # a ValueError says what is wrong ("day is out of range"); others are internals
            detail = f" ({error})" if isinstance(error, ValueError) else ""
            raise yaml.MarkedYAMLError(
                problem=f"{value} is not a valid {kind}{detail}; quote it to keep it as text",
                problem_mark=node.start_mark,
            ) from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.MarkedYAMLError(
                problem="a key must be a plain value, not a list or mapping",
                problem_mark=key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}; keep only one", problem_mark=key_node.start_mark
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1
    return data


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    data = LineList(loader.construct_object(child, deep=True) for child in node.value)
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: Path | str = "<string>") -> Any:
    """Parse YAML text safely, keeping line numbers; raise `InputError` on bad YAML."""
    with _located_errors(text, path):
        return yaml.load(text, Loader=_LineLoader)


def parse_yaml_documents(text: str, path: Path | str = "<string>") -> list:
    """Every document of a multi-document YAML text, with lines counted from its start."""
    with _located_errors(text, path):
        return list(yaml.load_all(text, Loader=_LineLoader))


@contextlib.contextmanager
def _located_errors(text: str, path: Path | str) -> Iterator[None]:
    """Turn PyYAML's errors into one `InputError` at the file's line."""
    try:
        yield
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = f" (column {mark.column + 1})" if mark else ""
        problem = error.problem or error.context or "cannot be parsed"
        raise InputError(f"YAML error: {problem}{column}", path=path, line=line) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise InputError(
            f"YAML error: character #x{error.character:02x} is not allowed in YAML; remove it",
            path=path,
            line=line,
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"YAML error: {error}", path=path) from None


@dataclass(frozen=True)
class YamlFile:
    """A YAML file as read: its data and the SHA-256 of its bytes."""

    path: Path
    data: Any
    sha256: str


def load_yaml(path: Path) -> Any:
    """Read and parse a YAML file, refusing files over `MAX_YAML_BYTES`."""
    return read_yaml(path).data


def read_yaml(path: Path) -> YamlFile:
    """Read and parse a YAML file as `load_yaml` does, keeping the SHA-256 of its bytes."""
    file = read_text_file(path, max_bytes=MAX_YAML_BYTES)
    return YamlFile(file.path, parse_yaml(file.text, path), file.sha256)


def load_yaml_documents(path: Path | str) -> list:
    """Every non-empty document of a multi-document YAML file."""
    documents = parse_yaml_documents(read_text(Path(path)), path)
    return [document for document in documents if document is not None]


def dump_yaml_documents(documents: list) -> str:
    """Documents as multi-document YAML text that `load_yaml_documents` reads back as they were."""
    return yaml.dump_all(
        [_plain(document) for document in documents],
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


def _plain(value: object) -> object:
    """Dicts and lists as they are read back (`LineDict`, `LineList`) made plain for PyYAML."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """SafeDumper that double-quotes text holding a line separator (NEL, U+2028, U+2029).

    PyYAML writes those raw inside single quotes and folds them to spaces on reading.
    """


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(separator in text for separator in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def line_at(data: Any, location: tuple) -> int | None:
    """The line of the deepest part of `data` that `location` (keys/indices) reaches."""
    line = getattr(data, "line", None)
    for step in location:
        if (isinstance(data, LineDict) and step in data) or (
            isinstance(data, LineList) and isinstance(step, int) and step < len(data)
        ):
            line, data = data.line_of(step), data[step]
        else:
            break
    return line
