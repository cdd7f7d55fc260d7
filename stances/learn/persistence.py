"""Saving and loading fitted models with skops, beside a manifest of what made them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import skops.io as sio
from sklearn.pipeline import Pipeline

from stances.errors import ModelError
from stances.io.atomic import atomic_path, write_text_atomic
from stances.learn.features import StatementCues
from stances.learn.figures import Figures
from stances.learn.model import StanceModel, _held_out_log_likelihood
from stances.project.codebook import CODEBOOK_FILE
from stances.project.labels import annotation_files

MODEL_FILE = "stances.skops"
MANIFEST_FILE = "manifest.json"
# Types a stances model may hold beyond those skops trusts by default.
TRUSTED_TYPES = [
    f"{kind.__module__}.{kind.__qualname__}" for kind in (StatementCues, _held_out_log_likelihood)
]
LIBRARIES = ["scikit-learn", "numpy", "scipy", "pandas", "skops", "blingfire"]


def training_fingerprint(annotations: Path, corpus: Path) -> str:
    """SHA-256 of the codebook, the training annotation files and the articles they label."""
    digest = hashlib.sha256()
    files = [annotations / CODEBOOK_FILE] + [
        p for p in annotation_files(annotations) if p.parent == annotations
    ]
    files += sorted(corpus.glob("*.txt"))
    for path in files:
        digest.update(path.name.encode() + b"\0")
        _add_file(digest, path)
        digest.update(b"\0")
    return digest.hexdigest()


def _add_file(digest: hashlib._Hash, path: Path) -> None:
    """Feed the file to `digest` in chunks, or a marker when it is no regular file.

    Loading the folder, device or dangling link later reports the problem.
    """
    if not path.is_file():
        digest.update(b"\0not a regular file\0")
        return
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        digest.update(b"\0unreadable\0")


def check_model_folder(folder: Path) -> None:
    """Raise `ModelError` when `folder` exists but is not a folder (before any training)."""
    if folder.exists() and not folder.is_dir():
        raise ModelError(
            "not a folder; --models takes a folder (created when missing)", path=folder
        )


def save_model(
    model: StanceModel, folder: Path, *, fingerprint: str, figures: Figures | None
) -> Path:
    """Write the model (skops) and its manifest, each atomically; return the model path."""
    check_model_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ModelError(f"cannot create the model folder: {error.strerror}", path=folder) from None
    target = folder / MODEL_FILE
    with atomic_path(target) as temporary:
        sio.dump(_as_dict(model), temporary)
        model_hash = hashlib.sha256(temporary.read_bytes()).hexdigest()
    manifest = {
        "fingerprint": fingerprint,
        "model_sha256": model_hash,
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": {name: version(name) for name in LIBRARIES},
        "chosen": model.chosen,
        "cross_validation": figures.to_dict() if figures else {},
    }
    write_text_atomic(folder / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")
    return target


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a saved model, or None when there is none or it is unreadable."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def load_model(folder: Path) -> StanceModel:
    """Load a saved model, refusing files changed since training or holding unknown types."""
    path = folder / MODEL_FILE
    manifest = read_manifest(folder)
    if manifest is None:
        raise ModelError(
            "no readable manifest.json beside the model; run `stances train`",
            path=folder / MANIFEST_FILE,
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(f"cannot read the model: {error.strerror}", path=path) from None
    if hashlib.sha256(data).hexdigest() != manifest.get("model_sha256"):
        raise ModelError(
            "the model file does not match its manifest (changed after training); "
            "delete it or run `stances train`",
            path=path,
        )
    try:
        untrusted = sio.get_untrusted_types(data=data)
        unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
        if unexpected:
            raise ModelError(
                f"the model holds types stances does not trust: {unexpected}; "
                "delete it or run `stances train`",
                path=path,
            )
        loaded = sio.loads(data, trusted=untrusted)
    except ModelError:
        raise
    except Exception as error:  # skops raises many kinds for a file that is not its own
        raise ModelError(
            f"not a stances model ({type(error).__name__}); delete it or run `stances train`",
            path=path,
        ) from None
    return _from_dict(loaded, manifest, path)


def _as_dict(model: StanceModel) -> dict:
    return {
        "issues": list(model.issues),
        "issue_model": model.issue_model,
        "position_model": model.position_model,
    }


def _from_dict(loaded: object, manifest: dict, path: Path) -> StanceModel:
    if not _is_model_dict(loaded):
        raise ModelError(
            "not a stances model (unexpected content); delete it or run `stances train`", path=path
        )
    return StanceModel(
        loaded["issues"],
        loaded["issue_model"],
        loaded["position_model"],
        manifest.get("chosen", {}),
    )


def _is_model_dict(loaded: object) -> bool:
    """What `_as_dict` writes: the issue ids and two fitted pipelines."""
    return (
        isinstance(loaded, dict)
        and set(loaded) == {"issues", "issue_model", "position_model"}
        and isinstance(loaded["issues"], list)
        and all(isinstance(issue, str) for issue in loaded["issues"])
        and all(
            isinstance(loaded[name], Pipeline) and hasattr(loaded[name], "predict_proba")
            for name in ("issue_model", "position_model")
        )
    )
