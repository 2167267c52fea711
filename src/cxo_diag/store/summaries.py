"""The queries behind round summaries: each role's dimension scores of a round, stored.

A summary is derived data. Writing an answer deletes its round's summary in the same
transaction (``answer_queries.forget_summary``); the application computes the missing ones
when a command needs them (``cxo_diag.quality.summaries``). What `norms` reads of every
earlier engagement of a bank is two aggregate queries, whose answers do not grow with the
store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select

from cxo_diag.answers import BankRef
from cxo_diag.store import schema
from cxo_diag.store.answer_queries import value_of
from cxo_diag.store.rows import checked, checked_values

Score = tuple[str, str, float]
"""(dimension id, role id, that role's score on that dimension)."""


@dataclass(frozen=True)
class RoundSummary:
    round_id: int
    bank_hash: str
    scoring_version: str
    respondents: int
    """Respondents with at least one answer on a scale: 0 means nothing to compare."""
    simulated: bool
    """Every one of those respondents was simulated (``cxo-diag pilot``)."""
    fingerprint: str
    """A digest of who answered what (``quality.summaries.fingerprint_digest``)."""
    scores: tuple[Score, ...]


@dataclass
class StoredRespondent:
    """One respondent of a round, with the answers scoring needs (no notes)."""

    name: str
    role: str
    answers: dict[str, int | str | None] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    answered_at: datetime | None = None
    """When the latest answer was given."""


@dataclass(frozen=True)
class RoundAnswers:
    """A round as scoring needs it: its engagement, bank and respondents in the order added."""

    round_id: int
    number: int
    engagement: str
    bank: BankRef
    respondents: list[StoredRespondent]


@dataclass(frozen=True)
class Among:
    """Which rounds an engagement is compared with: the latest round of every engagement of
    this exact bank (id, version, hash), created before ``before``, not called ``exclude``,
    and whose answers are not ``itself`` (a fingerprint digest)."""

    bank: BankRef
    before: datetime | None = None
    exclude: str | None = None
    itself: str | None = None


@dataclass(frozen=True)
class ReferenceCounts:
    stale: int
    """Latest rounds without a summary from the current scoring version."""
    simulated: int
    """Rounds left out because every respondent was simulated."""
    counted: int
    """Rounds compared with."""


def _latest_rounds(among: Among) -> Any:
    """The FROM and WHERE of every query here: latest rounds, their engagement, their
    summary (outer-joined: a round may have none yet)."""
    engagements, rounds, summaries = schema.engagements, schema.rounds, schema.round_summaries
    later = rounds.alias("later")
    latest = select(func.max(later.c.number)).where(later.c.engagement_id == engagements.c.id)
    joined = engagements.join(rounds, rounds.c.engagement_id == engagements.c.id).outerjoin(
        summaries, summaries.c.round_id == rounds.c.id
    )
    conditions = [
        engagements.c.bank_hash == among.bank.hash,
        engagements.c.bank_id == among.bank.id,
        engagements.c.bank_version == among.bank.version,
        rounds.c.number == latest.scalar_subquery(),
    ]
    if among.before is not None:
        conditions.append(engagements.c.created_at < among.before)
    if among.exclude is not None:
        conditions.append(engagements.c.name != among.exclude)
    return joined, and_(*conditions)


def _usable(among: Among, scoring_version: str) -> Any:
    """A current summary with answers, not of ``among.itself``."""
    summaries = schema.round_summaries
    conditions = [summaries.c.scoring_version == scoring_version, summaries.c.respondents > 0]
    if among.itself is not None:
        conditions.append(summaries.c.fingerprint != among.itself)
    return and_(*conditions)


def reference_counts(connection: Connection, among: Among, scoring_version: str) -> ReferenceCounts:
    """How many rounds ``among`` selects that are stale, simulated, or compared with: one
    aggregate query."""
    summaries = schema.round_summaries
    joined, where = _latest_rounds(among)
    usable = _usable(among, scoring_version)
    stale = or_(summaries.c.round_id.is_(None), summaries.c.scoring_version != scoring_version)
    query = (
        select(
            func.coalesce(func.sum(case((stale, 1), else_=0)), 0),
            func.coalesce(
                func.sum(case((and_(usable, summaries.c.simulated == 1), 1), else_=0)), 0
            ),
            func.coalesce(
                func.sum(case((and_(usable, summaries.c.simulated == 0), 1), else_=0)), 0
            ),
        )
        .select_from(joined)
        .where(where)
    )
    stale_count, simulated, counted = connection.execute(query).one()
    return ReferenceCounts(int(stale_count), int(simulated), int(counted))


def stale_rounds(connection: Connection, among: Among, scoring_version: str) -> list[int]:
    """The latest rounds ``among`` selects that lack a summary from this scoring version."""
    rounds, summaries = schema.rounds, schema.round_summaries
    joined, where = _latest_rounds(among)
    stale = or_(summaries.c.round_id.is_(None), summaries.c.scoring_version != scoring_version)
    query = select(rounds.c.id).select_from(joined).where(where, stale).order_by(rounds.c.id)
    return [int(row[0]) for row in connection.execute(query)]


Histogram = dict[tuple[str, str], dict[float, int]]
"""(dimension, role) -> {score: how many rounds have it}."""


def score_histogram(connection: Connection, among: Among, scoring_version: str) -> Histogram:
    """How many compared rounds have each score, per dimension and role: one query whose
    answer is bounded by the distinct scores (one decimal from 0 to 100), not by the store's
    size."""
    summaries, scores = schema.round_summaries, schema.round_scores
    joined, where = _latest_rounds(among)
    query = (
        select(scores.c.dimension, scores.c.role, scores.c.score, func.count())
        .select_from(joined.join(scores, scores.c.round_id == summaries.c.round_id))
        .where(where, _usable(among, scoring_version), summaries.c.simulated == 0)
        .group_by(scores.c.dimension, scores.c.role, scores.c.score)
    )
    histogram: Histogram = {}
    for dimension, role, score, count in connection.execute(query):
        histogram.setdefault((dimension, role), {})[float(score)] = int(count)
    return histogram


def rounds_needing(connection: Connection, scoring_version: str) -> list[int]:
    """Every round without a summary from this scoring version, in id order."""
    rounds, summaries = schema.rounds, schema.round_summaries
    query = (
        select(rounds.c.id)
        .outerjoin(summaries, summaries.c.round_id == rounds.c.id)
        .where(
            or_(
                summaries.c.round_id.is_(None),
                summaries.c.scoring_version != scoring_version,
            )
        )
        .order_by(rounds.c.id)
    )
    return [int(row[0]) for row in connection.execute(query)]


def _round_row(row: Any) -> SimpleNamespace:
    values = checked(schema.rounds, row, round_id=int)
    checked_values(schema.engagements, values)
    return SimpleNamespace(**values)


def round_answers(connection: Connection, round_ids: Sequence[int]) -> list[RoundAnswers]:
    """These rounds with their respondents and answers, in three queries whatever their
    number (the caller keeps ``round_ids`` to a few hundred at a time)."""
    if not round_ids:
        return []
    engagements, rounds = schema.engagements, schema.rounds
    people, answers = schema.respondents, schema.answers
    found = [
        _round_row(row)
        for row in connection.execute(
            select(
                rounds.c.id.label("round_id"),
                rounds.c.number,
                engagements.c.name,
                engagements.c.bank_id,
                engagements.c.bank_version,
                engagements.c.bank_hash,
            )
            .join(engagements, engagements.c.id == rounds.c.engagement_id)
            .where(rounds.c.id.in_(round_ids))
            .order_by(rounds.c.id)
        )
    ]
    by_person: dict[int, StoredRespondent] = {}
    members: dict[int, list[StoredRespondent]] = {}
    for raw in connection.execute(
        select(people.c.id, people.c.round_id, people.c.name, people.c.role)
        .where(people.c.round_id.in_(round_ids))
        .order_by(people.c.id)
    ):
        values = checked(people, raw)
        person = by_person[values["id"]] = StoredRespondent(values["name"], values["role"])
        members.setdefault(values["round_id"], []).append(person)
    if by_person:
        chosen = select(people.c.id).where(people.c.round_id.in_(round_ids))
        for raw_answer in connection.execute(
            select(
                answers.c.respondent_id,
                answers.c.question_id,
                answers.c.kind,
                answers.c.value,
                answers.c.seconds,
                answers.c.answered_at,
            )
            .where(answers.c.respondent_id.in_(chosen))
            .order_by(answers.c.respondent_id, answers.c.question_id)
        ):
            given = SimpleNamespace(**checked(answers, raw_answer))
            person = by_person[given.respondent_id]
            person.answers[given.question_id] = value_of(given)
            if given.seconds is not None:
                person.seconds[given.question_id] = float(given.seconds)
            if person.answered_at is None or given.answered_at > person.answered_at:
                person.answered_at = given.answered_at
    return [
        RoundAnswers(
            round_id=row.round_id,
            number=row.number,
            engagement=row.name,
            bank=BankRef(id=row.bank_id, version=row.bank_version, hash=row.bank_hash),
            respondents=members.get(row.round_id, []),
        )
        for row in found
    ]


def snapshots(connection: Connection, hashes: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """One stored bank copy per hash: hash -> (an engagement name, its row id, its copy)."""
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    engagements = schema.engagements
    first = (
        select(func.min(engagements.c.id))
        .where(engagements.c.bank_hash.in_(wanted))
        .group_by(engagements.c.bank_hash)
    )
    rows = connection.execute(
        select(
            engagements.c.id,
            engagements.c.bank_hash,
            engagements.c.name,
            engagements.c.bank_snapshot,
        ).where(engagements.c.id.in_(first))
    )
    found = [checked(engagements, row) for row in rows]
    return {row["bank_hash"]: (row["name"], str(row["id"]), row["bank_snapshot"]) for row in found}


def write(connection: Connection, found: Sequence[RoundSummary]) -> None:
    """Replace the summaries of these rounds (and their scores), in four statements."""
    if not found:
        return
    ids = [s.round_id for s in found]
    for table in (schema.round_scores, schema.round_summaries):
        connection.execute(delete(table).where(table.c.round_id.in_(ids)))
    connection.execute(
        insert(schema.round_summaries),
        [
            {
                "round_id": s.round_id,
                "bank_hash": s.bank_hash,
                "scoring_version": s.scoring_version,
                "respondents": s.respondents,
                "simulated": int(s.simulated),
                "fingerprint": s.fingerprint,
            }
            for s in found
        ],
    )
    scores = [
        {"round_id": s.round_id, "dimension": d, "role": r, "score": score}
        for s in found
        for d, r, score in s.scores
    ]
    if scores:
        connection.execute(insert(schema.round_scores), scores)


def rows_for(
    connection: Connection, round_ids: Sequence[int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stored summary rows and score rows of these rounds (to copy them with their
    engagement)."""
    if not round_ids:
        return [], []
    found = []
    for table in (schema.round_summaries, schema.round_scores):
        query = (
            select(table)
            .where(table.c.round_id.in_(round_ids))
            .order_by(*table.primary_key.columns)
        )
        found.append([dict(row._mapping) for row in connection.execute(query)])
    return found[0], found[1]
