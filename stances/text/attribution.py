"""Who speaks in a sentence: reporting verbs, titles, collective actors, carry-over.

Rules are English grammar, not knowledge of any corpus: the English words they read
stand in `words.yaml`; every name, alias and affiliation cue comes from the codebook.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from stances.project.codebook import Codebook
from stances.text.words import WORDS


def _either(words: Iterable[str]) -> str:
    """A regex alternation of the words, each matched literally."""
    return "|".join(re.escape(word) for word in words)


REPORTING = _either(WORDS.reporting_verbs)
REPORTING_VERB = re.compile(rf"\b(?:{REPORTING})\b")
# Before a word that is a reporting verb or a noun ("demands", "states", "remarks"), these
# make it the noun: "its demands", "Moscow’s demands", "the Baltic states".
NOUN_MARKERS = frozenset(WORDS.noun_markers)
POSSESSIVE_END = re.compile(r"(?:[’']s|s[’'])$")
NATIONALITY_END = re.compile(r"^[A-Z]\w*(?:an|ic|ish|ese|ch)$")
ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
STANCE_NOUN = re.compile(rf"^[’']s?\s+(?:\w+\s+)?(?:{_either(WORDS.stance_nouns)})\b")
PASSIVE_BY = re.compile(
    rf"\b(?:{_either(WORDS.passive_stance_verbs)})\s+(?:both\s+|also\s+)?(?:by|in)\s*$"
)
HEADLINE = re.compile(r"^\s*([A-Z][\w’'\-.]+(?:\s+[A-Z][\w’'\-.]+){0,3}):\s")
RUBRICS = frozenset(WORDS.rubrics) | {label.casefold() for label in WORDS.question_labels}
PLACE_BEFORE = re.compile(
    rf"\b(?:{_either(WORDS.place_prepositions)})\s+(?:the\s+)?(?:so-called\s+)?$",
    re.IGNORECASE,
)
PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$")
PERSPECTIVE = re.compile(r"^\s*(?:But\s+|And\s+)?For\s+[^,]{2,80},")
PRONOUN = re.compile(rf"^(?:{_either(WORDS.pronouns_at('before'))})$", re.IGNORECASE)
ROLE_NOUN = re.compile(
    rf"\b(?:the|this|that)\s+(?:\w+\s+)?(?:{_either(WORDS.roles('the'))})\s*$", re.IGNORECASE
)
# "said he", "said the diplomat": the previous speaker, after the verb
REFERRED_AFTER_VERB = re.compile(
    rf"^(?:{_either(WORDS.pronouns_at('after'))}|"
    rf"the\s+(?:\w+\s+)?(?:{_either(WORDS.roles('said-the'))}))\b"
)
DESCRIBED = re.compile(
    rf"\b(?:{_either(WORDS.describing_words)})\s+(?:[\w.’'\-]+\s+){{0,4}}?"
    rf"(?:{_either(WORDS.roles('a', plurals=True))})\b",
    re.IGNORECASE,
)
# Plural roles without an article, led by a capitalised or rank word: "US officials",
# "senior Western diplomats".
DESCRIBED_BARE = re.compile(
    rf"(?<![\w.’'\-])(?!(?i:{_either(WORDS.quantifiers)})\s)"
    rf"(?:(?:{_either(WORDS.ranks)}|[A-Z][\w.’'\-]*)\s+){{1,3}}"
    rf"(?:{_either(WORDS.plurals('bare'))})\b"
    # or the plural alone, opening the sentence: "Analysts said …"
    rf"|^\s*[“\"]?(?:{_either(p.capitalize() for p in WORDS.plurals('bare'))})\b"
)
APPOSITION = re.compile(r"\s*,\s*")
ROLE_WORD = re.compile(rf"\b(?:{_either(WORDS.roles('the'))})\b", re.IGNORECASE)
# A role that is someone's own, not a qualified one ("press secretary" is no "Secretary")
HEAD_ROLE_WORD = re.compile(
    rf"(?<!press )(?<!deputy )(?<!under )(?<!assistant )(?<!vice )"
    rf"\b(?:{_either(WORDS.roles('the'))})\b(?!\s+General)",
    re.IGNORECASE,
)
# The run of capitalised title words that touches a name: "Deputy Foreign Minister ",
# "Secretary of State "
TITLE_BEFORE_NAME = re.compile(r"(?:[A-Z][\w’'\-.]*\s+(?:of\s+(?:the\s+)?)?){1,5}$")
# "Jane Roe, the US envoy, said": what stands in apposition after a name
APPOSITION_AFTER = re.compile(r"^,\s*([^,;:“”\"()]{0,90})")
# "Jane Roe is a senior fellow at the Eastland Institute": who a signed piece's author is
IS_A_AFTER = re.compile(r"^\s+(?:is|serves\s+as)\s+((?:now\s+)?(?:a|an|the)\s+[^,;:“”\"()]{0,90})")
# "Jane Roe of the Eastland Institute said": the body after a name
OF_AFTER = re.compile(
    r"^\s+of\s+((?:the|a|an)\s+[^,;:“”\"()]{0,60}?|[^,;:“”\"()\s]+)"
    rf"(?=[,;:]|\s+(?:{REPORTING})\b|$)"
)
# "Jane Roe of the Eastland Institute": the person, not the body named after "of"
OF_JOIN = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'\-]+\s+){0,3}")
RELATIVE_CLAUSE = re.compile(r"(?:who|whom|whose|which|that|where|when)\b", re.IGNORECASE)
# … unless it says what office the person holds now: "Jane Roe, who chairs the Saeima's
# defence committee", "…, who now teaches at the naval academy"
OFFICE_CLAUSE = re.compile(
    r"who\s+(?:now\s+|currently\s+)?(?:is|chairs|heads|leads|runs|directs|serves\s+as|sits\s+on|"
    r"represents|teaches|works\s+(?:at|for))\s+([^,;:“”\"()]{0,80})",
    re.IGNORECASE,
)
# A clause after a comma is no apposition: "Ms Roe, Moscow has demanded that …" (a host
# addressing a guest) says nothing of Ms Roe's office.
CLAUSE_VERB = re.compile(
    rf"\b(?:{REPORTING}|has|have|had|is|are|was|were|will|would|must|should|can|could|does|do)\b"
)
POSTED_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
APPOSITIVE_ROLE = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
MENTIONS_REMEMBERED = 4096  # sentences; far more than one article holds
# Capital and small letters of the Latin scripts ("Rūta Vītola", "Łukasz"); Latin
# Extended-A alternates capital and small, so its whole range stands in both.
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿĀ-ž"
NAME = re.compile(rf"(?:[{UPPER}][\w’'.\-]*\s+){{0,7}}[{UPPER}][{LOWER}][\w’'\-]+")
# Where an official speaks from, opening the sentence: "In Berlin, a deputy spokeswoman …"
SETTING = re.compile(
    rf"^\s*(?:\d{{1,2}}[:.]\d{{2}}\s*(?:[A-Z]{{2,4}}\s*)?[—–-]\s*)?"  # a live blog's time
    rf"(?:In|From)\s+([{UPPER}][\w’'\-]*(?:\s+[{UPPER}][\w’'\-]*)?),"
)
# … or after the verb: "…, the deputy minister told reporters in Vilnius"
SPOKEN_IN = re.compile(
    rf"\b(?:{REPORTING})\b[^“”\"«»]{{0,40}}?\b(?:in|from)\s+([{UPPER}][\w’'\-]*)"
)
# What ends the title written before a name: quotes, clause breaks, a reporting verb, "and".
TITLE_WINDOW_END = re.compile(rf"[“”\";:()]|,\s|\b(?:{_either(WORDS.title_window_verbs)}|and)\b")
# Names of bodies join these from the codebook: `body_words`.
TITLE_WORDS = frozenset(WORDS.title_words + WORDS.sentence_openers)
NOT_NAMES = frozenset(WORDS.not_names)
QUOTE_MARKS = '“”«»"'
UNPLACED = "unplaced"
GENDERED_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
GENDER_OF_TITLE = {
    word.lower(): pronoun for pronoun, words in WORDS.gendered_titles.items() for word in words
}
GENDERED_TITLE = re.compile(
    rf"(?<![\w.])({_either(GENDER_OF_TITLE)})(?![\w])[^,;:]*$", re.IGNORECASE
)
# Titles of a government office, placed by where the official speaks when they name no
# country ("In Warsaw, deputy foreign minister Jane Roe said").
OFFICE = re.compile(rf"\b(?:{_either(WORDS.office_words)})\b", re.IGNORECASE)
INVERSION_VERBS = frozenset(WORDS.inversion_verbs)
INVERSION_GAP_WORDS = frozenset(WORDS.inversion_gap_words) | {
    w.lower().rstrip(".") for w in WORDS.title_words
}
# The subject of a condition is no speaker: "If Moscow wants transparency, it can …"
CONDITIONAL_BEFORE = re.compile(
    r"(?:^|[,;:—–“\"]\s*|\b(?:and|but)\s+)(?:only\s+|even\s+)?"
    r"(?:if|unless|whether|once|until|as\s+long\s+as)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Pronouns that refer to the voice of the text (a turn's speaker, a piece's author).
FIRST_PERSON_PRONOUNS = ("i", "we")
# A verb comes before its speaker after the passage it reports ("…,” said X), maybe
# with an adverb between ("…, also said X").
INVERSION_OPENERS = frozenset(",;:\"”’'»—–-)")
INVERSION_ADVERBS = frozenset({"also", "later", "earlier", "then", "again", "separately"})
WORD = re.compile(r"[\w’'\-]+")
# Between a subject and its verb: a party tag "(D-N.J.)", an apposition between commas or
# ", who", then a few words (an adverb, an auxiliary).
SUBJECT_GAP = re.compile(
    r"[’']?s?\s*(?:\([^()]{0,30}\)\s*)?(?:of\s+(?:the|a|an)\s+[^,;:“”\"()]{0,60}?\s+)?"
    r"(?:,[^,]{0,80},\s*|,\s*who\s+)?"
    r"(?:[\w-]+\s+){0,3}"
)


@dataclass(frozen=True)
class Attribution:
    """An actor a sentence attributes a position to.

    `speaker` is a registry id, or `new:<slug>` for a speaker missing from the
    registry (flagged for review); `group` is `unplaced` when no cue places it.
    """

    speaker: str
    group: str
    name: str
    method: str
    confidence: float
    cue: str | None = None

    @property
    def is_new(self) -> bool:
        return self.speaker.startswith("new:")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    speaker: str | None
    name: str
    collective: bool = False


class Attributor:
    """Attributes the sentences of an article to speakers, using one codebook."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self._mentions_of: dict[str, list[_Mention]] = {}
        self._placed: dict[tuple[str, int, int], tuple[str | None, str | None]] = {}

    @cached_property
    def _alias_pattern(self) -> re.Pattern:
        forms = sorted(self._alias_index, key=len, reverse=True)
        alternatives = "|".join(re.escape(form) for form in forms)
        return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")

    @cached_property
    def _alias_index(self) -> dict[str, str]:
        index = {}
        for speaker in self.codebook.speakers:
            for form in (speaker.name, *speaker.aliases):
                index.setdefault(form, speaker.id)
                index.setdefault(form[:1].upper() + form[1:], speaker.id)
        return index

    @cached_property
    def _title_words(self) -> frozenset[str]:
        return TITLE_WORDS | body_words(self.codebook)

    @cached_property
    def _cues(self) -> list[tuple[int, re.Pattern, str, str]]:
        return [
            (cue.priority, _cue_pattern(word), word, cue.group)
            for cue in self.codebook.affiliation_cues
            for word in cue.cues
        ]

    def attribute_article(
        self,
        text: str,
        spans: Iterable[tuple[int, int]],
        known_names: Iterable[str] = (),
        voices: Sequence[Attribution | None] = (),
    ) -> list[list[Attribution]]:
        """The actors of each sentence (`spans` into `text`), main speaker first.

        `known_names` are forms the article introduced elsewhere ("Harlan" of "Sen.
        Wade Harlan"): alone in a sentence they are mentions too ("…,” Harlan said).
        `voices` are, per sentence, who speaks in the first person outside quotes
        (the speaker of a transcript turn, the author of a signed piece): "I" and "we"
        are theirs, not the last speaker's.
        """
        results, previous, roles = [], None, {}
        names = _names_pattern(tuple(sorted(set(known_names), key=len, reverse=True)))
        speakers = _Speakers()
        for index, (start, end) in enumerate(spans):
            sentence = text[start:end]
            referents = speakers.referents(previous)
            voice = voices[index] if index < len(voices) else None
            if voice is not None:
                referents |= dict.fromkeys(FIRST_PERSON_PRONOUNS, voice)
            actors = self.attribute_sentence(sentence, previous, roles, names, referents)
            results.append(actors)
            speaking = [a for a in actors if a.method != "carry-over" or a.confidence >= 0.6]
            if speaking:
                previous = speaking[0]
            persons = [
                self._resolve(m, sentence, "mention", 0.5)
                for m in self._mentions(sentence)
                if not m.collective
            ]
            speakers.note(sentence, speaking, persons)
            self._remember_roles(roles, sentence, actors)
        return results

    def _remember_roles(
        self, roles: dict[str, Attribution], sentence: str, actors: list[Attribution]
    ) -> None:
        """Note, per role noun, the last actor introduced with it ("a Baltic diplomat",
        "Secretary Austin", "Jane Roe, the US envoy", a registry title), so that "the
        diplomat" or "the Secretary" later refers back to that actor."""
        for actor in reversed(actors):
            if actor.method in {"carry-over", "pronoun", "role-noun"} or actor.group == UNPLACED:
                continue
            described = [actor.name]
            if not actor.is_new and actor.speaker in self.codebook.speakers_by_id:
                described.append(self.codebook.speakers_by_id[actor.speaker].title)
            where = sentence.find(actor.name)
            if where >= 0 and actor.method != "described":
                before = TITLE_BEFORE_NAME.search(sentence[max(0, where - 60) : where])
                after = APPOSITION_AFTER.match(sentence[where + len(actor.name) :])
                if after and not RELATIVE_CLAUSE.match(after.group(1)):
                    described.append(after.group(1))
                described.append(before.group() if before else "")
            for text in described:
                for role in HEAD_ROLE_WORD.findall(text or ""):
                    roles[role.lower()] = actor

    def attribute_sentence(
        self,
        sentence: str,
        previous: Attribution | None = None,
        roles: dict[str, Attribution] | None = None,
        names: re.Pattern | None = None,
        referents: dict[str, Attribution] | None = None,
    ) -> list[Attribution]:
        """The actors of one sentence; `previous` is the last speaker before it, `roles`
        the last actor introduced with each role noun ("the diplomat" refers to it),
        `names` matches the names the article introduced elsewhere, `referents` whom
        "he" and "she" refer to when it is not the last speaker."""
        roles = roles or {}
        quoted = _quoted_mask(sentence)
        mentions = [
            m
            for m in self._with_names(self._mentions(sentence), sentence, names)
            if not quoted[m.start]
        ]
        speakers = [self._according_to(sentence, mentions), self._headline(sentence, mentions)]
        speakers += self._next_to_verb(sentence, mentions, quoted)
        speakers += self._perspective(sentence, mentions)
        if not any(speakers):
            speakers = [
                self._described(sentence, mentions, quoted, previous, roles)
                or self._carried_over(sentence, quoted, previous, roles, referents or {})
            ]
        speakers += self._position_actors(sentence, mentions)
        actors: list[Attribution] = []
        for actor in speakers:
            if actor and all(actor.speaker != known.speaker for known in actors):
                actors.append(actor)
        return actors

    # -- mentions --------------------------------------------------------------

    def _mentions(self, sentence: str) -> list[_Mention]:
        """The mentions of the sentence: the speakers' names and aliases, and other names.

        Remembered for the sentences of the article at hand: attribution and the
        holder candidates ask for them several times per sentence.
        """
        if sentence not in self._mentions_of:
            if len(self._mentions_of) >= MENTIONS_REMEMBERED:
                self._mentions_of.clear()
            self._mentions_of[sentence] = self._find_mentions(sentence)
        return list(self._mentions_of[sentence])

    @staticmethod
    def _with_names(
        mentions: list[_Mention], sentence: str, names: re.Pattern | None
    ) -> list[_Mention]:
        """The mentions, and the article's known names where no mention stands."""
        if names is None:
            return mentions
        taken = [(m.start, m.end) for m in mentions]
        extra = [
            _Mention(match.start(), match.end(), None, match.group())
            for match in names.finditer(sentence)
            if not any(s < match.end() and match.start() < e for s, e in taken)
        ]
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def _find_mentions(self, sentence: str) -> list[_Mention]:
        found = [
            self._known(m.start(), m.end(), m.group())
            for m in self._alias_pattern.finditer(sentence)
        ]
        taken = [(m.start, m.end) for m in found]
        for match in NAME.finditer(sentence):
            start, name = _strip_titles(match.start(), match.group(), self._title_words)
            if PLACE_BEFORE.search(sentence[:start]):
                continue
            if name and not any(s < start + len(name) and start < e for s, e in taken):
                found.append(_Mention(start, start + len(name), None, name))
        return sorted(found, key=lambda m: m.start)

    def _known(self, start: int, end: int, form: str) -> _Mention:
        speaker = self._alias_index[form]
        return _Mention(start, end, speaker, form, self.codebook.speakers_by_id[speaker].collective)

    def _resolve(
        self, mention: _Mention, sentence: str, method: str, confidence: float
    ) -> Attribution:
        if mention.speaker:
            group = self.codebook.group_of(mention.speaker) or UNPLACED
            return Attribution(mention.speaker, group, mention.name, method, confidence)
        group, cue = self.place_by_title(sentence, mention)
        return Attribution(
            f"new:{_slug(mention.name)}",
            group or UNPLACED,
            mention.name,
            method,
            confidence * (0.8 if group else 0.5),
            cue,
        )

    def place_by_title(self, sentence: str, mention: _Mention) -> tuple[str | None, str | None]:
        """The group of a new speaker from the apposition after the name ("Jane Roe, a
        researcher at …"; not a relative clause: "…, who sat in the Council"), else
        from the title right before it, nearest cue first.

        Remembered like the mentions: the rules, the names of the article and the
        holder candidates place the same mention several times.
        """
        key = (sentence, mention.start, mention.end)
        if key not in self._placed:
            if len(self._placed) >= MENTIONS_REMEMBERED:
                self._placed.clear()
            self._placed[key] = self._place_by_title(sentence, mention)
        return self._placed[key]

    def _place_by_title(self, sentence: str, mention: _Mention) -> tuple[str | None, str | None]:
        rest = sentence[mention.end :]
        after = APPOSITION_AFTER.match(rest) or OF_AFTER.match(rest) or IS_A_AFTER.match(rest)
        office = OFFICE_CLAUSE.match(after.group(1)) if after else None
        if office:
            group, cue = self.place(office.group(1))
            if group:
                return group, cue
        elif (
            after
            and not RELATIVE_CLAUSE.match(after.group(1))
            and not CLAUSE_VERB.search(after.group(1))
        ):
            group, cue = self.place(after.group(1))
            if group:
                return group, cue
        before = sentence[max(0, mention.start - 80) : mention.start]
        pieces = TITLE_WINDOW_END.split(before)
        nearest = next((p for p in reversed(pieces) if p.strip()), "")
        group, cue = self.place(nearest, nearest_last=True)
        if group or not OFFICE.search(nearest):
            return group, cue
        setting = SETTING.match(sentence)
        if setting and setting.end() <= mention.start:
            return self.place(setting.group(1))  # "In Berlin, deputy spokeswoman Jane Roe"
        spoken_in = SPOKEN_IN.search(sentence, mention.end)
        if spoken_in:
            return self.place(spoken_in.group(1))  # "…, Jane Roe told reporters in Berlin"
        return group, cue

    def place_phrase(self, phrase: str) -> tuple[str | None, str | None]:
        """`place`, and for a phrase opening a sentence ("Analysts said") as if inside one."""
        group, cue = self.place(phrase)
        return (group, cue) if group else self.place(_lower_first(phrase))

    def place(self, title: str, *, nearest_last: bool = False) -> tuple[str | None, str | None]:
        """The group a title or affiliation places a speaker in, and the cue that did it.

        A cue naming where the speaker is posted ("Eastland's envoy to the Alliance")
        yields to any other; then higher priority wins; then the cue written first, or
        with `nearest_last` the one nearest the name after the title ("after the
        Eastland-Westland talks, Westland's envoy Jane Roe" is Westland's). The cue
        shown is the group's first.
        """
        found = []
        for priority, pattern, word, group in self._cues:
            if word[1:] not in title:  # the pattern needs the word: skip it cheaply
                continue
            for match in pattern.finditer(title):
                where = -match.end() if nearest_last else match.start()
                posted = bool(POSTED_TO.search(title[: match.start()]))
                found.append(((posted, -priority, where), group, match.start(), word))
        if not found:
            return None, None
        group = min(found)[1]
        return group, min((start, word) for _, g, start, word in found if g == group)[1]

    def cued_groups(self, text: str) -> frozenset[str]:
        """Every group an affiliation cue of `text` points to ("on Estonian soil",
        "Berlin", "the Senate")."""
        return frozenset(
            group
            for _, pattern, word, group in self._cues
            if word[1:] in text and pattern.search(text)
        )

    # -- the patterns ------------------------------------------------------------

    def _according_to(self, sentence: str, mentions: list[_Mention]) -> Attribution | None:
        for match in ACCORDING_TO.finditer(sentence):
            after = [m for m in mentions if 0 <= m.start - match.end() <= 40]
            if after:
                return self._resolve(
                    _last_of_chain(after, sentence), sentence, "according-to", 0.85
                )
        return None

    def _headline(self, sentence: str, mentions: list[_Mention]) -> Attribution | None:
        match = HEADLINE.match(sentence)
        if not match:
            return None
        name = match.group(1)
        if name.casefold() in RUBRICS and name not in self._alias_index:
            return None
        known = [m for m in mentions if m.start == match.start(1) and m.end == match.end(1)]
        mention = known[0] if known else _Mention(0, len(name), self._alias_index.get(name), name)
        return self._resolve(mention, sentence, "headline", 0.8)

    def _next_to_verb(
        self, sentence: str, mentions: list[_Mention], quoted: list[bool]
    ) -> list[Attribution]:
        """Subjects of every reporting verb outside quotes ("X said", "said X", "X and Y said")."""
        found = []
        for verb in reporting_verbs(sentence):
            if quoted[verb.start()]:
                continue
            passive = verb.group().endswith("ed") and PASSIVE_AUX.search(sentence[: verb.start()])
            before = [
                m
                for m in mentions
                if m.end <= verb.start()
                and not passive
                and _is_subject_gap(sentence[m.end : verb.start()])
                and not CONDITIONAL_BEFORE.search(sentence[: m.start])
            ]
            if before:
                found += [
                    self._resolve(m, sentence, "reporting-verb", 0.9)
                    for m in _coordinated(
                        _owner(before[-1], mentions, sentence), mentions, sentence
                    )
                ]
                continue
            after = [
                m
                for m in mentions
                if verb.group() in INVERSION_VERBS
                and _opens_inversion(sentence[: verb.start()])
                and 0 <= m.start - verb.end() <= 60
                and _is_inversion_gap(sentence[verb.end() : m.start])
            ]
            if after:
                found.append(
                    self._resolve(_last_of_chain(after, sentence), sentence, "reporting-verb", 0.85)
                )
        return found

    def _perspective(self, sentence: str, mentions: list[_Mention]) -> list[Attribution]:
        """ "For Moscow, ..." and "For the United States and its allies, ..." """
        match = PERSPECTIVE.match(sentence)
        if not match:
            return []
        return [
            self._resolve(m, sentence, "perspective", 0.7) for m in mentions if m.end <= match.end()
        ]

    def _described(
        self,
        sentence: str,
        mentions: list[_Mention],
        quoted: list[bool],
        previous: Attribution | None,
        roles: dict[str, Attribution],
    ) -> Attribution | None:
        """An unnamed speaker described by a role: "a senior US official said".

        Also "US officials said"; and "Jane Roe, the US envoy, ..." is Jane Roe.
        """
        found = [*DESCRIBED.finditer(sentence), *DESCRIBED_BARE.finditer(sentence)]
        for match in sorted(found, key=lambda m: m.start()):
            verb = next(iter(reporting_verbs(sentence, match.end())), None)
            if quoted[match.start()] or not verb or verb.start() - match.end() > 100:
                continue
            phrase = match.group().strip()
            if APPOSITIVE_ROLE.match(phrase):
                named = [
                    m for m in mentions if APPOSITION.fullmatch(sentence[m.end : match.start()])
                ]
                if named:
                    return self._resolve(named[-1], sentence, "appositive", 0.8)
            start = match.end() - len(match.group().lstrip())
            registered = [
                m for m in mentions if m.speaker and m.start <= start and m.end >= match.end()
            ]
            if registered:  # "a senior US official" may be an alias of the registry
                return self._resolve(registered[0], sentence, "described", 0.7)
            group, cue = self.place_phrase(sentence[match.start() : verb.start()])
            if group:
                return Attribution(f"new:{_slug(phrase)}", group, phrase, "described", 0.7, cue)
            if phrase.lower().startswith(("the ", "this ", "that ")):
                referred = _referred_role(phrase, roles) or previous
                if referred:
                    return _carry(referred, "role-noun", 0.7)
            return Attribution(f"new:{_slug(phrase)}", UNPLACED, phrase, "described", 0.4)
        return None

    def _carried_over(
        self,
        sentence: str,
        quoted: list[bool],
        previous: Attribution | None,
        roles: dict[str, Attribution],
        referents: dict[str, Attribution],
    ) -> Attribution | None:
        for verb in reporting_verbs(sentence):
            if quoted[verb.start()]:
                continue
            head = sentence[: verb.start()].rstrip(" ,")
            word = head.split()[-1] if head.split() else ""
            if PRONOUN.match(word):  # "He told the envoy …" is the previous speaker
                referent = referents.get(word.lower(), previous)
                if referent is None:
                    return None
                return _carry(referent, "pronoun", 0.75)
            tail = sentence[verb.end() :].lstrip()
            after = REFERRED_AFTER_VERB.match(tail) if _opens_inversion(head) else None
            role = ROLE_NOUN.search(head) or after
            referred = (_referred_role(role.group(), roles) if role else None) or previous
            if role and referred:
                return _carry(referred, "pronoun", 0.75)
        if previous is None:
            return None
        if sentence.lstrip()[:1] in '“«"':
            return _carry(previous, "carry-over", 0.5)
        return None

    def _position_actors(self, sentence: str, mentions: list[_Mention]) -> list[Attribution]:
        actors = []
        for mention in mentions:
            if STANCE_NOUN.match(sentence[mention.end :]):
                actors.append(self._resolve(mention, sentence, "stance-noun", 0.7))
            elif PASSIVE_BY.search(sentence[: mention.start]) or _joined_to_passive(
                sentence, mention, mentions
            ):
                actors.append(self._resolve(mention, sentence, "passive-agent", 0.7))
        return [a for a in actors if a.speaker]


