"""Where the store is: ``--store``, then ``CXO_DIAG_STORE``, then the user's data folder.

A location is a file path (SQLite) or a URL (``postgresql://...``, the team store). A URL may
carry a password, so every place that shows a location shows it through
:func:`mask_password` or :func:`without_password`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cxo_diag.errors import StoreError
from cxo_diag.store import pg_url

STORE_ENV = "CXO_DIAG_STORE"
STORE_FILE_NAME = "engagements.sqlite"

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_POSTGRES_SCHEMES = ("postgresql", "postgres")


def default_store_path() -> Path:
    """The store file in the user's data folder (platformdirs), e.g. ~/.local/share/cxo-diag."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("cxo-diag", appauthor=False)) / STORE_FILE_NAME


def store_location(option: str | None) -> tuple[str, bool]:
    """The store to use and whether it is the default one (the default needs no --store)."""
    if option:
        return option, False
    from_env = os.environ.get(STORE_ENV)
    if from_env:
        return from_env, False
    return str(default_store_path()), True


def expand_path(location: str) -> Path:
    """A store path with ``~`` and ``~user`` expanded as the shell would; an unknown user
    (or no home folder) is one line, not a RuntimeError."""
    try:
        return Path(location).expanduser()
    except RuntimeError:
        home = location.split("/", 1)[0]
        raise StoreError(
            f"cannot find the home folder of {home} (no such user)", where=location
        ) from None


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and bool(_URL.match(location))


def is_postgres_url(location: str | Path) -> bool:
    """``postgresql://``, ``postgres://`` or ``postgresql+driver://``."""
    if not is_url(location):
        return False
    scheme = str(location).split("://", 1)[0].lower()
    return scheme.split("+", 1)[0] in _POSTGRES_SCHEMES


def mask_password(location: str) -> str:
    """A location fit to print: a URL's password becomes *** (``pg_url.mask``)."""
    return pg_url.mask(location) if is_url(location) else location


def without_password(location: str) -> str:
    """A location fit for a command line the tool prints: the URL's password left out, so
    that libpq finds it where it belongs (PGPASSWORD, ~/.pgpass) when the command runs."""
    return pg_url.strip_password(location) if is_url(location) else location
