"""Turning pydantic validation errors into located problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from stances.errors import Problem
from stances.io.yamlfile import line_at


def validate_model(model: type[BaseModel], data: Any, path: Path) -> tuple[Any, list[Problem]]:
    """Validate `data` against `model`; on failure return one problem per field."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_problem(item, data, path) for item in error.errors()]


def _problem(item: dict, data: Any, path: Path) -> Problem:
    location = tuple(item["loc"])
    field = " -> ".join(str(step) for step in location) or "document"
    message = item["msg"]
    if item["type"] == "missing":
        message = "field required; add it"
    elif item["type"] == "extra_forbidden":
        message = "unknown field; remove it or fix its spelling"
    elif item["type"] in {"model_type", "model_attributes_type"}:
        message = "expected a mapping of fields (key: value)"
    elif "input" in item and item["type"] != "value_error":
        message = f"{message} (got {_short(item['input'])})"
    return Problem(path, line_at(data, location), f"{field}: {message}")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
