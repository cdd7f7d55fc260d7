"""What a person reads instead of ids: group, speaker and issue labels from the codebook,
and a line saying which articles a report rests on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from stances.project.codebook import Codebook
from stances.project.corpus import Corpus
from stances.report.matrix import RowKind
from stances.text.attribution import UNPLACED

UNPLACED_LABEL = "Unplaced (no holder found)"
NEW_PREFIX = "new:"


@dataclass(frozen=True)
class Names:
    """Labels of a codebook's groups, speakers and issues; unknown ids are shown as given.

    >>> from stances.project.codebook import load_codebook
    >>> names = Names(load_codebook("annotations/codebook.yaml"))
    >>> names.actor("united_states"), names.actor("unplaced"), names.issue("missiles")
    ('United States', 'Unplaced (no holder found)', 'Missile limits')
    >>> names.actor("new:a_spokesman", by="speaker")
    'a spokesman (not in the registry)'
    """

    codebook: Codebook

    def actor(self, actor: str, by: RowKind | str = RowKind.group) -> str:
        """A group's label, or a speaker's name (new speakers marked as such)."""
        if actor == UNPLACED:
            return UNPLACED_LABEL
        if RowKind(by) is RowKind.group:
            return next((g.label for g in self.codebook.groups if g.id == actor), actor)
        speaker = self.codebook.speakers_by_id.get(actor)
        if speaker is not None:
            return speaker.name
        if actor.startswith(NEW_PREFIX):
            return f"{actor[len(NEW_PREFIX) :].replace('_', ' ')} (not in the registry)"
        return actor

    def issue(self, issue: str) -> str:
        return next((i.label for i in self.codebook.issues if i.id == issue), issue)

    def proposition(self, issue: str) -> str:
        """What a position of +1 supports on this issue ("" for an unknown issue)."""
        return next((i.proposition for i in self.codebook.issues if i.id == issue), "")

    def group_kind(self, by: RowKind | str) -> str:
        """The header of the actor column."""
        return "Actor group" if RowKind(by) is RowKind.group else "Speaker"


def describe_articles(corpus: Corpus, articles: Iterable[str] | None = None) -> str:
    """Which articles a report rests on: how many, their dates and their outlets.

    >>> import datetime as dt
    >>> from stances.project.corpus import Article
    >>> corpus = Corpus(None, {
    ...     "a": Article("a", "", outlet="Politico", date=dt.date(2022, 1, 9)),
    ...     "b": Article("b", "", outlet="Politico", date=dt.date(2022, 1, 14)),
    ...     "c": Article("c", "")})
    >>> describe_articles(corpus)
    '3 articles, 2022-01-09 to 2022-01-14; outlets: Politico (2), not named (1)'
    """
    ids = list(corpus.articles) if articles is None else [a for a in articles if a in corpus]
    chosen = [corpus[a] for a in ids]
    dates = sorted(a.date for a in chosen if a.date is not None)
    span = ""
    if dates:
        span = f", {dates[0]}" if dates[0] == dates[-1] else f", {dates[0]} to {dates[-1]}"
    outlets = Counter(a.outlet or "not named" for a in chosen)
    named = sorted(outlets, key=lambda o: (o == "not named", -outlets[o], o))
    listed = ", ".join(f"{o} ({outlets[o]})" for o in named)
    noun = "article" if len(chosen) == 1 else "articles"
    return f"{len(chosen)} {noun}{span}; outlets: {listed}"


def describe_article(corpus: Corpus, article_id: str) -> str:
    """One article as a person names it: "title (outlet, date)"; its id when unknown."""
    if article_id not in corpus:
        return article_id
    article = corpus[article_id]
    details = ", ".join(str(x) for x in (article.outlet, article.date) if x)
    title = article.title or article_id
    return f"{title} ({details})" if details else title
