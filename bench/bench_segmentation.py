"""Segmentation speed on the seeds repeated 40 times (sentences per second).

Run: python bench/bench_segmentation.py
pysbd and syntok are measured too when installed (they are not dependencies).
"""

from __future__ import annotations

import time
from pathlib import Path

from stances.project.corpus import load_corpus
from stances.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent


def measure(name: str, split, texts: list[str]) -> None:
    start = time.perf_counter()
    count = sum(len(split(text)) for text in texts)
    seconds = time.perf_counter() - start
    print(f"{name:<22} {count:>7} sentences {seconds:7.2f} s {count / seconds:>10,.0f} sentences/s")


def main() -> None:
    texts = [article.text for article in load_corpus(ROOT / "seeds")] * 40
    measure("stances (blingfire)", split_sentences, texts)
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        measure("pysbd", segmenter.segment, texts)
    except ImportError:
        print("pysbd not installed")
    try:
        from syntok import segmenter as syntok

        measure("syntok", lambda text: [s for p in syntok.analyze(text) for s in p], texts)
    except ImportError:
        print("syntok not installed")


if __name__ == "__main__":
    main()
