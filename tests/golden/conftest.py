"""Golden files: `pytest tests/golden --update-golden` rewrites them; review the diff.

The option lives here, not in a root conftest, so it is registered when tests/golden is on
the command line. ``UPDATE_GOLDEN=1`` does the same from anywhere.
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from the current code instead of comparing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden", default=False)) or bool(
        os.environ.get("UPDATE_GOLDEN")
    )
