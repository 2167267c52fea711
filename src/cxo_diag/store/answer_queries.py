"""The queries over what respondents gave: their answers, notes and open answers.

Changing an answer drops the summary of its round in the same transaction
(``forget_summary``). Nothing here is SQLite-specific, so PostgreSQL can run the same
functions. The caller owns the transaction: each function does one thing inside whatever
transaction it is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Insert, and_, case, delete, func, insert, select, update

from cxo_diag.answers import NOT_APPLICABLE as NA_VALUE
from cxo_diag.answers import Answer
from cxo_diag.store import schema
from cxo_diag.store.rows import checked, damaged, row_label
from cxo_diag.store.schema import ANSWERED, NOT_APPLICABLE, SKIPPED


@dataclass(frozen=True)
class StoredAnswer:
    question_id: str
    value: Answer
    seconds: float | None
    answered_at: datetime


@dataclass(frozen=True)
class StoredNote:
    question_id: str
    text: str
    written_at: datetime


def _columns_for(value: Answer) -> tuple[str, int | None]:
    if value is None:
        return SKIPPED, None
    if value == NA_VALUE:
        return NOT_APPLICABLE, None
    if isinstance(value, int) and not isinstance(value, bool):
        return ANSWERED, value
    raise ValueError(f"not an answer: {value!r}")


def value_of(row: Any) -> Answer:
    """The answer a checked answers row holds; a kind the store does not know, or an
    answered question without a value, is damage."""
    if row.kind == ANSWERED and row.value is not None:
        return int(row.value)
    if row.kind == NOT_APPLICABLE:
        return "n/a"
    if row.kind == SKIPPED:
        return None
    label = row_label(schema.answers, vars(row))
    problem = "value is empty" if row.kind == ANSWERED else "kind is not one cxo-diag writes"
    raise damaged("answers", label, problem)


def _upsert(connection: Connection, values: dict[str, Any], keys: Sequence[str]) -> None:
    """Insert or replace one answer, with the backend's own upsert where it has one."""
    table = schema.answers
    changes = {k: v for k, v in values.items() if k not in keys}
    dialect = connection.dialect.name
    statement: Insert
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        lite = sqlite_insert(table).values(**values)
        statement = lite.on_conflict_do_update(index_elements=list(keys), set_=changes)
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg = pg_insert(table).values(**values)
        statement = pg.on_conflict_do_update(index_elements=list(keys), set_=changes)
    else:
        condition = and_(*(table.c[k] == values[k] for k in keys))
        if connection.execute(update(table).where(condition).values(**changes)).rowcount:
            return
        statement = insert(table).values(**values)
    connection.execute(statement)


def save_answer(
    connection: Connection,
    respondent_id: int,
    question_id: str,
    value: Answer,
    *,
    seconds: float | None,
    now: datetime,
) -> None:
    kind, number = _columns_for(value)
    _upsert(
        connection,
        {
            "respondent_id": respondent_id,
            "question_id": question_id,
            "kind": kind,
            "value": number,
            "seconds": seconds,
            "answered_at": now,
        },
        ("respondent_id", "question_id"),
    )
    forget_summary(connection, respondent_id)


def forget_summary(connection: Connection, respondent_id: int) -> None:
    """The summary of the respondent's round no longer holds once an answer changed: drop it
    in the same transaction, so it is recomputed from the answers when next needed."""
    people = schema.respondents
    round_id = select(people.c.round_id).where(people.c.id == respondent_id).scalar_subquery()
    for table in (schema.round_scores, schema.round_summaries):
        connection.execute(delete(table).where(table.c.round_id == round_id))


def answer_rows(
    respondent_id: int, answers: Mapping[str, Answer], seconds: Mapping[str, float], now: datetime
) -> list[dict[str, Any]]:
    """A new respondent's answers as rows of ``answers``, for ``insert_answers``."""
    rows = []
    for question_id, value in answers.items():
        kind, number = _columns_for(value)
        rows.append(
            {
                "respondent_id": respondent_id,
                "question_id": question_id,
                "kind": kind,
                "value": number,
                "seconds": seconds.get(question_id),
                "answered_at": now,
            }
        )
    return rows


