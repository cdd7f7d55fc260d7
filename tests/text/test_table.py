"""The sentence table: offsets, text, the sentence before, the actors; sentence numbers."""

import pytest

from stances.project.codebook import load_codebook
from stances.project.corpus import Article, Corpus
from stances.text.table import SENTENCE_COLUMNS, sentence_numbers, sentence_table
from tests.conftest import TINY_ARTICLE, TINY_CODEBOOK, write

SECOND = "Second day\nIvanov said the drills go on. He added that nothing changed.\n"


@pytest.fixture
def table(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    corpus = Corpus(None, {"a1": Article("a1", TINY_ARTICLE), "a2": Article("a2", SECOND)})
    return sentence_table(corpus, codebook)


def test_the_table_has_the_documented_columns_and_a_row_per_sentence(table):
    assert list(table.columns) == SENTENCE_COLUMNS
    assert list(table["article"]) == ["a1"] * 4 + ["a2"] * 3
    assert list(table["sentence"]) == [0, 1, 2, 3, 0, 1, 2]


def test_offsets_give_the_text_and_the_context_is_the_sentence_before(table):
    texts = {"a1": TINY_ARTICLE, "a2": SECOND}
    for row in table.itertuples():
        assert texts[row.article][row.start : row.end] == row.text
    assert list(table["context"][:2]) == ["", "Talks on arms end without a deal"]
    assert table["context"].iloc[4] == ""  # a new article starts without context


def test_actors_are_attributed_and_carried_over_to_the_next_sentence(table):
    speakers = [[a.speaker for a in actors] for actors in table["actors"]]
    assert speakers == [[], ["smith"], ["ivanov"], [], [], ["ivanov"], ["ivanov"]]
    assert table["actors"].iloc[6][0].method == "pronoun"


def test_candidates_hold_the_rule_speaker_and_the_speaker_before(table):
    groups = [sorted(c.group for c in candidates) for candidates in table["candidates"]]
    assert list(table["speaks"]) == [len(g) > 0 for g in groups]
    assert groups[1] == ["west"] and groups[2] == ["east", "west"]
    by_group = {c.group: c.features for c in table["candidates"].iloc[2]}
    assert "from_previous" in by_group["west"] and "from_previous" not in by_group["east"]


def test_chosen_articles_come_in_the_order_given(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    corpus = Corpus(None, {"a1": Article("a1", TINY_ARTICLE), "a2": Article("a2", SECOND)})
    chosen = sentence_table(corpus, codebook, articles=["a2"])
    assert set(chosen["article"]) == {"a2"}


def test_sentence_numbers_name_the_sentence_holding_each_offset(table):
    offsets = [0, TINY_ARTICLE.index("Ivanov"), TINY_ARTICLE.index("cold"), SECOND.index("He")]
    numbers = sentence_numbers(table, ["a1", "a1", "a1", "a2"], offsets)
    assert numbers == [0, 2, 3, 2]


def test_the_voice_says_how_each_sentence_gives_its_speaker(tmp_path):
    codebook = load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK))
    text = (
        "Second day\n"
        "Around 100,000 troops stay near the border. “The drills are ours.”\n"
        "Ivanov said the drills go on. He added that nothing changed.\n"
        "Q: Will they stop?\n"
        "IVANOV: Nothing will change. The drills are planned.\n"
    )
    table = sentence_table(Corpus(None, {"a": Article("a", text)}), codebook)
    assert list(table["voice"]) == [
        "none",  # a headline naming nobody
        "none",  # an observation
        "quoted",  # a quotation nobody is named for yet
        "reporting-verb",
        "pronoun",
        "none",  # a question
        "headline",  # "NAME:" opens the turn
        "turn",  # and speaks for the rest of it
    ]
