"""Who holds the stance of a sentence: candidate actors, their features, a learned choice.

After BBC R&D's Citron: rules propose, a small classifier decides. Every actor a
sentence could be attributed to (a named or described speaker, the subject of a
stance verb, the speaker of the quoted passage the sentence belongs to, the turn
speaker of a transcript, the article's own voice in a readout, the speaker of
the sentence before; for a speaker no cue places, the groups cued nearby)
becomes one candidate per actor group, described by what proposed it and where
it stands; `stances.learn.holders` learns from the hand labels how likely each
candidate is to hold the sentence's statements, alone and beside its rivals.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from stances.text.attribution import (
    DESCRIBED,
    DESCRIBED_BARE,
    QUOTE_MARK,
    UNPLACED,
    Attribution,
    Attributor,
    _quoted_mask,
    _slug,
    reporting_verbs,
    unquoted_text,
)
from stances.text.turns import transcript_turns
from stances.text.words import WORDS
from stances.text.words import alternation as _either

STANCE_VERB = re.compile(
    rf"(?:\s|\b(?:{_either(WORDS.subject_adverbs)})\b|\bon\s+\w+day\b)*"
    rf"\b(?:{_either(WORDS.stance_verbs)})\b",
    re.IGNORECASE,
)
OBJECT_BEFORE = re.compile(
    rf"\b(?:{_either(WORDS.object_prepositions)})\s+(?:the\s+)?$", re.IGNORECASE
)
CALL_ON_BEFORE = re.compile(rf"\b(?:{_either(WORDS.call_verbs)})\s+(?:the\s+)?$", re.IGNORECASE)
FIRST_PERSON = re.compile(rf"(?<![\w’'])(?:{_either(WORDS.first_person)})(?![\w’'])")
ANSWER_TURN = re.compile(rf"^(?:{_either(WORDS.answer_labels)})$", re.IGNORECASE)
BYLINE = re.compile(rf"^\s*(?:{_either(WORDS.byline_openers)})\s+(.{{3,160}})$")
REPORTING_AFTER = re.compile(
    rf"^\s*(?:,[^,“”\"]{{0,90}},\s*)?(?:\w+ly\s+|has\s+|had\s+|also\s+)?"
    rf"(?:{_either(WORDS.reporting_verbs)})\b",
    re.IGNORECASE,
)
# An affiliation word before a group's people, voice or stance: "our American
# colleagues", "Western calls", "the Russian side", "allied ambassadors".
HOLDER_WORDS = [*WORDS.holder_nouns, *WORDS.stance_nouns, *WORDS.roles("a", plurals=True)]
CUED_NOUN = re.compile(
    rf"(?<![\w’'\-])((?:[A-Z][\w.’'\-]*|allied)\s+(?:[A-Z][\w.’'\-]*\s+)?)"
    rf"(?:(?:{_either(WORDS.ranks)})\s+)?(?:{_either(HOLDER_WORDS)})\b"
)
WORD = re.compile(r"[\w’']+")
# Where a mention stands (`_add_syntax`); `TAIL` characters before it are enough to see
SUBJECT_WITH_APPOSITION = re.compile(
    r"^\s*(?:,[^,“”\"]{0,90},\s*)(?:\w+\s+){0,2}?" + STANCE_VERB.pattern, re.IGNORECASE
)
POSSESSIVE = re.compile(r"^[’']s?\s")
AFTER_REPORTING_VERB = re.compile(r"\bsaid\s*$|\bsays\s*$|\btold\s*$|\bwarned\s*$|\badded\s*$")
AFTER_ACCORDING_TO = re.compile(r"\baccording\s+to\s*(?:the\s+)?$", re.IGNORECASE)
AFTER_CLOSING_QUOTE = re.compile(r"[”\"]\s*,?\s*$|[,.]\s*[”\"]\s*\w*\s*$")
# A mention inside the apposition of the speaker before it: "Jane Roe, head of the
# Russia programme at …, said": the title names it, the speaker is someone else.
APPOSITION = 120  # characters: how far back an apposition may open
APPOSITION_OPEN_BEFORE = re.compile(rf"[^,“”\"]\s*,[^,“”\"]{{1,{APPOSITION - 2}}}$")
APPOSITION_CLOSE_AFTER = re.compile(
    rf"^[^,“”\"]{{0,120}},\s*(?:\w+ly\s+|has\s+|had\s+|also\s+)?"
    rf"(?:{_either(WORDS.reporting_verbs)})\b",
    re.IGNORECASE,
)
NEGATED_BEFORE = re.compile(r"\b(?:not|never|no)\s*$")
INFINITIVE_OBJECT = re.compile(r"^\s+(?:not\s+|never\s+)?(?:to|from)\b")
TAIL = 80
# What one candidate has that speaks against the others: compared in the sentence.
RIVAL_FEATURES = (
    "subject_of_reporting_verb",
    "subject_of_verb",
    "sentence_start",
    "described",
    "from_turn",
    "from_passage",
    "rule_first",
    "according_to",
)
PRONOUN_SUBJECT = re.compile(
    rf"(?:^|[,;“”\"]\s*|\b(?:and|but)\s+)"
    rf"(?:{_either(WORDS.pronouns_at('before'))}|the\s+(?:\w+\s+){{0,2}}?"
    rf"(?:{_either(WORDS.roles('the'))}))\s+(?:\w+\s+)?(?:{_either(WORDS.reporting_verbs)})\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One actor group that may hold a sentence's statements, with what speaks for it."""

    group: str
    speaker: str
    name: str
    features: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, value: float = 1.0) -> None:
        self.features[name] = max(self.features.get(name, 0.0), value)


