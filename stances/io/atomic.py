"""Atomic writes: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stances.errors import OutputError


def _read_umask() -> int:
    """The process umask (reading it means setting it; done once, at import)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def check_output_path(target: Path | str, *, suffix: str | None = None) -> Path:
    """Raise `OutputError` now if `target` could not be written atomically later.

    Lets a long job fail before its work rather than after. With `suffix` the name
    must end in it, so that no input file (.yaml, .txt) is ever replaced by an output.
    """
    target = Path(target)
    if suffix is not None and target.suffix.lower() != suffix:
        raise OutputError(
            f"the output must be a {suffix} file; pick a name ending in {suffix}", path=target
        )
    if target.is_dir():
        raise OutputError("is a folder; give a file name", path=target)
    _temporary_beside(target).unlink()
    return target


def check_output_folder(folder: Path | str, *, option: str) -> Path:
    """Raise `OutputError` now when `folder` exists but is no folder (made when missing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"not a folder; {option} takes a folder (created when missing)", path=folder
        )
    return folder


def check_new_path(target: Path | str, *, suffix: str) -> Path:
    """Raise `OutputError` unless `target` is a new file ending in `suffix` that can be written."""
    target = Path(target)
    if target.exists():
        raise OutputError("file exists; stances never overwrites it: pick a new name", path=target)
    return check_output_path(target, suffix=suffix)


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it onto `target`.

    On any error the temporary file is removed and `target` is left as it was.
    The file gets the permissions of the file it replaces, or the umask's.
    """
    target = Path(target)
    temporary = _temporary_beside(target)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(target))
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


def _temporary_beside(target: Path) -> Path:
    if target.is_file() and not target.stat().st_mode & 0o222:
        # Linux has no mandatory locks; a read-only file is the nearest thing to one
        raise OutputError(
            "the file is read-only (locked); make it writable or pick another name", path=target
        )
    folder = target.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(
            f"folder {folder} {problem}; create it or pick another output path", path=target
        )
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write in {folder}: {error.strerror}", path=target) from None
    os.close(handle)
    return Path(name)


def _mode_for(target: Path) -> int:
    """mkstemp makes files only the owner can read; an output should not be."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    return 0o666 & ~_UMASK
