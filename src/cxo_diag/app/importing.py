"""Importing answers files into an engagement: all or nothing, in one transaction.

Each file must fit the engagement's bank (id, version, hash, roles, scales), name a
respondent not yet in that round, and hold only text both store backends can keep.

An answers file names its bank (id, version, hash), so an engagement that does not exist
yet can be started from it when that bank is available here: built in, in ./questionnaires,
or given as --bank. The bank must be exactly the one the answers were given to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cxo_diag.answers import AnswerSet, check_fits_bank
from cxo_diag.app.engagements import Clock, Engagement, get_engagement, latest_round, utc_now
from cxo_diag.bank.model import Bank
from cxo_diag.errors import AnswersFileError
from cxo_diag.identity import person_key
from cxo_diag.store import answer_queries, queries
from cxo_diag.store.engine import Store
from cxo_diag.store.queries import RespondentRow

if TYPE_CHECKING:
    from cxo_diag.bank.registry import ResolvedBank


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
    opened: list[dict[str, object]] = []
    with store.writing() as connection:
        latest = latest_round(connection, engagement.row)
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
            answers += answer_queries.answer_rows(
                person.id, answer_set.answers, answer_set.seconds, stamp
            )
            notes += answer_queries.note_rows(person.id, answer_set.notes, stamp)
            opened += answer_queries.open_answer_rows(person.id, answer_set.open_answers, stamp)
            if is_complete(engagement.bank, answer_set):
                queries.set_finished(connection, person.id, stamp)
                person = replace(person, finished_at=stamp)
            added.append(person)
        answer_queries.insert_answers(connection, answers)
        answer_queries.insert_notes(connection, notes)
        answer_queries.insert_open_answers(connection, opened)
    return engagement, latest.number, added


@dataclass(frozen=True)
class Imported:
    """What an import did: the engagement (new or not), the round, who was added."""

    engagement: Engagement
    round_number: int
    added: list[RespondentRow]
    created: bool


def engagement_exists(store: Store, name: str) -> bool:
    from cxo_diag.store import queries

    with store.reading() as connection:
        return queries.find_engagement(connection, name) is not None


def bank_for_new_engagement(
    engagement: str, files: Sequence[tuple[str, AnswerSet]], bank: str | None
) -> ResolvedBank:
    """The bank to start ``engagement`` with: --bank, or the one the first file names; it
    must be the very bank (version and content) every file was answered on."""
    from cxo_diag.answers import check_fits_bank
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import NotFound

    where, first = files[0]
    named = first.bank
    if bank is not None:
        resolved = open_bank(bank)
    else:
        try:
            resolved = open_bank(named.id)
        except NotFound:
            raise NotFound(
                f"engagement {engagement!r} does not exist yet, and bank {named.id!r} that "
                f"{where} names is not built in or in ./questionnaires; give its file with "
                "--bank FILE to start the engagement",
            ) from None
    for file_where, answer_set in files:
        check_fits_bank(answer_set, resolved.bank, resolved.hash, file_where)
    return resolved


def import_files(
    store: Store,
    engagement: str,
    files: Sequence[tuple[str, AnswerSet]],
    *,
    new_bank: ResolvedBank | None,
    organisation: str | None = None,
    new_round: bool = False,
) -> Imported:
    """Add the files to ``engagement``, started with ``new_bank`` first when it is given
    (the caller found the engagement missing); all or nothing for the answers."""
    from cxo_diag.app.engagements import delete_engagement, ensure_engagement
    from cxo_diag.errors import CxoDiagError

    created = False
    if new_bank is not None:
        created = not engagement_exists(store, engagement)
        ensure_engagement(store, engagement, bank=new_bank, organisation=organisation)
    try:
        found, number, added = import_answer_sets(store, engagement, files, new_round=new_round)
    except CxoDiagError:
        if created:  # all or nothing: no empty engagement left behind by a refused file
            delete_engagement(store, engagement)
        raise
    return Imported(found, number, added, created)


def import_answers(
    option: str | None,
    engagement: str,
    files: Sequence[tuple[str, AnswerSet]],
    *,
    bank: str | None = None,
    organisation: str | None = None,
    new_round: bool = False,
) -> tuple[Imported, str | None]:
    """The `import` command: add the files to ``engagement`` in the store ``--store`` names,
    starting the engagement (and the store) from ``bank`` or the bank the files name when it
    does not exist yet; what was done, and the --store text a printed command needs.

    The bank is resolved before a new store is created, so a missing bank leaves no empty
    store behind; an existing engagement checks ``bank`` (if given) against its own."""
    from cxo_diag.app.stores import is_saved, open_named
    from cxo_diag.bank.registry import open_bank

    new_bank = None if is_saved(option) else bank_for_new_engagement(engagement, files, bank)
    opened, store_text = open_named(option, create=new_bank is not None)
    with opened:
        if new_bank is None:
            if engagement_exists(opened, engagement):
                new_bank = open_bank(bank) if bank else None  # checked against its own
            else:
                new_bank = bank_for_new_engagement(engagement, files, bank)
        done = import_files(
            opened,
            engagement,
            files,
            new_bank=new_bank,
            organisation=organisation,
            new_round=new_round,
        )
    return done, store_text


def import_interview_file(
    option: str | None,
    engagement: str,
    path: Path,
    *,
    bank: str | None = None,
    respondent: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    new_round: bool = False,
) -> tuple[Imported, AnswerSet, str | None]:
    """`interview --answers FILE`: one respondent's answers file added to the engagement
    (started with ``bank`` when new); ``respondent`` and ``role``, when given, must be the
    file's. What was done, the file's answers, and the --store text a printed command needs."""
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.engagements import ensure_engagement
    from cxo_diag.app.stores import open_named
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import UsageError

    answer_set = read_answers_file(path)
    who = answer_set.respondent
    if (respondent and respondent != who.name) or (role and role.casefold() != who.role.casefold()):
        raise UsageError(
            f"{path} holds the answers of {who.name} ({who.role}), not "
            f"{respondent or who.name} ({role or who.role})"
        )
    resolved = open_bank(bank) if bank else None
    opened, store_text = open_named(option)
    with opened:
        ensure_engagement(opened, engagement, bank=resolved, organisation=organisation)
        found, number, added = import_answer_sets(
            opened, engagement, [(str(path), answer_set)], new_round=new_round
        )
    return Imported(found, number, added, created=False), answer_set, store_text


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
