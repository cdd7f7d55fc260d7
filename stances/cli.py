"""The `stances` command: a thin layer over the library."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from stances.errors import StancesError, ValidationFailed
from stances.validation import validate_project

app = typer.Typer(
    help="Turn news articles into an actor-by-issue position matrix.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

CorpusOption = typer.Option(Path("seeds"), "--corpus", help="Folder of .txt articles.")
AnnotationsOption = typer.Option(
    Path("annotations"), "--annotations", help="Folder with codebook.yaml and the hand labels."
)


@app.callback()
def _commands() -> None:
    """Turn news articles into an actor-by-issue position matrix."""


def fail(error: StancesError, code: int = 1) -> typer.Exit:
    """Print a library error as `Error: file:line: message` lines; return the exit."""
    problems = error.problems if isinstance(error, ValidationFailed) else [error.problem]
    for problem in problems:
        errors.print(f"Error: {problem}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


@app.command()
def validate(corpus: Path = CorpusOption, annotations: Path = AnnotationsOption) -> None:
    """Check the codebook and every annotation file; list all problems."""
    report = validate_project(corpus, annotations)
    for problem in report.problems:
        errors.print(f"{problem}", markup=False, highlight=False, soft_wrap=True)
    if not report.ok:
        errors.print(f"{len(report.problems)} problem(s) found.")
        raise typer.Exit(1)
    own = report.statements[~report.statements["independent"]]
    console.print(
        f"OK: {report.n_articles} articles, {len(own)} hand-labelled statements, "
        f"{len(report.statements) - len(own)} in independent second labellings."
    )
    for name, counts in report.summary().items():
        console.print(f"\nStatements per {name}:")
        for key, count in counts.items():
            console.print(f"  {key:<28} {count:>4}", markup=False, highlight=False)


def main() -> None:
    app()
