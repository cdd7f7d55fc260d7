"""The keyword-and-prior baseline: issue terms, the first registry name, the usual position."""

import pandas as pd

from stances.learn.baseline import keyword_statements
from stances.project.codebook import load_codebook
from tests.conftest import TINY_CODEBOOK, write


def test_the_baseline_gives_the_first_named_group_its_usual_position(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    sentences = pd.DataFrame(
        {
            "article": ["a", "a"],
            "sentence": [0, 1],
            "text": ["Ivanov said Smith wants fewer drills.", "Nobody spoke of missiles."],
        }
    )
    training = pd.DataFrame(
        {"group": ["east", "east"], "issue": ["exercises", "exercises"], "position": [-1, -1]}
    )
    rows = keyword_statements(sentences, codebook, training)
    assert rows[["sentence", "group", "issue", "position"]].values.tolist() == [
        [0, "east", "exercises", -1]
    ]
