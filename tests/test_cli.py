"""The command line, driven through typer's CliRunner: exit codes and exact messages."""

import builtins
import io
import json
import os
import re
import time
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from stances.cli import CHOICES, app
from stances.statements.tagging import STATEMENT_COLUMNS
from tests.conftest import ROOT, labels_yaml, write

runner = CliRunner()
COMMANDS = typer.main.get_command(app).commands


def invoke(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def paths(project):
    return [
        "--corpus",
        project / "seeds",
        "--annotations",
        project / "annotations",
        "--training-corpus",
        project / "seeds",
        "--models",
        project / "models",
    ]


def test_the_app_registers_the_documented_commands():
    assert list(COMMANDS) == [
        "validate",
        "train",
        "tag",
        "run",
        "compare",
        "suggest",
        "evaluate",
        "matrix",
        "import-dna",
        "export-dna",
        "import-corrections",
        "agreement",
    ]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help_text(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert COMMANDS[command].help.splitlines()[0] in " ".join(result.output.split())
    for param in COMMANDS[command].params:
        assert param.help, f"{command} {param.name} has no help text"


def readme_commands() -> dict[str, set[str]]:
    """The README's table of commands: each command's options as written there."""
    rows = re.findall(r"^\| `stances ([\w-]+)[^`]*` \| (.*) \|$", README, flags=re.MULTILINE)
    return {
        name: {
            flag
            for cell in re.findall(r"`([^`]+)`", options)
            for flag in cell.split()[0].split("/")
        }
        for name, options in rows
    }


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_lists_every_command_with_exactly_its_options():
    registered = {
        name: {
            flag
            for param in command.params
            if param.param_type_name == "option"
            for flag in (*param.opts, *param.secondary_opts)
        }
        for name, command in COMMANDS.items()
    }
    assert readme_commands() == registered


CHOICE_OPTIONS = [
    (name, param.opts[0])
    for name, command in COMMANDS.items()
    for param in command.params
    if param.name in {"by", "source"}
]


def test_row_kind_and_source_are_options_of_run_compare_matrix_and_export():
    assert CHOICE_OPTIONS == [
        ("run", "--by"),
        ("run", "--source"),
        ("compare", "--by"),
        ("matrix", "--by"),
        ("export-dna", "--source"),
    ]


def command_arguments(command: str, project: Path) -> list:
    if command == "matrix":
        return ["--corpus", project / "seeds", "--annotations", project / "annotations"]
    before = {"compare": ["t1", "t3"], "export-dna": [project / "out.dna"]}.get(command, [])
    return [*before, *paths(project)]


@pytest.mark.parametrize(("command", "option"), CHOICE_OPTIONS)
def test_a_value_outside_the_choices_is_refused_before_any_work(training_project, command, option):
    result = invoke(command, *command_arguments(command, training_project), option, "foo")
    assert (result.exit_code, result.output) == (2, f"Error: {CHOICES}\n")
    assert not (training_project / "models").exists()


def test_validate_prints_the_summary_and_exits_0(shipped_project):
    result = invoke(
        "validate",
        "--corpus",
        shipped_project / "seeds",
        "--annotations",
        shipped_project / "annotations",
    )
    assert result.exit_code == 0
    assert "OK: 5 articles" in result.output
    assert "Statements per issue" in result.output
    assert "Agreement with the independent second labelling" in result.output
    assert "position   alpha" in result.output


def test_validate_lists_every_problem_and_exits_1(tiny_project):
    labels = tiny_project / "annotations" / "a1.yaml"
    labels.write_text(
        labels.read_text()
        .replace("speaker: smith", "speaker: jones")
        .replace("issue: exercises", "issue: sanctions")
    )
    result = invoke(
        "validate",
        "--corpus",
        tiny_project / "seeds",
        "--annotations",
        tiny_project / "annotations",
    )
    assert result.exit_code == 1
    assert f"{labels}:4: statement s1: unknown speaker 'jones'" in result.output
    assert f"{labels}:9: statement s2: unknown issue 'sanctions'" in result.output
    assert "Traceback" not in result.output


def test_tag_with_a_missing_corpus_fails_at_once_and_trains_nothing(training_project, monkeypatch):
    monkeypatch.chdir(training_project)  # the working-directory defaults: seeds/, annotations/
    start = time.perf_counter()
    result = invoke("tag", "--corpus", "nowhere")
    assert time.perf_counter() - start < 0.5
    assert result.exit_code == 1
    assert result.output == (
        "Error: nowhere: corpus folder not found; pass a folder of .txt articles\n"
    )
    assert not (training_project / "models").exists()


def test_tag_writes_the_statements_csv_with_exactly_the_documented_columns(training_project):
    out = training_project / "statements.csv"
    result = invoke("tag", *paths(training_project), "--out", out)
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(out).columns) == STATEMENT_COLUMNS


def test_train_writes_the_figures_as_json(training_project):
    out = training_project / "figures.json"
    result = invoke(
        "train",
        "--corpus",
        training_project / "seeds",
        "--annotations",
        training_project / "annotations",
        "--models",
        training_project / "models",
        "--json",
        out,
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    manifest = json.loads((training_project / "models" / "manifest.json").read_text())
    assert figures == manifest["cross_validation"]
    assert (figures["n_statements"], figures["n_articles"], figures["n_sentences"]) == (12, 3, 21)
    assert figures["baselines"]["majority"]["group"]["accuracy"] == 0.5
    assert "Summary (12 statements, 3 articles)" in result.output


def test_run_on_the_shipped_data_writes_the_workbook_and_shows_the_expected_positions(
    shipped_project,
):
    out = shipped_project / "out" / "stances.xlsx"
    out.parent.mkdir()
    result = invoke(
        "run",
        *paths(shipped_project),
        "--out",
        out,
        "--csv",
        shipped_project / "csv",
        "--png",
        shipped_project / "matrix.png",
    )
    assert result.exit_code == 0, result.output
    assert "Workbook:" in result.output
    matrix = pd.read_excel(out, sheet_name="Matrix", header=3, index_col=0).iloc[1:, :4]
    assert matrix.loc["Russia", "NATO enlargement"].startswith("oppose")
    assert matrix.loc["Russia", "Troop withdrawal"].startswith("oppose")
    assert matrix.loc["United States", "NATO enlargement"].startswith("support")
    assert matrix.loc["United States", "Troop withdrawal"].startswith("support")
    for group in ("Russia", "United States"):
        assert matrix.loc[group, "Missile limits"].startswith("support")
        assert matrix.loc[group, "Exercise limits"].startswith("support")
    long = pd.read_csv(shipped_project / "csv" / "matrix_long.csv")
    assert list(long.columns) == [
        "article",
        "group",
        "issue",
        "position",
        "count",
        "label",
        "human",
        "model",
        "model_confidence",
    ]
    assert (shipped_project / "matrix.png").read_bytes()[:4] == b"\x89PNG"


def test_a_failed_run_leaves_the_previous_workbook_intact(training_project):
    out = training_project / "stances.xlsx"
    assert invoke("run", *paths(training_project), "--out", out).exit_code == 0
    before = out.read_bytes()
    labels = training_project / "annotations" / "t2.yaml"
    labels.write_text(labels.read_text().replace("speaker: smith", "speaker: nobody", 1))
    result = invoke("run", *paths(training_project), "--out", out)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {labels}:4: statement s1: unknown speaker 'nobody'; "
        "add it to the codebook's speakers, or give its group (east, west)\n"
    )
    assert out.read_bytes() == before
    openpyxl.load_workbook(out)


def test_compare_prints_the_cells_where_two_articles_differ(training_project):
    labels = training_project / "annotations" / "t3.yaml"
    labels.write_text(
        labels.read_text().replace(
            "speaker: ivanov\n    issue: missiles\n    position: -1",
            "speaker: ivanov\n    issue: missiles\n    position: 1",
        )
    )
    result = invoke("compare", "t1", "t3", *paths(training_project))
    assert result.exit_code == 0, result.output
    assert "Eastland × Missile limits: contradict" in result.output


@pytest.fixture
def reads(monkeypatch):
    """How often each file is opened for reading, by resolved path."""
    counts = Counter()
    real_open = io.open

    def counting_open(file, mode="r", *args, **kwargs):
        if isinstance(file, str | os.PathLike) and not set(mode) & set("wax+"):
            counts[Path(file).resolve()] += 1
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    return counts


def test_a_run_reads_each_input_file_once(training_project, reads):
    write_second_labelling(training_project)
    inputs = [
        *sorted((training_project / "seeds").glob("*")),
        *sorted((training_project / "annotations").rglob("*.yaml")),
    ]
    saved = [training_project / "models" / name for name in ("manifest.json", "stances.skops")]
    out = training_project / "stances.xlsx"
    for run in ("trains and saves the model", "loads the saved model"):
        reads.clear()
        assert invoke("run", *paths(training_project), "--out", out).exit_code == 0, run
        assert {path.name: reads[path.resolve()] for path in inputs} == {
            path.name: 1 for path in inputs
        }, run
        assert all(reads[path.resolve()] <= 1 for path in saved), run
    assert all(reads[path.resolve()] == 1 for path in saved)  # the second run loaded it


def write_second_labelling(project):
    text = (project / "annotations" / "t1.yaml").read_text()
    second = text.replace("annotator: tester", "annotator: second\nindependent: true")
    (project / "annotations" / "independent").mkdir()
    (project / "annotations" / "independent" / "t1.yaml").write_text(second)
    (project / "seeds" / "articles.yaml").write_text("t1: {outlet: Wire, date: 2022-01-10}\n")


def test_a_run_that_retrains_locates_each_hand_quote_once(training_project, monkeypatch):
    import stances.project.labels as labels

    calls = Counter()
    locate = labels.locate_quote

    def counting(text, quote):
        calls[quote] += 1
        return locate(text, quote)

    monkeypatch.setattr(labels, "locate_quote", counting)
    out = training_project / "stances.xlsx"
    result = invoke("run", *paths(training_project), "--out", out)
    assert result.exit_code == 0, result.output
    assert (training_project / "models" / "stances.skops").exists()  # it trained
    assert sum(calls.values()) == 12 and set(calls.values()) == {1}


UNSEEN = (
    "Fourth round in Oslo\n\n"
    "Jane Smith said Westland is ready to limit missiles in Europe. "
    "Ivanov said Eastland refuses to reduce its exercises. "
    "The harbour was frozen.\n"
)
UNSEEN_LABELS = [
    ("ready to limit missiles in Europe", "smith", "missiles", 1),
    ("refuses to reduce its exercises", "Oleg Ivanov", "exercises", -1),
]


@pytest.fixture
def unseen(training_project):
    """Labelled articles the model is not trained on, one with a speaker given by group."""
    write(training_project / "unseen" / "t4.txt", UNSEEN)
    body = labels_yaml("t4", UNSEEN_LABELS).replace(
        "speaker: Oleg Ivanov", "speaker: Oleg Ivanov\n    group: east"
    )
    write(training_project / "unseen_labels" / "t4.yaml", body)
    return training_project


def test_evaluate_scores_the_tool_and_the_keyword_baseline_on_unseen_articles(unseen):
    report = unseen / "evaluation.json"
    result = invoke(
        "evaluate",
        *paths(unseen)[2:],
        "--corpus",
        unseen / "unseen",
        "--labels",
        unseen / "unseen_labels",
        "--json",
        report,
    )
    assert result.exit_code == 0, result.output
    assert "Evaluation on 1 articles, 2 hand statements" in result.output
    figures = json.loads(report.read_text())
    assert set(figures["model"]) == {"statement", "actor", "issue", "cell"}
    assert figures["model"]["statement"]["expected"] == 2
    assert figures["model"]["statement"]["true_positives"] == 2
    assert figures["keyword"]["statement"]["expected"] == 2


def test_evaluate_refuses_articles_the_model_is_trained_on(training_project):
    result = invoke(
        "evaluate",
        *paths(training_project),
        "--labels",
        training_project / "annotations",
        "--models",
        training_project / "models",
    )
    assert result.exit_code == 1
    assert "is also a training article" in result.output
    assert not (training_project / "models").exists()


def test_tag_refuses_a_corpus_of_authored_training_texts(unseen):
    write(unseen / "unseen" / "articles.yaml", "t4:\n  authored: true\n")
    result = invoke(
        "tag", *paths(unseen)[2:], "--corpus", unseen / "unseen", "--out", unseen / "s.csv"
    )
    assert result.exit_code == 1
    assert "authored training texts (authored: true), not news: t4;" in result.output
    assert not (unseen / "s.csv").exists()


def test_import_dna_then_matrix_shows_sums_or_means(tmp_path):
    from tests.dna import write_tiny_dna

    database = write_tiny_dna(tmp_path / "tiny.dna")
    result = invoke("import-dna", database, tmp_path / "project")
    assert result.exit_code == 0, result.output
    assert "2 articles and 6 hand-labelled statements written" in " ".join(result.output.split())
    where = [
        "--corpus",
        tmp_path / "project/seeds",
        "--annotations",
        tmp_path / "project/annotations",
    ]
    summed = invoke("matrix", *where, "--value", "sum", "--out", tmp_path / "m.csv")
    assert summed.exit_code == 0, summed.output
    assert "support +2" in summed.output and "mixed +1" in summed.output
    assert "n=2, hand" in summed.output and "n=3, hand" in summed.output
    mean = invoke("matrix", *where)
    assert "support +1.00" in mean.output and "mixed +0.33" in mean.output
    table = pd.read_csv(tmp_path / "m.csv")
    assert table["count"].sum() == 6


def test_export_dna_of_hand_labels_needs_no_model(tmp_path):
    from stances.io.dna import read_dna
    from tests.dna import write_tiny_dna

    invoke("import-dna", write_tiny_dna(tmp_path / "tiny.dna"), tmp_path / "p")
    result = invoke(
        "export-dna",
        tmp_path / "out.dna",
        "--corpus",
        tmp_path / "p/seeds",
        "--training-corpus",
        tmp_path / "p/seeds",
        "--annotations",
        tmp_path / "p/annotations",
        "--models",
        tmp_path / "p/models",
        "--source",
        "human",
    )
    assert result.exit_code == 0, result.output
    assert len(read_dna(tmp_path / "out.dna").statements) == 6
    assert not (tmp_path / "p/models").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database", "not an SQLite database, so not a DNA 3 .dna file"),
        (None, "DNA database not found; give a .dna file"),
    ],
)
def test_import_dna_refuses_what_is_no_dna_database_in_one_line(tmp_path, content, message):
    path = tmp_path / "in.dna"
    if content is not None:
        path.write_bytes(content)
    result = invoke("import-dna", path, tmp_path / "out")
    assert (result.exit_code, result.output) == (1, f"Error: {path}: {message}\n")
    assert not (tmp_path / "out").exists()


