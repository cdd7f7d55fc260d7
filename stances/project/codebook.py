"""The codebook: issues, positions, actor groups, speakers and affiliation cues."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from stances.errors import Problem, ValidationFailed
from stances.io.schema import validate_model
from stances.io.yamlfile import line_at, read_yaml


def _whole_number(value: object) -> object:
    """Refuse what `Literal[-1, 0, 1]` lets through: YAML's `yes`/`no` (bools) and `1.0`."""
    if isinstance(value, bool):
        raise PydanticCustomError(
            "literal_error", "Input should be -1, 0 or 1, not yes/no or true/false"
        )
    if isinstance(value, float):
        raise PydanticCustomError("literal_error", "Input should be -1, 0 or 1, without decimals")
    return value


Position = Annotated[Literal[-1, 0, 1], BeforeValidator(_whole_number)]
CODEBOOK_FILE = "codebook.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Issue(_Strict):
    id: str
    label: str
    proposition: str
    description: str = ""
    terms: list[str] = []


class PositionLabel(_Strict):
    value: Position
    label: str


class Group(_Strict):
    id: str
    label: str


class Speaker(_Strict):
    id: str
    name: str
    group: str
    title: str = ""
    aliases: list[str] = []
    collective: bool = False


class AffiliationCue(_Strict):
    group: str
    cues: list[str]
    priority: int = 1


class Codebook(_Strict):
    """What the annotations and the model may say; see CODING_RULES.md."""

    issues: list[Issue] = Field(min_length=1)
    positions: list[PositionLabel]
    groups: list[Group] = Field(min_length=1)
    speakers: list[Speaker] = []
    affiliation_cues: list[AffiliationCue] = []

    @model_validator(mode="after")
    def _check_references(self) -> Codebook:
        for kind, items in [
            ("issue", self.issues),
            ("group", self.groups),
            ("speaker", self.speakers),
        ]:
            ids = [item.id for item in items]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{kind} id(s) {repeated} appear more than once")
        return self

    @property
    def issue_ids(self) -> list[str]:
        return [issue.id for issue in self.issues]

    @property
    def group_ids(self) -> list[str]:
        return [group.id for group in self.groups]

    @cached_property
    def speakers_by_id(self) -> dict[str, Speaker]:
        return {speaker.id: speaker for speaker in self.speakers}

    def group_of(self, speaker_id: str) -> str | None:
        speaker = self.speakers_by_id.get(speaker_id)
        return speaker.group if speaker else None

    def position_label(self, value: int) -> str:
        return next((p.label for p in self.positions if p.value == value), str(value))


def load_codebook(path: Path | str) -> Codebook:
    """Load and check `codebook.yaml`; raise `ValidationFailed` listing every problem.

    >>> load_codebook("annotations/codebook.yaml").issue_ids
    ['nato_enlargement', 'troop_withdrawal', 'missiles', 'exercises']
    """
    check = check_codebook(Path(path))
    if check.problems:
        raise ValidationFailed(check.problems)
    return check.codebook


@dataclass(frozen=True)
class CodebookCheck:
    """The codebook when valid, every problem found, and the SHA-256 of the file."""

    codebook: Codebook | None
    problems: list[Problem]
    sha256: str = ""


def check_codebook(path: Path) -> CodebookCheck:
    """Read the codebook and collect its problems; raise `InputError` when it is no YAML."""
    if not path.exists():
        problem = Problem(path, None, "codebook not found; create it (see CODING_RULES.md)")
        return CodebookCheck(None, [problem])
    file = read_yaml(path)
    codebook, problems = validate_model(Codebook, file.data, path)
    if codebook is not None:
        problems = _unknown_group_problems(codebook, file.data, path)
    return CodebookCheck(None if problems else codebook, problems, file.sha256)


def _unknown_group_problems(codebook: Codebook, data: dict, path: Path) -> list[Problem]:
    groups = set(codebook.group_ids)
    return [
        Problem(
            path,
            line_at(data, (section, index)),
            f"{section} -> {index}: group "
            f"{item.group!r} is not among the groups {sorted(groups)}; add it or fix it",
        )
        for section in ("speakers", "affiliation_cues")
        for index, item in enumerate(getattr(codebook, section))
        if item.group not in groups
    ]
