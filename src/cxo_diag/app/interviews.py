"""Interviews: start one (creating the engagement or joining its round), resume where it
stopped, hold the respondent's lease, and record each answer, note and open answer the
moment it is given.

Each is committed on its own, so a killed process loses at most the question on screen. Open
answers are appended, never overwritten: rewriting one adds a row, the earlier text stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from cxo_diag.answers import Answer
from cxo_diag.app.engagements import (
    Clock,
    Engagement,
    find_or_create,
    get_engagement,
    latest_round,
    notes_by_question,
    utc_now,
)
from cxo_diag.bank.registry import ResolvedBank, check_role
from cxo_diag.errors import NotFound, StoreError, UsageError
from cxo_diag.identity import person_key
from cxo_diag.store import answer_queries, leases, queries
from cxo_diag.store.answer_queries import StoredAnswer
from cxo_diag.store.engine import Store
from cxo_diag.store.leases import Holder, Lease
from cxo_diag.store.queries import RespondentRow
from cxo_diag.text import check_name

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class InterviewTarget:
    """Everything an interview needs, loaded once: engagement, bank, respondent, answers."""

    engagement: Engagement
    respondent: RespondentRow
    answers: dict[str, StoredAnswer]
    notes: dict[str, list[str]]
    open_answers: dict[str, str] = field(default_factory=dict)


def start_interview(
    store: Store,
    name: str,
    *,
    bank: ResolvedBank | None,
    respondent: str,
    role: str,
    organisation: str | None = None,
    new_round: bool = False,
    clock: Clock = utc_now,
) -> InterviewTarget:
    """Create the engagement (or check it uses this bank), the round and the respondent."""
    name = check_name(name, "engagement")
    respondent = check_name(respondent, "respondent")
    organisation = check_name(organisation, "organisation") if organisation else None
    now = clock()
    if bank is not None:
        role = check_role(bank.bank, role)
    from sqlalchemy.exc import IntegrityError

    try:
        with store.writing() as connection:
            engagement = find_or_create(connection, name, bank, organisation, now)
            role = check_role(engagement.bank, role)
            person = _join_round(
                connection,
                engagement=engagement,
                respondent=respondent,
                role=role,
                new_round=new_round,
                now=now,
            )
            answers = answer_queries.answers_of(connection, person.id)
            notes = notes_by_question(connection, person.id)
            opened = answer_queries.open_answers_of(connection, person.id)
    except IntegrityError:
        # Another terminal created the same engagement or respondent at this very moment.
        raise StoreError(
            "another cxo-diag changed this engagement at the same time; run the command again",
            where=store.where,
        ) from None
    return InterviewTarget(engagement, person, answers, notes, opened)


def _join_round(
    connection: Connection,
    *,
    engagement: Engagement,
    respondent: str,
    role: str,
    new_round: bool,
    now: datetime,
) -> RespondentRow:
    latest = latest_round(connection, engagement.row)
    people = queries.respondents_of(connection, engagement.row.id)
    if new_round:
        if not any(p.round_id == latest.id for p in people):
            raise UsageError(
                f"round {latest.number} of {engagement.name!r} has no respondent yet; "
                "interview without --new-round"
            )
        latest = queries.insert_round(connection, engagement.row.id, latest.number + 1, now)
    key = person_key(respondent)
    existing = next(
        (p for p in people if p.round_id == latest.id and person_key(p.name) == key), None
    )
    if existing is None:
        return queries.insert_respondent(connection, latest, respondent, role, now)
    if existing.role != role:
        raise UsageError(
            f"{respondent!r} is already in round {latest.number} as {existing.role}, not {role}"
        )
    return existing


def unfinished(store: Store, name: str) -> tuple[Engagement, list[RespondentRow]]:
    """The engagement and the respondents of its latest round who have not finished."""
    engagement = get_engagement(store, name)
    with store.reading() as connection:
        latest = latest_round(connection, engagement.row)
        people = queries.respondents_of(connection, engagement.row.id)
    waiting = [p for p in people if p.round_id == latest.id and p.finished_at is None]
    return engagement, waiting


def resume_target(store: Store, name: str, respondent: str | None) -> InterviewTarget:
    """Where an interview stopped: the named respondent, or the only unfinished one."""
    engagement, waiting = unfinished(store, name)
    with store.reading() as connection:
        latest = latest_round(connection, engagement.row)
        people = [
            p
            for p in queries.respondents_of(connection, engagement.row.id)
            if p.round_id == latest.id
        ]
        if respondent is not None:
            key = person_key(respondent)
            person = next((p for p in people if person_key(p.name) == key), None)
            if person is None:
                names = ", ".join(p.name for p in people) or "none yet"
                raise NotFound(
                    f"no respondent {respondent!r} in round {latest.number} of {name!r} "
                    f"(respondents: {names})"
                )
        elif len(waiting) == 1:
            person = waiting[0]
        elif not waiting:
            raise UsageError(
                f"every respondent of round {latest.number} of {name!r} has finished; "
                "name one with --respondent to revisit their answers"
            )
        else:
            names = ", ".join(f"{p.name} ({p.role})" for p in waiting)
            raise UsageError(
                f"{len(waiting)} respondents of {name!r} have not finished ({names}); "
                "choose one with --respondent NAME"
            )
        answers = answer_queries.answers_of(connection, person.id)
        notes = notes_by_question(connection, person.id)
        opened = answer_queries.open_answers_of(connection, person.id)
    return InterviewTarget(engagement, person, answers, notes, opened)


def claim(
    store: Store,
    target: InterviewTarget,
    *,
    take_over: bool = False,
    here: Holder | None = None,
    clock: Clock = utc_now,
) -> tuple[InterviewTarget, Lease]:
    """Take the respondent's lease for this session, and read their answers and notes again
    under it, so the interview starts from what is saved now (store/leases.py)."""
    person = target.respondent
    with store.writing() as connection:
        lease = leases.acquire(
            connection,
            person.id,
            person.name,
            here=here or leases.this_process(),
            now=clock(),
            take_over=take_over,
        )
        answers = answer_queries.answers_of(connection, person.id)
        notes = notes_by_question(connection, person.id)
        opened = answer_queries.open_answers_of(connection, person.id)
    return replace(target, answers=answers, notes=notes, open_answers=opened), lease


def release(store: Store, lease: Lease) -> None:
    with store.writing() as connection:
        leases.release(connection, lease)


@contextmanager
def _leased_write(
    store: Store, lease: Lease | None, clock: Clock
) -> Iterator[tuple[Connection, datetime]]:
    """One transaction of an interview's write, at one moment, refused if ``lease`` was lost."""
    now = clock()
    with store.writing() as connection:
        if lease is not None:
            leases.confirm(connection, lease, now)
        yield connection, now


