"""What `engagements` lists, read in one query: engagements, their bank's listing facts,
rounds, respondents and how much each has answered.

No bank copy is parsed: the title and question counts come from the ``banks`` table. By
default only the most recent engagements are read, so the command costs the same however
long a consultancy's history is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, select

from cxo_diag.answers import BankRef
from cxo_diag.store import schema
from cxo_diag.store.banks import BankInfo, info_from_columns
from cxo_diag.store.queries import EngagementRow, RespondentRow
from cxo_diag.store.rows import checked_values, damaged
from cxo_diag.store.schema import SKIPPED


@dataclass(frozen=True)
class ListedRespondent:
    respondent: RespondentRow
    questions: int | None
    """How many questions the respondent's role answers; None if the bank is unknown."""
    given: int
    skipped: int

    @property
    def answered(self) -> int:
        """Questions with an answer or 'not applicable' (skips do not count)."""
        return self.given - self.skipped

    @property
    def percent(self) -> int | None:
        if self.questions is None:
            return None
        return round(100 * self.answered / self.questions) if self.questions else 100


@dataclass(frozen=True)
class ListedEngagement:
    row: EngagementRow
    bank: BankInfo | None
    """The bank's title and question counts; None for a bank copy that could not be read."""
    rounds: int
    respondents: list[ListedRespondent] = field(default_factory=list)


@dataclass(frozen=True)
class Listing:
    engagements: list[ListedEngagement]
    """By name."""
    total: int
    """How many engagements the store holds (more than listed when a limit applied)."""


def list_engagements(connection: Connection, limit: int | None = None) -> Listing:
    """The ``limit`` most recently created engagements (every one with None), by name, each
    with its rounds and the respondents of every round: one query."""
    engagements, rounds, people = schema.engagements, schema.rounds, schema.respondents
    banks, answers = schema.banks, schema.answers
    given = (
        select(func.count())
        .where(answers.c.respondent_id == people.c.id)
        .correlate(people)
        .scalar_subquery()
    )
    skipped = (
        select(func.count())
        .where(answers.c.respondent_id == people.c.id, answers.c.kind == SKIPPED)
        .correlate(people)
        .scalar_subquery()
    )
    later = rounds.alias("counted")
    round_count = (
        select(func.count())
        .where(later.c.engagement_id == engagements.c.id)
        .correlate(engagements)
        .scalar_subquery()
    )
    total = select(func.count()).select_from(schema.engagements.alias("every")).scalar_subquery()
    query = (
        select(
            engagements.c.id,
            engagements.c.name,
            engagements.c.organisation,
            engagements.c.bank_id,
            engagements.c.bank_version,
            engagements.c.bank_hash,
            engagements.c.created_at,
            banks.c.hash.label("known_hash"),
            banks.c.title,
            banks.c.questions,
            round_count.label("rounds"),
            total.label("total"),
            people.c.id.label("person_id"),
            people.c.round_id,
            rounds.c.number.label("round_number"),
            people.c.name.label("person"),
            people.c.role,
            people.c.created_at.label("person_created_at"),
            people.c.finished_at,
            given.label("given"),
            skipped.label("skipped"),
        )
        .select_from(
            engagements.outerjoin(banks, banks.c.hash == engagements.c.bank_hash)
            .outerjoin(rounds, rounds.c.engagement_id == engagements.c.id)
            .outerjoin(people, and_(people.c.round_id == rounds.c.id))
        )
        .order_by(engagements.c.name, rounds.c.number, people.c.id)
    )
    if limit is not None:
        recent = (
            select(engagements.c.id)
            .order_by(engagements.c.created_at.desc(), engagements.c.id.desc())
            .limit(limit)
        )
        query = query.where(engagements.c.id.in_(recent))
    listed: dict[int, ListedEngagement] = {}
    count = 0
    for row in connection.execute(query):
        count = int(row.total)
        entry = listed.get(row.id)
        if entry is None:
            entry = listed[row.id] = _engagement(row)
        if row.person_id is not None:
            entry.respondents.append(_respondent(row, entry.bank))
    if not listed:
        count = int(connection.execute(select(func.count()).select_from(engagements)).scalar_one())
    return Listing(list(listed.values()), count)


_ENGAGEMENT_COLUMNS = ("id", "name", "organisation", "bank_id", "bank_version", "bank_hash")


def _engagement(row: Any) -> ListedEngagement:
    """The engagement's columns of a listing row, each checked (a damaged store is one line
    naming the row, never a traceback)."""
    values = {name: getattr(row, name) for name in (*_ENGAGEMENT_COLUMNS, "created_at")}
    checked_values(schema.engagements, values)
    bank = None
    if row.known_hash is not None:
        try:
            bank = info_from_columns(
                row.known_hash, row.bank_id, row.bank_version, row.title, row.questions
            )
        except (ValueError, TypeError, AttributeError):
            raise damaged(
                "banks", str(row.known_hash), "title or questions cannot be read"
            ) from None
    return ListedEngagement(
        row=EngagementRow(
            id=row.id,
            name=row.name,
            organisation=row.organisation,
            bank=BankRef(id=row.bank_id, version=row.bank_version, hash=row.bank_hash),
            bank_snapshot="",  # not read: listing never parses a bank copy
            created_at=row.created_at,
        ),
        bank=bank,
        rounds=int(row.rounds),
    )


def _respondent(row: Any, bank: BankInfo | None) -> ListedRespondent:
    checked_values(
        schema.respondents,
        {
            "id": row.person_id,
            "round_id": row.round_id,
            "name": row.person,
            "role": row.role,
            "created_at": row.person_created_at,
            "finished_at": row.finished_at,
        },
    )
    checked_values(schema.rounds, {"id": row.round_id, "number": row.round_number})
    person = RespondentRow(
        id=row.person_id,
        round_id=row.round_id,
        round_number=row.round_number,
        name=row.person,
        role=row.role,
        created_at=row.person_created_at,
        finished_at=row.finished_at,
    )
    questions = bank.questions.get(row.role, 0) if bank is not None else None
    return ListedRespondent(person, questions, int(row.given or 0), int(row.skipped or 0))