def body_words(codebook: Codebook) -> frozenset[str]:
    """Capitalised words of the names of bodies: of the collective speakers' names and
    aliases, and of the group labels. Before a name they belong to its title
    ("Westland Ambassador Jane Smith", "Treasury spokesman John Doe")."""
    names = [g.label for g in codebook.groups]
    names += [form for s in codebook.speakers if s.collective for form in (s.name, *s.aliases)]
    return frozenset(word for name in names for word in name.split() if word[:1].isupper())


def _referred_role(phrase: str, roles: dict[str, Attribution]) -> Attribution | None:
    """The actor last introduced with the role noun of "the diplomat", if any."""
    nouns = ROLE_WORD.findall(phrase)
    return roles.get(nouns[-1].lower()) if nouns else None


def _carry(previous: Attribution, method: str, confidence: float) -> Attribution:
    return Attribution(
        previous.speaker,
        previous.group,
        previous.name,
        method,
        min(confidence, previous.confidence),
        previous.cue,
    )


class _Speakers:
    """The people of an article so far (speakers and persons mentioned), most recent
    first, and whether each is a "he" or a "she" (from a title, "Ms Roe", "spokesman",
    or a pronoun that referred to them)."""

    def __init__(self) -> None:
        self.recent: list[Attribution] = []
        self.pronoun: dict[str, str] = {}

    def note(self, sentence: str, speaking: list[Attribution], persons: list[Attribution]) -> None:
        for actor in [*speaking, *persons]:
            if actor.method == "pronoun":
                said = GENDERED_PRONOUN.search(unquoted_text(sentence))
                if said:
                    self.pronoun.setdefault(actor.speaker, said.group().lower())
                continue
            where = sentence.find(actor.name)
            title = (
                GENDERED_TITLE.search(sentence[max(0, where - 40) : where]) if where > 0 else None
            )
            if title:
                self.pronoun.setdefault(actor.speaker, GENDER_OF_TITLE[title.group(1).lower()])
        for actor in [*persons, *speaking[:1]]:
            self.recent = [actor, *[a for a in self.recent if a.speaker != actor.speaker]][:6]

    def referents(self, previous: Attribution | None) -> dict[str, Attribution]:
        """ "he" and "she": the last speaker, unless known to be the other; then the
        person last named who is not known to be the other."""
        result = {}
        for pronoun in ("he", "she"):
            if previous is None or self.pronoun.get(previous.speaker, pronoun) == pronoun:
                continue
            fitting = [
                a
                for a in self.recent
                if a.speaker != previous.speaker
                and a.group != UNPLACED
                and self.pronoun.get(a.speaker, pronoun) == pronoun
            ]
            if fitting:
                result[pronoun] = fitting[0]
        return result


