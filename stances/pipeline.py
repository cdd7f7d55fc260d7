"""The orchestration: which model to use, then tag → matrix → workbook, over a loaded project.

Every function takes a `Project` (see `stances.project.load.load_project`) and output
paths; it checks the outputs before any fitting, and decides whether to retrain.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.errors import InputError
from stances.io.atomic import check_new_path
from stances.io.dna import DNA_SUFFIX
from stances.learn.evaluate import Evaluation, evaluate_statements
from stances.learn.figures import Figures
from stances.learn.manifest import MODEL_FILE, check_model_folder, read_manifest
from stances.learn.model import StanceModel
from stances.learn.persistence import load_model, save_model
from stances.learn.training import train
from stances.project.corpus import refuse_authored
from stances.project.load import Project, check_unseen
from stances.report.aggregate import summarise_parts
from stances.report.compare import (
    article_groups,
    compare_articles,
    compare_groups,
    compare_sets,
    group_articles,
)
from stances.report.dna_export import export_dna
from stances.report.exports import check_report_outputs, write_extras
from stances.report.matrix import (
    DEFAULT_MIN_CONFIDENCE,
    RowKind,
    Source,
    actor_order,
    build_matrix,
    matrix_of_counts,
    select_statements,
)
from stances.report.names import Names, describe_articles
from stances.report.reliability import Agreement, labellings_agreement, model_agreement
from stances.report.workbook import (
    MAX_STATEMENT_ROWS,
    WorkbookData,
    statements_beside,
    write_workbook,
)
from stances.statements.chunks import CHUNK_SIZE, tag_in_chunks
from stances.statements.hand import hand_statements
from stances.statements.heldout import held_out_statements
from stances.statements.tagging import tag

# Above this many articles the workbook compares outlets, not articles: one block of
# columns per article would be unreadable long before Excel's 16,384 columns.
MAX_COMPARED_ARTICLES = 40

STEPS = [
    "checking the saved model (training a new one when the labels changed takes minutes)",
    "tagging every sentence of the corpus",
    "building the matrix",
    "writing the workbook",
]


@dataclass(frozen=True)
class TrainedModel:
    """The model a job uses, its figures, where it is saved and whether it was just fitted."""

    model: StanceModel
    figures: Figures | None
    path: Path | None
    retrained: bool


@dataclass(frozen=True)
class RunResult:
    """What a run produced."""

    matrix: pd.DataFrame
    comparison: pd.DataFrame
    statements: pd.DataFrame  # those the matrix counts (the most confident, above the cap)
    review: pd.DataFrame  # speakers missing from the registry
    trained: TrainedModel
    workbook: Path
    extra_files: list[Path]


def train_and_save(project: Project, models: Path | None, *, evaluate: bool = True) -> TrainedModel:
    """Fit and cross-validate the model; save it under `models` unless that is None."""
    if models is not None:
        check_model_folder(models)
    result = train(project, evaluate=evaluate)
    path = None
    if models is not None:
        path = save_model(
            result.model, models, fingerprint=project.fingerprint, figures=result.figures
        )
    return TrainedModel(result.model, result.figures, path, retrained=True)


def current_model(project: Project, models: Path) -> TrainedModel:
    """The model saved in `models` when it was trained on the project's current labels,
    codebook and labelled articles; otherwise a new one, trained and saved."""
    check_model_folder(models)
    manifest = read_manifest(models)
    if manifest is None or not manifest.is_current(models, project.fingerprint):
        return train_and_save(project, models)
    model = load_model(models, manifest)
    return TrainedModel(model, manifest.figures, models / MODEL_FILE, retrained=False)


def run(
    project: Project,
    *,
    models: Path,
    out: Path,
    by: RowKind = RowKind.group,
    source: Source = Source.both,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    csv_dir: Path | None = None,
    png: Path | None = None,
    compare_by: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    jobs: int = 1,
    max_statement_rows: int = MAX_STATEMENT_ROWS,
    progress: Callable[[str], None] = lambda step: None,
) -> RunResult:
    """The main job: model (retrained when stale) → tag → matrix → workbook (and CSV, PNG).

    The matrix counts the hand labels and the model rows at `min_confidence` or above
    (`DEFAULT_MIN_CONFIDENCE`: see `stances.report.matrix`); the workbook shows those.
    The comparison sets articles side by side, or groups of them in long format
    (`compare_by`: outlet, day, week or a metadata field; outlets above
    `MAX_COMPARED_ARTICLES` articles).

    It streams: the corpus is tagged in chunks of `chunk_size` articles (in `jobs`
    processes), each chunk's statements written to a Parquet file and the figures
    summed chunk by chunk, so memory stays flat in the number of articles. Above the
    workbook's cap the counted statements stay beside it (`statements_beside`).
    """
    check_report_outputs(out, csv_dir=csv_dir, png=png)
    check_model_folder(models)
    refuse_authored(project.corpus)
    progress(STEPS[0])
    trained = current_model(project, Path(models))
    progress(STEPS[1])
    codebook, corpus, out = project.codebook, project.corpus, Path(out)
    compare_by = compare_by or ("outlet" if len(corpus) > MAX_COMPARED_ARTICLES else None)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".stances-") as scratch:
        size = balanced_chunk_size(len(corpus), chunk_size, jobs)
        tagged = tag_in_chunks(
            project, trained.model, Path(scratch) / "parts", chunk_size=size, jobs=jobs
        )
        progress(STEPS[2])
        counted = Path(scratch) / "counted.parquet"
        summary = summarise_parts(
            tagged.parts,
            by=by,
            sources=Source(source).sources,
            min_confidence=min_confidence,
            counted_file=counted,
            groups=article_groups(corpus, compare_by) if compare_by else None,
            keep=max_statement_rows,
        )
        beside = None
        if not summary.complete:
            beside = statements_beside(out)
            os.replace(counted, beside)
    chosen = summary.kept
    found = pd.DataFrame({RowKind(by).value: summary.counts.index.get_level_values("actor")})
    actors = actor_order(codebook, found, by)
    matrix = matrix_of_counts(summary.counts, codebook.issue_ids, actors)
    if compare_by is None:
        comparison = compare_articles(
            chosen, corpus, by=by, issues=codebook.issue_ids, actors=actors
        )
    else:
        groups = group_articles(chosen.head(0), corpus, compare_by)[1]
        comparison = compare_groups(
            summary.group_counts, groups, issues=codebook.issue_ids, actors=actors
        )
    progress(STEPS[3])
    data = WorkbookData(
        matrix,
        comparison,
        chosen,
        codebook,
        corpus,
        trained.figures,
        tagged.review,
        by,
        min_confidence=min_confidence,
        sources=Source(source).sources,
        compare_by=compare_by or "article",
        statements_total=summary.total,
        statements_file=beside,
    )
    workbook = write_workbook(data, out, max_statement_rows=max_statement_rows)
    heatmap = {
        "names": Names(codebook),
        "by": by,
        "title": f"Positions on the issues: {describe_articles(corpus)}",
        "subtitle": data.counted(),
    }
    extra = write_extras(
        matrix,
        comparison,
        articles_ids=list(corpus.articles),
        csv_dir=csv_dir,
        png=png,
        heatmap=heatmap,
    )
    return RunResult(matrix, comparison, chosen, tagged.review, trained, workbook, extra)


def balanced_chunk_size(articles: int, chunk_size: int, jobs: int) -> int:
    """`chunk_size`, or smaller so that `jobs` processes get at least four chunks each:
    five chunks on two processes leave one idle for a fifth of the time.

    >>> balanced_chunk_size(1000, 200, 2), balanced_chunk_size(10000, 200, 2)
    (125, 200)
    """
    workers = (os.cpu_count() or 1) if jobs < 0 else jobs
    if workers <= 1:
        return chunk_size
    return max(1, min(chunk_size, math.ceil(articles / (workers * 4))))


def evaluate(
    project: Project, models: Path, expected: pd.DataFrame, *, min_confidence: float = 0.0
) -> Evaluation:
    """Score the tool's model rows on hand labels (`expected`) of the project's corpus, an
    unseen one, beside the keyword baseline in the same run."""
    refuse_authored(project.corpus)
    check_unseen(project)
    tagging = tag(project, current_model(project, models).model)
    return evaluate_statements(
        tagging.statements,
        expected,
        tagging.sentences,
        project.codebook,
        project.labels,
        min_confidence=min_confidence,
    )


def compare(
    project: Project,
    models: Path,
    left: list[str],
    right: list[str],
    *,
    by: RowKind,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells where two sets of articles differ, and the statements behind them (hand
    labels and model rows at `min_confidence` or above).

    Raises `InputError` for an id with no statements, listing the corpus's ids (one
    missing from the corpus before any fitting).
    """
    articles = list(project.corpus.articles)
    _check_ids(left + right, articles, articles)
    statements = tag(project, current_model(project, models).model).statements
    statements = select_statements(statements, min_confidence=min_confidence)
    _check_ids(left + right, set(statements["article"]), articles)
    return compare_sets(statements, left, right, by=by), statements


