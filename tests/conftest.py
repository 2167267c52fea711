"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

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