def test_import_dna_and_export_dna_never_overwrite(tmp_path):
    from tests.dna import write_tiny_dna

    database = write_tiny_dna(tmp_path / "tiny.dna")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/file").write_text("x", encoding="utf-8")
    result = invoke("import-dna", database, tmp_path / "taken")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {tmp_path / 'taken'}: exists; stances never overwrites it: pick a new folder\n",
    )
    result = invoke("export-dna", database, "--source", "human")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {database}: file exists; stances never overwrites it: pick a new name\n",
    )


SECOND = """\
article: a1
annotator: second
independent: true
statements:
  - {id: s1, quote: "ready to limit missiles in Europe", speaker: smith, issue: missiles,
     position: 0}
  - {id: s2, quote: "The weather was cold.", speaker: ivanov, issue: exercises, position: -1}
"""


def test_agreement_prints_the_figures_per_task_and_the_disagreements(tiny_project):
    write(tiny_project / "annotations" / "independent" / "a1.yaml", SECOND)
    out = tiny_project / "agreement.json"
    result = invoke(
        "agreement",
        "--corpus",
        tiny_project / "seeds",
        "--annotations",
        tiny_project / "annotations",
        "--json",
        out,
    )
    assert result.exit_code == 0, result.output
    assert "Agreement of reconciled and second on 1 articles" in result.output
    assert "3 disagreements:" in result.output
    figures = {row["task"]: row for row in json.loads(out.read_text())["figures"]}
    # 3 sentences x 2 issues; marked: (1, missiles) by both, (1, exercises) by the
    # first, (2, exercises) by the second: agreed on 1 of 3
    assert figures["issue"]["units"] == 3
    assert figures["issue"]["agreement"] == pytest.approx(1 / 3)
    # one position unit, +1 against 0: po = pe = 0, so kappa = 0
    assert figures["position"]["units"] == 1 and figures["position"]["kappa"] == 0.0


