"""The public API: what a notebook needs, each function with an example that runs."""

import inspect
import re
import subprocess
import sys

import pytest

import stances
from tests.conftest import ROOT

NOTEBOOK_FLOW = [
    "load_project",
    "train",
    "tag",
    "build_matrix",
    "compare_articles",
    "write_workbook",
]
FUNCTIONS = [name for name in stances.__all__ if inspect.isfunction(getattr(stances, name))]


def test_every_exported_name_resolves_and_the_flow_is_exported():
    assert all(getattr(stances, name) is not None for name in stances.__all__)
    assert set(NOTEBOOK_FLOW) <= set(FUNCTIONS)
    assert set(stances.__all__) <= set(dir(stances))
    with pytest.raises(AttributeError):
        stances.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_exported_function_has_an_example(name):
    assert ">>> " in inspect.getdoc(getattr(stances, name))


def test_no_example_is_skipped():
    sources = [*(ROOT / "stances").rglob("*.py"), ROOT / "README.md"]
    skipped = [p.name for p in sources if "+SKIP" in p.read_text(encoding="utf-8")]
    assert skipped == []


def test_the_readme_example_walks_the_whole_flow():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = "\n".join(re.findall(r"^(?:>>>|\.\.\.) .*$", readme, flags=re.MULTILINE))
    for name in NOTEBOOK_FLOW:
        assert f"stances.{name}(" in example


def test_the_command_imports_no_heavy_library_until_it_needs_one():
    heavy = "{'sklearn', 'skops', 'pandas', 'numpy', 'openpyxl', 'pyarrow', 'pydantic'}"
    code = f"import sys, stances.cli; print(sorted({heavy} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr
