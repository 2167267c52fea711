"""`delete` touches only the engagement it deletes: it never parses a bank copy, its own or
another engagement's, so a damaged copy elsewhere (or a store of thousands) does not stand
in its way, and the confirmation still counts the right respondents."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from tests.helpers import MINI

from cxo_diag.app import engagements, interviews
from cxo_diag.bank.registry import open_bank
from cxo_diag.errors import StoreError
from cxo_diag.store.engine import open_store
from cxo_diag.store.location import is_url


def _clock() -> datetime:
    return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _damage_every_bank_copy(location: str) -> None:
    if is_url(location):
        url = location.replace("postgresql://", "postgresql+psycopg://", 1)
    else:
        url = f"sqlite+pysqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE engagements SET bank_snapshot = '{broken'"))
    finally:
        engine.dispose()


def test_delete_reads_no_bank_copy(store_location: str) -> None:
    bank = open_bank(str(MINI))
    with open_store(store_location) as store:
        for name, people in (("acme", ["Ana", "Ben"]), ("beta", ["Cy"]), ("gamma", ["Di"])):
            for person, role in zip(people, ["coo", "cmo"], strict=False):
                interviews.start_interview(
                    store, name, bank=bank, respondent=person, role=role, clock=_clock
                )
    _damage_every_bank_copy(store_location)
    with open_store(store_location) as store:
        with pytest.raises(StoreError):  # the damage is real: reading a copy refuses it
            engagements.get_engagement(store, "beta")
        row, count = engagements.deletion_preview(store, "acme")
        assert (row.name, count) == ("acme", 2)
    deleted = subprocess.run(
        [sys.executable, "-m", "cxo_diag", "delete", "acme", "--yes", "--store", store_location],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (deleted.returncode, deleted.stdout.strip()) == (0, "deleted acme"), deleted.stderr
    with open_store(store_location) as store, store.reading() as connection:
        left = connection.exec_driver_sql("SELECT name FROM engagements ORDER BY name")
        assert [name for (name,) in left] == ["beta", "gamma"]
