"""The question-bank format, as pydantic models.

Everything a bank author writes is declared here, with ``extra="forbid"`` so that a typo is
an error, not a silently ignored field. docs/bank-format.md documents each field; the JSON
Schema that editors use is generated from these classes (``cxo-diag schema``).

The bank and most of its parts are here; its questions are in ``bank/questions.py``, its rules
in ``bank/rules.py``, the constrained types and the strict base in ``bank/fields.py``; every
name is importable from here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema

from cxo_diag.bank.fields import Identifier, Score, Strict, Text
from cxo_diag.bank.questions import (
    Keyed,
    OpenQuestion,
    OpenText,
    Perspective,
    Question,
    split_open_questions,
)
from cxo_diag.bank.rules import (
    AnswerCondition,
    BlindSpotCondition,
    GapCondition,
    Rule,
    ScoreCondition,
    When,
    Who,
)

__all__ = [
    "SCHEMA_VERSION",
    "AnswerCondition",
    "Band",
    "Bank",
    "BankInfo",
    "BlindSpotCondition",
    "Dimension",
    "GapCondition",
    "Identifier",
    "Keyed",
    "OpenQuestion",
    "OpenText",
    "Owner",
    "Perspective",
    "Practice",
    "PracticeLibrary",
    "ProgressItems",
    "Question",
    "Reliability",
    "Role",
    "Rule",
    "Scale",
    "ScalePoint",
    "Score",
    "ScoreCondition",
    "Strict",
    "Text",
    "When",
    "Who",
    "json_schema",
    "split_open_questions",
]

SCHEMA_VERSION = 1


class Role(Strict):
    """A person who answers: a leader, or an observer who only answers items about 'us'."""

    id: Identifier
    title: Text
    observer: bool = Field(
        default=False, description="An observer (the CEO, say) answers only 'us' items."
    )


class ScalePoint(Strict):
    value: int = Field(description="The number stored and scored; also the key pressed.")
    label: Text


class Scale(Strict):
    """An ordered answer scale. Friction is derived from the position on it and the keying."""

    id: Identifier
    points: list[ScalePoint] = Field(min_length=2)
    not_applicable: bool = Field(
        default=True, description="Offer 'not applicable / don't know' (key n)."
    )

    @cached_property
    def low(self) -> int:
        return min(point.value for point in self.points)

    @cached_property
    def high(self) -> int:
        return max(point.value for point in self.points)

    @cached_property
    def values(self) -> frozenset[int]:
        return frozenset(point.value for point in self.points)

    @cached_property
    def positions(self) -> dict[int, float]:
        """Each value's position on 0..100, evenly spaced by rank (1..5 gives 0, 25, ... 100)."""
        ordered = sorted(self.values)
        return {value: rank * 100 / (len(ordered) - 1) for rank, value in enumerate(ordered)}

    def label_of(self, value: int) -> str:
        return next((p.label for p in self.points if p.value == value), str(value))


class Band(Strict):
    """A severity band on the 0..100 friction scale: [from, to), the last one closed."""

    id: Identifier
    label: Text
    from_: float = Field(alias="from", ge=0, le=100)
    to: float = Field(ge=0, le=100)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Reliability(Strict):
    """A dimension's reliability measured on pilot data (``cxo-diag analyze`` prints it).

    Scoring takes the standard error of measurement from it: SEM = sd * sqrt(1 - alpha).
    """

    alpha: float = Field(gt=0, lt=1, description="Cronbach's alpha of the dimension's items.")
    sd: float = Field(
        gt=0, le=100, description="Standard deviation of the dimension's scores, 0..100 points."
    )
    n: int = Field(ge=2, description="How many respondents the pilot had.")
    source: Text = Field(description="Where the figures come from (pilot, date, population).")


