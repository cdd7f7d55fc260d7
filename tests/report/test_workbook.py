"""The workbook read back with openpyxl and pandas: sheets, colours, comments, text cells."""

import openpyxl
import pandas as pd
import pytest

from stances.learn.figures import ClassFigures, Figures, GroupFigures, Scores, TaskFigures
from stances.project.codebook import load_codebook
from stances.project.corpus import Article, Corpus
from stances.report.compare import compare_articles
from stances.report.matrix import build_matrix
from stances.report.workbook import WorkbookData, position_colour, write_workbook
from tests.conftest import SHIPPED_CODEBOOK
from tests.conftest import statements_table as statements

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "@SUM(A1:A9)",
    "+1+2",
    "-3+4",
    "\tTabbed",
    "=1+1",
]


@pytest.fixture
def workbook_path(tmp_path):
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(
        ("a", "putin", "russia", "nato_enlargement", -1),
        ("a", "sherman", "united_states", "nato_enlargement", 1),
        ("b", "lavrov", "russia", "nato_enlargement", -1),
        ("b", "blinken", "united_states", "missiles", 1, 0.7, "model"),
        *[("b", "lavrov", "russia", "exercises", 1)] * len(HOSTILE),
    )
    table.loc[4:, "text"] = HOSTILE
    corpus = Corpus(
        None, {"a": Article("a", "", title="=cmd|' /C calc'!A0"), "b": Article("b", "", title="B")}
    )
    matrix = build_matrix(table, issues=codebook.issue_ids, actors=["russia", "united_states"])
    comparison = compare_articles(
        table, corpus, issues=codebook.issue_ids, actors=["russia", "united_states"]
    )
    task = TaskFigures(0.5, {"1": ClassFigures(0.5, 0.5, 0.5, 4)})
    scores = Scores(task, task, GroupFigures(0.5, 0.5, 10))
    figures = Figures(scores, scores, scores, n_statements=10, n_articles=2, n_sentences=40)
    return write_workbook(
        WorkbookData(matrix, comparison, table, codebook, corpus, figures),
        tmp_path / "stances.xlsx",
    )


def test_the_workbook_has_the_documented_sheets(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == ["Matrix", "By article", "Statements", "Codebook", "Model"]


def test_the_matrix_sheet_has_issue_headers_with_propositions_and_a_frozen_header(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    assert [c.value for c in sheet[1]][:5] == [
        "actor \\ issue",
        "NATO enlargement",
        "Troop withdrawal",
        "Missile limits",
        "Exercise limits",
    ]
    assert "open door" in sheet["B1"].comment.text
    assert sheet.freeze_panes == "B2"


def test_matrix_cells_show_label_position_and_count_in_diverging_colours(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    assert sheet["A2"].value == "russia"
    assert sheet["B2"].value == "oppose -1.00 (n=2)"
    assert sheet["B2"].fill.fgColor.rgb.endswith(position_colour(-1.0))
    assert sheet["B3"].fill.fgColor.rgb.endswith(position_colour(1.0))
    assert sheet["C2"].value == "–"


def test_a_matrix_cell_comment_quotes_the_statements_behind_it(workbook_path):
    comment = openpyxl.load_workbook(workbook_path)["Matrix"]["B2"].comment.text
    assert "[a 0-5] putin (-1, human): quote 0" in comment


def test_article_text_is_stored_as_text_never_as_a_formula(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Statements"]
    text_column = [c.value for c in sheet[1]].index("text")
    cells = [row[text_column] for row in sheet.iter_rows(min_row=6, max_row=5 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}


def test_the_statements_sheet_reads_back_with_pandas_with_every_column(workbook_path):
    table = pd.read_excel(workbook_path, sheet_name="Statements")
    assert list(table.columns)[:4] == ["article", "sentence", "start", "end"]
    assert len(table) == 4 + len(HOSTILE)


def test_the_by_article_sheet_has_a_column_block_per_article_and_the_agreement(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["By article"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "agreement" and len(header) == 5
    assert sheet.cell(1, 3).comment.text == "=cmd|' /C calc'!A0"


def test_the_model_sheet_has_the_figures(workbook_path):
    table = pd.read_excel(workbook_path, sheet_name="Model", header=1, nrows=3)
    assert list(table.columns[:4]) == ["task", "model", "majority", "keyword"]
    assert table.set_index("task").loc["group accuracy", "model"] == 0.5
    sheet = openpyxl.load_workbook(workbook_path)["Model"]
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in (7, 8, 9)] == [
        ("training statements", 10),
        ("training articles", 2),
        ("training sentences", 40),
    ]


def test_without_figures_the_model_sheet_says_so(tmp_path):
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(("a", "putin", "russia", "nato_enlargement", -1))
    matrix = build_matrix(table, issues=codebook.issue_ids)
    corpus = Corpus(None, {"a": Article("a", "")})
    comparison = compare_articles(table, corpus, issues=codebook.issue_ids)
    path = write_workbook(
        WorkbookData(matrix, comparison, table, codebook, corpus), tmp_path / "s.xlsx"
    )
    sheet = openpyxl.load_workbook(path)["Model"]
    assert sheet["A2"].value == "No figures: the model was loaded without an evaluation."


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_converts_the_workbook_without_complaint(workbook_path, tmp_path):
    import subprocess

    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(workbook_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "stances.csv").read_text().startswith("actor")