def record_answer(
    store: Store,
    respondent_id: int,
    question_id: str,
    value: Answer,
    *,
    seconds: float | None = None,
    lease: Lease | None = None,
    clock: Clock = utc_now,
) -> None:
    """Commit one answer now, in its own transaction (refused if ``lease`` was lost)."""
    with _leased_write(store, lease, clock) as (connection, now):
        answer_queries.save_answer(
            connection, respondent_id, question_id, value, seconds=seconds, now=now
        )


def record_note(
    store: Store,
    respondent_id: int,
    question_id: str,
    text: str,
    *,
    lease: Lease | None = None,
    clock: Clock = utc_now,
) -> None:
    """Commit one note now, in its own transaction (refused if ``lease`` was lost)."""
    if "\x00" in text:
        # PostgreSQL text cannot hold it: refused on both backends, so both keep the same.
        raise UsageError("a note cannot contain a NUL character (\\x00)")
    with _leased_write(store, lease, clock) as (connection, now):
        answer_queries.add_note(connection, respondent_id, question_id, text, now)


def record_open_answer(
    store: Store,
    respondent_id: int,
    question_id: str,
    text: str,
    *,
    lease: Lease | None = None,
    clock: Clock = utc_now,
) -> None:
    """Commit one open answer now, as a new row: a text written earlier is kept."""
    if "\x00" in text:
        raise UsageError("an open answer cannot contain a NUL character (\\x00)")
    with _leased_write(store, lease, clock) as (connection, now):
        answer_queries.add_open_answer(connection, respondent_id, question_id, text, now)


def record_finished(
    store: Store,
    respondent_id: int,
    finished: bool = True,
    *,
    lease: Lease | None = None,
    clock: Clock = utc_now,
) -> None:
    with _leased_write(store, lease, clock) as (connection, now):
        queries.set_finished(connection, respondent_id, now if finished else None)


@dataclass(frozen=True)
class StoreSink:
    """Where an interview's answers, notes and open answers go: straight into the store, one
    commit each."""

    store: Store
    respondent_id: int
    lease: Lease | None = None

    def answer(self, question_id: str, value: Answer, seconds: float | None) -> None:
        record_answer(
            self.store, self.respondent_id, question_id, value, seconds=seconds, lease=self.lease
        )

    def note(self, question_id: str, text: str) -> None:
        record_note(self.store, self.respondent_id, question_id, text, lease=self.lease)

    def open_answer(self, question_id: str, text: str) -> None:
        record_open_answer(self.store, self.respondent_id, question_id, text, lease=self.lease)