class Dimension(Strict):
    """A conflict source the bank measures, with its severity bands (low to high)."""

    id: Identifier
    title: Text
    description: Text | None = None
    bands: list[Band] = Field(min_length=1)
    reliability: Reliability | None = Field(
        default=None,
        description=(
            "Reliability from pilot data. Without it, scoring uses a conservative default "
            "(docs/scoring.md)."
        ),
    )

    def band_for(self, score: float) -> Band:
        for band in self.bands:
            if score < band.to:
                return band
        return self.bands[-1]


class Owner(enum.StrEnum):
    BOTH = "both"
    CEO = "ceo"


class Practice(Strict):
    """A recommended practice, specific enough to start on Monday."""

    id: Identifier
    title: Text
    addresses: list[Identifier] = Field(
        default_factory=list, description="Dimension ids this practice helps with."
    )
    why: Text
    first_steps: list[Text] = Field(min_length=3)
    owner: Identifier = Field(description="A role id, 'both', or 'ceo'.")
    cadence: Text
    progress_sign: Text


class ProgressItems(Strict):
    """The items whose change shows one practice's progress sign, in this bank."""

    practice: Identifier = Field(description="A practice of the bank (or an included library).")
    items: list[Identifier] = Field(
        min_length=1,
        description=(
            "Scale items of this bank whose friction falls when the practice works; a "
            "re-assessment reports whether they moved beyond measurement error."
        ),
    )


class BankInfo(Strict):
    """The fields every bank file starts with."""

    schema_version: Literal[1] = Field(description="The version of this file format.")
    id: Identifier
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        description="The version of the bank's content (semantic: 1.2.0)."
    )
    title: Text
    description: Text | None = None


