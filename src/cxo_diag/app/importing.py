"""Importing answers files into an engagement: all or nothing, in one transaction.

Each file must fit the engagement's bank (id, version, hash, roles, scales), name a
respondent not yet in that round, and hold only text both store backends can keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cxo_diag.answers import AnswerSet, check_fits_bank
from cxo_diag.app.engagements import Clock, Engagement, get_engagement, latest_round, utc_now
from cxo_diag.bank.model import Bank
from cxo_diag.errors import AnswersFileError
from cxo_diag.identity import person_key
from cxo_diag.store import queries
from cxo_diag.store.engine import Store
from cxo_diag.store.queries import RespondentRow


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
