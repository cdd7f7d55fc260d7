"""The learning curve as a plot: macro-F1 against the number of training labels."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from stances.io.atomic import atomic_path, check_output_path


def draw_learning_curve(curve: pd.DataFrame, path: Path | str) -> Path:
    """Issue and position macro-F1 (columns of `stances.learn.curve.CURVE_COLUMNS`)
    against the number of labels, one marker per fit."""
    check_output_path(path, suffix=".png")
    figure, axes = plt.subplots(figsize=(6, 4))
    for column, name in (("issue_macro_f1", "issue"), ("position_macro_f1", "position")):
        axes.plot(curve["labels"], curve[column], marker="o", label=f"{name} macro-F1")
    axes.set_xlabel("hand-labelled statements trained on")
    axes.set_ylabel("macro-F1 on the held-out articles")
    axes.set_ylim(0, 1)
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    axes.set_title("Learning curve: does more labelling help?")
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png", dpi=120)
    plt.close(figure)
    return Path(path)