class Bank(BankInfo):
    """A complete question bank."""

    kind: Literal["bank"] = "bank"
    include: list[str] = Field(
        default_factory=list,
        description="Practice libraries to draw practices from, relative to this file.",
    )
    roles: list[Role] = Field(min_length=2)
    scales: list[Scale] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    questions: list[Question] = Field(
        min_length=1,
        description="The items. `type: open` ones are answered in free text and never scored.",
    )
    open_questions: SkipJsonSchema[list[OpenQuestion]] = Field(
        default_factory=list,
        description="The `type: open` entries of `questions`, moved here when loaded.",
    )
    practices: list[Practice] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    sequence: list[Identifier] = Field(
        default_factory=list,
        description=(
            "Practice ids in the order to start them (repair trust before redrawing decision "
            "rights): the summary's 'start here' follows it, and ranking ties fall back on it."
        ),
    )
    progress: list[ProgressItems] = Field(
        default_factory=list,
        description=(
            "For each practice, the items whose change shows its progress sign (the sign's "
            "text is the practice's progress_sign). Items are the bank's own, so a shared "
            "practice library names none."
        ),
    )
    contradictions: list[tuple[Identifier, Identifier]] = Field(
        default_factory=list,
        description=(
            "Pairs of scale items, answered by one role, that cannot both be true: agreeing "
            "as strongly as the scale allows with both is flagged as a contradiction. A bank "
            "that declares none gets no contradiction flag."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _open_questions_apart(cls, data: Any) -> Any:
        return split_open_questions(data)

    # Lookups by id are cached: scoring asks them millions of times for large engagements.
    # The model is frozen, so the caches cannot go stale.

    @cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def _scales_by_id(self) -> dict[str, Scale]:
        return {s.id: s for s in self.scales}

    @cached_property
    def _dimensions_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def _practices_by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.practices}

    @cached_property
    def _answering(self) -> dict[str, tuple[str, ...]]:
        everyone = tuple(r.id for r in self.roles)
        leaders = tuple(r.id for r in self.roles if not r.observer)
        return {
            q.id: tuple(q.roles)
            if q.roles is not None
            else everyone
            if q.perspective is Perspective.US
            else leaders
            for q in self.questions
        }

    @cached_property
    def _questions_by_role(self) -> dict[str, tuple[Question, ...]]:
        return {
            r.id: tuple(q for q in self.questions if r.id in self._answering[q.id])
            for r in self.roles
        }

    def role(self, role_id: str) -> Role:
        return self._roles_by_id[role_id]

    def role_id(self, typed: str) -> str | None:
        """The id of the role a person typed, in any case (``CMO`` is ``cmo``); None if none."""
        folded = typed.strip().casefold()
        return next((r.id for r in self.roles if r.id.casefold() == folded), None)

    def no_role(self, typed: str) -> str:
        """What to say of a role this bank does not have: its roles, and the closest one."""
        from cxo_diag.findings import did_you_mean

        ids = [r.id for r in self.roles]
        close = did_you_mean(typed, ids)
        return f"bank {self.id} has no role {typed!r} (roles: {', '.join(ids)}){close}"

    def scale(self, scale_id: str) -> Scale:
        return self._scales_by_id[scale_id]

    def dimension(self, dimension_id: str) -> Dimension:
        return self._dimensions_by_id[dimension_id]

    def practice(self, practice_id: str) -> Practice:
        return self._practices_by_id[practice_id]

    @property
    def leader_roles(self) -> list[Role]:
        return [r for r in self.roles if not r.observer]

    def answering_roles(self, question: Question) -> list[str]:
        """Who answers ``question``: its ``roles``, or the default for its perspective."""
        cached = self._answering.get(question.id)
        if cached is not None and self._questions_by_id.get(question.id) is question:
            return list(cached)
        if question.roles is not None:
            return list(question.roles)
        if question.perspective is Perspective.US:
            return [r.id for r in self.roles]
        return [r.id for r in self.leader_roles]

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def questions_for(self, role_id: str) -> list[Question]:
        return list(self._questions_by_role.get(role_id, ()))

    @cached_property
    def _asked_by_role(self) -> dict[str, dict[str, Question]]:
        return {role: {q.id: q for q in asked} for role, asked in self._questions_by_role.items()}

    def asked(self, role_id: str) -> Mapping[str, Question]:
        """The questions ``role_id`` answers, by id (read-only view; cached)."""
        return self._asked_by_role.get(role_id, {})

    def open_answering_roles(self, question: OpenQuestion) -> list[str]:
        if question.roles is not None:
            return list(question.roles)
        if question.perspective is Perspective.US:
            return [r.id for r in self.roles]
        return [r.id for r in self.leader_roles]

    def open_questions_for(self, role_id: str) -> list[OpenQuestion]:
        """The open questions ``role_id`` answers, in file order."""
        return [q for q in self.open_questions if role_id in self.open_answering_roles(q)]


class PracticeLibrary(Strict):
    """Practices shared by several banks (``include:`` in a bank)."""

    schema_version: Literal[1]
    kind: Literal["practice-library"]
    id: Identifier
    title: Text
    description: Text | None = None
    practices: list[Practice] = Field(min_length=1)
    sequence: list[Identifier] = Field(
        default_factory=list,
        description=(
            "Practice ids in the order to start them (repair trust before redrawing decision "
            "rights): the summary's 'start here' follows it, and ranking ties fall back on it."
        ),
    )


def json_schema() -> dict[str, object]:
    """The JSON Schema of a bank file or a practice library, for editors and CI tools."""
    from pydantic import TypeAdapter

    adapter: TypeAdapter[Bank | PracticeLibrary] = TypeAdapter(Bank | PracticeLibrary)
    schema = adapter.json_schema(by_alias=True)
    # Open questions are written among `questions` (with `type: open`); the model keeps them
    # in a field of their own, which the schema does not show.
    extra = OpenQuestion.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    definitions: dict[str, Any] = schema["$defs"]
    definitions.update(extra.pop("$defs", {}))
    definitions["OpenQuestion"] = extra
    definitions["Bank"]["properties"]["questions"]["items"] = {
        "anyOf": [{"$ref": "#/$defs/Question"}, {"$ref": "#/$defs/OpenQuestion"}]
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://cxo-diag.example/schemas/bank.schema.json"
    schema["title"] = "cxo-diag question bank or practice library"
    return schema
