"""The `stances` command: a thin layer over the library.

The working-directory defaults (`seeds/`, `annotations/`, `models/`, `out/`) live here
and nowhere else. Every command checks its outputs, loads the project once, then works.
The library is imported inside the commands, so `stances --help` loads no pandas,
scikit-learn or openpyxl.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from stances.errors import StancesError, ValidationFailed
from stances.io.atomic import check_new_path, check_output_path, write_text_atomic
from stances.report.choices import DEFAULT_MIN_CONFIDENCE, MatrixValue, RowKind, Source

if TYPE_CHECKING:  # pandas, scikit-learn and openpyxl load when a command needs them
    import pandas as pd

    from stances.learn.figures import Figures
    from stances.project.load import LabelledCorpus, Project
    from stances.report.names import Names

CHOICES = "--by takes group or speaker; --source takes human, model or both"


def _without_flag_types(params: list) -> list:
    """Flags shown in --help without a type placeholder (typer prints `<bool>`)."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""
    return params


class _Commands(TyperGroup):
    """Typer checks --by and --source before any work; a value outside their choices
    is one `Error:` line and exit code 2."""

    def get_params(self, ctx: typer.Context):
        return _without_flag_types(super().get_params(ctx))

    def get_command(self, ctx: typer.Context, name: str):
        command = super().get_command(ctx, name)
        if command is not None:
            _without_flag_types(command.get_params(ctx))
        return command

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except typer.BadParameter as error:
            if error.param is None or error.param.name not in {"by", "source"}:
                raise
            errors.print(f"Error: {CHOICES}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Commands,
    help="Turn news articles into an actor-by-issue position matrix.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

CORPUS = typer.Option(Path("seeds"), "--corpus", help="Folder of the .txt articles to tag.")
LABELLED_CORPUS = typer.Option(
    Path("seeds"), "--corpus", help="Folder of the .txt articles the hand labels refer to."
)
ANNOTATIONS = typer.Option(
    Path("annotations"), "--annotations", help="Folder with codebook.yaml and the hand labels."
)
TRAINING_CORPUS = typer.Option(
    Path("seeds"), "--training-corpus", help="Folder of the articles the hand labels refer to."
)
AUTHORED = typer.Option(
    None,
    "--authored",
    help="Folder of authored training articles (articles/ and labels/ in it), trained on and "
    "never shown or scored. Default: authored/ beside the annotations folder, when it exists.",
)
NO_AUTHORED = typer.Option(False, "--no-authored", help="Train on the hand labels alone.")
AUTHORED_FOLDER = "authored"
MODELS = typer.Option(Path("models"), "--models", help="Folder of the saved model.")
BY = typer.Option(RowKind.group, "--by", help="Matrix rows: group or speaker.")
MIN_CONFIDENCE = typer.Option(
    DEFAULT_MIN_CONFIDENCE,
    "--min-confidence",
    help="Count model rows at or above this confidence. The default 0.6: on the frozen "
    "test set, model rows below it were right less than half the time.",
)
DEFAULT_OUT = Path("out")


@app.callback()
def _commands() -> None:
    """Turn news articles into an actor-by-issue position matrix."""


def fail(error: StancesError, code: int = 1) -> typer.Exit:
    """Print a library error as `Error: file:line: message` lines; return the exit."""
    problems = error.problems if isinstance(error, ValidationFailed) else [error.problem]
    for problem in problems:
        errors.print(f"Error: {problem}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def labelled_corpora(
    annotations: Path, training_corpus: Path, authored: Path | None, no_authored: bool
) -> list[LabelledCorpus]:
    """The hand-labelled articles, then the authored training articles when there are some."""
    from stances.project.load import LabelledCorpus

    labelled = [LabelledCorpus(training_corpus, annotations)]
    if no_authored:
        return labelled
    beside = annotations.parent / AUTHORED_FOLDER
    if authored is None and beside.is_dir():
        authored = beside
    if authored is not None:
        labelled.append(LabelledCorpus(authored / "articles", authored / "labels"))
    return labelled


def open_project(
    corpus: Path,
    annotations: Path,
    training_corpus: Path,
    authored: Path | None = None,
    no_authored: bool = False,
) -> Project:
    """The project of a command: `corpus` to tag, the labelled corpora (`training_corpus`
    with the labels of `annotations`, and the authored articles) and the codebook
    beside the hand labels."""
    from stances.project.codebook import CODEBOOK_FILE
    from stances.project.load import load_project

    labelled = labelled_corpora(annotations, training_corpus, authored, no_authored)
    return load_project(corpus, labelled, codebook=annotations / CODEBOOK_FILE)


@app.command()
def validate(
    corpus: Path = LABELLED_CORPUS,
    annotations: Path = ANNOTATIONS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
) -> None:
    """Check the codebook and every annotation file; list all problems."""
    from stances.project.codebook import CODEBOOK_FILE
    from stances.project.load import check_project

    labelled = labelled_corpora(annotations, corpus, authored, no_authored)
    check = check_project(corpus, labelled, codebook=annotations / CODEBOOK_FILE)
    for problem in check.problems:
        errors.print(f"{problem}", markup=False, highlight=False, soft_wrap=True)
    if not check.ok:
        errors.print(f"{len(check.problems)} problem(s) found.")
        raise typer.Exit(1)
    from stances.report.agreement import project_agreement

    rejected = check.labels["not_a_statement"].astype(bool)
    own = check.labels[~check.labels["independent"] & ~rejected]
    console.print(
        f"OK: {check.n_articles} articles, {len(own)} hand-labelled statements, "
        f"{len(check.labels) - len(own) - rejected.sum()} in independent second labellings."
    )
    if rejected.any():
        console.print(f"{rejected.sum()} passages marked not_a_statement (negative examples).")
    for name, counts in check.summary().items():
        console.print(f"\nStatements per {name}:")
        for key, count in counts.items():
            console.print(f"  {key:<28} {count:>4}", markup=False, highlight=False)
    print_agreement(project_agreement(check.project))


def print_agreement(agreement: pd.DataFrame) -> None:
    """Krippendorff's alpha and percent agreement per task, when there is a second labelling."""
    if agreement.empty:
        return
    console.print("\nAgreement with the independent second labelling (Krippendorff's alpha):")
    for row in agreement.itertuples():
        console.print(
            f"  {row.task:<10} alpha {row.alpha:5.2f}   agreement {row.percent_agreement:6.1%}",
            markup=False,
            highlight=False,
        )
    console.print(
        "  (agreement: issue and actor over the units either labeller marked, "
        "position over the statements both coded)"
    )


@app.command()
def train(
    corpus: Path = LABELLED_CORPUS,
    annotations: Path = ANNOTATIONS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    json_file: Path | None = typer.Option(None, "--json", help="Write the figures here."),
    curve: bool = typer.Option(
        False,
        "--curve",
        help="Instead of training: macro-F1 on held-out articles as the labels grow.",
    ),
    png: Path | None = typer.Option(
        None, "--png", help="Draw the learning curve here (implies --curve)."
    ),
) -> None:
    """Fit the classifier, cross-validate it by article, and save it."""
    from stances.learn.manifest import check_model_folder

    if curve or png:
        return learning_curve(corpus, annotations, authored, no_authored, json_file, png)
    try:
        if json_file:
            check_output_path(json_file, suffix=".json")
        check_model_folder(models)
        project = open_project(corpus, annotations, corpus, authored, no_authored)
        from stances.pipeline import train_and_save  # heavy: only once the inputs are good

        with progress_bar() as bar:
            bar.add_task(training_step(project), total=None)
            result = train_and_save(project, models)
        if json_file:
            write_text_atomic(json_file, json.dumps(result.figures.to_dict(), indent=2) + "\n")
    except StancesError as error:
        raise fail(error) from None
    print_figures(result.figures)
    console.print(f"Model saved to {result.path}")


def learning_curve(
    corpus: Path,
    annotations: Path,
    authored: Path | None,
    no_authored: bool,
    json_file: Path | None,
    png: Path | None,
) -> None:
    """`train --curve`: fit on growing shares of the labelled articles, print and draw."""
    try:
        if json_file:
            check_output_path(json_file, suffix=".json")
        if png:
            check_output_path(png, suffix=".png")
        project = open_project(corpus, annotations, corpus, authored, no_authored)
        from stances.learn.training import training_curve  # heavy: inputs are good
        from stances.report.curve import draw_learning_curve

        points = training_curve(project)
        if json_file:
            records = points.to_dict(orient="records")
            write_text_atomic(json_file, json.dumps(records, indent=2) + "\n")
        if png:
            draw_learning_curve(points, png)
    except StancesError as error:
        raise fail(error) from None
    table = Table(title="Learning curve (fixed held-out articles, seed 0)", title_justify="left")
    for column in ("articles", "labels", "issue macro-F1", "position macro-F1"):
        table.add_column(column, justify="right")
    for row in points.itertuples():
        table.add_row(
            str(row.articles),
            str(row.labels),
            f"{row.issue_macro_f1:.2f}",
            f"{row.position_macro_f1:.2f}",
        )
    console.print(table)
    if png:
        console.print(f"Curve drawn in {png}")


def training_step(project: Project) -> str:
    """What training is doing, for the progress line."""
    labels = project.labels
    return (
        f"fitting the model on {len(labels)} hand-labelled statements from "
        f"{labels['article'].nunique()} articles, then cross-validating it one article "
        "out at a time (a minute or more)"
    )


def print_figures(figures: Figures) -> None:
    """Per-class figures for each task, then the summary beside the baselines."""
    for name, task in (("issue", figures.model.issue), ("position", figures.model.position)):
        table = Table(title=f"{name}: leave-one-article-out", title_justify="left")
        for column in ("class", "precision", "recall", "F1", "support"):
            table.add_column(column, justify="left" if column == "class" else "right")
        for label, row in task.classes.items():
            figures_of_class = (row.precision, row.recall, row.f1)
            table.add_row(label, *(f"{x:.2f}" for x in figures_of_class), str(row.support))
        console.print(table)
    summary = figures.summary()
    table = Table(
        title=f"Summary ({figures.n_statements} statements, {figures.n_articles} articles)",
        title_justify="left",
    )
    table.add_column("task")
    for column in summary.columns:
        table.add_column(column, justify="right")
    for task, row in summary.iterrows():
        table.add_row(task, *(f"{value:.2f}" for value in row))
    console.print(table)


@app.command()
def tag(
    corpus: Path = CORPUS,
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    out: Path = typer.Option(
        Path("out/statements.csv"), "--out", help="Statements table (.csv or .parquet)."
    ),
    protect: bool = typer.Option(
        True, "--protect/--no-protect", help="Guard CSV text against formula injection."
    ),
    dataset: Path | None = typer.Option(
        None,
        "--dataset",
        help="Write the statements as a Parquet dataset in this folder, one file per chunk "
        "of articles, instead of --out (for large corpora: memory stays that of a chunk).",
    ),
    chunk_size: int = typer.Option(200, "--chunk-size", min=1, help="Articles per chunk."),
    jobs: int = typer.Option(
        1, "--jobs", help="Tag chunks in this many processes (-1: every core); implies chunks."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Tag the chunks on the Dask cluster at this address (tcp://host:8786); "
        "its workers must be able to write to --dataset.",
    ),
) -> None:
    """Tag every sentence of a corpus; write the statements table."""
    from stances.io.tables import check_table_path, write_table
    from stances.learn.manifest import check_model_folder
    from stances.project.corpus import refuse_authored

    chunked = dataset is not None or jobs != 1 or scheduler is not None
    try:
        if dataset is None:
            make_default_folder(out)
            check_table_path(out)
        else:
            from stances.statements.chunks import check_dataset_folder

            check_dataset_folder(dataset)
        check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        refuse_authored(project.corpus)
        from stances.pipeline import current_model  # heavy: only once the inputs are good
        from stances.statements.tagging import tag as tag_project

        trained = current_model(project, models)
        if chunked:
            from stances.statements.chunks import tag_in_chunks

            scratch_folder = (
                tempfile.TemporaryDirectory(dir=out.parent)
                if dataset is None
                else contextlib.nullcontext(None)
            )
            with scratch_folder as scratch:
                result = tag_in_chunks(
                    project,
                    trained.model,
                    dataset or scratch,
                    chunk_size=chunk_size,
                    jobs=jobs,
                    scheduler=scheduler,
                )
                statements = result.statements(columns=["source"])
                if dataset is None:
                    write_table(result.statements(), out, protect=protect)
            where = dataset if dataset is not None else out
        else:
            result = tag_project(project, trained.model)
            statements, where = result.statements, out
            write_table(result.statements, out, protect=protect)
    except StancesError as error:
        raise fail(error) from None
    counts = statements["source"].value_counts()
    console.print(
        f"{'Retrained the model; ' if trained.retrained else ''}"
        f"{len(statements)} statements ({counts.get('human', 0)} human, "
        f"{counts.get('model', 0)} model) written to {where}"
    )
    print_review(result.review)


def print_review(review: pd.DataFrame) -> None:
    """Speakers missing from the registry: placed ones to check, unplaced ones to fix."""
    if review.empty:
        return
    console.print(f"\n{review['speaker'].nunique()} speaker(s) not in the registry, for review:")
    for row in review.drop_duplicates("speaker").itertuples():
        placed = isinstance(row.cue, str)
        how = f"placed in {row.group} by {row.cue!r}" if placed else "could not be placed"
        console.print(
            f"  {row.name} ({row.article}, sentence {row.sentence}): {how}",
            markup=False,
            highlight=False,
        )


@app.command()
def run(
    corpus: Path = CORPUS,
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    out: Path | None = typer.Option(
        None,
        "--out",
        help="The workbook. Default: out/<corpus folder name>.xlsx (out/seeds.xlsx for the "
        "shipped corpus); a default workbook of another corpus is never replaced.",
        show_default=False,
    ),
    by: RowKind = BY,
    source: Source = typer.Option(Source.both, "--source", help="human, model or both."),
    min_confidence: float = MIN_CONFIDENCE,
    csv: Path | None = typer.Option(None, "--csv", help="Also write CSV to this folder."),
    png: Path | None = typer.Option(None, "--png", help="Also draw the matrix here."),
    jobs: int = typer.Option(
        1, "--jobs", help="Tag the chunks of articles in this many processes (-1: every core)."
    ),
) -> None:
    """Validate, train if needed, tag, build the matrix and write the workbook."""
    from stances.learn.manifest import check_model_folder
    from stances.project.corpus import refuse_authored
    from stances.report.exports import check_report_outputs
    from stances.report.names import Names
    from stances.report.workbook import check_default_workbook

    default = out is None
    if out is None:
        out = default_workbook(corpus)
    make_default_folder(out)
    try:
        check_report_outputs(out, csv_dir=csv, png=png)
        if default:
            check_default_workbook(out, corpus)
        check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        refuse_authored(project.corpus)
        from stances.pipeline import STEPS  # heavy: only once the inputs are good
        from stances.pipeline import run as run_job

        with progress_bar() as bar:
            task = bar.add_task("starting", total=len(STEPS))
            result = run_job(
                project,
                models=models,
                out=out,
                by=by,
                source=source,
                min_confidence=min_confidence,
                csv_dir=csv,
                png=png,
                jobs=jobs,
                progress=lambda step: bar.update(task, description=step, advance=1),
            )
    except StancesError as error:
        raise fail(error) from None
    print_model_news(result.trained)
    print_matrix(result.matrix, by, Names(project.codebook))
    print_review(result.review)
    console.print(f"\nWorkbook: {result.workbook}")
    for path in result.extra_files:
        console.print(f"Also written: {path}")


def print_matrix(
    matrix: pd.DataFrame, by: RowKind, names: Names, value: MatrixValue = MatrixValue.mean
) -> None:
    """The actor × issue matrix as a terminal table: labels from the codebook, coloured by
    position (the mean of each cell, or the sum: support minus oppose), the evidence in
    each cell; cells of model rows alone dim and italic. Long words fold rather than
    being cut, whatever the width."""
    from stances.report.cells import MODEL_ONLY_NOTE, evidence_text, is_model_only

    issues = list(dict.fromkeys(matrix["issue"]))
    kind = "actor groups" if by is RowKind.group else "speakers"
    table = Table(title=f"Positions of {kind} on the issues", title_justify="left")
    table.add_column(names.group_kind(by), overflow="fold")
    for issue in issues:
        table.add_column(names.issue(issue), justify="center", overflow="fold")
    for actor, cells in matrix.groupby("actor", sort=False):
        row = []
        for cell in cells.itertuples():
            if cell.count == 0:
                row.append("·")
                continue
            colour = {"support": "green", "oppose": "red", "mixed": "yellow"}.get(cell.label, "")
            evidence = evidence_text(cell.human, cell.model, cell.model_confidence)
            shown = (
                f"{cell.position:+.2f}" if value is MatrixValue.mean else f"{cell.position_sum:+d}"
            )
            text = f"{cell.label} {shown}\n{evidence}"
            style = f"{colour} dim italic" if is_model_only(cell.human, cell.model) else colour
            row.append(Text(text, style=style))
        table.add_row(names.actor(actor, by), *row)
    console.print(table)
    console.print(
        "Position -1 opposes, +1 supports the issue's proposition (see the workbook's "
        f"header); n: statements. {MODEL_ONLY_NOTE.capitalize()}.",
        highlight=False,
    )


@app.command()
def compare(
    left: str = typer.Argument(..., help="Article id(s), comma-separated."),
    right: str = typer.Argument(..., help="Article id(s), comma-separated."),
    corpus: Path = CORPUS,
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    by: RowKind = BY,
    min_confidence: float = MIN_CONFIDENCE,
) -> None:
    """Print the cells where two articles (or sets of articles) differ, with quotes."""
    from stances.learn.manifest import check_model_folder
    from stances.project.corpus import refuse_authored
    from stances.report.names import Names, describe_article

    left_ids, right_ids = left.split(","), right.split(",")
    try:
        check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        refuse_authored(project.corpus)
        from stances.pipeline import compare as compare_projects  # heavy: inputs are good

        with progress_bar() as bar:
            bar.add_task("checking the saved model, then tagging the articles", total=None)
            differences, statements = compare_projects(
                project, models, left_ids, right_ids, by=by, min_confidence=min_confidence
            )
    except StancesError as error:
        raise fail(error) from None
    sides = [
        ("; ".join(describe_article(project.corpus, a) for a in ids), ids, "left")
        for ids in (left_ids, right_ids)
    ]
    sides[1] = (*sides[1][:2], "right")
    for name, _, side in sides:
        console.print(f"{side.capitalize()} side: {name}", markup=False, highlight=False)
    if differences.empty:
        console.print("The two sides agree on every cell they share.")
        return
    print_differences(differences, statements, sides, Names(project.codebook), by)


def print_differences(differences, statements, sides, names: Names, by: RowKind) -> None:
    """Each differing cell, then each side's figures and evidence and its top quotes."""
    from stances.report.cells import row_cell_text
    from stances.report.xlsx import shorten

    for cell in differences.itertuples():
        console.print(
            f"\n[bold]{names.actor(cell.actor, by)} × {names.issue(cell.issue)}[/]: "
            f"{cell.agreement}",
            highlight=False,
        )
        for name, ids, side in sides:
            figures = {
                field: getattr(cell, f"{side}_{field}")
                for field in ("label", "position", "human", "model", "model_confidence")
            }
            console.print(f"  {name}: {row_cell_text(figures)}", markup=False, highlight=False)
            rows = statements[
                statements["article"].isin(ids)
                & (statements[by.value] == cell.actor)
                & (statements["issue"] == cell.issue)
            ].sort_values(["source", "confidence"], ascending=[True, False])
            for row in rows.head(3).itertuples():
                source = "hand" if row.source == "human" else f"model {row.confidence:.2f}"
                console.print(
                    f"    [{row.article} {row.start}-{row.end}] {row.speaker} "
                    f"({row.position:+d}, {source}): {shorten(row.text, 160)}",
                    markup=False,
                    highlight=False,
                )


@app.command()
def suggest(
    corpus: Path = CORPUS,
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    n: int = typer.Option(20, "-n", help="How many sentences."),
    write: Path | None = typer.Option(None, "--write", help="Write YAML annotation stubs here."),
) -> None:
    """List the sentences the model is least sure about: what to label next."""
    from stances.learn.manifest import check_model_folder

    try:
        if write is not None:
            check_new_path(write, suffix=".yaml")
        check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        from stances.pipeline import current_model  # heavy: only once the inputs are good
        from stances.statements.suggestions import suggest as find_suggestions
        from stances.statements.suggestions import write_suggestions

        table = find_suggestions(project, current_model(project, models).model, n=n)
        if write is not None:
            write_suggestions(table, write)
    except StancesError as error:
        raise fail(error) from None
    for row in table.itertuples():
        console.print(
            f"{row.uncertainty:.2f}  [{row.article} {row.start}-{row.end}] "
            f"{row.speaker} / {row.issue} / {row.position:+d} ({row.reason}): "
            f"{row.text[:140]}",
            markup=False,
            highlight=False,
        )
    if write is not None:
        console.print(f"\n{len(table)} stubs written to {write}")


@app.command()
def evaluate(
    corpus: Path = typer.Option(
        Path("testset/articles"),
        "--corpus",
        help="Folder of hand-labelled articles not trained on.",
    ),
    labels: Path = typer.Option(
        Path("testset/labels"), "--labels", help="Folder of the hand labels of those articles."
    ),
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", help="Score only model statements at or above this."
    ),
    errors_shown: int = typer.Option(20, "--errors", help="How many errors to list."),
    json_file: Path | None = typer.Option(None, "--json", help="Write the figures here."),
) -> None:
    """Score the tool on hand-labelled articles it was not trained on, beside the keyword
    baseline: statements, actors, issues and cells, then the errors."""
    from stances.learn.manifest import check_model_folder
    from stances.project.corpus import refuse_authored

    try:
        if json_file:
            check_output_path(json_file, suffix=".json")
        check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        from stances.project.labels import load_labels
        from stances.project.load import check_unseen

        refuse_authored(project.corpus)
        check_unseen(project)
        expected = load_labels(labels, project.corpus, project.codebook)
        from stances.pipeline import evaluate as evaluate_project  # heavy: inputs are good

        result = evaluate_project(project, models, expected, min_confidence=min_confidence)
        if json_file:
            write_text_atomic(json_file, json.dumps(result.as_dict(), indent=2) + "\n")
    except StancesError as error:
        raise fail(error) from None
    print_evaluation(result, n_articles=len(project.corpus), n_labels=len(expected))
    print_errors(result.model.errors, errors_shown)


def print_evaluation(result, *, n_articles: int, n_labels: int) -> None:
    """Precision, recall and F1 per level, the tool beside the keyword baseline."""
    floor = (
        f", model rows at confidence ≥ {result.min_confidence:g}" if result.min_confidence else ""
    )
    table = Table(
        title=f"Evaluation on {n_articles} articles, {n_labels} hand statements{floor}",
        title_justify="left",
    )
    table.add_column("level")
    for system in ("tool", "keyword"):
        for figure in ("P", "R", "F1"):
            table.add_column(f"{system} {figure}", justify="right")
    for level in ("statement", "actor", "issue", "cell"):
        scores = [getattr(result.model, level), getattr(result.keyword, level)]
        table.add_row(level, *(f"{v:.2f}" for s in scores for v in (s.precision, s.recall, s.f1)))
    console.print(table)
    reliability = Table(title="Confidence against precision (tool rows)", title_justify="left")
    for column in ("confidence", "rows", "precision"):
        reliability.add_column(column, justify="right")
    import pandas as pd

    for row in result.reliability.itertuples():
        precision = "–" if pd.isna(row.precision) else f"{row.precision:.2f}"
        reliability.add_row(str(row.bin), str(row.rows), precision)
    console.print(reliability)


def print_errors(errors_table: pd.DataFrame, n: int) -> None:
    """The first `n` errors: false rows and missed hand statements, with the other side."""
    if errors_table.empty or n <= 0:
        return
    counts = errors_table["kind"].value_counts()
    console.print(
        f"\nErrors: {counts.get('false', 0)} false rows, {counts.get('missed', 0)} missed "
        f"hand statements (first {min(n, len(errors_table))}):"
    )
    for row in errors_table.head(n).itertuples():
        other = f" [hand: {row.other_side}]" if row.kind == "false" and row.other_side else ""
        other = f" [tool: {row.other_side}]" if row.kind == "missed" and row.other_side else other
        console.print(
            f"  {row.kind:<6} {row.article} #{row.sentence} {row.group} / {row.issue} / "
            f"{row.position:+d}{other}: {row.text[:120]}",
            markup=False,
            highlight=False,
        )


@app.command()
def matrix(
    corpus: Path = LABELLED_CORPUS,
    annotations: Path = ANNOTATIONS,
    by: RowKind = BY,
    value: MatrixValue = typer.Option(
        MatrixValue.mean, "--value", help="Cell value: mean position, or sum (support - oppose)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Also write the matrix (.csv or .parquet)."
    ),
) -> None:
    """Build the matrix from the hand labels alone (no model) and print it."""
    from stances.io.tables import check_table_path, write_table
    from stances.pipeline import matrix_of_labels
    from stances.project.codebook import CODEBOOK_FILE
    from stances.project.load import load_project
    from stances.report.names import Names

    try:
        if out is not None:
            check_table_path(out)
        project = load_project(
            corpus, [(corpus, annotations)], codebook=annotations / CODEBOOK_FILE
        )
        table = matrix_of_labels(project, by=by)
        if out is not None:
            write_table(table, out)
    except StancesError as error:
        raise fail(error) from None
    print_matrix(table, by, Names(project.codebook), value)
    if out is not None:
        console.print(f"Matrix written to {out}")


@app.command("import-dna")
def import_dna(
    database: Path = typer.Argument(..., help="The DNA database (.dna) to read."),
    out: Path = typer.Argument(..., help="The project folder to write (a new one)."),
    statement_type: str = typer.Option(
        "DNA Statement", "--statement-type", help="The statement type to import."
    ),
) -> None:
    """Write a project folder (articles, codebook, hand labels) from a DNA database."""
    from stances.project.dna_import import DnaVariables
    from stances.project.dna_import import import_dna as import_database

    try:
        result = import_database(
            database, out, variables=DnaVariables(statement_type=statement_type)
        )
    except StancesError as error:
        raise fail(error) from None
    for message in result.skipped:
        errors.print(f"Warning: {database}: {message}", markup=False, highlight=False)
    console.print(
        f"{result.articles} articles and {result.statements} hand-labelled statements written "
        f"to {result.folder} ({result.lengthened} quotes lengthened to occur once, "
        f"{len(result.skipped)} statements left out). Run `stances matrix` or `stances run` "
        "in it.",
        markup=False,
        highlight=False,
    )


@app.command("export-dna")
def export_dna(
    out: Path = typer.Argument(..., help="The DNA database (.dna) to write (a new file)."),
    corpus: Path = CORPUS,
    annotations: Path = ANNOTATIONS,
    training_corpus: Path = TRAINING_CORPUS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    models: Path = MODELS,
    source: Source = typer.Option(Source.both, "--source", help="human, model or both."),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", help="Drop model statements below this."
    ),
    password: str = typer.Option(
        "stances", "--password", help="Password of the coder Admin when DNA opens the file."
    ),
) -> None:
    """Write the statements (hand labels, and model rows as a statement type of their own)
    to a new DNA database."""
    from stances.io.atomic import check_new_path
    from stances.io.dna import DNA_SUFFIX
    from stances.learn.manifest import check_model_folder

    try:
        check_new_path(out, suffix=DNA_SUFFIX)
        if source is not Source.human:
            check_model_folder(models)
        project = open_project(corpus, annotations, training_corpus, authored, no_authored)
        from stances.pipeline import export_to_dna  # heavy: only once the inputs are good

        path, statements = export_to_dna(
            project,
            out,
            models=models,
            source=source,
            min_confidence=min_confidence,
            password=password,
        )
    except StancesError as error:
        raise fail(error) from None
    counts = statements["source"].value_counts()
    console.print(
        f"{len(project.corpus)} documents and {len(statements)} statements "
        f"({counts.get('human', 0)} human, {counts.get('model', 0)} model) written to {path}; "
        "open it in DNA as coder Admin.",
        markup=False,
        highlight=False,
    )