def test_agreement_vs_model_compares_the_hand_labels_with_held_out_model_rows(training_project):
    result = invoke(
        "agreement",
        "--corpus",
        training_project / "seeds",
        "--annotations",
        training_project / "annotations",
        "--vs-model",
    )
    assert result.exit_code == 0, result.output
    assert "Agreement of reconciled and model on 3 articles" in result.output


def test_train_curve_prints_and_draws_the_learning_curve(training_project):
    png = training_project / "curve.png"
    result = invoke(
        "train",
        "--corpus",
        training_project / "seeds",
        "--annotations",
        training_project / "annotations",
        "--curve",
        "--png",
        png,
    )
    assert result.exit_code == 0, result.output
    assert "Learning curve" in result.output and png.read_bytes()[:4] == b"\x89PNG"
    assert not (training_project / "models").exists()


def test_train_curve_refuses_a_png_path_of_another_kind_before_any_work(training_project):
    result = invoke("train", "--corpus", training_project / "seeds", "--png", "curve.jpg")
    assert (result.exit_code, result.output) == (
        1,
        "Error: curve.jpg: the output must be a .png file; pick a name ending in .png\n",
    )


def test_import_corrections_of_a_missing_workbook_is_one_error_line(tiny_project):
    result = invoke(
        "import-corrections",
        "none.xlsx",
        "--corpus",
        tiny_project / "seeds",
        "--annotations",
        tiny_project / "annotations",
    )
    assert (result.exit_code, result.output) == (
        1,
        "Error: none.xlsx: workbook not found; pass the .xlsx `stances run` wrote\n",
    )


