"""The codebook: its schema, its references, the problems it reports."""

import pytest

from stances.errors import InputError, ValidationFailed
from stances.project.codebook import check_codebook, load_codebook
from tests.conftest import SHIPPED_CODEBOOK, TINY_CODEBOOK, write


@pytest.fixture
def codebook_path(tmp_path):
    return write(tmp_path / "codebook.yaml", TINY_CODEBOOK)


def test_the_shipped_codebook_loads_with_its_issues_groups_and_speakers():
    codebook = load_codebook(SHIPPED_CODEBOOK)
    assert codebook.issue_ids == ["nato_enlargement", "troop_withdrawal", "missiles", "exercises"]
    assert codebook.group_of("lavrov") == "russia"
    assert codebook.position_label(-1) == "oppose"


def test_a_valid_codebook_has_no_problems_and_the_digest_of_its_bytes(codebook_path):
    import hashlib

    check = check_codebook(codebook_path)
    assert check.problems == [] and check.codebook.group_ids == ["east", "west"]
    assert check.sha256 == hashlib.sha256(codebook_path.read_bytes()).hexdigest()


def test_a_speaker_in_an_unknown_group_is_reported(codebook_path):
    codebook_path.write_text(
        codebook_path.read_text().replace("group: west, aliases", "group: north, aliases")
    )
    with pytest.raises(ValidationFailed) as raised:
        load_codebook(codebook_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{codebook_path}:19: speakers -> 1: group 'north' is not among the groups "
        "['east', 'west']; add it or fix it"
    ]


def test_a_repeated_issue_id_is_reported(codebook_path):
    text = codebook_path.read_text().replace("id: exercises", "id: missiles")
    [problem] = check_codebook(write(codebook_path, text)).problems
    assert "issue id(s) ['missiles'] appear more than once" in problem.message


def test_a_missing_codebook_is_one_problem(tmp_path):
    [problem] = check_codebook(tmp_path / "codebook.yaml").problems
    assert problem.message == "codebook not found; create it (see CODING_RULES.md)"


def test_a_codebook_that_is_no_yaml_is_refused_at_its_line(codebook_path):
    write(codebook_path, "issues: [\n")
    with pytest.raises(InputError) as raised:
        check_codebook(codebook_path)
    assert raised.value.line == 2
