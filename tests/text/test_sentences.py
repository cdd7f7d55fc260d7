"""Sentence segmentation: exact offsets and the hard cases of news text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.project.corpus import Article
from stances.text.sentences import Sentence, segment_article, split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. delegation left Geneva on Monday.",
        "Talks resume on Jan. 10 in Geneva.",
        "Lt. Gen. Mark Doe briefed the allies.",
        "Deputy Secretary Laura K. Cooper spoke after the meeting.",
        "SEN. JANE DOE (D-Minn.), CHAIR: Mr. Roe, welcome.",
        "Then MR. ROE asked DR. ANA DOE a question.",
        "LT. GEN. JOHN DOE: We will hold the drills.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text", ["He met the sales rep. He said no.", "I spoke to the Gen. He agreed."]
)
def test_an_abbreviation_ending_a_sentence_in_lower_case_text_still_ends_it(text):
    assert len(sentences(text)) == 2


def test_a_quote_closing_after_the_full_stop_stays_with_its_sentence():
    text = "“We will not wait forever.” Lavrov said so on Friday."
    assert sentences(text) == ["“We will not wait forever.”", "Lavrov said so on Friday."]


def test_a_headline_line_is_its_own_sentence():
    text = "Talks end without a deal\n\nThe envoys went home. Nobody smiled."
    assert sentences(text) == [
        "Talks end without a deal",
        "The envoys went home.",
        "Nobody smiled.",
    ]


def test_a_paragraph_without_a_final_stop_ends_at_the_line_end():
    text = "First paragraph has no stop\nSecond one does."
    assert sentences(text) == ["First paragraph has no stop", "Second one does."]


def test_offsets_index_the_original_text_with_non_ascii_characters():
    text = "Russia’s envoy said “no” – firmly.  Then — silence.\n\n  Indented line here."
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()
        assert text[start:end]
    assert sentences(text)[-1] == "Indented line here."


def test_blank_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t") == []


def test_an_article_is_segmented_into_numbered_sentences_with_their_text():
    article = Article("a1", "Talks end\n\nThe U.S. objected. Russia left.")
    assert segment_article(article) == [
        Sentence("a1", 0, 0, 9, "Talks end"),
        Sentence("a1", 1, 11, 29, "The U.S. objected."),
        Sentence("a1", 2, 30, 42, "Russia left."),
    ]


news_text = st.lists(
    st.sampled_from([*list("abc XYZ.,!?“”\"'’–-\n\t0123456789é"), "U.S. ", "Jan. ", "Mr. "]),
    max_size=120,
).map("".join)


@given(st.one_of(news_text, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_sentence_offsets_are_ordered_disjoint_and_round_trip(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())
