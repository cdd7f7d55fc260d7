"""The main job: validate → train if needed → tag → matrix → workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.errors import OutputError, ValidationFailed
from stances.io.atomic import check_output_path
from stances.io.tables import write_table
from stances.learn.persistence import check_model_folder
from stances.learn.training import DEFAULT_MODEL_DIR, codebook_of
from stances.project.codebook import Codebook
from stances.project.corpus import load_corpus
from stances.report.compare import compare_articles
from stances.report.matrix import build_matrix, select_statements
from stances.report.workbook import WorkbookData, write_workbook
from stances.tag.statements import Tagging, tag_corpus
from stances.validation import validate_project

STEPS = ["validate", "train if needed and tag", "build the matrix", "write the workbook"]


@dataclass(frozen=True)
class RunResult:
    """What a run produced."""

    matrix: pd.DataFrame
    comparison: pd.DataFrame
    tagging: Tagging
    workbook: Path
    extra_files: list[Path]


def actor_order(codebook: Codebook, statements: pd.DataFrame, by: str) -> list[str]:
    """Groups in codebook order (or speakers by group), then anything else found."""
    if by == "group":
        known = [g for g in codebook.group_ids if g in set(statements["group"])]
    else:
        known = [s.id for s in codebook.speakers if s.id in set(statements["speaker"])]
    return known + sorted(set(statements[by]) - set(known))


def run(
    corpus: Path | str = "seeds",
    annotations: Path | str = "annotations",
    *,
    out: Path | str = "out/stances.xlsx",
    training_corpus: Path | str = "seeds",
    model_dir: Path | str = DEFAULT_MODEL_DIR,
    by: str = "group",
    sources: tuple[str, ...] = ("human", "model"),
    min_confidence: float = 0.0,
    csv_dir: Path | str | None = None,
    png: Path | str | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> RunResult:
    """Run the whole job and write the workbook (and CSV / PNG when asked).

    >>> result = run()                 # doctest: +SKIP
    >>> result.workbook                # doctest: +SKIP
    PosixPath('out/stances.xlsx')
    """
    check_outputs(out, model_dir=model_dir, csv_dir=csv_dir, png=png)
    progress(STEPS[0])
    report = validate_project(training_corpus, annotations)
    if not report.ok:
        raise ValidationFailed(report.problems)
    progress(STEPS[1])
    tagging = tag_corpus(corpus, annotations, training_corpus=training_corpus, model_dir=model_dir)
    progress(STEPS[2])
    codebook, articles = codebook_of(annotations), load_corpus(corpus)
    chosen = select_statements(tagging.statements, sources=sources, min_confidence=min_confidence)
    actors = actor_order(codebook, chosen, by)
    matrix = build_matrix(chosen, by=by, issues=codebook.issue_ids, actors=actors)
    comparison = compare_articles(chosen, articles, by=by, issues=codebook.issue_ids, actors=actors)
    progress(STEPS[3])
    data = WorkbookData(
        matrix,
        comparison,
        tagging.statements,
        codebook,
        articles,
        tagging.figures,
        tagging.review,
        by,
    )
    workbook = write_workbook(data, out)
    extra = write_extras(
        matrix, comparison, articles_ids=list(articles.articles), csv_dir=csv_dir, png=png
    )
    return RunResult(matrix, comparison, tagging, workbook, extra)


def long_format(
    matrix: pd.DataFrame, comparison: pd.DataFrame, articles_ids: list[str]
) -> pd.DataFrame:
    """Matrix and per-article cells as one long table: article, group, issue, position,
    count, label (article `ALL` for the whole corpus)."""
    rows = [
        matrix.assign(article="ALL")[["article", "actor", "issue", "position", "count", "label"]]
    ]
    for article in articles_ids:
        if f"{article}:count" in comparison:
            rows.append(
                pd.DataFrame(
                    {
                        "article": article,
                        "actor": comparison["actor"],
                        "issue": comparison["issue"],
                        "position": comparison[f"{article}:position"],
                        "count": comparison[f"{article}:count"],
                        "label": comparison[f"{article}:label"],
                    }
                )
            )
    table = pd.concat(rows, ignore_index=True).rename(columns={"actor": "group"})
    return table[table["count"] > 0].reset_index(drop=True)


def check_outputs(
    out: Path | str,
    *,
    model_dir: Path | str,
    csv_dir: Path | str | None,
    png: Path | str | None,
) -> None:
    """Refuse, before any work, outputs that could not be written at the end."""
    check_output_path(out, suffix=".xlsx")
    if png is not None:
        check_output_path(png, suffix=".png")
    check_model_folder(Path(model_dir))
    if csv_dir is not None and Path(csv_dir).exists() and not Path(csv_dir).is_dir():
        raise OutputError("not a folder; --csv takes a folder (created when missing)", path=csv_dir)


def write_extras(
    matrix: pd.DataFrame,
    comparison: pd.DataFrame,
    *,
    articles_ids: list[str],
    csv_dir: Path | str | None,
    png: Path | str | None,
) -> list[Path]:
    """CSV files (long matrix, comparison) and the heatmap, when asked for."""
    written = []
    if csv_dir is not None:
        folder = Path(csv_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot create the folder: {error.strerror}", path=folder) from None
        written.append(
            write_table(long_format(matrix, comparison, articles_ids), folder / "matrix_long.csv")
        )
        written.append(write_table(comparison, folder / "comparison.csv"))
    if png is not None:
        from stances.report.plot import draw_heatmap

        written.append(draw_heatmap(matrix, png))
    return written
