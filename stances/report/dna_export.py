"""Our statements as a DNA database: hand labels as DNA statements, model rows flagged.

Hand labels become statements of DNA's usual type, "DNA Statement" (person,
organization, concept, agreement), so DNA's networks show them as they show any
hand coding; model rows become statements of a type of their own,
"stances model statement", with their confidence in percent. DNA's agreement is
true or false: both types also carry the position (-1, 0, +1) as an integer
variable, the only place a neutral statement (agreement false) is told apart.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stances.io.dna import DnaDatabase, DnaDocument, DnaStatement, write_dna
from stances.project.codebook import Codebook
from stances.project.corpus import Corpus

HUMAN_TYPE = "DNA Statement"
MODEL_TYPE = "stances model statement"
VARIABLES = {
    "person": "short text",
    "organization": "short text",
    "concept": "short text",
    "agreement": "boolean",
    "position": "integer",
}
NEW_SPEAKER = "new:"


def dna_database(statements: pd.DataFrame, corpus: Corpus, codebook: Codebook) -> DnaDatabase:
    """The corpus as DNA documents (ids 1, 2, ... in corpus order) and the statements
    (`article, start, end, speaker, group, issue, position, confidence, source`).

    Concepts are issue labels, organizations group labels, persons speaker names.
    """
    document_ids = {article.id: number for number, article in enumerate(corpus, start=1)}
    documents = tuple(
        DnaDocument(
            id=document_ids[article.id],
            title=article.title or article.id,
            text=article.text,
            date=article.date,
            source=article.outlet or "",
            notes=f"stances article {article.id}",
        )
        for article in corpus
    )
    names = _Names(codebook)
    rows = statements[statements["article"].isin(list(document_ids))]
    dna_statements = tuple(
        DnaStatement(
            id=number,
            document=document_ids[row.article],
            start=int(row.start),
            stop=int(row.end),
            statement_type=HUMAN_TYPE if row.source == "human" else MODEL_TYPE,
            values=names.values(row),
        )
        for number, row in enumerate(rows.itertuples(), start=1)
    )
    types = {HUMAN_TYPE: VARIABLES, MODEL_TYPE: {**VARIABLES, "confidence": "integer"}}
    return DnaDatabase(documents, dna_statements, types)


class _Names:
    """The readable names DNA shows for our ids."""

    def __init__(self, codebook: Codebook) -> None:
        self.groups = {group.id: group.label for group in codebook.groups}
        self.issues = {issue.id: issue.label for issue in codebook.issues}
        self.speakers = {speaker.id: speaker.name for speaker in codebook.speakers}

    def values(self, row) -> dict[str, str | int]:
        speaker, organization = str(row.speaker), self.groups.get(row.group, row.group)
        person = self.speakers.get(speaker, speaker.removeprefix(NEW_SPEAKER))
        values: dict[str, str | int] = {
            # an organization speaking as itself has no person in DNA
            "person": "" if person == organization else person,
            "organization": organization,
            "concept": self.issues.get(row.issue, row.issue),
            "agreement": int(row.position > 0),
            "position": int(row.position),
        }
        if row.source != "human":
            values["confidence"] = round(100 * float(row.confidence))
        return values


def export_dna(
    statements: pd.DataFrame,
    corpus: Corpus,
    codebook: Codebook,
    path: Path | str,
    *,
    password: str,
) -> Path:
    """Write the statements and their articles to a new `.dna` file DNA opens
    (coder Admin, with `password`)."""
    return write_dna(dna_database(statements, corpus, codebook), path, password=password)
