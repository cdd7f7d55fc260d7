"""Reading text files: UTF-8 with or without BOM, any line ends, nothing else."""

from __future__ import annotations

from pathlib import Path

from stances.errors import InputError

MAX_TEXT_BYTES = 20_000_000


def read_text(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Return the file's text with a BOM removed and line ends made `\\n`.

    Refuses binary files, files that are not UTF-8 and files over `max_bytes`,
    naming the line where the first bad byte stands.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,}; split it into "
                "smaller files",
                path=path,
            )
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from None
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
    return text.replace("\r\n", "\n").replace("\r", "\n")
