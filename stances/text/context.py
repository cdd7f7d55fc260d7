"""What a sentence refers back to: the sentence before, and in a transcript the question
its answer replies to ("Yes, this was discussed" takes the question's issue)."""

from __future__ import annotations

from collections.abc import Sequence

from stances.text.holders import QUESTION_TURN, TURN


def sentence_contexts(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """For each sentence (`spans` into `text`): the sentence before ("" for the first),
    preceded, inside an answer turn of a transcript, by the question the answer replies
    to when that is further back.

    A question turn is a turn labelled as a question ("Q:", "HOST:") or one that ends
    with a question mark; the turns after it answer it until the next question.
    """
    contexts, question, asking, previous, last_line = [], None, False, "", None
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start != last_line:
            last_line = line_start
            turn = TURN.match(text[line_start:end]) if line_start == start else None
            if turn:
                line_end = text.find("\n", line_start)
                paragraph = text[line_start : line_end if line_end >= 0 else len(text)].strip()
                asking = bool(QUESTION_TURN.match(turn.group(1).strip())) or paragraph.endswith("?")
                if asking:
                    question = paragraph[turn.end() - turn.start() :].strip()
        context = previous
        if question and not asking and question not in previous:
            context = question if previous in question else f"{question} {previous}"
        contexts.append(context)
        previous = text[start:end]
    return contexts