def unquoted_text(sentence: str) -> str:
    """The sentence without its quoted passages."""
    parts, at = [], 0
    for start, end in quoted_spans(sentence):
        parts.append(sentence[at:start])
        at = end
    return "".join([*parts, sentence[at:]])


def _owner(subject: _Mention, mentions: list[_Mention], sentence: str) -> _Mention:
    """ "Jane Roe of the Eastland Institute said": Jane Roe, not the institute."""
    earlier = [m for m in mentions if m.end <= subject.start and not m.collective]
    if earlier and OF_JOIN.fullmatch(sentence[earlier[-1].end : subject.start]):
        return earlier[-1]
    return subject


def _coordinated(last: _Mention, mentions: list[_Mention], sentence: str) -> list[_Mention]:
    """The subject and the mentions joined to it by "and": "the US and its allies"."""
    chain = [last]
    for mention in reversed([m for m in mentions if m.end <= last.start]):
        if not re.fullmatch(
            r"\s*(?:,|and|,\s*and)\s*(?:other\s+)?", sentence[mention.end : chain[-1].start]
        ):
            break
        chain.append(mention)
    return list(reversed(chain))


def _joined_to_passive(sentence: str, mention: _Mention, mentions: list[_Mention]) -> bool:
    earlier = [m for m in mentions if m.end <= mention.start]
    if not earlier:
        return False
    gap = sentence[earlier[-1].end : mention.start]
    return bool(re.fullmatch(r"\s*(?:,|and|or)\s*(?:in|by)?\s*", gap)) and bool(
        PASSIVE_BY.search(sentence[: earlier[-1].start])
    )


