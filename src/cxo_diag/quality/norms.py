"""Local norms: a score placed among earlier engagements of the same bank version.

A percentile says more than a raw score once a consultancy has run the same bank with
several clients; under a minimum sample it is hidden, since a percentile among a handful of
engagements could point at one client. Simulated engagements (``cxo-diag pilot``) never
count. docs/instrument-quality.md explains the choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, BankRef
from cxo_diag.bank.model import Bank

if TYPE_CHECKING:
    from cxo_diag.report.model import Diagnosis, NormsSection
    from cxo_diag.store.engine import Store

from cxo_diag.quality.analysis import has_answers, is_simulated

MIN_NORM_SAMPLE = 5
"""Fewer earlier engagements than this and a percentile would single out one client: hidden."""

RoleScores = dict[tuple[str, str], float]
"""(dimension id, role id) -> that role's score on that dimension in one engagement."""


def percentile_rank(value: float, reference: Sequence[float]) -> float:
    """The percentage of ``reference`` below ``value``, ties counting half (the mid-rank
    definition, so a value equal to every reference score sits at 50, not 0 or 100)."""
    below = sum(1 for r in reference if r < value)
    equal = sum(1 for r in reference if r == value)
    return 100 * (below + equal / 2) / len(reference)


def role_scores(diagnosis: Diagnosis) -> RoleScores:
    """Every role's score per dimension in a diagnosis (those with too few answers left out)."""
    return {
        (dimension.id, score.role): score.score
        for dimension in diagnosis.dimensions
        for score in dimension.roles
        if score.score is not None
    }


@dataclass(frozen=True)
class Norm:
    """Where one role's score on one dimension sits among earlier engagements."""

    dimension: str
    title: str
    role: str
    score: float | None
    sample: int
    percentile: float | None
    """None when there is no score, or fewer than the minimum earlier engagements."""


@dataclass(frozen=True)
class NormsReport:
    engagement: str | None
    bank_id: str
    bank_version: str
    bank_hash: str
    references: int
    simulated_skipped: int
    min_sample: int
    norms: list[Norm]


@dataclass(frozen=True)
class Reference:
    """The earlier engagements a new one is compared with."""

    scores: list[RoleScores]
    simulated_skipped: int = 0


def place(
    bank: Bank,
    bank_hash: str,
    current: RoleScores,
    reference: Reference,
    *,
    engagement: str | None = None,
    min_sample: int = MIN_NORM_SAMPLE,
) -> NormsReport:
    """Each (dimension, role) score of ``current`` as a percentile among the reference
    engagements that have a score there; hidden when fewer than ``min_sample`` do."""
    norms = []
    for dimension in bank.dimensions:
        for role in bank.roles:
            key = (dimension.id, role.id)
            if key not in current and not any(key in r for r in reference.scores):
                continue
            sample = [r[key] for r in reference.scores if key in r]
            score = current.get(key)
            percentile = None
            if score is not None and len(sample) >= min_sample:
                percentile = percentile_rank(score, sample)
            norms.append(
                Norm(
                    dimension=dimension.id,
                    title=dimension.title,
                    role=role.id,
                    score=score,
                    sample=len(sample),
                    percentile=percentile,
                )
            )
    return NormsReport(
        engagement=engagement,
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=bank_hash,
        references=len(reference.scores),
        simulated_skipped=reference.simulated_skipped,
        min_sample=min_sample,
        norms=norms,
    )


Fingerprint = frozenset[tuple[str, str, tuple[tuple[str, int | str], ...]]]
"""Who answered what in one round: (name, role, the answers given), skips left out."""


def answers_fingerprint(answer_sets: Sequence[AnswerSet]) -> Fingerprint:
    """The same respondents giving the same answers: how a round is recognised in a store
    whatever engagement name it was imported under."""
    return frozenset(
        (
            a.respondent.name,
            a.respondent.role,
            tuple(sorted((q, v) for q, v in a.answers.items() if v is not None)),
        )
        for a in answer_sets
        if has_answers(a)
    )


