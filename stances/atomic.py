"""Atomic writes: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stances.errors import OutputError


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it onto `target`.

    On any error the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise OutputError(
            f"folder {target.parent} does not exist; create it or pick another output path",
            path=target,
        )
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(
            f"cannot write in {target.parent}: {error.strerror}", path=target
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as error:
        raise OutputError(f"cannot write the file: {error.strerror}", path=target) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(target: Path | str, text: str) -> Path:
    """Write text to `target` atomically (UTF-8)."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(target)
