"""Telling a cxo-diag store from any other database before anything is written to it.

Opening a store migrates it, and opening SQLite switches it to WAL: done to another
program's database (``--store other.db`` by mistake, even for a read-only command such as
``engagements``) that added five tables and changed its journal mode for good. So:

- an SQLite file is read first without SQLite (its 100-byte header) and, when that does not
  settle it, through a read-only connection: a store carries cxo-diag's application id
  (``PRAGMA application_id``, set by migration 4) or, from before that, cxo-diag's tables;
  an empty file or an SQLite database without tables becomes a new store; anything else is
  refused and left byte for byte as it was;
- on PostgreSQL (and SQLite once open), the tables are looked at inside the first read: the
  marker table ``cxo_diag_store`` (migration 4) or cxo-diag's tables, or no table at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, inspect

from cxo_diag.errors import StoreError
from cxo_diag.text import one_line

APPLICATION_ID = 0x6378_6F64
"""cxo-diag's SQLite application id: "cxod" in ASCII (``PRAGMA application_id``)."""

MARKER_TABLE = "cxo_diag_store"
STORE_TABLES = frozenset({"schema_version", "engagements", "rounds", "respondents", "answers"})
"""The tables every cxo-diag store has had since version 1."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_LEFT_ALONE = "it was left as it is; give the path of a cxo-diag store or of a new file"


def check_sqlite_file(path: Path, where: str) -> None:
    """Refuse an existing file that is not a cxo-diag store, without writing to it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(f"cannot read the store: {error.strerror or error}", where=where) from None
    if not header:
        return  # an empty file: a new store
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreError(
            f"is not a cxo-diag store (not an SQLite database); {_LEFT_ALONE}", where=where
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0:
        raise StoreError(
            f"is another application's SQLite database (application id "
            f"{application_id:#010x}), not a cxo-diag store; {_LEFT_ALONE}",
            where=where,
        )
    _check_tables(_sqlite_tables(path, where), where)


def _sqlite_tables(path: Path, where: str) -> set[str]:
    """The file's table names, through a read-only connection (no journal-mode change)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {str(name) for (name,) in rows}
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        raise StoreError(
            f"is not a cxo-diag store or a damaged one (SQLite cannot read it); {_LEFT_ALONE}",
            where=where,
        ) from None


def check_tables(connection: Connection, where: str) -> None:
    """Refuse a database that holds tables and is not a cxo-diag store (inside a read)."""
    _check_tables(set(inspect(connection).get_table_names()), where)


def _check_tables(names: set[str], where: str) -> None:
    tables = {name for name in names if not name.startswith("sqlite_")}
    if not tables or MARKER_TABLE in tables or tables >= STORE_TABLES:
        return
    if tables & STORE_TABLES:
        missing = ", ".join(sorted(STORE_TABLES - tables))
        raise StoreError(
            f"is not a cxo-diag store or a damaged one: it lacks the tables {missing}; "
            f"{_LEFT_ALONE}",
            where=where,
        )
    shown = ", ".join(sorted(one_line(name)[:40] for name in tables)[:5])
    more = ", ..." if len(tables) > 5 else ""
    raise StoreError(
        f"holds another application's tables ({shown}{more}), not a cxo-diag store; {_LEFT_ALONE}",
        where=where,
    )
