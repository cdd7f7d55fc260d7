"""The matrix as an annotated heatmap (PNG): labels from the codebook, each issue's
proposition under its name, and cells resting on model rows alone pale and hatched."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from stances.io.atomic import atomic_path, check_output_path
from stances.report.matrix import RowKind, matrix_grid, model_only
from stances.report.names import Names

MODEL_ONLY_ALPHA = 0.35
MODEL_ONLY_HATCH = "///"
DPI = 120
SUBTITLE = (
    "Colour: mean position, green supports the proposition under the issue, red opposes it; "
    "n: statements (hand labels + model rows). Pale and hatched: model rows only, "
    "no hand label."
)


def heatmap_figure(
    matrix: pd.DataFrame,
    *,
    names: Names | None = None,
    by: RowKind | str = RowKind.group,
    title: str = "Positions on the issues",
    subtitle: str = "",
) -> Figure:
    """The figure of `draw_heatmap`, not yet saved (its axes hold one cell per unit).
    `subtitle` says which statements are counted; the colours' meaning follows it."""
    positions, counts = matrix_grid(matrix, "position"), matrix_grid(matrix, "count")
    labels = matrix_grid(matrix, "label")
    weak = matrix_grid(matrix.assign(weak=model_only(matrix)), "weak").astype(bool)
    actor_names = [names.actor(a, by) if names else a for a in positions.index]
    issue_names = [_issue_heading(names, i) for i in positions.columns]
    figure, axes = plt.subplots(
        figsize=(2.6 * len(positions.columns) + 3, 0.6 * len(positions) + 3.2)
    )
    alpha = np.where(weak.to_numpy(), MODEL_ONLY_ALPHA, 1.0)
    image = axes.imshow(
        positions.to_numpy(dtype=float),
        cmap="RdYlGn",
        vmin=-1,
        vmax=1,
        aspect="auto",
        alpha=alpha,
    )
    axes.set_xticks(range(len(positions.columns)), issue_names, fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(positions.index)), actor_names)
    for (row, column), count in np.ndenumerate(counts.to_numpy()):
        if count == 0:
            continue
        if weak.iat[row, column]:
            axes.add_patch(_hatch(row, column))
        text = f"{labels.iat[row, column]}\nn={count}"
        axes.text(column, row, text, ha="center", va="center", fontsize=8)
    figure.colorbar(image, ax=axes, label="mean position (-1 oppose, +1 support)", shrink=0.8)
    axes.legend(
        handles=[
            Patch(facecolor="white", edgecolor="grey", hatch=MODEL_ONLY_HATCH, label="model only")
        ],
        loc="upper left",
        bbox_to_anchor=(0, -0.02),
        fontsize=8,
        frameon=False,
    )
    figure.suptitle(title, fontsize=13, fontweight="bold", x=0.02, ha="left")
    subtitle = f"{subtitle} {SUBTITLE}".strip()
    figure.text(0.02, 0.93, textwrap.fill(subtitle, 150), fontsize=8, va="top")
    figure.tight_layout(rect=(0, 0, 1, 0.88))
    return figure


def draw_heatmap(
    matrix: pd.DataFrame,
    path: Path | str,
    *,
    names: Names | None = None,
    by: RowKind | str = RowKind.group,
    title: str = "Positions on the issues",
    subtitle: str = "",
) -> Path:
    """Actors × issues, red (oppose) to green (support), each cell with label and count;
    cells resting on model rows alone pale and hatched. Written atomically."""
    check_output_path(path, suffix=".png")
    figure = heatmap_figure(matrix, names=names, by=by, title=title, subtitle=subtitle)
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png", dpi=DPI)
    plt.close(figure)
    return Path(path)


def _issue_heading(names: Names | None, issue: str) -> str:
    if names is None:
        return issue
    proposition = names.proposition(issue)
    heading = names.issue(issue)
    if proposition:
        heading += "\n" + textwrap.fill(f"+1: {proposition}", 34)
    return heading


def _hatch(row: int, column: int) -> Rectangle:
    return Rectangle(
        (column - 0.5, row - 0.5),
        1,
        1,
        fill=False,
        hatch=MODEL_ONLY_HATCH,
        edgecolor="grey",
        linestyle="--",
        linewidth=1,
    )
