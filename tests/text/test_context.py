"""What a sentence refers back to: the sentence before, and a transcript answer's question."""

from stances.text.context import sentence_contexts
from stances.text.sentences import split_sentences

TRANSCRIPT = (
    "Briefing\n\n"
    "Q: Did you discuss the drills near the border? And missiles?\n\n"
    "PETROVA: Yes, this was discussed. We said no.\n"
)


def test_the_context_of_a_sentence_is_the_sentence_before():
    text = "Talks end\n\nLavrov said no. He added that it was over.\n"
    assert sentence_contexts(text, split_sentences(text)) == [
        "",
        "Talks end",
        "Lavrov said no.",
    ]


def test_an_answer_in_a_transcript_carries_the_question_it_replies_to():
    contexts = sentence_contexts(TRANSCRIPT, split_sentences(TRANSCRIPT))
    question = "Did you discuss the drills near the border? And missiles?"
    assert contexts[3] == question
    assert contexts[4].startswith(question) and contexts[4].endswith("Yes, this was discussed.")


def test_a_question_is_not_given_its_own_question_as_context():
    contexts = sentence_contexts(TRANSCRIPT, split_sentences(TRANSCRIPT))
    assert contexts[1] == "Briefing"
    assert contexts[2] == "Q: Did you discuss the drills near the border?"


def test_the_prose_after_a_transcript_no_longer_carries_its_question():
    text = TRANSCRIPT + "\nAfter the briefing, the ministry wrote. It said missiles were next.\n"
    *_, after, last = sentence_contexts(text, split_sentences(text))
    assert after == "We said no."
    assert last == "After the briefing, the ministry wrote."