@app.command("import-corrections")
def import_corrections(
    workbook: Path = typer.Argument(..., help="The workbook `stances run` wrote, with verdicts."),
    corpus: Path = LABELLED_CORPUS,
    annotations: Path = ANNOTATIONS,
    annotator: str = typer.Option("analyst", "--annotator", help="Who marked the verdicts."),
) -> None:
    """Turn the verdicts of the workbook's Statements sheet into new annotation files."""
    from stances.project.codebook import CODEBOOK_FILE
    from stances.project.load import load_project

    try:
        project = load_project(
            corpus, [(corpus, annotations)], codebook=annotations / CODEBOOK_FILE
        )
        from stances.statements.corrections import import_corrections as import_verdicts

        result = import_verdicts(workbook, project, annotations, annotator=annotator)
    except StancesError as error:
        raise fail(error) from None
    for reason in result.skipped:
        console.print(f"Skipped {reason}", markup=False, highlight=False, soft_wrap=True)
    for path in result.files:
        console.print(f"Written: {path}", markup=False, highlight=False, soft_wrap=True)
    if not result.files:
        console.print("No new labels: no row has a verdict that is not already labelled.")
        return
    console.print(
        f"{result.statements} statements and {result.rejections} not-a-statement labels "
        f"in {len(result.files)} new file(s); the next `stances run` retrains."
    )


