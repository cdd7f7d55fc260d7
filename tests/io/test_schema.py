"""pydantic errors as located problems: the field path and the line."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stances.io.schema import validate_model
from stances.io.yamlfile import parse_yaml


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str
    count: int


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    items: list[Item]


def problems(text: str) -> list[str]:
    _, found = validate_model(Document, parse_yaml(text), Path("d.yaml"))
    return [str(problem) for problem in found]


def test_a_valid_document_gives_the_model_and_no_problem():
    parsed, found = validate_model(Document, parse_yaml("items: [{name: a, count: 1}]"), "d")
    assert found == [] and parsed.items[0].name == "a"


def test_each_problem_names_the_field_path_and_its_line():
    text = "items:\n  - name: a\n    count: many\n  - name: b\n    colour: red\n"
    assert problems(text) == [
        "d.yaml:3: items -> 0 -> count: Input should be a valid integer (got 'many')",
        "d.yaml:4: items -> 1 -> count: field required; add it",
        "d.yaml:5: items -> 1 -> colour: unknown field; remove it or fix its spelling",
    ]
