"""The Diagnosis: everything a report shows, as frozen pydantic models.

``cxo_diag.scoring.diagnose`` builds it; every renderer (terminal, Markdown, HTML, JSON) reads
it and nothing else, so the formats cannot drift apart. The models live in scoring because
scoring makes them; report imports them, never the reverse. Lists are always in a documented,
explicit order (bank order, or ranked with ties broken by id), never in dict or set order,
so the same answers give the same report byte for byte. docs/scoring.md explains each number.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Perspective, Practice

QualityKind = Literal[
    "straight-lining", "contradiction", "too-fast", "mostly-n/a", "no-usable-answers"
]
EvidenceKind = Literal["score", "gap", "blind_spot", "answer"]
FindingKind = Literal["friction", "gap", "blind_spot"]
CaveatKind = Literal[
    "set-aside",
    "no-recommendation",
    "low-agreement",
    "within-error",
    "default-reliability",
    "respondents-changed",
    "answer-quality",
    "progress",
]
ChangeBasis = Literal["same", "overlap", "different"]
#: ``declared``: the bank's ``reliability`` block; ``default``: the conservative default
ReliabilitySource = Literal["declared", "default"]

__all__ = [
    "BandInfo",
    "BlindSpot",
    "Caveat",
    "CaveatKind",
    "ChangeBasis",
    "Comparison",
    "Diagnosis",
    "DimensionChange",
    "DimensionResult",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "FindingKind",
    "Gap",
    "Header",
    "ItemGap",
    "ItemRoleView",
    "Norm",
    "NormRow",
    "NormsHeader",
    "NormsSection",
    "Note",
    "PracticeProgress",
    "QualityFlag",
    "QualityKind",
    "QuestionNotes",
    "RankedPractice",
    "ReliabilitySource",
    "RespondentInfo",
    "RoleChange",
    "RoleInfo",
    "RoleScore",
    "Summary",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleInfo(_Frozen):
    """A role of the bank with at least one respondent whose answers count (not set aside)."""

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
    set_aside: bool = False
    """Left out of every figure for answer quality (the caveats say why)."""


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
    set_aside: list[str] = Field(
        default_factory=list,
        description="Respondents whose answers were left out of every figure (answer quality).",
    )


class BandInfo(_Frozen):
    id: str
    label: str
    start: float
    end: float
    index: int
    count: int


class RoleScore(_Frozen):
    """One role's friction on one dimension (0 calm .. 100 severe), with its error.

    ``score`` is None when the role was not asked about the dimension (``asked`` False) or
    when no respondent of the role reached the coverage floor ("not enough answers").
    ``se`` is the standard error of measurement of the score and ``ci`` its 95% interval.
    ``spread`` (highest − lowest respondent) and ``agreement`` (rwg(j)) are given only from
    three respondents, so no one's score can be read off them.
    """

    role: str
    asked: bool
    score: float | None
    se: float | None = None
    ci: tuple[float, float] | None = None
    coverage: float
    n: int
    respondents: int
    spread: float | None
    agreement: float | None = None
    band: BandInfo | None
    exact: float | None = Field(default=None, exclude=True, repr=False)
    exact_se: float | None = Field(default=None, exclude=True, repr=False)


class BlindSpot(_Frozen):
    """A leader's view of their own conduct against the other leaders' view of it.

    Only mirrored pairs count (a ``self`` item and the ``counterpart`` item that ``mirrors``
    it), each where both sides answered: the same statement about the same person.
    ``beyond_error`` when ``gap`` exceeds ``critical``, the 95% critical difference.
    """

    role: str
    self_score: float | None
    others_view: float | None
    gap: float | None
    critical: float | None = None
    beyond_error: bool = False
    questions: list[str] = Field(default_factory=list)


class Gap(_Frozen):
    """The perception gap between the leaders on a dimension: highest minus lowest score.

    ``critical`` is 1.96 × the standard error of the difference of the two scores; the gap
    is a finding only when ``beyond_error`` (value above critical) and neither end is a role
    whose members disagree among themselves (``unsettled`` names such roles).
    """

    value: float
    high: str
    low: str
    critical: float
    beyond_error: bool
    unsettled: list[str] = Field(default_factory=list)


class DimensionResult(_Frozen):
    id: str
    title: str
    description: str | None
    bands: list[BandInfo]
    roles: list[RoleScore]
    gap: Gap | None
    blind_spots: list[BlindSpot]
    reliability: ReliabilitySource = "default"

    def role_score(self, role: str) -> RoleScore | None:
        return next((r for r in self.roles if r.role == role), None)


class ItemRoleView(_Frozen):
    """One role's answer to one item: its wording for the role and the (mean) answer."""

    role: str
    question: str
    wording: str
    friction: float
    answer: float
    answer_label: str | None
    n: int


class ItemGap(_Frozen):
    """A statement the leaders answered far apart: a talking point for the joint workshop.

    Like with like: an ``us`` item across the leaders (``about`` None), or a leader's ``self``
    item against the other leader's ``counterpart`` item that mirrors it (``about`` that
    leader; ``questions`` the self id, then the counterpart id).
    """

    question: str
    questions: list[str]
    about: str | None
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
    set_aside: bool = False


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
    agreement: int = 1
    """How many of the people in the relationship (leaders and observer) report it."""
    because: str