def test_no_help_shows_a_type_placeholder_for_a_flag():
    for command in ["", *COMMANDS]:
        result = invoke(*([command] if command else []), "--help")
        assert result.exit_code == 0 and "<bool>" not in result.output, command


def test_run_says_it_retrained_prints_the_new_figures_then_the_matrix_in_words(training_project):
    result = invoke("run", *paths(training_project), "--out", training_project / "s.xlsx")
    assert result.exit_code == 0, result.output
    assert "Model: retrained, as the labels, the codebook or the training articles" in (
        " ".join(result.output.split())
    )
    assert "Summary (12 statements, 3 articles)" in result.output
    assert "Positions of actor groups on the issues" in result.output
    assert "Eastland" in result.output and "Missile limits" in result.output
    assert "n=3, hand" in result.output
    again = invoke("run", *paths(training_project), "--out", training_project / "s.xlsx")
    assert "Model: the saved one" in again.output and "Summary" not in again.output


def test_the_terminal_table_cuts_no_header_at_80_columns(shipped_project, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = shipped_project / "s.xlsx"
    result = invoke("run", *paths(shipped_project), "--out", out)
    assert result.exit_code == 0, result.output
    table = result.output[result.output.index("Positions of actor groups") :]
    table = table[: table.index("Position -1 opposes")]
    assert "…" not in table
    assert max(len(line) for line in table.splitlines()) <= 80
    words = " ".join(table.replace("│", " ").replace("┃", " ").split())
    for word in ("NATO", "enlargement", "Troop", "withdrawal", "Exercise", "limits", "Russia"):
        assert word in words
    assert "Model only: no hand label" in " ".join(result.output.split())  # the legend


def test_train_says_what_it_is_doing_on_a_terminal(training_project, monkeypatch):
    import stances.cli

    screen = io.StringIO()
    monkeypatch.setattr(
        stances.cli, "errors", stances.cli.Console(file=screen, force_terminal=True, width=200)
    )
    result = invoke(
        "train",
        "--corpus",
        training_project / "seeds",
        "--annotations",
        training_project / "annotations",
        "--models",
        training_project / "models",
    )
    assert result.exit_code == 0, result.output
    assert (
        "fitting the model on 12 hand-labelled statements from 3 articles, then "
        "cross-validating it one article out at a time" in screen.getvalue()
    )


def test_the_default_workbook_is_named_after_the_corpus(training_project, monkeypatch):
    monkeypatch.chdir(training_project)
    assert invoke("run").exit_code == 0
    assert (training_project / "out" / "seeds.xlsx").exists()
    other = training_project / "elsewhere" / "seeds"
    other.mkdir(parents=True)
    (other / "t1.txt").write_text((training_project / "seeds" / "t1.txt").read_text())
    before = (training_project / "out" / "seeds.xlsx").read_bytes()
    result = invoke("run", "--corpus", other)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: out/seeds.xlsx: holds the workbook of the corpus {training_project / 'seeds'}, "
        f"not of {other}; pass --out FILE.xlsx to name this one\n"
    )
    assert (training_project / "out" / "seeds.xlsx").read_bytes() == before
    new = training_project / "new"
    new.mkdir()
    (new / "t1.txt").write_text((training_project / "seeds" / "t1.txt").read_text())
    assert invoke("run", "--corpus", new).exit_code == 0
    assert (training_project / "out" / "new.xlsx").exists()
    assert (training_project / "out" / "seeds.xlsx").read_bytes() == before


