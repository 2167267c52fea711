"""Rows read from the store, checked against the schema before anything uses them.

SQLite keeps whatever a column is given, and a store can be edited, restored from a bad
backup or half-overwritten: a time stamp 'yesterday', an answer 'abc', a blob where a name
belongs. Read as they are, such values surfaced as a ValueError, TypeError or IndexError
far from the store. Every row the queries return goes through :func:`checked`, driven by the
column types declared in ``schema.py``, so a damaged row is one line naming the table, the
row and the column: ``the store is damaged: rounds row 3: started_at is not a time``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Float, Integer, String, Table, Text

from cxo_diag.errors import StoreError
from cxo_diag.store.schema import UtcDateTime
from cxo_diag.text import one_line


def damaged(table: str, row: str, problem: str) -> StoreError:
    return StoreError(f"the store is damaged: {table} row {row}: {problem}")


def row_label(table: Table, values: Mapping[str, Any]) -> str:
    """The row's primary key as a person can find it: ``3``, or ``respondent_id 3,
    question_id res-01``."""
    keys = [c.name for c in table.primary_key.columns]
    if keys == ["id"]:
        return one_line(str(values.get("id")))[:40]
    return ", ".join(f"{k} {one_line(str(values.get(k)))[:40]}" for k in keys)


def _problem(column: Column[Any], value: Any) -> str | None:
    """What is wrong with ``value`` for ``column``, or None."""
    if value is None:
        return None if column.nullable and not column.primary_key else "is empty"
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return None if isinstance(value, datetime) else "is not a time"
    if isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "is not a whole number"
    if isinstance(kind, Float):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number and math.isfinite(value) else "is not a number"
    if isinstance(kind, String | Text):
        return None if isinstance(value, str) else "is not text"
    return None


def checked(table: Table, row: Any, **extra: type) -> dict[str, Any]:
    """The row as a dict, each column checked against its declared type; ``extra`` names
    labelled columns of a join and their type (``round_number=int``)."""
    values = dict(row._mapping)
    checked_values(table, values)
    for name, wanted in extra.items():
        value = values.get(name)
        if not isinstance(value, wanted) or isinstance(value, bool):
            what = "a whole number" if wanted is int else wanted.__name__
            raise damaged(table.name, row_label(table, values), f"{name} is not {what}")
    return values


def checked_values(table: Table, values: Mapping[str, Any]) -> None:
    """Each of ``values`` that names a column of ``table`` checked against its type (for
    a query that labels the columns of several tables)."""
    for column in table.columns:
        if column.name in values:
            problem = _problem(column, values[column.name])
            if problem is not None:
                raise damaged(table.name, row_label(table, values), f"{column.name} {problem}")
