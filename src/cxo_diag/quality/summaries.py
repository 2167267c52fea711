"""Round summaries: each role's dimension scores of a round, computed once and kept.

`norms` compares an engagement with every earlier one of its bank. Re-scoring each of them
on every call made it O(N) a call; instead the store keeps one summary row per round, made
by the scoring version named in ``cxo_diag.scoring.SCORING_VERSION``. A changed answer drops
its round's summary (in the store, in the same transaction); a summary from another scoring
version counts as missing. Missing ones are computed here, when a command needs them, and
kept; a store this user may only read still gets correct figures, computed and not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, Respondent
from cxo_diag.bank.model import Bank
from cxo_diag.errors import StoreError
from cxo_diag.quality.analysis import has_answers, is_simulated
from cxo_diag.scoring import SCORING_VERSION, diagnose
from cxo_diag.store import summaries
from cxo_diag.store.banks import parse_snapshot
from cxo_diag.store.engine import Store
from cxo_diag.store.summaries import Among, Histogram, RoundAnswers, RoundSummary

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from cxo_diag.scoring.model import Diagnosis

RoleScores = dict[tuple[str, str], float]
"""(dimension id, role id) -> that role's score on that dimension in one engagement."""


def role_scores(diagnosis: Diagnosis) -> RoleScores:
    """Every role's score per dimension in a diagnosis (those with too few answers left out)."""
    return {
        (dimension.id, score.role): score.score
        for dimension in diagnosis.dimensions
        for score in dimension.roles
        if score.score is not None
    }


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


def fingerprint_digest(answer_sets: Sequence[AnswerSet]) -> str:
    """``answers_fingerprint`` as a short string, so a stored round summary can keep it."""
    canonical = sorted(
        json.dumps(item, ensure_ascii=False) for item in answers_fingerprint(answer_sets)
    )
    return "sha256:" + hashlib.sha256("\n".join(canonical).encode("utf-8")).hexdigest()


CHUNK = 200
"""Rounds scored per transaction: the write lock is held for well under a second."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: ``done`` more rounds of ``total`` are summarised."""


def summarize(bank: Bank, bank_hash: str, found: RoundAnswers) -> RoundSummary:
    """The summary of one round, exactly as `norms` used to derive it from the answers."""
    sets = [
        AnswerSet(
            bank=found.bank,
            respondent=Respondent(name=person.name, role=person.role),
            engagement=found.engagement,
            round=found.number,
            answered_at=person.answered_at,
            answers=person.answers,
            seconds=person.seconds,
        )
        for person in found.respondents
    ]
    usable = [a for a in sets if has_answers(a)]
    simulated = bool(usable) and all(is_simulated(a) for a in usable)
    scores: tuple[summaries.Score, ...] = ()
    if usable and not simulated:
        diagnosis = diagnose(bank, usable, engagement=found.engagement)
        scores = tuple(
            sorted(
                (dimension, role, score)
                for (dimension, role), score in role_scores(diagnosis).items()
            )
        )
    return RoundSummary(
        round_id=found.round_id,
        bank_hash=bank_hash,
        scoring_version=SCORING_VERSION,
        respondents=len(usable),
        simulated=simulated,
        fingerprint=fingerprint_digest(usable),
        scores=scores,
    )


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _compute(
    connection: Connection, round_ids: Sequence[int], banks: dict[str, Bank]
) -> list[RoundSummary]:
    """Score these rounds; each bank copy is parsed (and its hash checked) once."""
    rounds = summaries.round_answers(connection, round_ids)
    wanted = {r.bank.hash for r in rounds} - banks.keys()
    for bank_hash, (name, row_id, snapshot) in summaries.snapshots(connection, wanted).items():
        banks[bank_hash] = parse_snapshot(name, row_id, snapshot, bank_hash)
    return [summarize(banks[r.bank.hash], r.bank.hash, r) for r in rounds]


def refresh(
    store: Store, round_ids: Sequence[int] | None = None, *, progress: Progress | None = None
) -> int:
    """Compute and keep the summary of every round that lacks one from this scoring version
    (or of the rounds named); returns how many rounds were summarised."""
    if round_ids is None:
        with store.reading() as connection:
            round_ids = summaries.rounds_needing(connection, SCORING_VERSION)
    banks: dict[str, Bank] = {}
    for chunk in _chunks(round_ids):
        with store.writing() as connection:
            summaries.write(connection, _compute(connection, chunk, banks))
        if progress is not None:
            progress(len(chunk), len(round_ids))
    return len(round_ids)


def fill_missing(store: Store, *, progress: Progress | None = None) -> None:
    """``refresh``, where this user may write: on a store they may only read (or one busy
    for too long) nothing is kept, and `norms` computes what it needs as it goes."""
    with contextlib.suppress(StoreError):
        refresh(store, progress=progress)


def _computed(store: Store, round_ids: Sequence[int]) -> tuple[list[RoundSummary], bool]:
    """Summaries of these rounds, and whether they were kept in the store (only when this
    user may write to it)."""
    banks: dict[str, Bank] = {}
    found: list[RoundSummary] = []
    try:
        for chunk in _chunks(round_ids):
            with store.writing() as connection:
                made = _compute(connection, chunk, banks)
                summaries.write(connection, made)
            found.extend(made)
        return found, True
    except StoreError:
        # A store this user may only read (a shared copy, a read-only role), or one busy
        # for too long: the figures are still right, computed now and not kept.
        with store.reading() as connection:
            made = [s for chunk in _chunks(round_ids) for s in _compute(connection, chunk, banks)]
        return made, False


@dataclass(frozen=True)
class StoredReference:
    """What `norms` compares an engagement with, as counts: never one row per engagement."""

    counted: int
    """Earlier engagements compared with."""
    simulated: int
    """Earlier engagements left out because their answers were simulated."""
    histogram: Histogram
    """(dimension, role) -> {score: how many of those engagements have it}."""


def stored_reference(store: Store, among: Among) -> StoredReference:
    """The latest round of every engagement ``among`` selects, as counts of their scores:
    two aggregate queries once every summary is current. Summaries missing or from another
    scoring version are computed first (and kept, where this user may write)."""
    with store.reading() as connection:
        counts = summaries.reference_counts(connection, among, SCORING_VERSION)
        if counts.stale:
            stale = summaries.stale_rounds(connection, among, SCORING_VERSION)
        else:
            histogram = summaries.score_histogram(connection, among, SCORING_VERSION)
            return StoredReference(counts.counted, counts.simulated, histogram)
    made, kept = _computed(store, stale)
    with store.reading() as connection:
        counts = summaries.reference_counts(connection, among, SCORING_VERSION)
        histogram = summaries.score_histogram(connection, among, SCORING_VERSION)
    counted, simulated = counts.counted, counts.simulated
    if not kept:  # not in the store: add them as the queries would have counted them
        for summary in made:
            if summary.respondents == 0 or summary.fingerprint == among.itself:
                continue
            if summary.simulated:
                simulated += 1
                continue
            counted += 1
            for dimension, role, score in summary.scores:
                scores = histogram.setdefault((dimension, role), {})
                scores[score] = scores.get(score, 0) + 1
    return StoredReference(counted, simulated, histogram)
