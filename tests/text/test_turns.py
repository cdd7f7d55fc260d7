"""Transcript turns: the label of each "NAME: …" paragraph, and whether it asks."""

from stances.text.sentences import split_sentences
from stances.text.turns import transcript_turns


def turns(text: str):
    return transcript_turns(text, split_sentences(text))


def test_a_labelled_paragraph_is_a_turn_until_the_next_label():
    text = "Hearing\n\nROE: We will not. Never.\n\nDOE: Why not?\n"
    headline, first, second, third = turns(text)
    assert headline is None
    assert first.label == second.label == "ROE" and not first.asking
    assert third.label == "DOE" and third.asking


def test_a_label_may_say_who_the_speaker_is_in_brackets_or_after_a_comma():
    text = (
        "Hearing\n\n"
        "SEN. JANE ROE (D-Minn.), CHAIR: Thank you.\n\n"
        "JOHN DOE, DEPUTY MINISTER OF DEFENCE: Thank you.\n"
    )
    _, chair, witness = turns(text)
    assert (chair.label, chair.description) == ("SEN. JANE ROE", "CHAIR")
    assert (witness.label, witness.description) == ("JOHN DOE", "DEPUTY MINISTER OF DEFENCE")


def test_prose_with_a_comma_before_a_colon_is_no_turn():
    for line in ("Moscow, he said: no deal.", "Washington, D.C.: the talks ended."):
        assert turns(f"Talks\n\n{line}\n") == [None, None]


def test_a_question_label_asks():
    _, question = turns("Interview\n\nQ: Will you limit the drills?\n")
    assert question.labelled_question and question.asking