def _is_subject_gap(gap: str) -> bool:
    """Text between a subject and its verb: a few words, an adverb, an auxiliary."""
    if any(q in gap for q in QUOTE_MARKS):
        return False
    return bool(SUBJECT_GAP.fullmatch(gap))


def _cue_pattern(word: str) -> re.Pattern:
    """A cue as a whole word; one written in lower case also opening a title in capitals
    ("Retired General Jane Roe", "Former Ambassador John Doe")."""
    first = f"[{word[0].upper()}{word[0]}]" if word[:1].islower() else re.escape(word[:1])
    return re.compile(rf"(?<![\w]){first}{re.escape(word[1:])}(?![\w])")


def reporting_verbs(sentence: str, start: int = 0) -> list[re.Match]:
    """The reporting verbs of the sentence from `start`, not the same words read as
    nouns ("Moscow demands …" is one; "Moscow’s demands", "the Baltic states" are not)."""
    return [
        verb
        for verb in REPORTING_VERB.finditer(sentence, start)
        if not _read_as_noun(sentence[: verb.start()])
    ]


def _read_as_noun(head: str) -> bool:
    words = head.rsplit(None, 1)
    if not words:
        return False
    word = words[-1]
    return (
        word.lower() in NOUN_MARKERS
        or bool(POSSESSIVE_END.search(word))
        or (len(words) > 1 and bool(NATIONALITY_END.match(word)))
    )


