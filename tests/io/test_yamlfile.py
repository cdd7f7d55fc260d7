"""Safe YAML: lines of every key and item, refused aliases and nesting, documents round trip."""

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.errors import InputError
from stances.io.yamlfile import (
    dump_yaml_documents,
    line_at,
    load_yaml,
    load_yaml_documents,
    parse_yaml,
    read_yaml,
)


def test_keys_and_items_remember_their_lines():
    data = parse_yaml("a: 1\nitems:\n  - x\n  - y: 2\n")
    assert data.line_of("items") == 2
    assert line_at(data, ("items", 1, "y")) == 4
    assert line_at(data, ("items", 7)) == 2  # as deep as the location reaches


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1]\nb: *x\n", "aliases (*name) are not allowed"),
        ("a: 1\na: 2\n", "duplicate key 'a'; keep only one"),
        ("a: " + "[" * 60 + "]" * 60 + "\n", "nested more than 50 levels deep"),
        ("d: 2022-02-30\n", "'2022-02-30' is not a valid date"),
        ("a: [1\n", "expected ',' or ']'"),
    ],
)
def test_bad_yaml_is_one_located_error(text, message):
    with pytest.raises(InputError, match="YAML error") as raised:
        parse_yaml(text, "f.yaml")
    assert message in str(raised.value)
    assert raised.value.line is not None


def test_a_file_keeps_the_digest_of_its_bytes(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\r\n")
    file = read_yaml(path)
    assert (file.data, file.sha256) == ({"a": 1}, hashlib.sha256(b"a: 1\r\n").hexdigest())
    assert load_yaml(path) == {"a": 1}


hostile_text = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            *["yes", "no", "null", "~", "1", "0x1F", "2022-01-01", "=SUM(A1)", "- item", "a: b"],
            *["---", "&anchor *alias", "!tag", "%YAML 1.1", "Zoë «Ёлка» 😀", "\u2028\u2029\x85"],
            "\r\nx\r",
        ]
    ),
)
documents = st.lists(
    st.dictionaries(st.sampled_from(["article", "quote", "note"]), hostile_text, min_size=1),
    min_size=1,
    max_size=4,
)


@given(documents)
@settings(max_examples=200, deadline=None)
def test_documents_load_back_as_they_were_dumped(docs):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.yaml"
        path.write_text(dump_yaml_documents(docs), encoding="utf-8")
        assert load_yaml_documents(path) == docs