@dataclass(frozen=True)
class SentenceActors:
    """The candidates of one sentence, and the rule-based attribution kept for review."""

    candidates: list[Candidate]
    rule_actors: list[Attribution]


def article_candidates(
    attributor: Attributor,
    text: str,
    spans: Sequence[tuple[int, int]],
) -> list[SentenceActors]:
    """Candidates for every sentence of an article (spans into `text`)."""
    actors = ArticleActors.read(attributor, text, spans)
    return [
        SentenceActors(actors.candidates(index), actors.rules[index])
        for index in range(len(actors.sentences))
    ]


@dataclass(frozen=True)
class DeferredCandidates:
    """The candidates of one sentence, built when asked for (`build`): a tagger builds
    them only for the sentences on an issue."""

    actors: ArticleActors
    index: int

    def build(self) -> list[Candidate]:
        return self.actors.candidates(self.index)


def candidates_of(value: list[Candidate] | DeferredCandidates) -> list[Candidate]:
    """A sentence table's candidates cell as a list, built if it was deferred."""
    return value.build() if isinstance(value, DeferredCandidates) else value


@dataclass(frozen=True)
class ArticleActors:
    """What one article says about its speakers, sentence by sentence: the rule-based
    attributions, the quoted passage, the transcript turn, the speaker before; the
    candidates of a sentence are built from it on demand (`candidates`), so that a
    tagger builds them only for the sentences on an issue."""

    attributor: Attributor
    sentences: list[str]
    names: dict[str, Attribution]
    rules: list[list[Attribution]]
    passages: list[int | None]
    asking: list[bool]
    context: list[dict[str, Attribution | None]]
    previous_at: list[tuple[int, bool]]
    cued: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def read(
        cls, attributor: Attributor, text: str, spans: Sequence[tuple[int, int]]
    ) -> ArticleActors:
        sentences = [text[s:e] for s, e in spans]
        names = _article_names(attributor, sentences)
        turn_of = _turn_speakers(attributor, text, spans, names)
        turns, asking = [t for t, _ in turn_of], [a for _, a in turn_of]
        author = _byline_speaker(attributor, text, spans, names)
        voices = [turn or author for turn in turns]
        rules = [
            [_placed(actor, names) for actor in actors]
            for actors in attributor.attribute_article(text, spans, names, voices)
        ]
        passages = _quote_passages(text, spans)
        passage_speakers = _passage_speakers(passages, rules)
        document = author or _document_speaker(rules)
        title_actor = _title_speaker(attributor, text)
        context, previous, previous_at, said_at = [], None, [], None
        paragraphs = [text.count("\n", 0, start) for start, _ in spans]
        for index in range(len(sentences)):
            # how far back the previous speaker spoke, and whether in this paragraph
            previous_at.append(
                (index - said_at, paragraphs[said_at] == paragraphs[index])
                if said_at is not None
                else (0, False)
            )
            passage = passages[index]
            context.append(
                {
                    "passage": passage_speakers.get(passage) if passage is not None else None,
                    "turn": turns[index],
                    "previous": previous,
                    "document": document,
                    "title": title_actor,
                }
            )
            speaking = [a for a in rules[index] if a.method not in {"carry-over", "stance-noun"}]
            if turns[index] is not None and not speaking:
                previous, said_at = turns[index], index
            elif speaking:
                previous, said_at = speaking[0], index
        return cls(attributor, sentences, names, rules, passages, asking, context, previous_at)

    def speaks(self, index: int) -> bool:
        """Whether the sentence has any candidate (cheaply, when the rules or the
        context already give one)."""
        if self.rules[index] or any(a is not None for a in self.context[index].values()):
            return True
        return bool(self.candidates(index))

    def voice(self, index: int) -> str:
        """How the sentence gives its speaker: the method of its first rule
        ("reporting-verb", "pronoun", …), else "turn" in a transcript, "quoted" inside
        a quotation, or "none" (an observation, a background sentence)."""
        if self.rules[index]:
            return self.rules[index][0].method
        if self.context[index]["turn"] is not None:
            return "turn"
        if self.passages[index] is not None or QUOTE_MARK.search(self.sentences[index]):
            return "quoted"
        return "none"

    def candidates(self, index: int) -> list[Candidate]:
        """Every actor group that may hold the sentence's statements, with its features."""
        sentence = self.sentences[index]
        found: dict[str, Candidate] = {}
        quoted = _quoted_mask(sentence)
        _add_rule_candidates(found, self.rules[index])
        _add_mentions(found, self.attributor, sentence, quoted, self.names)
        _add_described(found, self.attributor, sentence, quoted)
        _add_cued_nouns(found, self.attributor, sentence, quoted)
        for kind, actor in self.context[index].items():
            if actor is not None:
                _candidate(found, actor).add(f"from_{kind}")
        previous = self.context[index]["previous"]
        if previous is not None:
            back, same_paragraph = self.previous_at[index]
            candidate = _candidate(found, previous)
            candidate.add(f"previous_back_{min(back, 3)}")
            if same_paragraph:
                candidate.add("previous_same_paragraph")
        self._add_cue_placed(found, index)
        _add_sentence_features(
            found,
            sentence,
            quoted,
            index,
            self.passages[index] is not None,
            self.asking[index],
        )
        return list(found.values())

    def _cued_groups(self, index: int) -> frozenset[str]:
        if index not in self.cued:
            self.cued[index] = self.attributor.cued_groups(self.sentences[index])
        return self.cued[index]

    def _add_cue_placed(self, found: dict[str, Candidate], index: int) -> None:
        """A speaker no cue of their own places ("Defence Minister Jane Roe said …") may
        belong to a group the sentence, the two before it or the headline points to
        ("… on Estonian soil"): one candidate per such group, with the speaker's own
        features and where the cue stood; the holder model weighs them."""
        unplaced = found.get(UNPLACED)
        if unplaced is None:
            return
        where = {
            "sentence": self._cued_groups(index),
            "before": frozenset().union(
                *(self._cued_groups(i) for i in range(max(index - 2, 0), index))
            ),
            "headline": self._cued_groups(0) if index else frozenset(),
        }
        for place, groups in where.items():
            for group in sorted(groups):  # the same order in every process
                if group not in found:
                    found[group] = Candidate(
                        group, unplaced.speaker, unplaced.name, dict(unplaced.features)
                    )
                    found[group].add("cue_placed")
                found[group].add(f"cue_placed_{place}")


