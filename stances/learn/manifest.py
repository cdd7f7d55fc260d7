"""The model folder and the manifest beside a saved model: what made it, and its figures."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from stances.io.atomic import check_output_folder, write_text_atomic
from stances.learn.figures import Figures

MODEL_FILE = "stances.skops"
MANIFEST_FILE = "manifest.json"
LIBRARIES = ["scikit-learn", "numpy", "scipy", "pandas", "skops", "blingfire"]


@dataclass(frozen=True)
class Manifest:
    """What made a saved model: the fingerprint of its training inputs, the SHA-256 of the
    model file, the regularisation chosen and the cross-validation figures."""

    fingerprint: str | None
    model_sha256: str | None
    chosen: dict = field(default_factory=dict)
    figures: Figures | None = None

    def is_current(self, folder: Path, fingerprint: str) -> bool:
        """Whether the model file is there and was trained on inputs with `fingerprint`."""
        return self.fingerprint == fingerprint and (folder / MODEL_FILE).exists()


def check_model_folder(folder: Path | str) -> Path:
    """Raise `OutputError` now when `folder` exists but is no folder (made when missing)."""
    return check_output_folder(folder, option="--models")


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of a saved model, or None when there is none or it is unreadable."""
    try:
        data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return Manifest(
        data.get("fingerprint"),
        data.get("model_sha256"),
        data.get("chosen", {}),
        _figures_of(data.get("cross_validation")),
    )


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write the manifest atomically, with the time and the library versions."""
    data = {
        "fingerprint": manifest.fingerprint,
        "model_sha256": manifest.model_sha256,
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": {name: version(name) for name in LIBRARIES},
        "chosen": manifest.chosen,
        "cross_validation": manifest.figures.to_dict() if manifest.figures else {},
    }
    return write_text_atomic(folder / MANIFEST_FILE, json.dumps(data, indent=2) + "\n")


def _figures_of(data: object) -> Figures | None:
    """The figures of a manifest; None when it holds none, or none we can read."""
    try:
        return Figures.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
