"""Errors the library raises: each names the file, the line and what to fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file."""

    path: Path | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line) if part is not None)
        return f"{where}: {self.message}" if where else self.message


class StancesError(Exception):
    """Base class: a problem the user can fix, located in a file where possible."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        self.problem = Problem(Path(path) if path is not None else None, line, message)
        super().__init__(str(self.problem))

    @property
    def path(self) -> Path | None:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line


class InputError(StancesError):
    """An article, codebook or annotation file cannot be read as it is."""


class ValidationFailed(StancesError):
    """Several problems were found; all of them are in `problems`."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.message, path=first.path, line=first.line)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class ModelError(StancesError):
    """A saved model cannot be trusted or used."""


class OutputError(StancesError):
    """An output file cannot be written."""