def _opens_inversion(head: str) -> bool:
    """Whether a verb can come before its speaker here: after the quote or clause it
    reports (`…,” said X`, `…, says X`) or at the start, never after a subject of its
    own ("He says the alliance must …", "Officials say Russia …")."""
    words = head.rstrip().split()
    while words and words[-1].lower() in INVERSION_ADVERBS:
        words.pop()
    return not words or words[-1][-1] in INVERSION_OPENERS


def _is_inversion_gap(gap: str) -> bool:
    """Text between a verb and a following speaker: a title, a date, `both in`,
    nothing; never a clause ("said no one in Moscow", "said that the alliance")."""
    if any(q in gap for q in QUOTE_MARKS) or re.search(
        r"\b(?:that|the\s+\w+\s+(?:is|was|are|were))\b", gap
    ):
        return False
    return all(
        word[:1].isupper() or word.lower() in INVERSION_GAP_WORDS for word in WORD.findall(gap)
    )


def _last_of_chain(mentions: list[_Mention], sentence: str) -> _Mention:
    """In "the alliance's top military official, Admiral Jane Roe" the person is the last
    mention."""
    chain = [mentions[0]]
    for mention in mentions[1:]:
        gap = sentence[chain[-1].end : mention.start]
        if len(gap) > 45 or re.search(r"[;:“”\"]|\b(?:and|but|that)\b", gap):
            break
        chain.append(mention)
    people = [m for m in chain if not m.collective]
    return people[0] if people else chain[-1]