def _candidate(found: dict[str, Candidate], actor: Attribution) -> Candidate:
    if actor.group not in found:
        found[actor.group] = Candidate(actor.group, actor.speaker, actor.name)
    return found[actor.group]


def _add_rule_candidates(found: dict[str, Candidate], actors: list[Attribution]) -> None:
    for rank, actor in enumerate(actors):
        candidate = _candidate(found, actor)
        candidate.add(f"rule_{actor.method}")
        candidate.add("rule_confidence", actor.confidence)
        if rank == 0:
            candidate.add("rule_first")
        if actor.is_new:
            candidate.add("new_speaker")


def _add_mentions(
    found: dict[str, Candidate],
    attributor: Attributor,
    sentence: str,
    quoted: list[bool],
    names: dict[str, Attribution],
) -> None:
    mentions = attributor._mentions(sentence)
    taken = [(m.start, m.end) for m in mentions]
    spans = [
        (m.start, m.end, _placed(attributor._resolve(m, sentence, "mention", 0.5), names), m)
        for m in mentions
    ]
    for form, actor in names.items():
        if form not in sentence:
            continue
        for match in _form_pattern(form).finditer(sentence):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                taken.append((match.start(), match.end()))
                spans.append((match.start(), match.end(), actor, None))
    spans.sort(key=lambda item: item[0])
    for rank, (start, end, actor, mention) in enumerate(spans):
        candidate = _candidate(found, actor)
        if mention is None:
            candidate.add("coreferent_name")
        collective = mention is not None and mention.collective
        new = actor.is_new
        before, after = sentence[:start], sentence[end:]
        prefix = "quoted_" if quoted[start] else ""
        candidate.add(f"{prefix}mention")
        candidate.add(f"{prefix}mention_{'collective' if collective else 'person'}")
        if new:
            candidate.add(f"{prefix}mention_new")
        if rank == 0:
            candidate.add(f"{prefix}first_mention")
        if rank == len(spans) - 1:
            candidate.add(f"{prefix}last_mention")
        if not quoted[start]:
            _add_syntax(candidate, sentence, before, after, start)
    return


