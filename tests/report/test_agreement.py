"""Agreement between the training labels and the independent second labelling."""

import math

import pytest

from stances.project.load import load_project
from stances.report.agreement import labeller_agreement, project_agreement
from stances.text.table import sentence_table
from tests.conftest import ROOT, SHIPPED_CODEBOOK, load, write

SECOND = """\
article: a1
annotator: second
independent: true
statements:
  - id: s1
    quote: "ready to limit missiles"
    speaker: smith
    issue: missiles
    position: 1
  - id: s2
    quote: "rejects any limit on its drills"
    speaker: ivanov
    issue: exercises
    position: {position}
"""


def agreement_of(project):
    return project_agreement(load(project)).set_index("task")


def test_identical_labellings_agree_perfectly(tiny_project):
    write(tiny_project / "annotations" / "independent" / "a1.yaml", SECOND.format(position=-1))
    table = agreement_of(tiny_project)
    # 4 sentences x 2 issues; both statements found by both labellers.
    assert table.loc["issue", "units"] == 8
    assert table.loc["issue", "alpha"] == pytest.approx(1.0)
    assert table.loc["position", "both_coded"] == 2
    assert table.loc["position", "percent_agreement"] == 1.0


def test_a_different_position_lowers_position_agreement_only(tiny_project):
    write(tiny_project / "annotations" / "independent" / "a1.yaml", SECOND.format(position=0))
    table = agreement_of(tiny_project)
    assert table.loc["issue", "alpha"] == pytest.approx(1.0)
    assert table.loc["actor", "alpha"] == pytest.approx(1.0)
    assert table.loc["position", "percent_agreement"] == 0.5
    assert table.loc["position", "alpha"] < 1.0


def test_a_statement_only_one_labeller_found_lowers_issue_agreement(tiny_project):
    second = SECOND.format(position=-1).replace("issue: missiles", "issue: exercises")
    write(tiny_project / "annotations" / "independent" / "a1.yaml", second)
    table = agreement_of(tiny_project)
    # marked by either: s1 missiles (main only), s1 exercises (second only), s2 exercises
    assert table.loc["issue", "percent_agreement"] == pytest.approx(1 / 3)
    assert table.loc["issue", "alpha"] < 0.6


def test_without_a_second_labelling_there_is_nothing_to_compare(tiny_project):
    assert agreement_of(tiny_project).empty


def test_sentences_of_other_articles_do_not_count(tiny_project):
    write(tiny_project / "annotations" / "independent" / "a1.yaml", SECOND.format(position=-1))
    write(tiny_project / "seeds" / "a2.txt", "Other news\nSmith said nothing.\n")
    project = load(tiny_project)
    labels = project.all_labels
    everything = sentence_table(project.corpus, project.codebook)
    table = labeller_agreement(labels, everything).set_index("task")
    assert table.loc["issue", "units"] == 8


def test_the_shipped_labellings_agree_well_on_issues_and_positions():
    project = load_project(
        ROOT / "seeds", [(ROOT / "seeds", ROOT / "annotations")], codebook=SHIPPED_CODEBOOK
    )
    table = project_agreement(project).set_index("task")
    assert table.loc["issue", "alpha"] > 0.8
    assert table.loc["position", "both_coded"] > 40
    assert not math.isnan(table.loc["position", "percent_agreement"])
