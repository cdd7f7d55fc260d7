"""Fixtures: tiny projects written into tmp_path, and the shipped data."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from stances.project.load import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CODEBOOK = ROOT / "annotations" / "codebook.yaml"


@pytest.fixture(autouse=True)
def _never_in_the_working_directory(tmp_path_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own empty folder: nothing lands in the repository."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


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


TRAINING_ARTICLES = {
    "t1": (
        "Arms talks open in Vienna\n\n"
        "Jane Smith said Westland is ready to limit missiles in Europe. "
        "Ivanov said Eastland rejects any limit on its missiles. "
        "Smith told reporters that Westland wants fewer drills near the border. "
        "Ivanov warned that the drills will go ahead as planned. "
        "The weather in the capital was cold. Delegates ate lunch together.\n"
    ),
    "t2": (
        "Second round in Geneva\n\n"
        "Smith said Westland would welcome a treaty that limits missiles. "
        "Ivanov said Eastland will never accept limits on missiles. "
        "Smith added that Westland supports smaller exercises. "
        "Ivanov said Eastland refuses to reduce its exercises. "
        "Rain fell on the lake all afternoon. The hotel was full.\n"
    ),
    "t3": (
        "Talks end in Brussels\n\n"
        "Jane Smith said Westland backs a deal to limit missiles. "
        "Ivanov told reporters that Eastland opposes any missile limits. "
        "Smith said Westland is open to limits on drills. "
        "Ivanov said the exercises are not up for discussion. "
        "The train to the airport was late. Journalists waited outside.\n"
    ),
}
TRAINING_LABELS = {
    "t1": [
        ("ready to limit missiles", "smith", "missiles", 1),
        ("rejects any limit on its missiles", "ivanov", "missiles", -1),
        ("wants fewer drills near the border", "smith", "exercises", 1),
        ("the drills will go ahead as planned", "ivanov", "exercises", -1),
    ],
    "t2": [
        ("welcome a treaty that limits missiles", "smith", "missiles", 1),
        ("will never accept limits on missiles", "ivanov", "missiles", -1),
        ("supports smaller exercises", "smith", "exercises", 1),
        ("refuses to reduce its exercises", "ivanov", "exercises", -1),
    ],
    "t3": [
        ("backs a deal to limit missiles", "smith", "missiles", 1),
        ("opposes any missile limits", "ivanov", "missiles", -1),
        ("open to limits on drills", "smith", "exercises", 1),
        ("the exercises are not up for discussion", "ivanov", "exercises", -1),
    ],
}


def labels_yaml(article: str, labels: list[tuple]) -> str:
    lines = [f"article: {article}", "annotator: tester", "statements:"]
    for index, (quote, speaker, issue, position) in enumerate(labels, start=1):
        lines += [
            f"  - id: s{index}",
            f'    quote: "{quote}"',
            f"    speaker: {speaker}",
            f"    issue: {issue}",
            f"    position: {position}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def training_project(tmp_path: Path) -> Path:
    """Three small labelled articles: enough to train and cross-validate the model."""
    return write_training_project(tmp_path)


def load(project: Path, corpus: str = "seeds") -> Project:
    """The project of a fixture folder: `corpus` to tag, labelled seeds/ and annotations/."""
    return load_project(
        project / corpus,
        [(project / "seeds", project / "annotations")],
        codebook=project / "annotations" / "codebook.yaml",
    )


def write_training_project(folder: Path) -> Path:
    for article, text in TRAINING_ARTICLES.items():
        write(folder / "seeds" / f"{article}.txt", text)
        write(
            folder / "annotations" / f"{article}.yaml",
            labels_yaml(article, TRAINING_LABELS[article]),
        )
    write(folder / "annotations" / "codebook.yaml", TINY_CODEBOOK)
    return folder


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """The three-article training project, loaded, with a model fitted on it (shared:
    neither may be changed)."""
    from stances.learn.training import train

    project = load(write_training_project(tmp_path_factory.mktemp("trained")))
    return project, train(project)


def statements_table(*rows) -> pd.DataFrame:
    """A statements table from rows of (article, speaker, group, issue, position
    [, confidence, source])."""
    from stances.statements.tagging import STATEMENT_COLUMNS

    records = []
    for index, row in enumerate(rows):
        article, speaker, group, issue, position, *rest = row
        confidence, source = rest if rest else (1.0, "human")
        records.append(
            {
                "article": article,
                "sentence": index,
                "start": index * 10,
                "end": index * 10 + 5,
                "text": f"quote {index}",
                "speaker": speaker,
                "group": group,
                "issue": issue,
                "position": position,
                "confidence": confidence,
                "source": source,
            }
        )
    return pd.DataFrame(records, columns=STATEMENT_COLUMNS)