@functools.lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern:
    """A name as a whole word."""
    return re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])")


def _add_syntax(candidate: Candidate, sentence: str, before: str, after: str, start: int) -> None:
    """Where a mention stands: subject of a stance verb, object of a call, a possessive;
    and the words right before and after it ("rejected", "’s demands", "called on")."""
    candidate.add("position_early", 1.0 - start / max(len(sentence), 1))
    tail = before[-TAIL:]
    left, right = WORD.findall(tail.lower())[-2:], WORD.findall(after[:TAIL].lower())[:2]
    for offset, word in enumerate(reversed(left), 1):
        candidate.add(f"word-{offset}={word}")
    for offset, word in enumerate(right, 1):
        candidate.add(f"word+{offset}={word}")
    if not before.strip(" “”\"'‘’—–-"):
        candidate.add("sentence_start")
    if not after.startswith(("’s", "'s")) and STANCE_VERB.match(after):
        candidate.add("subject_of_verb")
    if SUBJECT_WITH_APPOSITION.match(after):
        candidate.add("subject_with_apposition")
    if POSSESSIVE.match(after):
        candidate.add("possessive")
    if OBJECT_BEFORE.search(before):
        candidate.add("after_preposition")
    if CALL_ON_BEFORE.search(before):
        candidate.add("object_of_call")
    if REPORTING_AFTER.match(after):
        candidate.add("subject_of_reporting_verb")
    if AFTER_REPORTING_VERB.search(tail.rstrip(" ,")):
        candidate.add("after_reporting_verb")
    if AFTER_ACCORDING_TO.search(tail):
        candidate.add("according_to")
    if after.lstrip().startswith(":") and len(before) < 60:
        candidate.add("headline_colon")
    if AFTER_CLOSING_QUOTE.search(tail):
        candidate.add("after_closing_quote")
    if NEGATED_BEFORE.search(tail):
        candidate.add("negated_before")
    if APPOSITION_OPEN_BEFORE.search(before[-APPOSITION:]) and APPOSITION_CLOSE_AFTER.match(after):
        candidate.add("inside_apposition")
    if INFINITIVE_OBJECT.match(after):
        candidate.add("infinitive_object")


def _add_described(
    found: dict[str, Candidate], attributor: Attributor, sentence: str, quoted: list[bool]
) -> None:
    for match in [*DESCRIBED.finditer(sentence), *DESCRIBED_BARE.finditer(sentence)]:
        if quoted[match.start()]:
            continue
        group, cue = attributor.place_phrase(match.group())
        if not group:
            continue
        phrase = match.group().strip()
        actor = Attribution(f"new:{_slug(phrase)}", group, phrase, "described", 0.6, cue)
        candidate = _candidate(found, actor)
        candidate.add("described")
        _add_syntax(
            candidate, sentence, sentence[: match.start()], sentence[match.end() :], match.start()
        )


