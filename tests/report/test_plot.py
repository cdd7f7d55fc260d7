"""The heatmap: a PNG of the matrix with words from the codebook, model-only cells pale
and hatched, written atomically, refused under another suffix."""

import matplotlib.image
import numpy as np
import pytest

from stances.errors import OutputError
from stances.project.codebook import load_codebook
from stances.report.matrix import build_matrix
from stances.report.names import Names
from stances.report.plot import DPI, draw_heatmap, heatmap_figure
from tests.conftest import SHIPPED_CODEBOOK
from tests.conftest import statements_table as statements

MATRIX = build_matrix(
    statements(("a", "x", "east", "missiles", 1), ("a", "y", "west", "missiles", -1)),
    issues=["missiles", "exercises"],
)
CODEBOOK = load_codebook(SHIPPED_CODEBOOK)
EVIDENCE = build_matrix(
    statements(
        ("a", "putin", "russia", "missiles", 1),
        ("a", "biden", "united_states", "missiles", 1, 0.7, "model"),
    ),
    issues=["missiles", "exercises"],
)


def test_the_heatmap_is_a_png(tmp_path):
    path = draw_heatmap(MATRIX, tmp_path / "m.png")
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_another_suffix_is_refused_before_drawing(tmp_path):
    with pytest.raises(OutputError, match=r"must be a \.png file"):
        draw_heatmap(MATRIX, tmp_path / "m.yaml")


def test_the_heatmap_reads_in_words_with_a_title_and_a_subtitle_on_the_colours():
    figure = heatmap_figure(EVIDENCE, names=Names(CODEBOOK), title="Positions", subtitle="")
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Russia", "United States"]
    missiles = axes.get_xticklabels()[0].get_text()
    assert " ".join(missiles.split()).startswith(
        "Missile limits +1: Missile deployments in Europe are limited by agreement"
    )
    texts = [t.get_text() for t in figure.texts]
    assert figure._suptitle.get_text() == "Positions"
    assert any("green supports the proposition" in t and "model rows only" in t for t in texts)


def test_a_cell_of_model_rows_alone_is_drawn_paler_than_a_hand_labelled_one(tmp_path):
    figure = heatmap_figure(EVIDENCE, names=Names(CODEBOOK))
    axes = figure.axes[0]
    figure.canvas.draw()
    corners = [axes.transData.transform((0.25, row + 0.25)) for row in (0, 1)]
    path = tmp_path / "m.png"
    figure.savefig(path, dpi=DPI)
    pixels = matplotlib.image.imread(path)
    height = pixels.shape[0]
    scale = DPI / figure.dpi

    def brightness(x, y):
        column, row = round(x * scale), round(height - y * scale)
        return pixels[row - 4 : row + 4, column - 4 : column + 4, :3].mean()

    hand, model_only = (brightness(*corner) for corner in corners)
    assert model_only > hand + 0.2
    assert np.isclose(pixels.shape[1], figure.get_figwidth() * DPI, atol=2)
