"""Engagement-level operations over the store: what the session commands call.

Each function runs its own transaction(s); an answer or a note is committed on its own the
moment it is given, so a killed process loses at most the question on screen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent, check_fits_bank
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import ResolvedBank
from cxo_diag.errors import AnswersFileError, BankError, NotFound, StoreError, UsageError
from cxo_diag.identity import person_key
from cxo_diag.store import banks, leases, queries
from cxo_diag.store.engine import Store
from cxo_diag.store.leases import Holder, Lease
from cxo_diag.store.queries import EngagementRow, RespondentRow, RoundRow, StoredAnswer
from cxo_diag.text import check_name

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
class InterviewTarget:
    """Everything an interview needs, loaded once: engagement, bank, respondent, answers."""

    engagement: Engagement
    respondent: RespondentRow
    answers: dict[str, StoredAnswer]
    notes: dict[str, list[str]]


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


def _require_engagement(connection: Connection, name: str) -> EngagementRow:
    row = queries.find_engagement(connection, name)
    if row is None:
        raise NotFound(f"no engagement called {name!r} ({_known_engagements(connection)})")
    return row


def get_engagement(store: Store, name: str) -> Engagement:
    with store.reading() as connection:
        row = _require_engagement(connection, name)
    return Engagement(row, bank_from_snapshot(row))


def _rounds(connection: Connection, engagement: EngagementRow) -> list[RoundRow]:
    """The engagement's rounds; none at all is damage (every engagement starts with one)."""
    rounds = queries.rounds_of(connection, engagement.id)
    if not rounds:
        raise StoreError(f"the store is damaged: engagement {engagement.name!r} has no round")
    return rounds


def _latest_round(connection: Connection, engagement: EngagementRow) -> RoundRow:
    return _rounds(connection, engagement)[-1]


def _check_role(bank: Bank, role: str) -> str:
    """The bank's id for the role typed (any case), or a UsageError naming the roles."""
    found = bank.role_id(role)
    if found is None:
        roles = ", ".join(r.id for r in bank.roles)
        raise UsageError(f"bank {bank.id} has no role {role!r} (roles: {roles})")
    return found


def _notes_by_question(connection: Connection, respondent_id: int) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for note in queries.notes_of(connection, respondent_id):
        notes.setdefault(note.question_id, []).append(note.text)
    return notes


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
        role = _check_role(bank.bank, role)
    try:
        with store.writing() as connection:
            engagement = _find_or_create(connection, name, bank, organisation, now)
            role = _check_role(engagement.bank, role)
            person = _join_round(
                connection,
                engagement=engagement,
                respondent=respondent,
                role=role,
                new_round=new_round,
                now=now,
            )
            answers = queries.answers_of(connection, person.id)
            notes = _notes_by_question(connection, person.id)
    except IntegrityError:
        # Another terminal created the same engagement or respondent at this very moment.
        raise StoreError(
            "another cxo-diag changed this engagement at the same time; run the command again",
            where=store.where,
        ) from None
    return InterviewTarget(engagement, person, answers, notes)


