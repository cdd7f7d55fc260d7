"""Writer-held-out figures: the authored articles of each writer are tagged by a model
that never saw that writer (folds of writers), and scored like `stances evaluate`.

The articles a user tags come from writers the model has not seen, so changes to the
tagger are chosen on these figures, never on the test set or the seeds.

    python bench/writer_cv.py [--folds 5] [--save rows.pkl]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from stances.cli import open_project
from stances.learn.dataset import build_dataset
from stances.learn.model import fit_model
from stances.learn.scoring import reliability_table, score_statements
from stances.statements.tagging import predict_statements


def writer_of(article: str) -> str:
    """An authored article's writer: the batch letters its id starts with."""
    return article[:2]


def writer_folds(articles: list[str], folds: int) -> list[set[str]]:
    """Articles split into `folds` sets, whole writers at a time."""
    writers = sorted({writer_of(a) for a in articles})
    return [{a for a in articles if writers.index(writer_of(a)) % folds == k} for k in range(folds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--save", type=Path, help="pickle of (model rows, hand statements)")
    args = parser.parse_args()
    project = open_project(Path("seeds"), Path("annotations"), Path("seeds"))
    codebook = project.codebook
    dataset = build_dataset(
        project.training_corpus, project.labels, codebook, rejections=project.rejections
    )
    labelled = set(dataset.sentences["article"])
    authored = sorted(a.id for a in project.training_corpus if a.authored and a.id in labelled)
    rows, expected = [], []
    for k, held_out in enumerate(writer_folds(authored, args.folds)):
        began = time.perf_counter()
        model = fit_model(dataset.restricted_to(labelled - held_out), codebook)
        sentences = dataset.sentences[dataset.sentences["article"].isin(held_out)]
        rows.append(predict_statements(model, sentences.reset_index(drop=True)))
        expected.append(dataset.statements[dataset.statements["article"].isin(held_out)])
        print(f"fold {k + 1}/{args.folds}: {time.perf_counter() - began:.0f} s", flush=True)
    predicted = pd.concat(rows, ignore_index=True)
    hand = pd.concat(expected, ignore_index=True)
    model_rows = predicted[predicted["source"] == "model"]
    scores = score_statements(model_rows, hand, system="model")
    print(json.dumps(scores.as_dict(), indent=1))
    print(reliability_table(model_rows, hand).to_string(index=False))
    if args.save:
        pd.to_pickle((predicted, hand), args.save)


if __name__ == "__main__":
    main()