def _strip_titles(start: int, text: str, title_words: frozenset[str]) -> tuple[int, str | None]:
    """Drop the title before a name: "Estonian Foreign Minister Eva Liimets" → "Eva Liimets"."""
    tokens = list(re.finditer(r"\S+", text))
    cut = 0
    for index, token in enumerate(tokens):
        word = token.group()
        if (
            word in title_words
            or all(part in title_words for part in word.split("-"))
            or re.search(r"[’']s$", word)
            or word.endswith(",")
        ):
            cut = index + 1
    name_tokens = tokens[cut:]
    if len(name_tokens) < 2 or any(t.group() in NOT_NAMES for t in name_tokens):
        return start, None
    return start + name_tokens[0].start(), text[name_tokens[0].start() :]


QUOTE_MARK = re.compile(r"[“«”»\"]")


@functools.lru_cache(maxsize=4096)
def _quoted_mask(sentence: str) -> tuple[bool, ...]:
    """True for each character inside quotation marks (typographic or straight), the
    marks included; one entry more than the sentence has characters."""
    mask = [False] * (len(sentence) + 1)
    for start, end in quoted_spans(sentence):
        mask[start:end] = [True] * (end - start)
    return tuple(mask)


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of each quoted passage, its marks included; a quote left open
    runs to the end of the sentence, a stray closing mark is a passage of its own."""
    spans, opened = [], None
    for mark in QUOTE_MARK.finditer(sentence):
        char = mark.group()
        if char in "“«" or (char == '"' and opened is None):
            if opened is None:
                opened = mark.start()
        else:  # a closing mark, or a stray one counted as quoted itself
            spans.append((mark.start() if opened is None else opened, mark.end()))
            opened = None
    if opened is not None:
        spans.append((opened, len(sentence)))
    return spans


@functools.lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """Whole-word matches of any of `names` (longest first), or None for none."""
    if not names:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, names))})(?![\w])")


def _lower_first(text: str) -> str:
    """ "Analysts said" read as "analysts said": cues are written as inside a sentence."""
    stripped = text.lstrip(' “"')
    return stripped[:1].lower() + stripped[1:]


def _slug(name: str) -> str:
    """An id for a new speaker: "Rūta Kalnė" → "ruta_kalne"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
