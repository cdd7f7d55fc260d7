"""The attribution's word lists: data, each word written once; bodies from the codebook."""

import re
from pathlib import Path

import pytest

from stances.errors import ValidationFailed
from stances.project.codebook import load_codebook
from stances.text.attribution import TITLE_WORDS, Attributor, body_words
from stances.text.words import WORDS, WORDS_FILE, load_words
from tests.conftest import ROOT, TINY_CODEBOOK, write

LISTS = [name for name, value in WORDS if isinstance(value, tuple)]


@pytest.mark.parametrize("name", LISTS)
def test_every_word_stands_once_in_its_list(name):
    words = getattr(WORDS, name)
    assert len(words) == len(set(words)), [w for w in words if words.count(w) > 1]


def test_role_nouns_and_their_plurals_stand_once():
    forms = [*WORDS.role_nouns, *(r.plural for r in WORDS.role_nouns.values() if r.plural)]
    assert len(forms) == len(set(forms))


def test_a_bare_no_read_by_yaml_as_false_is_refused(tmp_path):
    text = WORDS_FILE.read_text(encoding="utf-8").replace("'no'", "no")
    with pytest.raises(
        ValidationFailed, match=r"quantifiers -> \d+: Input should be a valid string"
    ):
        load_words(write(tmp_path / "words.yaml", text))


@pytest.mark.parametrize("path", sorted((ROOT / "stances").rglob("*.py")), ids=lambda p: p.name)
def test_no_module_names_a_body_or_a_word_list_of_its_own(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"Pentagon|Kremlin|NATO|OSCE|White House", text)
    assert not re.search(r"said\|", text), "reporting verbs belong in words.yaml"


def test_names_of_bodies_come_from_the_codebook():
    assert not {"Pentagon", "Kremlin", "NATO", "OSCE"} & TITLE_WORDS
    shipped = body_words(load_codebook(ROOT / "annotations" / "codebook.yaml"))
    assert {"Pentagon", "Kremlin", "NATO", "OSCE", "White", "House", "U.S."} <= shipped


def test_a_body_of_the_codebook_is_part_of_the_title_before_a_name(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    sentence = "Westland Jane Roe said the drills would stop."
    [actor] = Attributor(codebook).attribute_sentence(sentence)
    assert (actor.speaker, actor.name) == ("new:jane_roe", "Jane Roe")


def test_a_body_missing_from_the_codebook_is_no_title(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    [actor] = Attributor(codebook).attribute_sentence("Treasury Jane Roe said no.")
    assert actor.name == "Treasury Jane Roe"