def _add_cued_nouns(
    found: dict[str, Candidate], attributor: Attributor, sentence: str, quoted: list[bool]
) -> None:
    """A group named by an affiliation word before its people or its stance."""
    for match in CUED_NOUN.finditer(sentence):
        cue_words = match.group(1)
        group, cue = attributor.place(cue_words[:1].upper() + cue_words[1:])
        if not group:
            continue
        phrase = match.group().strip()
        actor = Attribution(f"new:{_slug(phrase)}", group, phrase, "cued-noun", 0.5, cue)
        candidate = _candidate(found, actor)
        prefix = "quoted_" if quoted[match.start()] else ""
        candidate.add(f"{prefix}cued_noun")
        if not quoted[match.start()]:
            _add_syntax(
                candidate,
                sentence,
                sentence[: match.start()],
                sentence[match.end() :],
                match.start(),
            )


def _add_sentence_features(
    found: dict[str, Candidate],
    sentence: str,
    quoted: list[bool],
    index: int,
    in_passage: bool,
    in_question: bool,
) -> None:
    outside = unquoted_text(sentence)
    first_person = bool(FIRST_PERSON.search(outside))
    has_verb = bool(reporting_verbs(outside))
    pronoun = bool(PRONOUN_SUBJECT.search(sentence))
    n = len(found)
    having = Counter(
        key for candidate in found.values() for key in RIVAL_FEATURES if candidate.features.get(key)
    )
    for candidate in found.values():
        for key in RIVAL_FEATURES:
            if having[key] > bool(candidate.features.get(key)):
                candidate.add(f"rival_{key}")
    for candidate in found.values():
        if candidate.group == UNPLACED:
            candidate.add("unplaced")
        candidate.add("n_candidates", 1.0 / n)
        candidate.add(f"group={candidate.group}")
        if first_person:
            candidate.add("first_person_sentence")
        if not has_verb:
            candidate.add("no_reporting_verb")
        if pronoun:
            candidate.add("pronoun_subject")
        if in_passage:
            candidate.add("in_passage")
        if in_question:
            candidate.add("in_question_turn")
        if any(quoted):
            candidate.add("sentence_has_quote")
        if index == 0:
            candidate.add("headline")
        only_context = not any(
            k.startswith(("rule_", "mention", "described")) for k in candidate.features
        )
        if only_context:
            candidate.add("context_only")
            for key in (
                "first_person_sentence",
                "pronoun_subject",
                "in_passage",
                "no_reporting_verb",
            ):
                if candidate.features.get(key):
                    candidate.add(f"context_{key}")


def _quote_passages(text: str, spans: Sequence[tuple[int, int]]) -> list[int | None]:
    """For each sentence, the id of the quoted passage of several sentences it is in.

    A paragraph that leaves a quote open continues it only when the next paragraph
    opens with a quote mark again (the newspaper convention).
    """
    line_starts = [m.end() for m in re.finditer("\n", text)]
    result, inside, passage, count, last_line = [], False, None, 0, None
    for start, end in spans:
        line = bisect.bisect_right(line_starts, start)
        sentence = text[start:end]
        reopened = False
        if inside and last_line is not None and line != last_line:
            reopened = sentence.lstrip()[:1] in '“«"'
            if not reopened:
                inside, passage = False, None
        last_line = line
        started_inside = inside
        skip = len(sentence) - len(sentence.lstrip()) if reopened else -1
        for mark in QUOTE_MARK.finditer(sentence):
            char = mark.group()
            if mark.start() == skip:
                continue
            if char in "“«" or (char == '"' and not inside):
                inside = True
            elif char in "”»" or (char == '"' and inside):
                inside = False
        if started_inside or inside:
            if passage is None:
                passage, count = count, count + 1
            result.append(passage)
        else:
            result.append(None)
        if not inside:
            passage = None
    return result


def _passage_speakers(
    passages: list[int | None], rules: list[list[Attribution]]
) -> dict[int, Attribution]:
    """The speaker named in any sentence of a passage ("…," she said), first found."""
    speakers: dict[int, Attribution] = {}
    order = {p: i for i, p in reversed(list(enumerate(passages))) if p is not None}
    for index, passage in enumerate(passages):
        if passage is None or passage in speakers:
            continue
        named = [
            a
            for a in rules[index]
            if a.method
            in {"reporting-verb", "according-to", "pronoun", "appositive", "described", "role-noun"}
        ]
        if named:
            speakers[passage] = named[0]
    for passage, first in order.items():
        if passage not in speakers and first > 0:
            before = [a for a in rules[first - 1] if a.method != "carry-over"]
            if before:
                speakers[passage] = before[0]
    return speakers


