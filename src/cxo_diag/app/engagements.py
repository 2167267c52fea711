"""Engagements in the store: find one (with the bank it was started with), create it,
list them with each respondent's progress, read a round's answer sets, export, delete.

Each function runs its own transaction; every front end calls these, never the store's
queries, so the rules (a bank hash checked, a name refused) hold the same everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import ResolvedBank
from cxo_diag.errors import BankError, NotFound, StoreError, UsageError
from cxo_diag.store import answer_queries, banks, queries
from cxo_diag.store.engine import Store
from cxo_diag.store.queries import EngagementRow, RespondentRow, RoundRow
from cxo_diag.text import check_name

if TYPE_CHECKING:
    from sqlalchemy import Connection


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Engagement:
    """An engagement with the bank it was started with (from the store's snapshot)."""

    row: EngagementRow
    bank: Bank

    @property
    def name(self) -> str:
        return self.row.name


@dataclass(frozen=True)
class RespondentProgress:
    respondent: RespondentRow
    questions: int
    given: int
    skipped: int

    @property
    def answered(self) -> int:
        """Questions with an answer or 'not applicable' (skips do not count)."""
        return self.given - self.skipped

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.questions) if self.questions else 100


@dataclass(frozen=True)
class EngagementSummary:
    row: EngagementRow
    rounds: int
    respondents: list[RespondentProgress] = field(default_factory=list)


def bank_snapshot(bank: Bank) -> str:
    return json.dumps(bank.model_dump(mode="json", by_alias=True), sort_keys=True)


def bank_from_snapshot(row: EngagementRow) -> Bank:
    """The engagement's own bank, checked against the hash recorded with it."""
    return banks.parse_snapshot(row.name, str(row.id), row.bank_snapshot, row.bank.hash)


def _describe(ref: BankRef) -> str:
    return f"{ref.id} {ref.version} ({ref.hash})"


def check_same_bank(row: EngagementRow, resolved: ResolvedBank) -> None:
    """Refuse a bank other than the one the engagement was started with."""
    given = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    if given == row.bank:
        return
    if given.id != row.bank.id:
        raise BankError(
            f"engagement {row.name!r} uses bank {row.bank.id}, not {given.id}",
            where=str(resolved.path),
        )
    raise BankError(
        f"engagement {row.name!r} was started with bank {_describe(row.bank)}; this file is "
        f"{_describe(given)}. Its answers are only comparable on the same version: leave out "
        "--bank to use the engagement's own copy, or start a new engagement",
        where=str(resolved.path),
    )


def _known_engagements(connection: Connection) -> str:
    names = [row.name for row in queries.all_engagements(connection)]
    if not names:
        return "the store has no engagements yet"
    shown = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
    return f"engagements: {shown}"


def require_engagement(connection: Connection, name: str) -> EngagementRow:
    row = queries.find_engagement(connection, name)
    if row is None:
        raise NotFound(f"no engagement called {name!r} ({_known_engagements(connection)})")
    return row


def get_engagement(store: Store, name: str) -> Engagement:
    with store.reading() as connection:
        row = require_engagement(connection, name)
    return Engagement(row, bank_from_snapshot(row))


def _rounds(connection: Connection, engagement: EngagementRow) -> list[RoundRow]:
    """The engagement's rounds; none at all is damage (every engagement starts with one)."""
    rounds = queries.rounds_of(connection, engagement.id)
    if not rounds:
        raise StoreError(f"the store is damaged: engagement {engagement.name!r} has no round")
    return rounds


def latest_round(connection: Connection, engagement: EngagementRow) -> RoundRow:
    return _rounds(connection, engagement)[-1]


def notes_by_question(connection: Connection, respondent_id: int) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for note in answer_queries.notes_of(connection, respondent_id):
        notes.setdefault(note.question_id, []).append(note.text)
    return notes


def find_or_create(
    connection: Connection,
    name: str,
    bank: ResolvedBank | None,
    organisation: str | None,
    now: datetime,
) -> Engagement:
    """The engagement called ``name``, created with ``bank`` (and round 1) if it is new."""
    row = queries.find_engagement(connection, name)
    if row is None:
        if bank is None:
            raise UsageError(f"engagement {name!r} does not exist yet; give --bank to start it")
        row = queries.insert_engagement(
            connection,
            name=name,
            organisation=organisation,
            bank=BankRef(id=bank.bank.id, version=bank.bank.version, hash=bank.hash),
            bank_snapshot=bank_snapshot(bank.bank),
            now=now,
        )
        queries.insert_round(connection, row.id, 1, now)
        banks.remember(connection, bank.bank, bank.hash)
        return Engagement(row, bank.bank)
    if bank is not None:
        check_same_bank(row, bank)
        return Engagement(row, bank.bank)
    return Engagement(row, bank_from_snapshot(row))


