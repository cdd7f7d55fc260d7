"""Doctests (in `stances/` and README.md) run in the repository, on the shipped data."""

from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctests_run_in_the_repository(request: pytest.FixtureRequest, monkeypatch) -> None:
    if isinstance(request.node, DoctestItem):
        monkeypatch.chdir(ROOT)