def _find_or_create(
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
    try:
        with store.writing() as connection:
            return _find_or_create(connection, name, bank, organisation, clock())
    except IntegrityError:
        raise StoreError(
            "another cxo-diag created this engagement at the same time; run the command again",
            where=store.where,
        ) from None


def _join_round(
    connection: Connection,
    *,
    engagement: Engagement,
    respondent: str,
    role: str,
    new_round: bool,
    now: datetime,
) -> RespondentRow:
    latest = _latest_round(connection, engagement.row)
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
        latest = _latest_round(connection, engagement.row)
        people = queries.respondents_of(connection, engagement.row.id)
    waiting = [p for p in people if p.round_id == latest.id and p.finished_at is None]
    return engagement, waiting


def resume_target(store: Store, name: str, respondent: str | None) -> InterviewTarget:
    """Where an interview stopped: the named respondent, or the only unfinished one."""
    engagement, waiting = unfinished(store, name)
    with store.reading() as connection:
        latest = _latest_round(connection, engagement.row)
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
        answers = queries.answers_of(connection, person.id)
        notes = _notes_by_question(connection, person.id)
    return InterviewTarget(engagement, person, answers, notes)


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
        answers = queries.answers_of(connection, person.id)
        notes = _notes_by_question(connection, person.id)
    return replace(target, answers=answers, notes=notes), lease


def release(store: Store, lease: Lease) -> None:
    with store.writing() as connection:
        leases.release(connection, lease)


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
    now = clock()
    with store.writing() as connection:
        if lease is not None:
            leases.confirm(connection, lease, now)
        queries.save_answer(connection, respondent_id, question_id, value, seconds=seconds, now=now)


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
    now = clock()
    with store.writing() as connection:
        if lease is not None:
            leases.confirm(connection, lease, now)
        queries.add_note(connection, respondent_id, question_id, text, now)


def record_finished(
    store: Store,
    respondent_id: int,
    finished: bool = True,
    *,
    lease: Lease | None = None,
    clock: Clock = utc_now,
) -> None:
    now = clock()
    with store.writing() as connection:
        if lease is not None:
            leases.confirm(connection, lease, now)
        queries.set_finished(connection, respondent_id, now if finished else None)


def _answer_set(connection: Connection, engagement: Engagement, person: RespondentRow) -> AnswerSet:
    stored = queries.answers_of(connection, person.id)
    notes = _notes_by_question(connection, person.id)
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


def import_answer_sets(
    store: Store,
    name: str,
    files: Sequence[tuple[str, AnswerSet]],
    *,
    new_round: bool = False,
    clock: Clock = utc_now,
) -> tuple[Engagement, int, list[RespondentRow]]:
    """Add answers files to the latest round (or a new one), all or nothing, in one
    transaction.

    Each file must fit the engagement's bank (id, version, hash, roles, scales) and name a
    respondent not yet in that round.
    """
    engagement = get_engagement(store, name)
    for where, answer_set in files:
        check_fits_bank(answer_set, engagement.bank, engagement.row.bank.hash, where)
        _check_storable(answer_set, where)
    names = [person_key(answer_set.respondent.name) for _, answer_set in files]
    for where, answer_set in files:
        if names.count(person_key(answer_set.respondent.name)) > 1:
            raise AnswersFileError(
                f"respondent {answer_set.respondent.name!r} appears in more than one file",
                where=where,
            )
    now = clock()
    added: list[RespondentRow] = []
    answers: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    with store.writing() as connection:
        latest = _latest_round(connection, engagement.row)
        if new_round:
            latest = queries.insert_round(connection, engagement.row.id, latest.number + 1, now)
        present = {
            person_key(p.name)
            for p in queries.respondents_of(connection, engagement.row.id)
            if p.round_id == latest.id
        }
        for where, answer_set in files:
            who = answer_set.respondent
            if person_key(who.name) in present:
                raise AnswersFileError(
                    f"{who.name!r} already has answers in round {latest.number} of {name!r}; "
                    "nothing was imported",
                    where=where,
                )
            person = queries.insert_respondent(connection, latest, who.name, who.role, now)
            stamp = answer_set.answered_at or now
            answers += queries.answer_rows(person.id, answer_set.answers, answer_set.seconds, stamp)
            notes += queries.note_rows(person.id, answer_set.notes, stamp)
            if is_complete(engagement.bank, answer_set):
                queries.set_finished(connection, person.id, stamp)
                person = replace(person, finished_at=stamp)
            added.append(person)
        queries.insert_answers(connection, answers)
        queries.insert_notes(connection, notes)
    return engagement, latest.number, added


def is_complete(bank: Bank, answer_set: AnswerSet) -> bool:
    """Whether every question asked of the respondent's role has an answer, n/a or an
    explicit skip: only then is an imported respondent finished. A file saved by quitting
    early stays open, so `resume` continues it where it stopped."""
    given = answer_set.answers.keys()
    return all(q.id in given for q in bank.questions_for(answer_set.respondent.role))


def answered_count(answer_set: AnswerSet) -> int:
    """Answers and 'not applicable' (skips do not count), as `engagements` counts them."""
    return sum(1 for value in answer_set.answers.values() if value is not None)


def _check_storable(answer_set: AnswerSet, where: str) -> None:
    """Refuse text that one of the backends cannot keep (PostgreSQL text holds no NUL
    character), so an answers file imports the same into either store, or into neither."""
    texts = {"the respondent's name": answer_set.respondent.name}
    texts |= {f"the note on {qid}": note for qid, note in answer_set.notes.items()}
    for what, text in texts.items():
        if "\x00" in text:
            raise AnswersFileError(
                f"{what} contains a NUL character (\\x00), which the store cannot keep; "
                "nothing was imported",
                where=where,
            )


def summaries(store: Store) -> list[EngagementSummary]:
    """Every engagement with its rounds and each respondent's completion."""
    result: list[EngagementSummary] = []
    with store.reading() as connection:
        for row in queries.all_engagements(connection):
            bank = bank_from_snapshot(row)
            counts = queries.count_answers(connection, row.id)
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


def delete_engagement(store: Store, name: str) -> EngagementRow:
    with store.writing() as connection:
        row = _require_engagement(connection, name)
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


@dataclass(frozen=True)
class StoreSink:
    """Where an interview's answers and notes go: straight into the store, one commit each."""

    store: Store
    respondent_id: int
    lease: Lease | None = None

    def answer(self, question_id: str, value: Answer, seconds: float | None) -> None:
        record_answer(
            self.store, self.respondent_id, question_id, value, seconds=seconds, lease=self.lease
        )

    def note(self, question_id: str, text: str) -> None:
        record_note(self.store, self.respondent_id, question_id, text, lease=self.lease)
