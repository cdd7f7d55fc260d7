"""Transcript turns: "NAME: …" paragraphs, who speaks in each, and which ones ask."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stances.text.words import WORDS, alternation

# "NAME:", also with who they are: "QUESTION (Swiss television):", "JANE ROE, DEPUTY
# MINISTER OF …:", "SEN. JANE ROE (D-Minn.), CHAIR:" (after a comma only when the label
# and what follows are in capitals: "Moscow, he said:", "Washington, D.C.:" are prose)
TURN = re.compile(
    r"^\s*([A-Z][A-Za-z.’'\- ]{0,60}?)\s*(?:\([^()\n]{0,80}\)\s*)?"
    r"(?:,\s*([A-Z][A-Z0-9.’'\-&/, ]{1,160}?)\s*)?:\s"
)
QUESTION_TURN = re.compile(rf"^(?:{alternation(WORDS.question_labels)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    """The turn a sentence is in: its label, and whether it asks.

    `labelled_question`: the label is a questioner's ("Q", "REPORTER"); `asking`: that,
    or a turn whose paragraph ends with a question mark (a host named by name);
    `text`: what the labelled paragraph says after the label; `end`: where it ends;
    `description`: who the label says the speaker is after a comma ("DEPUTY MINISTER OF
    DEFENCE"), or "" (what brackets say, "(in Russian)", is not who they are).
    """

    label: str
    labelled_question: bool
    asking: bool
    text: str
    end: int
    description: str = ""


def transcript_turns(text: str, spans: Sequence[tuple[int, int]]) -> list[Turn | None]:
    """For each sentence (`spans` into `text`), the turn it is in, or None.

    A turn starts at a paragraph opening with a label and a colon, never the headline
    (the first sentence); it runs until the next labelled paragraph, or until a
    paragraph with no label that follows a question (the prose after a transcript).
    """
    result: list[Turn | None] = []
    turn, last_line = None, None
    for index, (start, end) in enumerate(spans):
        line_start = text.rfind("\n", 0, start) + 1
        if line_start != last_line:
            last_line = line_start
            match = TURN.match(text[line_start:end]) if line_start == start and index else None
            if match and match.group(2) and not match.group(1).isupper():
                match = None
            if match:
                line_end = text.find("\n", line_start)
                line_end = line_end if line_end >= 0 else len(text)
                paragraph = text[line_start:line_end].strip()
                label = match.group(1).strip()
                labelled = bool(QUESTION_TURN.match(label))
                asking = labelled or paragraph.endswith("?")
                said = paragraph[match.end() - match.start() :]
                turn = Turn(label, labelled, asking, said, line_end, match.group(2) or "")
            elif turn is not None and turn.asking:
                turn = None
        result.append(turn)
    return result
