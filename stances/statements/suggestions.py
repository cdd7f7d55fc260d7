"""What to label next: the sentences the model and the attribution are least sure about."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stances.io.atomic import check_new_path, write_text_atomic
from stances.io.yamlfile import dump_yaml_documents, load_yaml_documents
from stances.learn.model import StanceModel
from stances.project.load import Project
from stances.statements.tagging import STATEMENT_COLUMNS
from stances.text.table import sentence_numbers, sentence_table

SUGGESTION_COLUMNS = [*STATEMENT_COLUMNS[:-1], "uncertainty", "reason"]
STUBS_HEADER = (
    "# Suggestions from `stances suggest`: fill in `annotator`, check every field,\n"
    "# then move each document into annotations/<article>.yaml.\n"
)


def suggest(
    project: Project, model: StanceModel, *, n: int = 20, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The `n` unlabelled sentences closest to a decision boundary or with an unsure speaker.

    `sentences` is the corpus's sentence table when it is already built.
    """
    if sentences is None:
        sentences = sentence_table(project.corpus, project.codebook)
    labelled = labelled_sentences(project.labels, sentences)
    probabilities = model.issue_probabilities(sentences)
    rows = []
    for index, sentence in enumerate(sentences.itertuples()):
        if (sentence.article, sentence.sentence) in labelled or not sentence.actors:
            continue
        rows.append(_suggestion(model, sentence, probabilities[index]))
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return (
        table.sort_values("uncertainty", ascending=False, kind="stable")
        .head(n)
        .reset_index(drop=True)
    )


def _suggestion(model: StanceModel, sentence, probabilities) -> tuple:
    """The row of one sentence: its likeliest issue, its least certain actor, the doubt."""
    top = int(probabilities.argmax())
    issue_doubt = 1 - 2 * abs(probabilities[top] - 0.5)
    actor = min(sentence.actors, key=lambda a: a.confidence)
    speaker_doubt = (1 - actor.confidence) if probabilities[top] >= 0.2 else 0.0
    reason = "issue unsure" if issue_doubt >= speaker_doubt else "speaker unsure"
    classes, position_p = model.position_probabilities(
        [sentence.text], [actor.group], [model.issues[top]]
    )
    return (
        sentence.article,
        sentence.sentence,
        sentence.start,
        sentence.end,
        sentence.text,
        actor.speaker,
        actor.group,
        model.issues[top],
        int(classes[position_p[0].argmax()]),
        round(float(probabilities[top]), 3),
        round(float(max(issue_doubt, speaker_doubt)), 3),
        reason,
    )


def labelled_sentences(labels: pd.DataFrame, sentences: pd.DataFrame) -> set[tuple[str, int]]:
    """(article, sentence) pairs of `sentences` that hold a hand label."""
    labels = labels[labels["article"].isin(set(sentences["article"]))]
    numbers = sentence_numbers(sentences, labels["article"], labels["start"])
    return set(zip(labels["article"], numbers, strict=True))


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
    return write_documents(suggestion_documents(suggestions), path, header=STUBS_HEADER)


def write_documents(documents: list[dict], path: Path | str, *, header: str = "") -> Path:
    """Write annotation documents as multi-document YAML; never overwrite an existing file."""
    path = check_new_path(path, suffix=".yaml")
    return write_text_atomic(path, header + dump_yaml_documents(documents))


def load_suggestions(path: Path | str) -> list[dict]:
    """Read a suggestions file back (one dict per article document)."""
    return load_yaml_documents(path)
