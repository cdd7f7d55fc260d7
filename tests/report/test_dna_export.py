"""Our statements as a DNA database; the sample's matrix beside DNA's networks."""

import sqlite3

import pandas as pd
import pytest

from stances.io.dna import read_dna
from stances.project.dna_import import import_dna
from stances.project.load import load_project
from stances.report.dna_export import HUMAN_TYPE, MODEL_TYPE, dna_database, export_dna
from stances.report.matrix import build_matrix
from stances.statements.hand import hand_statements
from tests.dna import SAMPLE, write_tiny_dna

SAME = ["article", "start", "end", "quote", "speaker", "group", "issue", "position"]


def project_of(folder):
    return load_project(
        folder / "seeds",
        [(folder / "seeds", folder / "annotations")],
        codebook=folder / "annotations" / "codebook.yaml",
    )


def statements_of(folder):
    labels = project_of(folder).labels
    return labels[SAME].sort_values(SAME).reset_index(drop=True)


def test_import_export_import_gives_the_same_statements(tmp_path):
    first = import_dna(write_tiny_dna(tmp_path / "tiny.dna"), tmp_path / "first").folder
    project = project_of(first)
    exported = export_dna(
        hand_statements(project),
        project.corpus,
        project.codebook,
        tmp_path / "exported.dna",
        password="x",
    )
    second = import_dna(exported, tmp_path / "second").folder
    assert statements_of(second).equals(statements_of(first))
    assert len(statements_of(first)) == 6


def test_model_rows_are_a_statement_type_of_their_own_with_confidence(tmp_path):
    folder = import_dna(write_tiny_dna(tmp_path / "tiny.dna"), tmp_path / "p").folder
    project = project_of(folder)
    human = hand_statements(project)
    model = human.head(1).assign(source="model", confidence=0.42, position=0)
    database = dna_database(
        pd.concat([human, model], ignore_index=True), project.corpus, project.codebook
    )
    kinds = [s.statement_type for s in database.statements]
    assert (kinds.count(HUMAN_TYPE), kinds.count(MODEL_TYPE)) == (6, 1)
    flagged = next(s for s in database.statements if s.statement_type == MODEL_TYPE)
    assert (flagged.values["confidence"], flagged.values["position"]) == (42, 0)
    assert flagged.values["agreement"] == 0  # DNA's boolean cannot say neutral


def dna_networks(path):
    """DNA's two-mode network organization × concept of the sample, computed from its
    tables: qualifierAggregation "subtract" (agree +1, disagree -1, summed) and "ignore"
    (statements counted)."""
    query = """
        SELECT org.Value, concept.Value, SUM(CASE WHEN b.Value = 1 THEN 1 ELSE -1 END), COUNT(*)
        FROM STATEMENTS s
        JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId AND t.Label = 'DNA Statement'
        JOIN DATASHORTTEXT do ON do.StatementId = s.ID
        JOIN VARIABLES vo ON vo.ID = do.VariableId AND vo.Variable = 'organization'
        JOIN ENTITIES org ON org.ID = do.Entity
        JOIN DATASHORTTEXT dc ON dc.StatementId = s.ID
        JOIN VARIABLES vc ON vc.ID = dc.VariableId AND vc.Variable = 'concept'
        JOIN ENTITIES concept ON concept.ID = dc.Entity
        JOIN DATABOOLEAN b ON b.StatementId = s.ID
        GROUP BY org.Value, concept.Value
    """
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(query).fetchall()
    return {(org, concept): (subtract, ignore) for org, concept, subtract, ignore in rows}


@pytest.mark.skipif(not SAMPLE.exists(), reason="DNA's sample database is not here")
def test_the_samples_group_matrix_equals_dnas_subtract_and_ignore_networks(tmp_path):
    result = import_dna(SAMPLE, tmp_path / "sample")
    assert (result.articles, result.statements, result.skipped) == (7, 40, ())
    project = project_of(result.folder)
    codebook = project.codebook
    matrix = build_matrix(hand_statements(project), issues=codebook.issue_ids)
    groups = {g.id: g.label for g in codebook.groups}
    issues = {i.id: i.label for i in codebook.issues}
    ours = {
        (groups[r.actor], issues[r.issue]): (r.position_sum, r.count)
        for r in matrix.itertuples()
        if r.count
    }
    dna = dna_networks(SAMPLE)
    assert ours == dna
    assert (len(dna), sum(ignore for _, ignore in dna.values())) == (22, 40)
    assert len(matrix) == 7 * 6  # every organization × concept, empty cells included


@pytest.mark.skipif(not SAMPLE.exists(), reason="DNA's sample database is not here")
def test_the_sample_exports_back_to_the_same_networks(tmp_path):
    folder = import_dna(SAMPLE, tmp_path / "sample").folder
    project = project_of(folder)
    path = export_dna(
        hand_statements(project),
        project.corpus,
        project.codebook,
        tmp_path / "back.dna",
        password="x",
    )
    assert dna_networks(path) == dna_networks(SAMPLE)
    assert len(read_dna(path).statements) == 40
