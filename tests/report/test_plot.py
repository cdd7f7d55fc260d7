"""The heatmap: a PNG of the matrix, written atomically, refused under another suffix."""

import pytest

from stances.errors import OutputError
from stances.report.matrix import build_matrix
from stances.report.plot import draw_heatmap
from tests.conftest import statements_table as statements

MATRIX = build_matrix(
    statements(("a", "x", "east", "missiles", 1), ("a", "y", "west", "missiles", -1)),
    issues=["missiles", "exercises"],
)


def test_the_heatmap_is_a_png(tmp_path):
    path = draw_heatmap(MATRIX, tmp_path / "m.png")
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_another_suffix_is_refused_before_drawing(tmp_path):
    with pytest.raises(OutputError, match=r"must be a \.png file"):
        draw_heatmap(MATRIX, tmp_path / "m.yaml")
