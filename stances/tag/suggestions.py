"""What to label next: the sentences the model and the attribution are least sure about."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from stances.errors import OutputError
from stances.io.atomic import check_output_path, write_text_atomic
from stances.io.yamlfile import parse_yaml_documents
from stances.learn.dataset import sentence_of
from stances.learn.features import feature_frame
from stances.learn.training import DEFAULT_MODEL_DIR, codebook_of, current_model
from stances.project.corpus import load_corpus
from stances.project.labels import load_annotations
from stances.tag.statements import STATEMENT_COLUMNS, attribute_corpus

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
        starts, numbers = group["start"].to_numpy(), group["sentence"].to_numpy()
        for start in labels.loc[labels["article"] == article, "start"]:
            result.add((article, int(numbers[sentence_of(starts, start)])))
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
    header = (
        "# Suggestions from `stances suggest`: fill in `annotator`, check every field,\n"
        "# then move each document into annotations/<article>.yaml.\n"
    )
    return write_documents(suggestion_documents(suggestions), path, header=header)


def check_new_yaml_path(path: Path | str) -> Path:
    """Raise `OutputError` unless `path` is a new `.yaml` file that can be written."""
    path = Path(path)
    if path.exists():
        raise OutputError("file exists; stances never overwrites it: pick a new name", path=path)
    return check_output_path(path, suffix=".yaml")


def write_documents(documents: list[dict], path: Path | str, *, header: str = "") -> Path:
    """Write annotation documents as multi-document YAML; never overwrite an existing file."""
    path = check_new_yaml_path(path)
    body = yaml.dump_all(
        [_plain(document) for document in documents],
        Dumper=_StubDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return write_text_atomic(path, header + body)


def _plain(value: object) -> object:
    """Dicts and lists as they are read back (`LineDict`, `LineList`) made plain for PyYAML."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def load_suggestions(path: Path | str) -> list[dict]:
    """Read a suggestions file back (one dict per article document)."""
    from stances.io.textfile import read_text

    documents = parse_yaml_documents(read_text(Path(path)), path)
    return [document for document in documents if document is not None]


class _StubDumper(yaml.SafeDumper):
    """SafeDumper that double-quotes text holding a line separator (NEL, U+2028, U+2029).

    PyYAML writes those raw inside single quotes and folds them to spaces on reading.
    """


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(separator in text for separator in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_StubDumper.add_representer(str, _represent_text)
