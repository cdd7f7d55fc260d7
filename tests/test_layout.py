"""The package reads like the flow: no module imports one that stands later in it."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "stances"
# The flow, first to last; a module may import its own stage and earlier ones.
STAGES = ["errors", "io", "project", "text", "learn", "statements", "report", "pipeline", "cli"]
LAST = {"__init__", "__main__"}  # the public API and `python -m stances` see everything


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    return len(STAGES) if part in LAST else STAGES.index(part)


def imports_of(path: Path) -> set[str]:
    """Every stances module `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stances"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("stances")}
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_stands_in_a_stage_of_the_flow():
    assert all(
        module == "stances" or module.split(".")[1] in {*STAGES, *LAST} for module in MODULES
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    later = [i for i in imports_of(MODULES[module]) if stage_of(i) > stage_of(module)]
    assert later == [], f"{module} imports {later}, later in the flow"


def test_the_report_formats_figures_from_the_record_not_from_training():
    report = [m for m in MODULES if m.startswith("stances.report.")]
    learned = {i for m in report for i in imports_of(MODULES[m]) if i.startswith("stances.learn")}
    assert learned == {"stances.learn.figures"}


def test_there_are_no_import_cycles():
    graph = {m: {i for i in imports_of(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    graph["stances"] = set()  # its imports are lazy (names resolved on first use)
    done, visiting = set(), set()

    def visit(module, path):
        assert module not in visiting, f"cycle: {' -> '.join([*path, module])}"
        if module in done:
            return
        visiting.add(module)
        for imported in graph[module]:
            visit(imported, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])