def ensure_engagement(
    store: Store,
    name: str,
    *,
    bank: ResolvedBank | None,
    organisation: str | None = None,
    clock: Clock = utc_now,
) -> Engagement:
    """The engagement, created with ``bank`` when it does not exist yet."""
    name = check_name(name, "engagement")
    organisation = check_name(organisation, "organisation") if organisation else None
    from sqlalchemy.exc import IntegrityError

    try:
        with store.writing() as connection:
            return find_or_create(connection, name, bank, organisation, clock())
    except IntegrityError:
        raise StoreError(
            "another cxo-diag created this engagement at the same time; run the command again",
            where=store.where,
        ) from None


def _answer_set(connection: Connection, engagement: Engagement, person: RespondentRow) -> AnswerSet:
    stored = answer_queries.answers_of(connection, person.id)
    notes = notes_by_question(connection, person.id)
    times = [a.answered_at for a in stored.values()]
    return AnswerSet(
        bank=engagement.row.bank,
        respondent=Respondent(name=person.name, role=person.role),
        engagement=engagement.name,
        round=person.round_number,
        answered_at=max(times) if times else None,
        answers={qid: a.value for qid, a in stored.items()},
        notes={qid: "\n".join(texts) for qid, texts in notes.items()},
        seconds={qid: a.seconds for qid, a in stored.items() if a.seconds is not None},
        open_answers=answer_queries.open_answers_of(connection, person.id),
    )


def round_numbers(store: Store, engagement: Engagement) -> list[int]:
    with store.reading() as connection:
        return [r.number for r in _rounds(connection, engagement.row)]


def answer_sets(store: Store, engagement: Engagement, round_number: int) -> list[AnswerSet]:
    """One AnswerSet per respondent of that round: what scoring takes."""
    with store.reading() as connection:
        numbers = [r.number for r in queries.rounds_of(connection, engagement.row.id)]
        if round_number not in numbers:
            listed = ", ".join(map(str, numbers))
            raise NotFound(
                f"engagement {engagement.name!r} has no round {round_number} (rounds: {listed})"
            )
        people = [
            p
            for p in queries.respondents_of(connection, engagement.row.id)
            if p.round_number == round_number
        ]
        return [_answer_set(connection, engagement, p) for p in people]


def summaries(store: Store) -> list[EngagementSummary]:
    """Every engagement with its rounds and each respondent's completion."""
    result: list[EngagementSummary] = []
    with store.reading() as connection:
        for row in queries.all_engagements(connection):
            bank = bank_from_snapshot(row)
            counts = answer_queries.count_answers(connection, row.id)
            progress = [
                RespondentProgress(
                    p,
                    len(bank.questions_for(p.role)),
                    *counts.get(p.id, (0, 0)),
                )
                for p in queries.respondents_of(connection, row.id)
            ]
            rounds = len(queries.rounds_of(connection, row.id))
            result.append(EngagementSummary(row, rounds, progress))
    return result


def deletion_preview(store: Store, name: str) -> tuple[EngagementRow, int]:
    """The engagement ``delete`` would remove and how many respondents answered in it.

    Reads that engagement's row and its respondents only: no bank copy is parsed, of it
    or of any other engagement, so asking costs the same in a store of any size."""
    with store.reading() as connection:
        row = require_engagement(connection, name)
        return row, len(queries.respondents_of(connection, row.id))


def delete_engagement(store: Store, name: str) -> EngagementRow:
    with store.writing() as connection:
        row = require_engagement(connection, name)
        queries.delete_engagement(connection, row.id)
    return row


def export_bundle(store: Store, name: str) -> dict[str, object]:
    """The whole engagement as one JSON-ready bundle: its bank reference and every
    respondent's answers file, round by round (each entry can be imported on its own)."""
    engagement = get_engagement(store, name)
    rounds = round_numbers(store, engagement)
    return {
        "format": "cxo-diag-engagement",
        "format_version": 1,
        "engagement": engagement.name,
        "organisation": engagement.row.organisation,
        "created_at": engagement.row.created_at.isoformat(),
        "bank": engagement.row.bank.model_dump(mode="json"),
        "rounds": [
            {
                "number": number,
                "answer_sets": [
                    s.model_dump(mode="json") for s in answer_sets(store, engagement, number)
                ],
            }
            for number in rounds
        ],
    }
