"""What to label next: the sentences the model and the attribution are least sure about."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from stances.annotations import load_annotations
from stances.atomic import write_text_atomic
from stances.corpus import load_corpus
from stances.errors import OutputError
from stances.features import feature_frame
from stances.tagging import STATEMENT_COLUMNS, attribute_corpus
from stances.training import DEFAULT_MODEL_DIR, codebook_of, current_model
from stances.yamlio import parse_yaml

SUGGESTION_COLUMNS = [*STATEMENT_COLUMNS[:-1], "uncertainty", "reason"]


def suggest(
    corpus: Path | str = "seeds",
    annotations: Path | str = "annotations",
    *,
    training_corpus: Path | str = "seeds",
    model_dir: Path | str = DEFAULT_MODEL_DIR,
    n: int = 20,
) -> pd.DataFrame:
    """The `n` unlabelled sentences closest to a decision boundary or with an unsure speaker.

    >>> suggest(n=5)    # doctest: +SKIP
    """
    model = current_model(training_corpus, annotations, model_dir=model_dir).model
    codebook = codebook_of(annotations)
    articles = load_corpus(corpus)
    sentences, actors = attribute_corpus(articles, codebook)
    labels = load_annotations(annotations, load_corpus(training_corpus), codebook)
    labelled = labelled_sentences(labels, sentences)
    probabilities = model.issue_probabilities(
        feature_frame(
            list(sentences["text"]), list(sentences["context"]), list(sentences["n_actors"])
        )
    )
    rows = []
    for index, sentence in enumerate(sentences.itertuples()):
        if (sentence.article, sentence.sentence) in labelled or not actors[index]:
            continue
        top = int(probabilities[index].argmax())
        issue_doubt = 1 - 2 * abs(probabilities[index, top] - 0.5)
        actor = min(actors[index], key=lambda a: a.confidence)
        speaker_doubt = (1 - actor.confidence) if probabilities[index, top] >= 0.2 else 0.0
        reason = "issue unsure" if issue_doubt >= speaker_doubt else "speaker unsure"
        classes, position_p = model.position_probabilities(
            [sentence.text], [actor.group], [model.issues[top]]
        )
        rows.append(
            (
                sentence.article,
                sentence.sentence,
                sentence.start,
                sentence.end,
                sentence.text,
                actor.speaker,
                actor.group,
                model.issues[top],
                int(classes[position_p[0].argmax()]),
                round(float(probabilities[index, top]), 3),
                round(float(max(issue_doubt, speaker_doubt)), 3),
                reason,
            )
        )
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return (
        table.sort_values("uncertainty", ascending=False, kind="stable")
        .head(n)
        .reset_index(drop=True)
    )


def labelled_sentences(labels: pd.DataFrame, sentences: pd.DataFrame) -> set[tuple[str, int]]:
    """(article, sentence) pairs that hold a hand label."""
    result = set()
    for article, group in sentences.groupby("article"):
        starts = group["start"].to_numpy()
        for start in labels.loc[labels["article"] == article, "start"]:
            result.add((article, int(np.searchsorted(starts, start, side="right") - 1)))
    return result


def suggestion_documents(suggestions: pd.DataFrame) -> list[dict]:
    """Annotation stubs, one document per article, to complete and move to annotations/."""
    documents = []
    for article, rows in suggestions.groupby("article", sort=True):
        statements = [
            {
                "id": f"suggested-{index:02d}",
                "quote": row.text,
                "speaker": row.speaker,
                "issue": row.issue,
                "position": int(row.position),
                "note": f"proposed by the model (issue probability {row.confidence:.2f}, "
                f"{row.reason}); check every field",
            }
            for index, row in enumerate(rows.itertuples(), start=1)
        ]
        documents.append({"article": article, "annotator": "", "statements": statements})
    return documents


def write_suggestions(suggestions: pd.DataFrame, path: Path | str) -> Path:
    """Write the stubs as multi-document YAML; never overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise OutputError("file exists; stances never overwrites it: pick a new name", path=path)
    header = (
        "# Suggestions from `stances suggest`: fill in `annotator`, check every field,\n"
        "# then move each document into annotations/<article>.yaml.\n"
    )
    body = yaml.safe_dump_all(
        suggestion_documents(suggestions), allow_unicode=True, sort_keys=False, width=100
    )
    return write_text_atomic(path, header + body)


def load_suggestions(path: Path | str) -> list[dict]:
    """Read a suggestions file back (one dict per article document)."""
    from stances.textio import read_text

    text = read_text(Path(path))
    return [parse_yaml(part, path) for part in _documents(text)]


def _documents(text: str) -> list[str]:
    parts, current = [], []
    for line in text.splitlines(keepends=True):
        if line.rstrip() == "---":
            parts.append("".join(current))
            current = []
        else:
            current.append(line)
    parts.append("".join(current))
    return [
        part
        for part in parts
        if part.strip()
        and not all(line.lstrip().startswith("#") or not line.strip() for line in part.splitlines())
    ]
