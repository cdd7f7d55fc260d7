"""Finding a hand label's quote in its article, with a suggestion when it is off."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz


@dataclass(frozen=True)
class LocatedQuote:
    """Where a quote stands (`start`, `end`), or the `problem` that stops it."""

    start: int | None = None
    end: int | None = None
    problem: str | None = None


def locate_quote(text: str, quote: str) -> LocatedQuote:
    """Find `quote` exactly once in `text`.

    >>> locate_quote("Russia said no.", "said no")
    LocatedQuote(start=7, end=14, problem=None)
    """
    if not quote.strip():
        return LocatedQuote(problem="the quote is empty; copy a passage from the article")
    start = text.find(quote)
    if start < 0:
        return LocatedQuote(
            problem=f"quote not found in the article; {closest_passage(text, quote)}"
        )
    if text.find(quote, start + 1) >= 0:
        count = text.count(quote)
        return LocatedQuote(
            problem=f"quote occurs {count} times in the article; lengthen it until it occurs once"
        )
    return LocatedQuote(start, start + len(quote))


def closest_passage(text: str, quote: str) -> str:
    """A hint naming the passage of `text` most like `quote`."""
    match = fuzz.partial_ratio_alignment(quote, text, processor=None)
    if match is None or match.score < 50:
        return "no similar passage either: is this the right article?"
    start, end = match.dest_start, match.dest_end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    passage = text[start:end]
    return f"closest passage ({match.score:.0f}% similar): {passage!r}"


def widen_to_unique(text: str, start: int, end: int) -> tuple[int, int]:
    """The passage `text[start:end]` widened, a word at a time, until it occurs once.

    Forward first, then backward at the end of the text; a hand label's quote must
    occur once in its article (`locate_quote`), a coded span need not.

    >>> text = "We said no. They said no again."
    >>> start, end = widen_to_unique(text, 3, 10)  # "said no" occurs twice
    >>> text[start:end]
    'said no.'
    """
    while text.find(text[start:end], text.find(text[start:end]) + 1) >= 0:
        if end < len(text):
            end = _next_boundary(text, end)
        elif start > 0:
            start = _previous_boundary(text, start)
        else:
            break
    return start, end


def _next_boundary(text: str, end: int) -> int:
    end += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def _previous_boundary(text: str, start: int) -> int:
    start -= 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start
