"""The store a command names: open it, say whether it holds anything yet, copy between two.

``--store`` may be empty (the default in the user's data folder, or ``CXO_DIAG_STORE``), a
file path (SQLite) or a ``postgresql://`` URL (the team store).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.store.copy import CopyResult
    from cxo_diag.store.engine import Store


def open_named(option: str | None, *, create: bool = True) -> tuple[Store, str | None]:
    """The store, and the --store text a printed command needs (None for the default; a
    URL's password left out: libpq finds it in PGPASSWORD or ~/.pgpass)."""
    from cxo_diag.store.engine import open_store
    from cxo_diag.store.location import store_location, without_password

    location, is_default = store_location(option)
    return open_store(location, create=create), None if is_default else without_password(location)


def is_saved(option: str | None) -> bool:
    """A file store that was never written to does not exist yet; a server always does."""
    from cxo_diag.store.location import expand_path, is_url, store_location

    location, _ = store_location(option)
    return is_url(location) or expand_path(location).exists()


def copy_stores(
    source: str,
    destination: str,
    names: list[str] | None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[CopyResult, str] | None:
    """Copy the engagements ``names`` (all with None) from one store to another, in one
    transaction on the destination; what was copied and where, or None when the source
    holds no engagement at all (and no name was given)."""
    from cxo_diag.store import queries
    from cxo_diag.store.copy import copy_engagements
    from cxo_diag.store.engine import open_store

    _refuse_same_store(source, destination)
    with open_store(source, create=False) as src:
        if names is None:
            with src.reading() as connection:
                if not queries.all_engagements(connection):
                    return None
        with open_store(destination) as dst:
            return copy_engagements(src, dst, names, progress=progress), dst.where


def _refuse_same_store(source: str, destination: str) -> None:
    from cxo_diag.errors import UsageError
    from cxo_diag.store.location import expand_path, is_url, mask_password

    if is_url(source) or is_url(destination):
        same = source == destination
    else:
        same = expand_path(source).resolve() == expand_path(destination).resolve()
    if same:
        raise UsageError(f"SRC and DST are the same store ({mask_password(source)})")
