"""What a sentence refers back to: the sentence before, and in a transcript the question
its answer replies to ("Yes, this was discussed" takes the question's issue)."""

from __future__ import annotations

from collections.abc import Sequence

from stances.text.turns import transcript_turns


def sentence_contexts(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """For each sentence (`spans` into `text`): the sentence before ("" for the first),
    preceded, inside an answer turn of a transcript, by the question the answer replies
    to when that is further back: in the paragraph of each turn after a question, up
    to the next question (`stances.text.turns`); the paragraphs after it may be prose."""
    contexts, question, previous = [], None, ""
    for (start, end), turn in zip(spans, transcript_turns(text, spans), strict=True):
        if turn is None:
            question = None
        elif turn.asking:
            question = turn.text.strip()
        context = previous
        answering = turn is not None and not turn.asking and end <= turn.end
        if answering and question and question not in previous:
            context = question if previous in question else f"{question} {previous}"
        contexts.append(context)
        previous = text[start:end]
    return contexts
