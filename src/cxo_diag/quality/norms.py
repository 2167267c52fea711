"""Local norms: a score placed among earlier engagements of the same bank version.

A percentile says more than a raw score once a consultancy has run the same bank with
several clients; under a minimum sample it is hidden, since a percentile among a handful of
engagements could point at one client. Simulated engagements (``cxo-diag pilot``) never
count. docs/instrument-quality.md explains the choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, BankRef
from cxo_diag.bank.model import Bank
from cxo_diag.scoring.model import Norm, NormRow, NormsHeader, NormsSection

if TYPE_CHECKING:
    from cxo_diag.scoring.model import Diagnosis
    from cxo_diag.store.engine import Store

from cxo_diag.quality.analysis import has_answers
from cxo_diag.quality.summaries import (
    RoleScores,
    answers_fingerprint,
    fingerprint_digest,
    role_scores,
)
from cxo_diag.quality.summaries import stored_reference as summarized_reference

__all__ = ["RoleScores", "answers_fingerprint", "fingerprint_digest", "role_scores"]

MIN_NORM_SAMPLE = 5
"""Fewer earlier engagements than this and a percentile would single out one client: hidden."""


def percentile_rank(value: float, reference: Sequence[float]) -> float:
    """The percentage of ``reference`` below ``value``, ties counting half (the mid-rank
    definition, so a value equal to every reference score sits at 50, not 0 or 100)."""
    below = sum(1 for r in reference if r < value)
    equal = sum(1 for r in reference if r == value)
    return 100 * (below + equal / 2) / len(reference)


class NormsReport(NormsHeader):
    """An engagement's local norms as the `norms` command shows them: every (dimension,
    role) of the bank that it or the reference has, with or without a score."""

    engagement: str | None
    norms: list[Norm]


Histogram = dict[tuple[str, str], dict[float, int]]
"""(dimension id, role id) -> {score: how many reference engagements have it}."""


@dataclass(frozen=True)
class Reference:
    """The earlier engagements a new one is compared with: their scores one by one, or
    (from a store) counted per score."""

    scores: list[RoleScores] = field(default_factory=list)
    simulated_skipped: int = 0
    histogram: Histogram | None = None
    engagements: int | None = None
    """How many engagements the histogram counts (with ``histogram``)."""

    def counts(self) -> Histogram:
        if self.histogram is not None:
            return self.histogram
        counted: Histogram = {}
        for scores in self.scores:
            for key, score in scores.items():
                bucket = counted.setdefault(key, {})
                bucket[score] = bucket.get(score, 0) + 1
        return counted

    @property
    def size(self) -> int:
        return self.engagements if self.engagements is not None else len(self.scores)


def percentile_among(value: float, counts: dict[float, int]) -> float:
    """``percentile_rank`` of ``value`` among scores given as {score: how many}."""
    total = sum(counts.values())
    below = sum(n for score, n in counts.items() if score < value)
    return 100 * (below + counts.get(value, 0) / 2) / total


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
    counts = reference.counts()
    norms = []
    for dimension in bank.dimensions:
        for role in bank.roles:
            key = (dimension.id, role.id)
            if key not in current and key not in counts:
                continue
            among = counts.get(key, {})
            sample = sum(among.values())
            score = current.get(key)
            percentile = None
            if score is not None and sample >= min_sample:
                percentile = percentile_among(score, among)
            norms.append(
                Norm(
                    dimension=dimension.id,
                    title=dimension.title,
                    role=role.id,
                    score=score,
                    sample=sample,
                    percentile=percentile,
                )
            )
    return NormsReport(
        engagement=engagement,
        bank_id=bank.id,
        bank_version=bank.version,
        bank_hash=bank_hash,
        references=reference.size,
        simulated_skipped=reference.simulated_skipped,
        min_sample=min_sample,
        norms=norms,
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
    simulated engagements are skipped.

    Read from the round summaries the store keeps (one query), never by re-scoring every
    engagement: see ``cxo_diag.quality.summaries``.
    """
    from cxo_diag.store.summaries import Among

    itself = fingerprint_digest(exclude_answers) if exclude_answers else None
    found = summarized_reference(
        store, Among(bank_ref, before=before, exclude=exclude, itself=itself)
    )
    return Reference(
        simulated_skipped=found.simulated, histogram=found.histogram, engagements=found.counted
    )


def engagement_norms(store: Store, name: str, *, min_sample: int = MIN_NORM_SAMPLE) -> NormsReport:
    """The latest round of engagement ``name`` placed among the engagements of the same bank
    version created before it."""
    from cxo_diag.app.engagements import get_engagement
    from cxo_diag.app.rounds import latest_answer_sets
    from cxo_diag.scoring import diagnose

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
    return NormsSection(
        **report.model_dump(include=set(NormsHeader.model_fields)),
        hidden=report.references < report.min_sample,
        rows=[NormRow(**norm.model_dump()) for norm in report.norms if norm.score is not None],
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
