"""Fixtures: tiny projects written into tmp_path, and the shipped data."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

TINY_CODEBOOK = """\
issues:
  - id: missiles
    label: Missile limits
    proposition: Missile deployments are limited by agreement.
    terms: [missile, missiles]
  - id: exercises
    label: Exercise limits
    proposition: Military exercises are limited.
    terms: [exercise, exercises, drills]
positions:
  - {value: -1, label: oppose}
  - {value: 0, label: neutral}
  - {value: 1, label: support}
groups:
  - {id: east, label: Eastland}
  - {id: west, label: Westland}
speakers:
  - {id: ivanov, name: Ivan Ivanov, group: east, aliases: [Ivanov, Ivan Ivanov]}
  - {id: smith, name: Jane Smith, group: west, aliases: [Smith, Jane Smith]}
affiliation_cues:
  - {group: east, cues: [Eastland's, Eastern]}
  - {group: west, cues: [Westland's, Western]}
"""

TINY_ARTICLE = (
    "Talks on arms end without a deal\n\n"
    "Jane Smith said Westland is ready to limit missiles in Europe. "
    "Ivanov said Eastland rejects any limit on its drills.\n"
    "The weather was cold.\n"
)

TINY_LABELS = """\
article: a1
annotator: tester
statements:
  - id: s1
    quote: "ready to limit missiles in Europe"
    speaker: smith
    issue: missiles
    position: 1
  - id: s2
    quote: "rejects any limit on its drills"
    speaker: ivanov
    issue: exercises
    position: -1
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A project with one article, a two-issue codebook and two labels."""
    write(tmp_path / "seeds" / "a1.txt", TINY_ARTICLE)
    write(tmp_path / "annotations" / "codebook.yaml", TINY_CODEBOOK)
    write(tmp_path / "annotations" / "a1.yaml", TINY_LABELS)
    return tmp_path


@pytest.fixture
def shipped_project(tmp_path: Path) -> Path:
    """A copy of the shipped seeds and annotations."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "annotations", tmp_path / "annotations")
    return tmp_path
