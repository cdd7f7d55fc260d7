"""What one matrix cell says, the same in the workbook, the terminal and `compare`:
its label and mean position, and the evidence behind it."""

from __future__ import annotations

import math

EMPTY_CELL = "–"
MODEL_ONLY_NOTE = (
    "model only: no hand label behind the cell; read the quotes before citing it "
    "(conf: the model rows' mean confidence)"
)


def evidence_text(human: int, model: int, confidence: float) -> str:
    """How many hand labels and model rows a cell rests on.

    >>> evidence_text(4, 0, math.nan), evidence_text(4, 2, 0.712), evidence_text(0, 2, 0.46)
    ('n=4, hand', 'n=6: 4 hand, 2 model, conf 0.71', 'n=2, model only, conf 0.46')
    """
    if model == 0:
        return f"n={human}, hand"
    if human == 0:
        return f"n={model}, model only, conf {confidence:.2f}"
    return f"n={human + model}: {human} hand, {model} model, conf {confidence:.2f}"


def cell_text(label: str, position: float, human: int, model: int, confidence: float) -> str:
    """A cell in one line: "oppose -1.00 (n=6: 4 hand, 2 model, conf 0.71)", "–" when empty.

    >>> cell_text("support", 1.0, 0, 2, 0.46)
    'support +1.00 (n=2, model only, conf 0.46)'
    """
    if human + model == 0:
        return EMPTY_CELL
    return f"{label} {position:+.2f} ({evidence_text(human, model, confidence)})"


def is_model_only(human: int, model: int) -> bool:
    """A cell that rests on model rows alone."""
    return model > 0 and human == 0


def row_cell_text(row) -> str:
    """`cell_text` of a matrix row (a mapping or named tuple with the matrix columns)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    confidence = get("model_confidence")
    confidence = math.nan if confidence is None else float(confidence)
    return cell_text(
        get("label"), float(get("position")), int(get("human")), int(get("model")), confidence
    )