@app.command()
def agreement(
    corpus: Path = LABELLED_CORPUS,
    annotations: Path = ANNOTATIONS,
    authored: Path | None = AUTHORED,
    no_authored: bool = NO_AUTHORED,
    vs_model: bool = typer.Option(
        False, "--vs-model", help="Compare the hand labels with the model's rows (held out)."
    ),
    json_file: Path | None = typer.Option(None, "--json", help="Write the figures here."),
) -> None:
    """Agreement of two or more labellings per task (group, issue, position): percent
    agreement, Cohen's kappa, Krippendorff's alpha, and the disagreements."""
    try:
        if json_file:
            check_output_path(json_file, suffix=".json")
        project = open_project(corpus, annotations, corpus, authored, no_authored)
        from stances.pipeline import agreement as find_agreement  # heavy: inputs are good

        result = find_agreement(project, vs_model=vs_model)
        if json_file:
            write_text_atomic(json_file, json.dumps(result.as_dict(), indent=2) + "\n")
    except StancesError as error:
        raise fail(error) from None
    if not result.articles:
        console.print("No article is labelled by two coders.")
        return
    table = Table(
        title=f"Agreement of {' and '.join(result.coders)} on {len(result.articles)} articles",
        title_justify="left",
    )
    for column in ("task", "level", "units", "agreement", "kappa", "alpha"):
        table.add_column(column, justify="left" if column in {"task", "level"} else "right")
    for row in result.figures.itertuples():
        figures = [f"{x:.2f}" if x == x else "–" for x in (row.agreement, row.kappa, row.alpha)]
        table.add_row(row.task, row.level, str(row.units), *figures)
    console.print(table)
    console.print(f"\n{len(result.disagreements)} disagreements:")
    for row in result.disagreements.itertuples():
        group = f" {row.group}" if row.group else ""
        console.print(
            f"  {row.task:<8} {row.article} #{row.sentence} {row.issue}{group}: {row.values}\n"
            f"    {row.quote}",
            markup=False,
            highlight=False,
        )


def progress_bar():
    """A spinner on stderr saying which step runs and for how long (terminals only: in
    logs it would leave blank lines)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )


def print_model_news(trained) -> None:
    """Whether the model was retrained, and then its new cross-validation figures."""
    if not trained.retrained:
        console.print(
            f"Model: the saved one ({trained.path}), trained on the current labels.",
            highlight=False,
        )
        return
    console.print(
        "Model: retrained, as the labels, the codebook or the training articles changed "
        f"since the saved one; saved to {trained.path}.",
        highlight=False,
    )
    if trained.figures is not None:
        print_figures(trained.figures)


def default_workbook(corpus: Path) -> Path:
    """`out/<corpus folder name>.xlsx`: each corpus its own workbook."""
    name = Path(corpus).resolve().name or "stances"
    return DEFAULT_OUT / f"{name}.xlsx"


def make_default_folder(path: Path) -> None:
    """Create `out/` for default outputs; any other missing folder is the user's error."""
    if path.parent == DEFAULT_OUT:
        with contextlib.suppress(OSError):  # the write reports a file named `out`
            path.parent.mkdir(exist_ok=True)


def main() -> None:
    app()
