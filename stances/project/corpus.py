"""Articles: a folder of `.txt` files, with optional metadata in `articles.yaml`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from stances.errors import InputError
from stances.io.textfile import read_text_file
from stances.io.yamlfile import LineDict, load_yaml

METADATA_FILE = "articles.yaml"
METADATA_FIELDS = {"title", "outlet", "date", "style", "authored"}


@dataclass(frozen=True)
class Article:
    """One article: its id is the file stem; `text` has `\\n` line ends.

    `sha256` is the digest of the file's bytes (empty for an article made in memory).
    `authored` marks a text written here as training data: never news, never scored;
    `style` says what kind of text it is ("wire report", "readout", ...).
    """

    id: str
    text: str
    path: Path | None = None
    title: str = ""
    outlet: str | None = None
    date: dt.date | None = None
    sha256: str = ""
    style: str | None = None
    authored: bool = False


@dataclass(frozen=True)
class Corpus:
    """The articles of one folder, by id, in file-name order (read-only)."""

    path: Path | None
    articles: Mapping[str, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", MappingProxyType(dict(self.articles)))

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles.values())

    def __len__(self) -> int:
        return len(self.articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.articles

    def __getitem__(self, article_id: str) -> Article:
        return self.articles[article_id]

    @property
    def authored(self) -> list[str]:
        """Ids of the articles marked `authored: true` (training texts, not news)."""
        return [a.id for a in self if a.authored]

    def to_frame(self) -> pd.DataFrame:
        """One row per article: id, title, outlet, date, characters."""
        rows = [
            {
                "article": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "date": a.date,
                "characters": len(a.text),
            }
            for a in self
        ]
        return pd.DataFrame(rows, columns=["article", "title", "outlet", "date", "characters"])


def refuse_authored(corpus: Corpus) -> None:
    """Raise `InputError` when the corpus holds authored training texts: they are no news,
    and never reach an analyst's matrix or an evaluation."""
    authored = corpus.authored
    if authored:
        shown = ", ".join(authored[:3]) + (", ..." if len(authored) > 3 else "")
        raise InputError(
            f"{len(authored)} article(s) are authored training texts (authored: true), "
            f"not news: {shown}; tag or evaluate a corpus of real articles",
            path=corpus.path / METADATA_FILE if corpus.path else None,
        )


def first_line(text: str) -> str:
    """The first non-blank line, stripped: a plain-text article's title."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def load_corpus(path: Path | str) -> Corpus:
    """Load every `*.txt` file of a folder as an article.

    >>> corpus = load_corpus("seeds")
    >>> len(corpus), corpus["002_dc24e759925532ba"].date
    (5, datetime.date(2022, 1, 12))
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError("corpus folder not found; pass a folder of .txt articles", path=folder)
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise InputError(
            "no .txt articles in this folder; add articles or pick another folder", path=folder
        )
    metadata = load_metadata(folder / METADATA_FILE)
    articles = {}
    for path in files:
        file = read_text_file(path)
        if not file.text.strip():
            raise InputError("the article is empty; add its text or remove the file", path=path)
        entry = metadata.get(path.stem, {})
        articles[path.stem] = Article(
            id=path.stem,
            text=file.text,
            path=path,
            title=entry.get("title") or first_line(file.text),
            outlet=entry.get("outlet"),
            date=entry.get("date"),
            sha256=file.sha256,
            style=entry.get("style"),
            authored=entry.get("authored", False),
        )
    return Corpus(folder, articles)


def load_metadata(path: Path) -> dict[str, dict]:
    """Read `articles.yaml` (id → title, outlet, date, style, authored); empty when absent."""
    if not path.exists():
        return {}
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise InputError("expected a mapping of article id to its metadata", path=path, line=1)
    return {article_id: _check_entry(path, data, article_id) for article_id in data}


def _check_entry(path: Path, data: LineDict, article_id: str) -> dict:
    entry, line = data[article_id], data.line_of(article_id)
    if not isinstance(entry, dict):
        raise InputError(f"{article_id}: expected title, outlet and date", path=path, line=line)
    unknown = set(entry) - METADATA_FIELDS
    if unknown:
        raise InputError(
            f"{article_id}: unknown field(s) {sorted(unknown)}; allowed: {sorted(METADATA_FIELDS)}",
            path=path,
            line=line,
        )
    date = entry.get("date")
    if not _is_date(date):
        raise InputError(
            f"{article_id}: date must be a valid YYYY-MM-DD date or null", path=path, line=line
        )
    if not isinstance(entry.get("authored", False), bool):
        raise InputError(f"{article_id}: authored must be true or false", path=path, line=line)
    for name in ("title", "outlet", "style"):
        if entry.get(name) is not None and not isinstance(entry[name], str):
            raise InputError(f"{article_id}: {name} must be text", path=path, line=line)
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return {**entry, "date": date}


def _is_date(value: object) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:  # 2022-02-30
        return False
    return True