def insert_answers(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """New respondents' answers in one batch (COPY on PostgreSQL, executemany elsewhere),
    dropping the summaries of their rounds."""
    if not rows:
        return
    from cxo_diag.store import bulk

    bulk.insert_rows(connection, schema.answers, rows)
    for respondent_id in sorted({row["respondent_id"] for row in rows}):
        forget_summary(connection, respondent_id)


def answers_of(connection: Connection, respondent_id: int) -> dict[str, StoredAnswer]:
    table = schema.answers
    raw = connection.execute(
        select(table).where(table.c.respondent_id == respondent_id).order_by(table.c.question_id)
    ).all()
    rows = [SimpleNamespace(**checked(table, row)) for row in raw]
    return {
        row.question_id: StoredAnswer(row.question_id, value_of(row), row.seconds, row.answered_at)
        for row in rows
    }


def count_answers(connection: Connection, engagement_id: int) -> dict[int, tuple[int, int]]:
    """Per respondent of an engagement: (questions with any answer, of which skipped)."""
    table, people, rounds = schema.answers, schema.respondents, schema.rounds
    skipped = func.sum(case((table.c.kind == SKIPPED, 1), else_=0))
    query = (
        select(table.c.respondent_id, func.count(), skipped)
        .join(people, people.c.id == table.c.respondent_id)
        .join(rounds, rounds.c.id == people.c.round_id)
        .where(rounds.c.engagement_id == engagement_id)
        .group_by(table.c.respondent_id)
    )
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in connection.execute(query).all()}


def add_note(
    connection: Connection, respondent_id: int, question_id: str, text: str, now: datetime
) -> None:
    connection.execute(
        insert(schema.notes).values(
            respondent_id=respondent_id, question_id=question_id, text=text, written_at=now
        )
    )


def note_rows(respondent_id: int, notes: Mapping[str, str], now: datetime) -> list[dict[str, Any]]:
    """A new respondent's notes as rows of ``notes``, in the order given."""
    return [
        {"respondent_id": respondent_id, "question_id": qid, "text": text, "written_at": now}
        for qid, text in notes.items()
    ]


def insert_notes(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Several notes in one batch, kept in the order given."""
    from cxo_diag.store import bulk

    bulk.insert_rows(connection, schema.notes, rows)


def add_open_answer(
    connection: Connection, respondent_id: int, question_id: str, text: str, now: datetime
) -> None:
    """One more row: a text written earlier for the same question stays in the table."""
    connection.execute(
        insert(schema.open_answers).values(
            respondent_id=respondent_id, question_id=question_id, text=text, written_at=now
        )
    )


def open_answer_rows(
    respondent_id: int, texts: Mapping[str, str], now: datetime
) -> list[dict[str, Any]]:
    """A respondent's open answers as rows of ``open_answers``, in the order given."""
    return [
        {"respondent_id": respondent_id, "question_id": qid, "text": text, "written_at": now}
        for qid, text in texts.items()
    ]


def insert_open_answers(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    from cxo_diag.store import bulk

    bulk.insert_rows(connection, schema.open_answers, rows)


def open_answers_of(connection: Connection, respondent_id: int) -> dict[str, str]:
    """The latest text per open question, in the order first written (earlier texts stay
    in the table: nothing typed is overwritten)."""
    table = schema.open_answers
    rows = connection.execute(
        select(table.c.question_id, table.c.text)
        .where(table.c.respondent_id == respondent_id)
        .order_by(table.c.id)
    ).all()
    latest: dict[str, str] = {}
    for row in rows:
        latest[row.question_id] = row.text
    return latest


def notes_of(connection: Connection, respondent_id: int) -> list[StoredNote]:
    table = schema.notes
    raw = connection.execute(
        select(table).where(table.c.respondent_id == respondent_id).order_by(table.c.id)
    ).all()
    rows = [SimpleNamespace(**checked(table, row)) for row in raw]
    return [StoredNote(row.question_id, row.text, row.written_at) for row in rows]
