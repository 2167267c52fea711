"""Writing many rows at once: COPY on PostgreSQL, executemany elsewhere.

`store copy` and `import` send each table's rows in one batch. On PostgreSQL psycopg's
executemany still sends one INSERT per row (pipelined); COPY streams them all in one
statement, which is what a copy of thousands of answers to a team server needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each naming the same columns) into ``table`` in one batch, inside the
    caller's transaction."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    for column in columns:
        table.c[column]  # an unknown column is a KeyError here, not SQL built from it
    names = ", ".join(f'"{column}"' for column in columns)
    raw = connection.connection.driver_connection
    if raw is None:
        raise RuntimeError("no driver connection for COPY")
    import psycopg
    from sqlalchemy.exc import DBAPIError

    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([_value(row[column]) for column in columns])
    except psycopg.Error as error:
        # As SQLAlchemy wraps the driver's errors for its own statements, so that the store
        # puts this one into words the same way (a refused permission, a full disk).
        raise DBAPIError.instance(statement, None, error, psycopg.Error) from None


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC time")
        return value.astimezone(UTC)
    return value