def _turn_speakers(
    attributor: Attributor,
    text: str,
    spans: Sequence[tuple[int, int]],
    names: dict[str, Attribution],
) -> list[tuple[Attribution | None, bool]]:
    """In a transcript, the speaker of the turn each sentence is in, and whether the turn
    asks: a question turn ("Q:", "REPORTER (agency):") has no speaker. A label placed
    goes into the article's `names`, for later labels and mentions of the same name."""
    result: list[tuple[Attribution | None, bool]] = []
    resolved: dict[str, Attribution | None] = {}
    turns = transcript_turns(text, spans)
    for turn in turns:
        if turn is None:
            result.append((None, False))
            continue
        if turn.label not in resolved:
            if turn.labelled_question:
                resolved[turn.label] = None
            elif ANSWER_TURN.match(turn.label):
                first = next(i for i, t in enumerate(turns) if t is not None)
                resolved[turn.label] = _interviewee(attributor, text, spans[:first], names)
            else:
                speaker = _resolve_label(attributor, turn.label, turn.description, names)
                resolved[turn.label] = speaker
                _remember_label(attributor, turn.label, speaker, names)
        result.append((resolved[turn.label], turn.asking))
    return result


def _interviewee(
    attributor: Attributor,
    text: str,
    intro: Sequence[tuple[int, int]],
    names: dict[str, Attribution],
) -> Attribution | None:
    """Who answers in an interview whose turns say only "A:": the first person the
    introduction names ("Jane Roe, deputy minister of …, spoke to us"), the first it
    places if any."""
    people = [
        _placed(attributor._resolve(mention, text[start:end], "turn", 0.7), names)
        for start, end in intro[1:]
        for mention in attributor._mentions(text[start:end])
        if not mention.collective
    ]
    placed = [actor for actor in people if actor.group != UNPLACED]
    return (placed or people or [None])[0]


def _remember_label(
    attributor: Attributor, label: str, speaker: Attribution | None, names: dict[str, Attribution]
) -> None:
    """A placed label names its speaker later too ("REP. JANE ROE (D-Ohio):", then "ROE:",
    "MS. ROE:", "Ms. Roe said"): coreference by name, as `_article_names` does in prose.
    A label ending in a title or a role ("THE SECRETARY", "EASTERN OFFICIAL") names no
    one else."""
    words = [w for w in label.split() if w.strip(".,").casefold() not in NAME_SUFFIXES]
    surname = words[-1].strip(".,") if words else ""
    if speaker is None or speaker.group == UNPLACED or not surname.isalpha():
        return
    if surname.casefold() in ROLE_WORDS or surname.title() in attributor._title_words:
        return
    for form in (label, label.title(), surname, surname.title()):
        names.setdefault(form, speaker)


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ROLE_WORDS = frozenset(
    {word for noun, role in WORDS.role_nouns.items() for word in (noun, role.plural) if word}
    | {word.casefold() for word in WORDS.office_words}
)


def _resolve_label(
    attributor: Attributor, label: str, description: str, names: dict[str, Attribution]
) -> Attribution | None:
    """A transcript's speaker label ("STOLTENBERG", "Deputy Minister Ivanova") as an actor,
    placed by the name, else by the description written beside it ("DEPUTY ASSISTANT
    SECRETARY OF STATE")."""
    for form in (label, label.title(), label.split()[-1], label.split()[-1].title()):
        if form in names:
            known = names[form]
            return Attribution(known.speaker, known.group, known.name, "turn", 0.8, known.cue)
    for form in (label, label.title()):
        for actor in attributor.attribute_sentence(f"{form} said it."):
            if actor.group != UNPLACED:
                return Attribution(actor.speaker, actor.group, actor.name, "turn", 0.8, actor.cue)
        group, cue = attributor.place(form)
        if group:
            return Attribution(f"new:{_slug(form)}", group, form, "turn", 0.7, cue)
    for said in (description, description.title()):
        group, cue = attributor.place(said) if said else (None, None)
        if group:
            return Attribution(f"new:{_slug(label)}", group, label.title(), "turn", 0.7, cue)
    return None