class RankedPractice(_Frozen):
    """A practice with the evidence for it. ``score`` is its normalised strength: each
    dimension shares out its own severity among the practices its rules point to, so a
    dimension with more rules does not weigh more."""

    rank: int
    practice: Practice
    score: float
    evidence: list[Evidence]
    dimensions: list[str] = Field(default_factory=list)


class Finding(_Frozen):
    """One sentence of the summary, with the evidence it rests on."""

    kind: FindingKind
    dimension: str
    roles: list[str]
    sentence: str
    evidence: str
    severity: float


class Caveat(_Frozen):
    """What the reader must know before trusting the summary."""

    kind: CaveatKind
    message: str


class Summary(_Frozen):
    """Page one: at most three findings, one to three practices to start with, at most five
    to also consider (practice ids), and the caveats. Empty ``start_here`` means the answers
    cannot support a recommendation (the caveats say why)."""

    findings: list[Finding]
    start_here: list[str]
    also_consider: list[str]
    caveats: list[Caveat]


class RoleChange(_Frozen):
    """A role's change on a dimension since the earlier round, from unrounded scores.

    ``rci`` is the reliable change index (Jacobson and Truax): the change over the standard
    error of the difference; ``reliable`` when beyond ±1.96. ``basis`` says whose scores are
    compared: the same people, the people in both rounds (``overlap``), or different people
    (then no rci: a change of people is not a change of anyone's view).
    """

    role: str
    before: float | None
    after: float | None
    delta: float | None
    rci: float | None = None
    reliable: bool = False
    basis: ChangeBasis = "same"
    beyond_error: bool | None = None
    """``reliable`` when the change was tested (an rci), None when it could not be (other
    people, or a score missing on one side): the reports say it is not shown to be beyond."""


class PracticeProgress(_Frozen):
    """Whether the items a practice's progress sign names moved since the earlier round: the
    change per role over those items (same people, beyond the reliable change index)."""

    practice: str
    title: str
    sign: str
    items: list[str]
    roles: list[RoleChange]


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
    respondents_changed: bool = False
    note: str | None = None
    practices: list[PracticeProgress] = Field(default_factory=list)
    """The progress signs of the practices the earlier round recommended, where the bank
    names the items that show them (``progress:``)."""


class Norm(_Frozen):
    """Where one role's score on one dimension sits among earlier engagements; ``score``
    is None where this engagement has none (the `norms` command lists those rows too)."""

    dimension: str
    title: str
    role: str
    score: float | None
    sample: int
    percentile: float | None
    """None when there is no score, or fewer than the minimum earlier engagements."""


class NormRow(Norm):
    """Where one role's score on one dimension sits among the reference engagements.

    ``percentile`` is the share of them with a lower score (ties count half); None when
    fewer than the minimum sample have a score there (``sample`` says how many do).
    """

    score: float


class NormsHeader(_Frozen):
    """What local norms were computed among: the bank version, how many earlier
    engagements, how many simulated ones were left out, and the sample a percentile needs."""

    bank_id: str
    bank_version: str
    bank_hash: str
    references: int
    simulated_skipped: int
    min_sample: int


class NormsSection(NormsHeader):
    """Local norms (``--norms STORE``): the scores placed among earlier engagements of the
    same bank version. ``hidden`` when fewer than ``min_sample`` engagements are there to
    compare with: then no row has a percentile."""

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


class OpenAnswer(_Frozen):
    """What one respondent wrote to an open question, verbatim. ``respondent`` and ``role``
    are empty where the report leaves the answer unattributed (a client report)."""

    respondent: str
    role: str
    text: str


class OpenAnswers(_Frozen):
    """The answers to one open question, under the dimension they are reported with."""

    question: str
    dimension: str
    dimension_title: str
    wording: str
    shareable: bool
    answers: list[OpenAnswer]


class Diagnosis(_Frozen):
    header: Header
    summary: Summary
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
    open_answers: list[OpenAnswers] = []
    """Answers to the bank's open questions, in bank order, added by ``with_context``; never
    scored. The consultant's audience shows them all, a client's only the shareable ones,
    unattributed (``cxo_diag.report.audience.open_answers_for``)."""

    considered: list[str] = Field(default_factory=list, exclude=True, repr=False)
    """Every practice with evidence of its own, strongest first, listed or not (the summary
    lists at most eight). Not serialised: the report lists only what it recommends."""
    people: SkipValidation[dict[str, dict[str, dict[str, tuple[float, float]]]]] = Field(
        default_factory=dict, exclude=True, repr=False
    )
    """Each respondent's unrounded score and error, by role, dimension and name: what a later
    round compares the same people with. Never serialised: it would reveal individuals."""
    counted: SkipValidation[dict[str, list[AnswerSet]] | None] = Field(
        default=None, exclude=True, repr=False
    )
    """The answer sets that counted, by role (a reference, never serialised): a later round
    scores the practices' progress items on them (``scoring.progress``)."""

    def role(self, role_id: str) -> RoleInfo | None:
        return next((r for r in self.header.roles if r.id == role_id), None)

    def practice(self, practice_id: str) -> RankedPractice | None:
        return next((p for p in self.practices if p.practice.id == practice_id), None)
