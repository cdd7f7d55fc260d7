"""Loading a folder of articles, with and without metadata."""

import datetime as dt

import pytest

from stances.errors import InputError
from stances.project.corpus import load_corpus, refuse_authored
from tests.conftest import ROOT, write


def test_shipped_seeds_load_with_their_metadata():
    corpus = load_corpus(ROOT / "seeds")
    assert len(corpus) == 5
    article = corpus["002_dc24e759925532ba"]
    assert article.date == dt.date(2022, 1, 12)
    assert article.title.startswith("Security talks between Washington and Moscow")


def test_a_folder_without_metadata_loads_with_stems_as_ids_and_first_lines_as_titles(tmp_path):
    write(tmp_path / "b.txt", "Second headline\nBody.")
    write(tmp_path / "a.txt", "\n\nFirst headline\nBody.")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["a", "b"]
    assert corpus["a"].title == "First headline"
    assert corpus["a"].date is None and corpus["a"].outlet is None


def test_an_article_missing_from_the_metadata_still_loads(tmp_path):
    write(tmp_path / "a.txt", "Headline A\n")
    write(tmp_path / "b.txt", "Headline B\n")
    write(tmp_path / "articles.yaml", "a: {title: Custom, outlet: Wire, date: 2022-01-10}\n")
    corpus = load_corpus(tmp_path)
    assert corpus["a"].title == "Custom" and corpus["a"].date == dt.date(2022, 1, 10)
    assert corpus["b"].title == "Headline B" and corpus["b"].date is None


def test_bom_and_crlf_are_read_as_plain_text(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffHeadline\r\nBody text.\r\n".encode())
    article = load_corpus(tmp_path)["a"]
    assert article.text == "Headline\nBody text.\n"
    assert article.title == "Headline"


def test_a_file_that_is_not_utf8_is_refused_naming_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_bytes("Line one\nCaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(InputError) as raised:
        load_corpus(tmp_path)
    assert raised.value.path == tmp_path / "a.txt"
    assert raised.value.line == 2
    assert "not UTF-8" in str(raised.value)


def test_a_folder_without_articles_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"no \.txt articles"):
        load_corpus(tmp_path)


def test_a_bad_metadata_date_is_refused_with_its_line(tmp_path):
    write(tmp_path / "a.txt", "Headline\n")
    write(tmp_path / "articles.yaml", "# dates\na:\n  date: last Monday\n")
    with pytest.raises(InputError) as raised:
        load_corpus(tmp_path)
    assert raised.value.line == 2
    assert "YYYY-MM-DD" in str(raised.value)


def test_each_article_keeps_the_digest_of_its_bytes_and_the_corpus_is_read_only(tmp_path):
    import hashlib

    path = write(tmp_path / "a.txt", "Headline\n")
    corpus = load_corpus(tmp_path)
    assert corpus["a"].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(TypeError):
        corpus.articles["b"] = corpus["a"]


def test_authored_training_texts_and_their_style_are_read_from_the_metadata(tmp_path):
    write(tmp_path / "a.txt", "Invented wire\n")
    write(tmp_path / "b.txt", "Real report\n")
    write(tmp_path / "articles.yaml", "a:\n  authored: true\n  style: wire report\n")
    corpus = load_corpus(tmp_path)
    assert corpus.authored == ["a"]
    assert (corpus["a"].style, corpus["b"].authored) == ("wire report", False)


def test_authored_must_be_true_or_false(tmp_path):
    write(tmp_path / "a.txt", "Invented wire\n")
    write(tmp_path / "articles.yaml", "a:\n  authored: maybe\n")
    with pytest.raises(InputError) as raised:
        load_corpus(tmp_path)
    assert raised.value.line == 1 and "authored must be true or false" in str(raised.value)


def test_a_corpus_of_authored_texts_is_refused_as_news(tmp_path):
    write(tmp_path / "a.txt", "Invented wire\n")
    write(tmp_path / "articles.yaml", "a:\n  authored: true\n")
    with pytest.raises(InputError, match=r"authored training texts .* not news: a;"):
        refuse_authored(load_corpus(tmp_path))
