"""What the store keeps once per bank (by content hash): id, version, title, question counts.

Listing engagements needs a bank's title and how many questions each role answers; reading
them from this small table instead of parsing every engagement's bank copy keeps
`engagements` one query however many engagements the store holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Insert, func, select

from cxo_diag.errors import StoreError
from cxo_diag.store import schema

if TYPE_CHECKING:
    from cxo_diag.bank.model import Bank


@dataclass(frozen=True)
class BankInfo:
    """A bank as `engagements` shows it."""

    hash: str
    id: str
    version: str
    title: str
    questions: Mapping[str, int]
    """Role id -> how many questions that role answers."""


def parse_snapshot(engagement: str, row_id: str, snapshot: str, bank_hash: str) -> Bank:
    """An engagement's own copy of its bank (engagements row ``row_id``), checked against
    the hash recorded with it."""
    from cxo_diag.bank.content_hash import content_hash
    from cxo_diag.bank.model import Bank
    from cxo_diag.store.rows import damaged

    try:
        bank = Bank.model_validate(json.loads(snapshot))
    except (ValueError, TypeError, RecursionError):
        raise damaged(
            "engagements", row_id, f"the bank kept with {engagement!r} cannot be read"
        ) from None
    if content_hash(bank) != bank_hash:
        raise StoreError(
            f"the bank kept with engagement {engagement!r} does not match its hash {bank_hash}"
        )
    return bank


def info_of(bank: Bank, bank_hash: str) -> BankInfo:
    return BankInfo(
        hash=bank_hash,
        id=bank.id,
        version=bank.version,
        title=bank.title,
        questions={role.id: len(bank.questions_for(role.id)) for role in bank.roles},
    )


def row_of(info: BankInfo) -> dict[str, Any]:
    return {
        "hash": info.hash,
        "bank_id": info.id,
        "version": info.version,
        "title": info.title,
        "questions": json.dumps(dict(info.questions), sort_keys=True),
    }


def info_from_columns(
    bank_hash: str, bank_id: str, version: str, title: str, questions: str
) -> BankInfo:
    """A bank's listing facts from the columns of ``banks`` (questions as stored, JSON)."""
    counts = json.loads(questions)
    return BankInfo(
        hash=bank_hash,
        id=bank_id,
        version=version,
        title=title,
        questions={str(k): int(v) for k, v in counts.items()},
    )


def insert_missing(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Add these bank rows, leaving any hash already there as it is (same hash, same bank)."""
    if not rows:
        return
    statement: Insert
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(schema.banks).on_conflict_do_nothing(index_elements=["hash"])
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(schema.banks).on_conflict_do_nothing(index_elements=["hash"])
    connection.execute(statement, rows)


def remember(connection: Connection, bank: Bank, bank_hash: str) -> None:
    """Keep the bank's listing facts, once per hash."""
    insert_missing(connection, [row_of(info_of(bank, bank_hash))])


def rows_for(connection: Connection, hashes: list[str]) -> list[dict[str, Any]]:
    """The bank rows of these hashes, to copy them to another store."""
    if not hashes:
        return []
    table = schema.banks
    query = select(table).where(table.c.hash.in_(hashes)).order_by(table.c.hash)
    return [dict(row._mapping) for row in connection.execute(query)]


def fill_from_snapshots(connection: Connection) -> int:
    """Add the listing facts of every bank the engagements use and ``banks`` lacks, parsing
    one stored copy per distinct hash; returns how many were added. A copy that no longer
    parses is left out: listing says its question counts are unknown, as the report would
    refuse it."""
    from cxo_diag.bank.model import Bank

    engagements, table = schema.engagements, schema.banks
    first = (
        select(func.min(engagements.c.id))
        .where(engagements.c.bank_hash.not_in(select(table.c.hash)))
        .group_by(engagements.c.bank_hash)
    )
    query = select(engagements.c.bank_hash, engagements.c.bank_snapshot).where(
        engagements.c.id.in_(first)
    )
    rows = []
    for bank_hash, snapshot in connection.execute(query).all():
        try:
            bank = Bank.model_validate(json.loads(snapshot))
        except ValueError:
            continue
        rows.append(row_of(info_of(bank, bank_hash)))
    insert_missing(connection, rows)
    return len(rows)
