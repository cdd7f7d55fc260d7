"""The workbook read back with openpyxl and pandas: sheets, titles, colours, evidence,
comments, text cells, page setup; and opened by a real LibreOffice."""

import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from stances.learn.figures import ClassFigures, Figures, GroupFigures, Scores, TaskFigures
from stances.project.codebook import load_codebook
from stances.project.corpus import Article, Corpus
from stances.report.compare import compare_articles, group_articles
from stances.report.matrix import actor_order, build_matrix
from stances.report.workbook import TOP_QUOTES, WorkbookData, write_workbook
from stances.report.xlsx import COMMENT_CHARS_PER_LINE, MODEL_ONLY_LIGHTEN, position_colour
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
    data = WorkbookData(matrix, comparison, table, codebook, corpus, figures, min_confidence=0.6)
    return write_workbook(data, tmp_path / "stances.xlsx")


def test_the_workbook_has_the_documented_sheets(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == ["Matrix", "By article", "Statements", "Codebook", "Model"]


def test_every_sheet_has_a_title_row_and_prints_landscape_one_page_wide(workbook_path):
    book = openpyxl.load_workbook(workbook_path)
    for sheet in book:
        assert sheet["A1"].value and sheet["A1"].font.b, sheet.title
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert book["Matrix"].print_title_rows == "$4:$5"
    assert book["By article"].print_title_rows == "$4:$7"
    assert book["Statements"].print_title_rows == "$3:$3"


def test_the_matrix_title_rows_say_which_articles_and_which_statements_count(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    assert sheet["A1"].value == "Positions of actor groups on 4 issues"
    assert sheet["A2"].value == (
        "2 articles; outlets: not named (2). Counted: hand labels and model rows "
        "at confidence ≥ 0.6."
    )


def test_the_matrix_sheet_has_issue_labels_over_their_propositions_and_a_frozen_header(
    workbook_path,
):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    assert [c.value for c in sheet[4]][:5] == [
        "Actor group",
        "NATO enlargement",
        "Troop withdrawal",
        "Missile limits",
        "Exercise limits",
    ]
    assert sheet["A5"].value == "+1 supports:"
    assert "open door" in sheet["B5"].value
    assert sheet.freeze_panes == "B6"


def test_matrix_cells_show_label_position_and_evidence_in_diverging_colours(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    assert (sheet["A6"].value, sheet["A7"].value) == ("Russia", "United States")
    assert sheet["B6"].value == "oppose -1.00 (n=2, hand)"
    assert sheet["B6"].fill.fgColor.rgb.endswith(position_colour(-1.0))
    assert sheet["B7"].fill.fgColor.rgb.endswith(position_colour(1.0))
    assert sheet["C6"].value == "–"


def test_a_cell_of_model_rows_alone_is_pale_italic_and_dashed(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    cell = sheet["D7"]  # United States × missiles: one model row at 0.7
    assert cell.value == "support +1.00 (n=1, model only, conf 0.70)"
    assert cell.fill.fgColor.rgb.endswith(position_colour(1.0, lighten=MODEL_ONLY_LIGHTEN))
    assert cell.font.i and cell.border.left.style == "dashed"
    assert not sheet["B7"].font.i and sheet["B7"].border.left.style is None


def test_the_matrix_legend_shows_each_kind_of_cell(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Matrix"]
    legend = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(9, 13)}
    assert legend["support (model only)"].startswith("model only: no hand label")
    sample = next(r for r in range(9, 13) if sheet.cell(r, 1).value == "support (model only)")
    assert sheet.cell(sample, 1).border.left.style == "dashed"
    assert "mixed" in legend


def test_a_matrix_cell_comment_quotes_the_statements_behind_it(workbook_path):
    comment = openpyxl.load_workbook(workbook_path)["Matrix"]["B6"].comment.text
    assert "[a 0-5] putin (-1, hand): quote 0" in comment


def test_a_cell_with_more_quotes_than_shown_says_how_many_more(workbook_path):
    comment = openpyxl.load_workbook(workbook_path)["Matrix"]["E6"].comment.text
    assert comment.count("(+1, hand)") == TOP_QUOTES
    assert comment.endswith(f"… and {len(HOSTILE) - TOP_QUOTES} more (Statements sheet)")


def test_long_quotes_are_cut_at_a_word_with_an_ellipsis_and_the_box_fits_the_text(tmp_path):
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(("a", "putin", "russia", "missiles", -1))
    words = " ".join(f"word{i}" for i in range(100))
    table["text"] = words
    path = _write(tmp_path, table, codebook)
    comment = openpyxl.load_workbook(path)["Matrix"]["D6"].comment
    quote = comment.text.split(": ", 1)[1]
    assert quote.endswith("…") and len(quote) <= 200
    assert words.startswith(quote[:-1]) and words[len(quote) - 1] == " "
    lines = textwrap.wrap(comment.text, COMMENT_CHARS_PER_LINE)
    width, height = comment_box(path, "D6")
    assert width == max(len(line) for line in lines) * 7 + 24 > 144  # openpyxl's default
    assert height == len(lines) * 15 + 24 > 79


def comment_box(path, cell: str) -> tuple[int, int]:
    """The width and height (px) of a cell's comment box, from the sheet's VML drawing."""
    import re
    import zipfile
    from xml.etree import ElementTree

    vml, excel = "{urn:schemas-microsoft-com:vml}", "{urn:schemas-microsoft-com:office:excel}"
    target = openpyxl.utils.cell.coordinate_to_tuple(cell)
    with zipfile.ZipFile(path) as archive:
        drawings = [archive.read(n) for n in archive.namelist() if n.endswith(".vml")]
    for drawing in drawings:
        for shape in ElementTree.fromstring(drawing).iter(f"{vml}shape"):
            data = shape.find(f"{excel}ClientData")
            where = (
                int(data.findtext(f"{excel}Row")) + 1,
                int(data.findtext(f"{excel}Column")) + 1,
            )
            if where == target:
                size = re.search(r"width:(\d+)px;height:(\d+)px", shape.get("style"))
                return int(size[1]), int(size[2])
    raise AssertionError(f"no comment box for {cell}")


def test_the_by_article_sheet_has_title_outlet_date_and_id_in_header_rows(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["By article"]
    assert [sheet.cell(r, 2).value for r in range(4, 7)] == ["Article", "Outlet", "Date"]
    assert [sheet.cell(r, 3).value for r in range(4, 8)] == [
        "=cmd|' /C calc'!A0",
        "outlet not named",
        "undated",
        "a",
    ]
    assert sheet.cell(4, 3).data_type == "s"
    header = [c.value for c in sheet[7]]
    assert header[:2] == ["Actor group", "Issue"] and header[-1] == "Agreement"
    assert len(header) == 5
    assert [sheet.cell(8, c).value for c in (1, 2)] == ["Russia", "NATO enlargement"]
    assert sheet.freeze_panes == "C8"


def test_columns_are_as_wide_as_their_content(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Statements"]
    widths = {
        sheet.cell(3, c).value: sheet.column_dimensions[get_column_letter(c)].width
        for c in range(1, 12)
    }
    assert widths["article"] < 12
    assert widths["group"] == len("united_states") + 2
    assert widths["text"] == len(HOSTILE[0]) + 2


def test_article_text_is_stored_as_text_never_as_a_formula(workbook_path):
    sheet = openpyxl.load_workbook(workbook_path)["Statements"]
    text_column = [c.value for c in sheet[3]].index("text")
    cells = [row[text_column] for row in sheet.iter_rows(min_row=8, max_row=7 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}


def test_the_statements_sheet_reads_back_with_pandas_with_every_column(workbook_path):
    table = pd.read_excel(workbook_path, sheet_name="Statements", header=2)
    assert list(table.columns)[:4] == ["article", "sentence", "start", "end"]
    assert len(table) == 4 + len(HOSTILE)


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
    path = _write(tmp_path, table, codebook)
    sheet = openpyxl.load_workbook(path)["Model"]
    assert sheet["A2"].value == "No figures: the model was loaded without an evaluation."


def test_unplaced_statements_are_a_row_of_their_own_at_the_bottom(tmp_path):
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(
        ("a", "unplaced", "unplaced", "missiles", -1, 0.8, "model"),
        ("a", "putin", "russia", "missiles", -1),
    )
    path = _write(tmp_path, table, codebook, actors=actor_order(codebook, table, "group"))
    sheet = openpyxl.load_workbook(path)["Matrix"]
    assert [sheet.cell(r, 1).value for r in (6, 7)] == ["Russia", "Unplaced (no holder found)"]


def _write(tmp_path, table, codebook, actors=None):
    corpus = Corpus(None, {"a": Article("a", "")})
    matrix = build_matrix(table, issues=codebook.issue_ids, actors=actors)
    comparison = compare_articles(table, corpus, issues=codebook.issue_ids, actors=actors)
    return write_workbook(
        WorkbookData(matrix, comparison, table, codebook, corpus), tmp_path / "s.xlsx"
    )


SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    not SOFFICE and not os.environ.get("CI"), reason="LibreOffice not installed"
)


def libreoffice(tmp_path, target: str, workbook) -> Path:
    """Convert with a real headless LibreOffice (its own profile folder, so runs beside
    another LibreOffice do not collide); return the converted file."""
    assert SOFFICE, "CI installs LibreOffice (.ci/run); it must be there"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "converted"),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "converted" / f"{Path(workbook).stem}.{target.split(':')[0]}"


@needs_libreoffice
def test_libreoffice_reads_the_matrix_sheet_as_written(workbook_path, tmp_path):
    csv = libreoffice(tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76", workbook_path)
    rows = csv.read_text(encoding="utf-8").splitlines()  # filter option 76: UTF-8
    assert rows[0].startswith("Positions of actor groups on 4 issues")
    assert rows[3].startswith("Actor group,NATO enlargement,Troop withdrawal")
    assert rows[5].startswith('Russia,"oppose -1.00 (n=2, hand)",–,')


@needs_libreoffice
def test_libreoffice_prints_the_matrix_and_by_article_each_on_one_landscape_page(
    workbook_path, tmp_path
):
    book = openpyxl.load_workbook(workbook_path)
    for name in book.sheetnames[2:]:  # the long tables print on as many pages as they need
        del book[name]
    book.save(tmp_path / "two.xlsx")
    pdf = libreoffice(tmp_path, "pdf", tmp_path / "two.xlsx")
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 2
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
    assert float(box[1]) > float(box[2])  # landscape


@needs_libreoffice
def test_the_whole_workbook_prints_one_page_wide(workbook_path, tmp_path):
    """Every page of the PDF is a landscape page: no sheet spills columns onto a page of
    their own (fit to width), and the count stays small."""
    data = libreoffice(tmp_path, "pdf", workbook_path).read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
    assert boxes and all(float(w) > float(h) for w, h in boxes)
    assert len(re.findall(rb"/Type\s*/Page\b", data)) <= 8


@pytest.fixture
def capped_path(tmp_path):
    """Six statements, the Statements sheet capped at three rows."""
    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(
        ("a", "putin", "russia", "missiles", -1, 0.61, "model"),
        ("a", "lavrov", "russia", "missiles", -1),
        ("a", "blinken", "united_states", "missiles", 1, 0.95, "model"),
        ("b", "sherman", "united_states", "exercises", 1, 0.70, "model"),
        ("b", "putin", "russia", "exercises", -1, 0.90, "model"),
        ("b", "lavrov", "russia", "exercises", -1, 0.65, "model"),
    )
    corpus = Corpus(None, {"a": Article("a", ""), "b": Article("b", "")})
    matrix = build_matrix(table, issues=codebook.issue_ids)
    comparison = compare_articles(table, corpus, issues=codebook.issue_ids)
    data = WorkbookData(matrix, comparison, table, codebook, corpus)
    return write_workbook(data, tmp_path / "big.xlsx", max_statement_rows=3)


def test_above_the_cap_the_statements_sheet_holds_the_most_confident_rows(capped_path):
    table = pd.read_excel(capped_path, sheet_name="Statements", header=2)
    assert len(table) == 3
    assert list(table["speaker"]) == ["lavrov", "blinken", "putin"]  # hand, 0.95, 0.90
    assert list(table["source"]) == ["human", "model", "model"]


def test_above_the_cap_the_first_row_says_how_many_of_how_many_and_where_the_rest_is(
    capped_path,
):
    title = openpyxl.load_workbook(capped_path)["Statements"]["A1"].value
    assert title == (
        "Statements counted in the matrix: the 3 most confident of 6 "
        "(all 6 in big.statements.parquet, beside this workbook)"
    )


def test_above_the_cap_the_whole_table_goes_to_parquet_beside_the_workbook(capped_path):
    beside = pd.read_parquet(capped_path.with_name("big.statements.parquet"))
    assert len(beside) == 6 and set(beside["speaker"]) == {"putin", "lavrov", "blinken", "sherman"}


def test_above_the_cap_the_matrix_still_counts_every_statement(capped_path):
    sheet = openpyxl.load_workbook(capped_path)["Matrix"]
    russia = next(r for r in range(6, 12) if sheet.cell(r, 1).value == "Russia")
    cells = [sheet.cell(russia, c).value for c in range(2, 6)]
    assert "oppose -1.00 (n=2: 1 hand, 1 model, conf 0.61)" in cells
    assert "oppose -1.00 (n=2, model only, conf 0.78)" in cells


def test_at_or_below_the_cap_nothing_is_written_beside_the_workbook(workbook_path):
    assert not workbook_path.with_name("stances.statements.parquet").exists()
    title = openpyxl.load_workbook(workbook_path)["Statements"]["A1"].value
    assert title == "Statements counted in the matrix"


@pytest.fixture
def outlets_path(tmp_path):
    """Thirty outlets of one article each, compared by outlet: the long format."""
    from stances.report.compare import compare_groups, group_counts

    codebook = load_codebook(SHIPPED_CODEBOOK)
    ids = [f"a{i:02d}" for i in range(30)]
    corpus = Corpus(None, {a: Article(a, "", outlet=f"Outlet {a}") for a in ids})
    table = statements(*[(a, "putin", "russia", "missiles", (-1) ** i) for i, a in enumerate(ids)])
    actors = ["russia"]
    counts = group_counts(table, {a: f"Outlet {a}" for a in ids}, "group")
    groups = group_articles(table, corpus, "outlet")[1]
    comparison = compare_groups(counts, groups, issues=codebook.issue_ids, actors=actors)
    matrix = build_matrix(table, issues=codebook.issue_ids, actors=actors)
    data = WorkbookData(matrix, comparison, table, codebook, corpus, compare_by="outlet")
    return write_workbook(data, tmp_path / "outlets.xlsx")


def test_groups_of_articles_are_compared_in_long_format_one_row_per_cell(outlets_path):
    book = openpyxl.load_workbook(outlets_path)
    assert book.sheetnames[1] == "By outlet"
    table = pd.read_excel(outlets_path, sheet_name="By outlet", header=2)
    assert list(table.columns) == [
        "Outlet",
        "Articles",
        "Actor group",
        "Issue",
        "Cell",
        "Agreement",
    ]
    assert len(table) == 30 and book["By outlet"].max_column == 6
    assert table.loc[0, "Cell"] == "support +1.00 (n=1, hand)"
    assert set(table["Agreement"]) == {"contradict"} and set(table["Articles"]) == {1}


def test_the_review_sheet_shows_the_first_mentions_of_each_speaker_and_says_so(tmp_path):
    from stances.report.workbook import REVIEW_MENTIONS
    from stances.statements.tagging import REVIEW_COLUMNS

    codebook = load_codebook(SHIPPED_CODEBOOK)
    table = statements(("a", "putin", "russia", "missiles", -1))
    corpus = Corpus(None, {"a": Article("a", "")})
    mention = ["a", 0, "new:jane_roe", "Jane Roe", "unplaced", None, "mention", "Jane Roe said."]
    review = pd.DataFrame([mention] * (REVIEW_MENTIONS + 2), columns=REVIEW_COLUMNS)
    matrix = build_matrix(table, issues=codebook.issue_ids)
    comparison = compare_articles(table, corpus, issues=codebook.issue_ids)
    data = WorkbookData(matrix, comparison, table, codebook, corpus, review=review)
    path = write_workbook(data, tmp_path / "s.xlsx")
    shown = pd.read_excel(path, sheet_name="Review speakers", header=2)
    assert len(shown) == REVIEW_MENTIONS
    subtitle = openpyxl.load_workbook(path)["Review speakers"]["A2"].value
    assert subtitle.endswith(f"({REVIEW_MENTIONS + 2} mentions in all).")
