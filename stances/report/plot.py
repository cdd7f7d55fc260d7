"""The matrix as an annotated heatmap (PNG)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from stances.io.atomic import atomic_path, check_output_path
from stances.report.matrix import matrix_grid


def draw_heatmap(matrix: pd.DataFrame, path: Path | str, *, title: str = "Positions") -> Path:
    """Actors × issues, red (oppose) to green (support), each cell with label and count."""
    check_output_path(path, suffix=".png")
    positions, counts = matrix_grid(matrix, "position"), matrix_grid(matrix, "count")
    labels = matrix_grid(matrix, "label")
    figure, axes = plt.subplots(
        figsize=(2.2 * len(positions.columns) + 2, 0.6 * len(positions) + 1.5)
    )
    image = axes.imshow(
        positions.to_numpy(dtype=float), cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto"
    )
    axes.set_xticks(range(len(positions.columns)), positions.columns, rotation=20, ha="right")
    axes.set_yticks(range(len(positions.index)), positions.index)
    for (row, column), count in np.ndenumerate(counts.to_numpy()):
        text = "" if count == 0 else f"{labels.iat[row, column]}\nn={count}"
        axes.text(column, row, text, ha="center", va="center", fontsize=8)
    figure.colorbar(image, ax=axes, label="mean position (-1 oppose, +1 support)")
    axes.set_title(title)
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png", dpi=120)
    plt.close(figure)
    return Path(path)
