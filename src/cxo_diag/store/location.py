"""Where the store is: ``--store``, then ``CXO_DIAG_STORE``, then the user's data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

STORE_ENV = "CXO_DIAG_STORE"
STORE_FILE_NAME = "engagements.sqlite"

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^:/@]*):[^@]*@", re.IGNORECASE)


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


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and bool(_URL.match(location))


def mask_password(location: str) -> str:
    """A location fit to print: a URL's password becomes ***."""
    return _PASSWORD.sub(r"\1:***@", location)
