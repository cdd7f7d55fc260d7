"""Training and tagging time on the shipped seeds, after imports.

Run: python bench/bench_pipeline.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from stances.learn.training import train
from stances.pipeline import current_model, train_and_save
from stances.project.load import load_project
from stances.statements.tagging import tag

ROOT = Path(__file__).resolve().parent.parent


REPEATS = 5


def timed(name: str, function) -> None:
    """Best and median of `REPEATS` runs (the first run also pays one-time warm-up)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    print(f"{name:<44} best {min(times):5.2f} s   median {statistics.median(times):5.2f} s")


def main() -> None:
    def project():
        labelled = [(ROOT / "seeds", ROOT / "annotations")]
        return load_project(
            ROOT / "seeds", labelled, codebook=ROOT / "annotations" / "codebook.yaml"
        )

    def tag_with_saved_model():
        loaded = project()
        return tag(loaded, current_model(loaded, models).model)

    with tempfile.TemporaryDirectory() as folder:
        models = Path(folder)
        timed("train (fit, no cross-validation)", lambda: train(project(), evaluate=False))
        timed("train (fit + leave-one-article-out CV)", lambda: train_and_save(project(), models))
        timed("tag the seeds with the saved model", tag_with_saved_model)


if __name__ == "__main__":
    main()