def _title_speaker(attributor: Attributor, text: str) -> Attribution | None:
    """The actor the headline (or the line after it) is about or speaks for: the voice
    of a press release or joint statement ("Joint Statement of the Foreign Ministers of
    Estonia, …") whose sentences say "we". Quoted names are not the voice."""
    for line in [line for line in text.split("\n") if line.strip()][:2]:
        if len(line) > HEADLINE_LENGTH:
            return None
        issuer = DOCUMENT_ISSUER.search(line)
        if issuer:  # "Statement of the Ministry of X on the Council meeting": X
            line = issuer.group(1)
        quoted = _quoted_mask(line)
        for mention in attributor._mentions(line):
            actor = attributor._resolve(mention, line, "title", 0.5)
            if actor.group != UNPLACED and not quoted[mention.start]:
                return actor
        group, cue = attributor.place(line)
        if group:
            return Attribution(f"new:{_slug(cue)}", group, cue, "title", 0.5, cue)
    return None


HEADLINE_LENGTH = 200  # characters: a longer first line is the body, not a headline
# Who issues a document the headline names: "Readout of the Deputy Secretary's call
# with …", "statement and press briefing by the spokesperson of …"; the topic after
# "on", "to", "after" … is not the voice.
DOCUMENT_ISSUER = re.compile(
    rf"\b(?:{_either(WORDS.document_words)})(?:\s+and\s+[\w ]+?)?\s+(?:of|by|from)\s+"
    r"(.+?)(?=\s+(?:on|after|about|at|regarding|following|to|with|in)\s|\s*[:–—]|$)",
    re.IGNORECASE,
)


def _document_speaker(rules: list[list[Attribution]]) -> Attribution | None:
    """The voice of a readout: the actor named as speaker most often, if clearly dominant."""
    speakers = Counter(
        a.group
        for actors in rules
        for a in actors[:1]
        if a.method in {"reporting-verb", "according-to", "headline"} and a.group != UNPLACED
    )
    if not speakers:
        return None
    (group, count), total = speakers.most_common(1)[0], sum(speakers.values())
    if count / total < 0.6:
        return None
    for actors in rules:
        for actor in actors[:1]:
            if actor.group == group:
                return actor
    return None


def _article_names(attributor: Attributor, sentences: list[str]) -> dict[str, Attribution]:
    """Speakers the article places by their title, by full name, surname and SURNAME.

    "Deputy Minister Pavel Arkhipov" once placed, a later "Arkhipov said" or a
    transcript's "ARKHIPOV:" is the same person (coreference by name).
    """
    names: dict[str, Attribution] = {}
    for sentence in sentences:
        for mention in attributor._mentions(sentence):
            actor = attributor._resolve(mention, sentence, "name", 0.8)
            if mention.speaker is not None or actor.group == UNPLACED:
                continue
            surname = mention.name.split()[-1]
            for form in (mention.name, surname, surname.upper()):
                names.setdefault(form, actor)
    return names


def _placed(actor: Attribution, names: dict[str, Attribution]) -> Attribution:
    """An unplaced new speaker whose name the article placed elsewhere takes that group."""
    if actor.group != UNPLACED:
        return actor
    for form in (actor.name, actor.name.split()[-1] if actor.name.split() else ""):
        if form in names:
            known = names[form]
            return Attribution(
                known.speaker, known.group, known.name, actor.method, actor.confidence, known.cue
            )
    return actor


def _byline_speaker(
    attributor: Attributor,
    text: str,
    spans: Sequence[tuple[int, int]],
    names: dict[str, Attribution],
) -> Attribution | None:
    """The author of a signed opinion piece ("By Jane Roe, senior fellow at …"), when
    placed by the byline or by the line that says who they are ("Jane Roe is a …")."""
    for start, end in spans[:4]:
        match = BYLINE.match(text[start:end])
        if not match:
            continue
        byline = match.group(1)
        name = re.split(r",| is | of ", byline)[0].strip()
        group, cue = attributor.place(byline)
        # unplaced by the byline: placed where the piece says who the author is
        author = _placed(
            Attribution(f"new:{_slug(name)}", group or UNPLACED, name, "byline", 0.7, cue), names
        )
        if author.group != UNPLACED:
            return author
    return None
