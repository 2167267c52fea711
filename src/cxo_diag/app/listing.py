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
