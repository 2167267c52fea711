"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.PgServer]:
    """A PostgreSQL server for this test session (started here, or CXO_DIAG_TEST_PG_URL).

    Without PostgreSQL installed, the tests that need it are skipped on a developer's
    machine and fail in CI (CI=true), where .ci/run installs it: nothing is skipped there.
    """
    existing = pg_server.from_environment()
    if existing is not None:
        yield existing
        return
    if pg_server.find_bin("initdb") is None and not os.environ.get("CI"):
        pytest.skip("PostgreSQL is not installed here (CI installs it; see .ci/run)")
    server = pg_server.start()
    try:
        yield server
    finally:
        pg_server.stop(server)


STORE_BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=STORE_BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store for one test, once per backend: an SQLite file path, or the URL
    of a new database on the session's PostgreSQL server (dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    server: pg_server.PgServer = request.getfixturevalue("postgres")
    name = f"cxo_test_{uuid.uuid4().hex[:12]}"
    yield pg_server.create_database(server, name)
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
