"""Listing the engagements of a store (the `engagements` command)."""

from __future__ import annotations

from cxo_diag.store import listing
from cxo_diag.store.engine import Store
from cxo_diag.store.listing import Listing

RECENT = 50
"""How many engagements `engagements` lists without --all: the most recently started."""


def engagements(store: Store, *, limit: int | None = RECENT) -> Listing:
    """The ``limit`` most recent engagements (all with None), by name, in one read."""
    with store.reading() as connection:
        return listing.list_engagements(connection, limit)


def saved_engagements(option: str | None, *, every: bool = False) -> Listing:
    """The engagements of the store ``--store`` names (the default without it): the most
    recent, or ``every`` one; none where nothing was saved yet (no store is created)."""
    from cxo_diag.app.stores import is_saved, open_named

    if not is_saved(option):
        return Listing([], 0)
    opened, _ = open_named(option, create=False)
    with opened:
        return engagements(opened, limit=None if every else RECENT)
