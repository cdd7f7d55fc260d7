"""Training and tagging time on the shipped seeds, after imports.

Run: python bench/bench_pipeline.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from stances.learn.training import train
from stances.tag.statements import tag_corpus

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
    seeds, annotations = ROOT / "seeds", ROOT / "annotations"
    with tempfile.TemporaryDirectory() as folder:
        models = Path(folder)
        timed(
            "train (fit, no cross-validation)",
            lambda: train(seeds, annotations, model_dir=None, evaluate=False),
        )
        timed(
            "train (fit + leave-one-article-out CV)",
            lambda: train(seeds, annotations, model_dir=models),
        )
        timed(
            "tag the seeds with the saved model",
            lambda: tag_corpus(seeds, annotations, model_dir=models),
        )


if __name__ == "__main__":
    main()
