"""The queries over engagements, their rounds and their respondents.

What respondents gave (answers, notes, open answers) is queried in ``answer_queries``.
Nothing here is SQLite-specific, so PostgreSQL can run the same functions. The caller owns
the transaction: each function does one thing inside whatever transaction it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, insert, select, update

from cxo_diag.answers import BankRef
from cxo_diag.store import schema
from cxo_diag.store.rows import checked


@dataclass(frozen=True)
class EngagementRow:
    id: int
    name: str
    organisation: str | None
    bank: BankRef
    bank_snapshot: str
    created_at: datetime


@dataclass(frozen=True)
class RoundRow:
    id: int
    engagement_id: int
    number: int
    started_at: datetime


@dataclass(frozen=True)
class RespondentRow:
    id: int
    round_id: int
    round_number: int
    name: str
    role: str
    created_at: datetime
    finished_at: datetime | None


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise RuntimeError("the database gave no id for the new row")
    return int(key[0])


# --- engagements ---------------------------------------------------------------------


def _engagement(raw: Any) -> EngagementRow:
    row = SimpleNamespace(**checked(schema.engagements, raw))
    return EngagementRow(
        id=row.id,
        name=row.name,
        organisation=row.organisation,
        bank=BankRef(id=row.bank_id, version=row.bank_version, hash=row.bank_hash),
        bank_snapshot=row.bank_snapshot,
        created_at=row.created_at,
    )


def find_engagement(connection: Connection, name: str) -> EngagementRow | None:
    table = schema.engagements
    row = connection.execute(select(table).where(table.c.name == name)).first()
    return _engagement(row) if row is not None else None


def all_engagements(connection: Connection) -> list[EngagementRow]:
    table = schema.engagements
    rows = connection.execute(select(table).order_by(table.c.name)).all()
    return [_engagement(row) for row in rows]


def insert_engagement(
    connection: Connection,
    *,
    name: str,
    organisation: str | None,
    bank: BankRef,
    bank_snapshot: str,
    now: datetime,
) -> EngagementRow:
    result = connection.execute(
        insert(schema.engagements).values(
            name=name,
            organisation=organisation,
            bank_id=bank.id,
            bank_version=bank.version,
            bank_hash=bank.hash,
            bank_snapshot=bank_snapshot,
            created_at=now,
        )
    )
    return EngagementRow(_new_id(result), name, organisation, bank, bank_snapshot, now)


def delete_engagement(connection: Connection, engagement_id: int) -> None:
    """Delete an engagement and everything under it, children first (no reliance on
    ON DELETE CASCADE, which SQLite only honours with a pragma)."""
    round_ids = select(schema.rounds.c.id).where(schema.rounds.c.engagement_id == engagement_id)
    respondent_ids = select(schema.respondents.c.id).where(
        schema.respondents.c.round_id.in_(round_ids)
    )
    connection.execute(
        delete(schema.leases).where(schema.leases.c.respondent_id.in_(respondent_ids))
    )
    connection.execute(
        delete(schema.answers).where(schema.answers.c.respondent_id.in_(respondent_ids))
    )
    connection.execute(delete(schema.notes).where(schema.notes.c.respondent_id.in_(respondent_ids)))
    connection.execute(
        delete(schema.open_answers).where(schema.open_answers.c.respondent_id.in_(respondent_ids))
    )
    connection.execute(
        delete(schema.respondents).where(schema.respondents.c.round_id.in_(round_ids))
    )
    for table in (schema.round_scores, schema.round_summaries):
        connection.execute(delete(table).where(table.c.round_id.in_(round_ids)))
    connection.execute(delete(schema.rounds).where(schema.rounds.c.engagement_id == engagement_id))
    connection.execute(delete(schema.engagements).where(schema.engagements.c.id == engagement_id))


# --- rounds --------------------------------------------------------------------------


def _round(raw: Any) -> RoundRow:
    row = SimpleNamespace(**checked(schema.rounds, raw))
    return RoundRow(row.id, row.engagement_id, row.number, row.started_at)


def rounds_of(connection: Connection, engagement_id: int) -> list[RoundRow]:
    table = schema.rounds
    rows = connection.execute(
        select(table).where(table.c.engagement_id == engagement_id).order_by(table.c.number)
    ).all()
    return [_round(row) for row in rows]


def insert_round(
    connection: Connection, engagement_id: int, number: int, now: datetime
) -> RoundRow:
    result = connection.execute(
        insert(schema.rounds).values(engagement_id=engagement_id, number=number, started_at=now)
    )
    return RoundRow(_new_id(result), engagement_id, number, now)


# --- respondents ---------------------------------------------------------------------


def _respondents_query() -> Any:
    people, rounds = schema.respondents, schema.rounds
    return (
        select(people, rounds.c.number.label("round_number"))
        .join(rounds, rounds.c.id == people.c.round_id)
        .order_by(rounds.c.number, people.c.id)
    )


def _respondent(raw: Any) -> RespondentRow:
    row = SimpleNamespace(**checked(schema.respondents, raw, round_number=int))
    return RespondentRow(
        id=row.id,
        round_id=row.round_id,
        round_number=row.round_number,
        name=row.name,
        role=row.role,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def respondents_of(connection: Connection, engagement_id: int) -> list[RespondentRow]:
    """Every respondent of every round of an engagement, round by round."""
    query = _respondents_query().where(schema.rounds.c.engagement_id == engagement_id)
    return [_respondent(row) for row in connection.execute(query).all()]


def insert_respondent(
    connection: Connection, round_row: RoundRow, name: str, role: str, now: datetime
) -> RespondentRow:
    result = connection.execute(
        insert(schema.respondents).values(
            round_id=round_row.id, name=name, role=role, created_at=now
        )
    )
    return RespondentRow(_new_id(result), round_row.id, round_row.number, name, role, now, None)


def set_finished(connection: Connection, respondent_id: int, when: datetime | None) -> None:
    table = schema.respondents
    connection.execute(update(table).where(table.c.id == respondent_id).values(finished_at=when))
