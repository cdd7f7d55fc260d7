"""Locating a label's quote in its article, and the hint when it is not there."""

from stances.project.quotes import closest_passage, locate_quote

TEXT = "Russia said no to the offer. The US said the offer stands."


def test_a_quote_occurring_once_is_located():
    located = locate_quote(TEXT, "no to the offer")
    assert (located.start, located.end, located.problem) == (12, 27, None)
    assert TEXT[located.start : located.end] == "no to the offer"


def test_a_quote_occurring_twice_must_be_lengthened():
    assert locate_quote(TEXT, "the offer").problem == (
        "quote occurs 2 times in the article; lengthen it until it occurs once"
    )


def test_a_missing_quote_names_the_closest_passage():
    assert locate_quote(TEXT, "US said teh offer stands").problem == (
        "quote not found in the article; closest passage (96% similar): 'US said the offer stands.'"
    )


def test_a_blank_quote_is_a_problem():
    assert locate_quote(TEXT, "   ").problem == (
        "the quote is empty; copy a passage from the article"
    )


def test_nothing_similar_says_so():
    assert closest_passage(TEXT, "zzzz qqqq") == (
        "no similar passage either: is this the right article?"
    )
