"""The project: codebook, the corpus to tag and the labelled corpora, read and checked once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances.errors import InputError, Problem, StancesError, ValidationFailed
from stances.project.codebook import Codebook, check_codebook
from stances.project.corpus import Corpus, load_corpus
from stances.project.labels import Label, LabelFile, check_labels, labels_frame


@dataclass(frozen=True)
class LabelledCorpus:
    """Where a labelled corpus lives: a folder of articles and a folder of hand labels on them.

    The model trains on every labelled corpus of a project; only the corpus to tag
    reaches the matrix.
    """

    articles: Path
    labels: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", Path(self.articles))
        object.__setattr__(self, "labels", Path(self.labels))


@dataclass(frozen=True)
class TrainingSource:
    """A labelled corpus as read: its articles and the located labels of both labellings."""

    where: LabelledCorpus
    corpus: Corpus
    labels: tuple[Label, ...]
    files: tuple[LabelFile, ...]


@dataclass(frozen=True)
class Project:
    """Everything a run reads, read once and checked: an immutable record.

    `corpus` is what `tag` works on; `sources` are the labelled corpora the model
    trains on (the corpus to tag may be one of them).
    """

    codebook: Codebook
    corpus: Corpus
    sources: tuple[TrainingSource, ...]
    codebook_sha256: str = ""

    @property
    def labels(self) -> pd.DataFrame:
        """The training labels of every labelled corpus (`LABEL_COLUMNS`), a fresh table."""
        return labels_frame(
            label
            for source in self.sources
            for label in source.labels
            if not label.independent and not label.not_a_statement
        )

    @property
    def all_labels(self) -> pd.DataFrame:
        """The training labels and the independent second labellings, a fresh table."""
        return labels_frame(
            label for source in self.sources for label in source.labels if not label.not_a_statement
        )

    @property
    def rejections(self) -> pd.DataFrame:
        """The training entries marked `not_a_statement` (`LABEL_COLUMNS`): passages that
        hold no statement on their issue (by their group when it is given)."""
        return labels_frame(
            label
            for source in self.sources
            for label in source.labels
            if not label.independent and label.not_a_statement
        )

    @property
    def training_corpus(self) -> Corpus:
        """The articles of every labelled corpus."""
        corpora = _distinct(source.corpus for source in self.sources)
        if len(corpora) == 1:
            return corpora[0]
        return Corpus(None, {a.id: a for corpus in corpora for a in corpus})

    @property
    def fingerprint(self) -> str:
        """SHA-256 over what training reads: the codebook, the training annotation files
        and every article of the labelled corpora. A saved model is current while it holds."""
        digest = hashlib.sha256(b"stances training inputs 11\0codebook\0")
        digest.update(self.codebook_sha256.encode())
        for index, source in enumerate(self.sources):
            own = [file for file in source.files if not file.independent]
            parts = [f"{index}\0labels\0{f.path.name}\0{f.sha256}" for f in own]
            parts += [f"{index}\0article\0{a.id}\0{a.sha256}" for a in source.corpus]
            for part in parts:
                digest.update(b"\0" + part.encode())
        return digest.hexdigest()


def check_unseen(project: Project) -> None:
    """Raise `InputError` when an article of the corpus to tag is also trained on (by id or
    by identical text): an evaluation must score articles the model has not seen."""
    trained = {a.id: a for source in project.sources for a in source.corpus}
    by_text = {a.sha256: a for a in trained.values() if a.sha256}
    for article in project.corpus:
        seen = trained.get(article.id) or by_text.get(article.sha256 or None)
        if seen is not None:
            raise InputError(
                f"article {article.id!r} is also a training article ({seen.path}); "
                "evaluate on articles the model was not trained on",
                path=article.path,
            )


@dataclass(frozen=True)
class ProjectCheck:
    """What `check_project` found: the project when valid, and every problem."""

    project: Project | None
    problems: tuple[Problem, ...]
    labels: pd.DataFrame
    n_articles: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, pd.Series]:
        """Statement counts per article, issue and group (training labels only)."""
        own = self.labels[
            ~self.labels["independent"].astype(bool) & ~self.labels["not_a_statement"].astype(bool)
        ]
        if own.empty:
            return {}
        return {
            name: own.groupby(name).size().rename("statements")
            for name in ("article", "issue", "group")
        }


def load_project(
    corpus: Path | str,
    labelled: Iterable[LabelledCorpus | tuple[Path | str, Path | str]] = (),
    *,
    codebook: Path | str,
) -> Project:
    """Read and check the codebook, the corpus to tag and each labelled corpus.

    `labelled` holds (articles folder, labels folder) pairs; the model trains on
    all of them. Raises `ValidationFailed` listing every problem, or the
    `StancesError` of an unreadable folder or file. A folder named twice is read once.

    >>> project = load_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> len(project.corpus), len(project.labels), project.corpus is project.training_corpus
    (5, 67, True)
    """
    check = check_project(corpus, labelled, codebook=codebook)
    if check.problems:
        raise ValidationFailed(list(check.problems))
    return check.project


def check_project(
    corpus: Path | str,
    labelled: Iterable[LabelledCorpus | tuple[Path | str, Path | str]] = (),
    *,
    codebook: Path | str,
) -> ProjectCheck:
    """Read everything `load_project` reads; collect the problems instead of raising.

    The labelled corpora come first, then the codebook, their labels and last the
    corpus to tag; a folder or file that cannot be read at all stops the check.

    >>> check = check_project(
    ...     "seeds", [("seeds", "annotations")], codebook="annotations/codebook.yaml"
    ... )
    >>> check.ok, check.n_articles, len(check.labels)  # with the second labelling
    (True, 5, 130)
    >>> [str(p) for p in check_project("seeds", [], codebook="none.yaml").problems]
    ['none.yaml: codebook not found; create it (see CODING_RULES.md)']
    """
    where = [
        item if isinstance(item, LabelledCorpus) else LabelledCorpus(*item) for item in labelled
    ]
    folders = _Folders()
    empty = labels_frame(())
    try:
        corpora = [folders.load(item.articles) for item in where]
        _check_distinct_articles(corpora)
        book = check_codebook(Path(codebook))
        if book.codebook is None:
            return ProjectCheck(None, tuple(book.problems), empty, _count(corpora))
        checks = [
            check_labels(i.labels, c, book.codebook) for i, c in zip(where, corpora, strict=True)
        ]
    except StancesError as error:
        return ProjectCheck(None, (error.problem,), empty)
    labels = labels_frame(label for check in checks for label in check.labels)
    problems = tuple(problem for check in checks for problem in check.problems)
    if problems:
        return ProjectCheck(None, problems, labels, _count(corpora))
    try:
        tagged = folders.load(Path(corpus))
    except StancesError as error:
        return ProjectCheck(None, (error.problem,), labels, _count(corpora))
    sources = tuple(
        TrainingSource(item, corpus_, check.labels, check.files)
        for item, corpus_, check in zip(where, corpora, checks, strict=True)
    )
    project = Project(book.codebook, tagged, sources, book.sha256)
    return ProjectCheck(project, (), labels, _count(corpora))


class _Folders:
    """Corpora by resolved folder: a folder named twice is read once."""

    def __init__(self) -> None:
        self.loaded: dict[Path, Corpus] = {}

    def load(self, folder: Path) -> Corpus:
        key = Path(folder).resolve()
        if key not in self.loaded:
            self.loaded[key] = load_corpus(folder)
        return self.loaded[key]


def _distinct(corpora: Iterable[Corpus]) -> list[Corpus]:
    result: list[Corpus] = []
    for corpus in corpora:
        if all(corpus is not known for known in result):
            result.append(corpus)
    return result


def _count(corpora: Sequence[Corpus]) -> int:
    return sum(len(corpus) for corpus in _distinct(corpora))


def _check_distinct_articles(corpora: Sequence[Corpus]) -> None:
    """Leave-one-article-out needs one article per id across the labelled corpora."""
    owner: dict[str, Corpus] = {}
    for corpus in _distinct(corpora):
        for article in corpus:
            first = owner.setdefault(article.id, corpus)
            if first is not corpus:
                raise InputError(
                    f"article {article.id!r} is also in the labelled corpus {first.path}; "
                    "rename one of the two files",
                    path=article.path,
                )