def matrix_of_labels(project: Project, *, by: RowKind = RowKind.group) -> pd.DataFrame:
    """The actor × issue matrix of the hand labels alone: no model is fitted or loaded.

    The cells' `position_sum` is DNA's "subtract" aggregation and `count` its "ignore".
    """
    statements = hand_statements(project)
    actors = actor_order(project.codebook, statements, by)
    return build_matrix(statements, by=by, issues=project.codebook.issue_ids, actors=actors)


def export_to_dna(
    project: Project,
    out: Path,
    *,
    models: Path,
    source: Source = Source.both,
    min_confidence: float = 0.0,
    password: str,
) -> tuple[Path, pd.DataFrame]:
    """Write the project's statements to a new DNA database; the model runs (retrained
    when stale) unless `source` is human. Returns the file and the statements written."""
    check_new_path(out, suffix=DNA_SUFFIX)
    if Source(source) is Source.human:
        statements = hand_statements(project)
    else:
        check_model_folder(models)
        refuse_authored(project.corpus)
        tagging = tag(project, current_model(project, Path(models)).model)
        statements = select_statements(
            tagging.statements, sources=Source(source).sources, min_confidence=min_confidence
        )
    path = export_dna(statements, project.corpus, project.codebook, out, password=password)
    return path, statements


def agreement(project: Project, *, vs_model: bool = False) -> Agreement:
    """Agreement of the labellings of the labelled articles, or with `vs_model` of the
    reconciled hand labels with the model's rows, each article tagged by a model
    fitted without it (leave-one-article-out)."""
    if not vs_model:
        return labellings_agreement(project)
    model_rows, sentences = held_out_statements(project)
    return model_agreement(project.labels, model_rows, sentences, project.codebook.issue_ids)


def _check_ids(ids: list[str], known, articles: list[str]) -> None:
    unknown = sorted(set(ids) - set(known))
    if unknown:
        raise InputError(
            f"no statements for article(s) {unknown}; the corpus's articles are "
            + ", ".join(articles)
        )
