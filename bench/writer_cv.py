"""Writer-held-out figures: the authored articles of each writer are tagged by a model
that never saw that writer (folds of writers), and scored like `stances evaluate`.

The articles a user tags come from writers the model has not seen, so changes to the
tagger are chosen on these figures, never on the test set or the seeds.

    python bench/writer_cv.py [--folds 5] [--save rows.pkl]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from stances.cli import open_project
from stances.learn.dataset import build_dataset
from stances.learn.scoring import reliability_table, score_statements
from stances.statements.heldout import tagged_held_out


def writer_of(article: str) -> str:
    """An authored article's writer: the batch letters its id starts with."""
    return article[:2]


def writer_folds(articles: list[str], folds: int) -> list[set[str]]:
    """Articles split into `folds` sets, whole writers at a time."""
    writers = sorted({writer_of(a) for a in articles})
    fold_of = {writer: i % folds for i, writer in enumerate(writers)}
    return [{a for a in articles if fold_of[writer_of(a)] == k} for k in range(folds)]


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
    predicted = tagged_held_out(dataset, codebook, writer_folds(authored, args.folds))
    hand = dataset.statements[dataset.statements["article"].isin(authored)]
    model_rows = predicted[predicted["source"] == "model"]
    scores = score_statements(model_rows, hand, system="model")
    print(json.dumps(scores.as_dict(), indent=1))
    print(reliability_table(model_rows, hand).to_string(index=False))
    if args.save:
        pd.to_pickle((predicted, hand), args.save)


if __name__ == "__main__":
    main()