def stored_reference(
    store: Store,
    bank_ref: BankRef,
    *,
    before: datetime | None = None,
    exclude: str | None = None,
    exclude_answers: Sequence[AnswerSet] = (),
) -> Reference:
    """The latest round of every stored engagement of this exact bank (id, version, hash),
    created before ``before``, other than ``exclude`` and other than one whose latest round
    holds exactly ``exclude_answers`` (the same round, imported under another name);
    simulated engagements are skipped."""
    from cxo_diag.scoring import diagnose
    from cxo_diag.store import queries
    from cxo_diag.store.sessions import answer_sets, get_engagement, round_numbers

    with store.reading() as connection:
        rows = queries.all_engagements(connection)
    itself = answers_fingerprint(exclude_answers) if exclude_answers else None
    scores: list[RoleScores] = []
    simulated = 0
    for row in rows:
        if row.bank != bank_ref or row.name == exclude:
            continue
        if before is not None and row.created_at >= before:
            continue
        engagement = get_engagement(store, row.name)
        latest = max(round_numbers(store, engagement), default=1)
        sets = [a for a in answer_sets(store, engagement, latest) if has_answers(a)]
        if not sets or answers_fingerprint(sets) == itself:
            continue
        if all(is_simulated(a) for a in sets):
            simulated += 1
            continue
        scores.append(role_scores(diagnose(engagement.bank, sets, engagement=row.name)))
    return Reference(scores, simulated)


def engagement_norms(store: Store, name: str, *, min_sample: int = MIN_NORM_SAMPLE) -> NormsReport:
    """The latest round of engagement ``name`` placed among the engagements of the same bank
    version created before it."""
    from cxo_diag.app.rounds import latest_answer_sets
    from cxo_diag.scoring import diagnose
    from cxo_diag.store.sessions import get_engagement

    engagement = get_engagement(store, name)
    sets = [a for a in latest_answer_sets(store, engagement) if has_answers(a)]
    current = role_scores(diagnose(engagement.bank, sets, engagement=name)) if sets else {}
    reference = stored_reference(
        store, engagement.row.bank, before=engagement.row.created_at, exclude=name
    )
    return place(
        engagement.bank,
        engagement.row.bank.hash,
        current,
        reference,
        engagement=name,
        min_sample=min_sample,
    )


def diagnosis_norms(
    store: Store,
    bank: Bank,
    diagnosis: Diagnosis,
    *,
    min_sample: int = MIN_NORM_SAMPLE,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
) -> NormsReport:
    """Norms for a report (``--norms STORE``): the diagnosis placed among the stored
    engagements of its bank version (created before ``before``, when given), never
    against itself: the engagement it names is left out, and so is any stored engagement
    whose latest round holds exactly ``answers`` (the answers it was scored from)."""
    header = diagnosis.header
    bank_ref = BankRef(id=header.bank_id, version=header.bank_version, hash=header.bank_hash)
    reference = stored_reference(
        store, bank_ref, before=before, exclude=header.engagement, exclude_answers=answers
    )
    return place(
        bank,
        header.bank_hash,
        role_scores(diagnosis),
        reference,
        engagement=header.engagement,
        min_sample=min_sample,
    )


def norms_section(report: NormsReport) -> NormsSection:
    """The norms as the report shows them: only the scores this engagement has, and the whole
    section hidden when fewer than the minimum engagements are there to compare with."""
    from cxo_diag.report.model import NormRow, NormsSection

    return NormsSection(
        bank_id=report.bank_id,
        bank_version=report.bank_version,
        bank_hash=report.bank_hash,
        references=report.references,
        simulated_skipped=report.simulated_skipped,
        min_sample=report.min_sample,
        hidden=report.references < report.min_sample,
        rows=[
            NormRow(
                dimension=norm.dimension,
                title=norm.title,
                role=norm.role,
                score=norm.score,
                sample=norm.sample,
                percentile=norm.percentile,
            )
            for norm in report.norms
            if norm.score is not None
        ],
    )


def with_norms(
    store: Store,
    bank: Bank,
    diagnosis: Diagnosis,
    *,
    min_sample: int = MIN_NORM_SAMPLE,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
) -> Diagnosis:
    """The diagnosis with its local norms section (``--norms STORE``); scoring stays pure,
    the norms are added after it. Arguments as for ``diagnosis_norms``."""
    report = diagnosis_norms(
        store, bank, diagnosis, min_sample=min_sample, before=before, answers=answers
    )
    return diagnosis.model_copy(update={"norms": norms_section(report)})
