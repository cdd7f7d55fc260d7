"""Saving and loading fitted models with skops, beside a manifest of what made them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import skops.io as sio
from sklearn.pipeline import Pipeline

from stances.errors import ModelError
from stances.io.atomic import atomic_path
from stances.learn.choosing import held_out_log_likelihood
from stances.learn.features import StatementCues
from stances.learn.figures import Figures
from stances.learn.holders import HolderModel
from stances.learn.issues import IssueModel
from stances.learn.manifest import (
    MANIFEST_FILE,
    MODEL_FILE,
    Manifest,
    check_model_folder,
    read_manifest,
    write_manifest,
)
from stances.learn.model import StanceModel

OUR_TYPES = (StatementCues, held_out_log_likelihood)
# Types a stances model may hold beyond those skops trusts by default: ours, and what
# scikit-learn fits for an issue on every statement or none (a constant).
TRUSTED_TYPES = [
    *(f"{kind.__module__}.{kind.__qualname__}" for kind in OUR_TYPES),
    "sklearn.multiclass._ConstantPredictor",
]


MODEL_PARTS = (
    "issue_statement_model",
    "issue_topic_model",
    "position_model",
    "holder_candidate_model",
    "holder_rival_model",
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
    write_manifest(folder, Manifest(fingerprint, model_hash, model.chosen, figures))
    return target


def load_model(folder: Path, manifest: Manifest | None = None) -> StanceModel:
    """Load a saved model, refusing files changed since training or holding unknown types.

    `manifest` is the one `read_manifest` returned, read again when not given.
    """
    path = folder / MODEL_FILE
    manifest = manifest or read_manifest(folder)
    if manifest is None:
        raise ModelError(
            "no readable manifest.json beside the model; run `stances train`",
            path=folder / MANIFEST_FILE,
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(f"cannot read the model: {error.strerror}", path=path) from None
    if hashlib.sha256(data).hexdigest() != manifest.model_sha256:
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
        "issue_statement_model": model.issue_model.statement_model,
        "issue_topic_model": model.issue_model.topic_model,
        "position_model": model.position_model,
        "holder_candidate_model": model.holder_model.candidate_model,
        "holder_rival_model": model.holder_model.rival_model,
        "side_model": model.side_model,
    }


def _from_dict(loaded: object, manifest: Manifest, path: Path) -> StanceModel:
    if not _is_model_dict(loaded):
        raise ModelError(
            "not a stances model (unexpected content); delete it or run `stances train`", path=path
        )
    return StanceModel(
        loaded["issues"],
        IssueModel(loaded["issue_statement_model"], loaded["issue_topic_model"]),
        loaded["position_model"],
        HolderModel(loaded["holder_candidate_model"], loaded["holder_rival_model"]),
        loaded["side_model"],
        manifest.chosen,
    )


def _is_model_dict(loaded: object) -> bool:
    """What `_as_dict` writes: the issue ids, five fitted pipelines and the side
    model (a pipeline, or None)."""
    return (
        isinstance(loaded, dict)
        and set(loaded) == {"issues", "side_model", *MODEL_PARTS}
        and (loaded["side_model"] is None or isinstance(loaded["side_model"], Pipeline))
        and isinstance(loaded["issues"], list)
        and all(isinstance(issue, str) for issue in loaded["issues"])
        and all(
            isinstance(loaded[name], Pipeline) and hasattr(loaded[name], "predict_proba")
            for name in MODEL_PARTS
        )
    )
