"""Reading text files: UTF-8 with or without BOM, any line ends, nothing else."""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from stances.errors import InputError

MAX_TEXT_BYTES = 20_000_000
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class TextFile:
    """A text file as read: its text and the SHA-256 of its bytes (what changed it)."""

    path: Path
    text: str
    sha256: str


def read_text(path: Path | str, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Return the file's text with a BOM removed and line ends made `\\n`.

    Refuses binary files, files that are not UTF-8, files over `max_bytes` (never
    reading more than that) and anything but a regular file (a device may never
    end), naming the line where the first bad byte stands.
    """
    return read_text_file(path, max_bytes=max_bytes).text


def read_text_file(path: Path | str, *, max_bytes: int = MAX_TEXT_BYTES) -> TextFile:
    """Read a file as `read_text` does, keeping the SHA-256 of its bytes."""
    path = Path(path)
    raw = _read_bounded(path, max_bytes)
    if raw.startswith(UTF16_BOMS):
        raise InputError("UTF-16 text; re-save the file as UTF-8", path=path, line=1)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (NUL byte); only UTF-8 text is read", path=path, line=line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); re-save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(path, text, hashlib.sha256(raw).hexdigest())


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a device, pipe or socket"
            raise InputError(f"{kind}, not a text file; remove or rename it", path=path)
        if status.st_size > max_bytes:
            raise _too_big(path, f"file is {status.st_size:,} bytes, over", max_bytes)
        chunks, size = [], 0
        with path.open("rb") as handle:
            # in chunks: read(max_bytes) would allocate max_bytes for every small file
            while chunk := handle.read(READ_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_big(path, "file grew while being read, past", max_bytes)
                chunks.append(chunk)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
    return b"".join(chunks)


def _too_big(path: Path, what: str, max_bytes: int) -> InputError:
    return InputError(
        f"{what} the limit of {max_bytes:,} bytes; split it into smaller files", path=path
    )
