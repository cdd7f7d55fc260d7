"""Reading text: UTF-8 with or without BOM, any line ends, nothing else, bounded."""

import hashlib
import os

import pytest

from stances.errors import InputError
from stances.io.textfile import read_text, read_text_file


def test_bom_and_every_line_end_read_as_plain_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffone\r\ntwo\rthree\n".encode())
    assert read_text(path) == "one\ntwo\nthree\n"


def test_the_file_keeps_the_digest_of_its_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\n")
    file = read_text_file(path)
    assert (file.text, file.sha256) == ("one\n", hashlib.sha256(b"one\r\n").hexdigest())


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"ok\n\x00", 2, "binary file (NUL byte); only UTF-8 text is read"),
        ("x".encode("utf-16"), 1, "UTF-16 text; re-save the file as UTF-8"),
        (b"ok\nCaf\xe9\n", 2, "not UTF-8 text (byte 0xe9); re-save the file as UTF-8"),
    ],
)
def test_what_is_not_utf8_text_is_refused_at_its_line(tmp_path, data, line, message):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        read_text(path)
    assert (raised.value.line, raised.value.problem.message) == (line, message)


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match="file is 11 bytes, over the limit of 10 bytes"):
        read_text(path, max_bytes=10)


def test_a_folder_or_a_device_is_no_text_file(tmp_path):
    with pytest.raises(InputError, match="a folder, not a text file"):
        read_text(tmp_path)
    if os.path.exists("/dev/null"):
        with pytest.raises(InputError, match="a device, pipe or socket"):
            read_text("/dev/null")
