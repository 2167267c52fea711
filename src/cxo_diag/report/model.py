"""The Diagnosis: everything a report shows, as frozen pydantic models.

``cxo_diag.scoring.diagnose`` builds it; every renderer (terminal, Markdown, HTML, JSON) reads
it and nothing else, so the formats cannot drift apart. Lists are always in a documented,
explicit order (bank order, or ranked with ties broken by id), never in dict or set order,
so the same answers give the same report byte for byte. docs/scoring.md explains each number.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cxo_diag.bank.model import Perspective, Practice

QualityKind = Literal[
    "straight-lining", "contradiction", "too-fast", "mostly-n/a", "no-usable-answers"
]
EvidenceKind = Literal["score", "gap", "blind_spot", "answer"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleInfo(_Frozen):
    """A role of the bank that has at least one respondent in this engagement."""

    id: str
    title: str
    observer: bool
    respondents: int


class RespondentInfo(_Frozen):
    """Who answered, and how completely.

    ``answered + not_applicable + skipped + not_reached == asked``: ``skipped`` counts the
    questions the respondent passed over on purpose (saved without an answer), while
    ``not_reached`` counts those the answers file does not mention at all, such as the
    rest of an interview still in progress.
    """

    name: str
    role: str
    asked: int
    answered: int
    not_applicable: int
    skipped: int
    not_reached: int


class Header(_Frozen):
    engagement: str | None
    organisation: str | None = None
    """The client, as stored with the engagement (``--organisation``); scoring never sets it."""
    bank_id: str
    bank_version: str
    bank_hash: str
    bank_title: str
    round: int
    generated_at: datetime | None
    answered_at: datetime | None
    roles: list[RoleInfo]
    respondents: list[RespondentInfo]
    coverage_floor: float
    min_group_size: int


class BandInfo(_Frozen):
    id: str
    label: str
    start: float
    end: float
    index: int
    count: int


class RoleScore(_Frozen):
    """One role's friction on one dimension (0 calm .. 100 severe).

    ``score`` is None when the role was not asked about the dimension (``asked`` False) or
    when no respondent of the role reached the coverage floor ("not enough answers").
    """

    role: str
    asked: bool
    score: float | None
    coverage: float
    n: int
    respondents: int
    spread: float | None
    band: BandInfo | None


class BlindSpot(_Frozen):
    """A leader's view of their own conduct against the other leaders' view of it."""

    role: str
    self_score: float | None
    others_view: float | None
    gap: float | None


class DimensionResult(_Frozen):
    id: str
    title: str
    description: str | None
    bands: list[BandInfo]
    roles: list[RoleScore]
    gap: float | None
    gap_high: str | None
    gap_low: str | None
    blind_spots: list[BlindSpot]

    def role_score(self, role: str) -> RoleScore | None:
        return next((r for r in self.roles if r.role == role), None)


class ItemRoleView(_Frozen):
    """One role's answer to one item: its wording for the role and the (mean) answer."""

    role: str
    wording: str
    friction: float
    answer: float
    answer_label: str | None
    n: int


class ItemGap(_Frozen):
    """An item the leaders answered far apart: a talking point for the joint workshop."""

    question: str
    dimension: str
    dimension_title: str
    perspective: Perspective
    keyed: str
    probe: str | None
    views: list[ItemRoleView]
    gap: float


class QualityFlag(_Frozen):
    """Something about how a respondent answered that makes a number less trustworthy."""

    respondent: str
    role: str
    kind: QualityKind
    message: str
    questions: list[str]


class Evidence(_Frozen):
    """Why a practice is recommended: one rule that fired, with the numbers it tested."""

    rule: str
    kind: EvidenceKind
    weight: float
    dimension: str | None = None
    question: str | None = None
    role: str | None = None
    value: float
    band: str | None = None
    at_least: float | None = None
    at_most: float | None = None
    because: str


class RankedPractice(_Frozen):
    rank: int
    practice: Practice
    score: float
    evidence: list[Evidence]


class RoleChange(_Frozen):
    role: str
    before: float | None
    after: float | None
    delta: float | None
    beyond_error: bool | None = None
    """Whether the change is beyond measurement error (reliable change index); None while
    it is not tested, which the reports show as not shown to be beyond it."""


class DimensionChange(_Frozen):
    dimension: str
    title: str
    roles: list[RoleChange]
    gap_before: float | None
    gap_after: float | None
    gap_delta: float | None


class Comparison(_Frozen):
    """What changed since an earlier round (negative deltas mean less friction)."""

    previous_round: int
    previous_bank_version: str
    previous_answered_at: datetime | None
    dimensions: list[DimensionChange]


class NormRow(_Frozen):
    """Where one role's score on one dimension sits among the reference engagements.

    ``percentile`` is the share of them with a lower score (ties count half); None when
    fewer than the minimum sample have a score there (``sample`` says how many do).
    """

    dimension: str
    title: str
    role: str
    score: float
    sample: int
    percentile: float | None


class NormsSection(_Frozen):
    """Local norms (``--norms STORE``): the scores placed among earlier engagements of the
    same bank version. ``hidden`` when fewer than ``min_sample`` engagements are there to
    compare with: then no row has a percentile."""

    bank_id: str
    bank_version: str
    bank_hash: str
    references: int
    simulated_skipped: int
    min_sample: int
    hidden: bool
    rows: list[NormRow]


class Note(_Frozen):
    """One interview note: who it was about, and what the consultant typed."""

    respondent: str
    role: str
    text: str


class QuestionNotes(_Frozen):
    """The notes taken on one question, under the question they belong to."""

    question: str
    dimension: str
    dimension_title: str
    wording: str
    notes: list[Note]


class Diagnosis(_Frozen):
    header: Header
    dimensions: list[DimensionResult]
    disagreements: list[ItemGap]
    quality: list[QualityFlag]
    practices: list[RankedPractice]
    comparison: Comparison | None = None
    norms: NormsSection | None = None
    """Added after scoring by ``cxo_diag.quality.norms.with_norms``; scoring never sets it."""
    notes: list[QuestionNotes] = []
    """Interview notes in bank order, added by ``cxo_diag.app.context.with_context``;
    only the consultant's audience shows them."""

    def role(self, role_id: str) -> RoleInfo | None:
        return next((r for r in self.header.roles if r.id == role_id), None)