def test_compare_names_the_articles_and_marks_the_evidence(training_project):
    write(
        training_project / "seeds" / "articles.yaml",
        "t1: {outlet: Wire, date: 2022-01-10}\nt3: {title: Talks end, outlet: Daily, "
        "date: 2022-01-12}\n",
    )
    labels = training_project / "annotations" / "t3.yaml"
    labels.write_text(
        labels.read_text().replace(
            "speaker: ivanov\n    issue: missiles\n    position: -1",
            "speaker: ivanov\n    issue: missiles\n    position: 1",
        )
    )
    result = invoke("compare", "t1", "t3", *paths(training_project))
    assert result.exit_code == 0, result.output
    assert "Left side: Arms talks open in Vienna (Wire, 2022-01-10)" in result.output
    assert "Right side: Talks end (Daily, 2022-01-12)" in result.output
    assert "Eastland × Missile limits: contradict" in result.output
    assert "  Talks end (Daily, 2022-01-12): support +1.00 (n=1, hand)" in result.output
    assert "left" not in result.output.replace("Left side", "")


def test_compare_lists_the_valid_ids_when_one_is_unknown(training_project):
    result = invoke("compare", "t1", "t9", *paths(training_project))
    assert result.exit_code == 1
    assert result.output == (
        "Error: no statements for article(s) ['t9']; the corpus's articles are t1, t2, t3\n"
    )
