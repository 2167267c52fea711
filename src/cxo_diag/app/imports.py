"""Importing answers files into an engagement, creating the engagement when it is new.

An answers file names its bank (id, version, hash), so an engagement that does not exist
yet can be started from it when that bank is available here: built in, in ./questionnaires,
or given as --bank. The bank must be exactly the one the answers were given to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.app.engagements import Engagement
    from cxo_diag.bank.registry import ResolvedBank
    from cxo_diag.store.engine import Store
    from cxo_diag.store.queries import RespondentRow


@dataclass(frozen=True)
class Imported:
    """What an import did: the engagement (new or not), the round, who was added."""

    engagement: Engagement
    round_number: int
    added: list[RespondentRow]
    created: bool


def store_exists(location: str) -> bool:
    """A file store that was never written to does not exist; a server always does."""
    from cxo_diag.store.location import expand_path, is_url

    return is_url(location) or expand_path(location).exists()


def engagement_exists(store: Store, name: str) -> bool:
    from cxo_diag.store import queries

    with store.reading() as connection:
        return queries.find_engagement(connection, name) is not None


def bank_for_new_engagement(
    engagement: str, files: Sequence[tuple[str, AnswerSet]], bank: str | None
) -> ResolvedBank:
    """The bank to start ``engagement`` with: --bank, or the one the first file names; it
    must be the very bank (version and content) every file was answered on."""
    from cxo_diag.answers import check_fits_bank
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import NotFound

    where, first = files[0]
    named = first.bank
    if bank is not None:
        resolved = open_bank(bank)
    else:
        try:
            resolved = open_bank(named.id)
        except NotFound:
            raise NotFound(
                f"engagement {engagement!r} does not exist yet, and bank {named.id!r} that "
                f"{where} names is not built in or in ./questionnaires; give its file with "
                "--bank FILE to start the engagement",
            ) from None
    for file_where, answer_set in files:
        check_fits_bank(answer_set, resolved.bank, resolved.hash, file_where)
    return resolved


def import_files(
    store: Store,
    engagement: str,
    files: Sequence[tuple[str, AnswerSet]],
    *,
    new_bank: ResolvedBank | None,
    organisation: str | None = None,
    new_round: bool = False,
) -> Imported:
    """Add the files to ``engagement``, started with ``new_bank`` first when it is given
    (the caller found the engagement missing); all or nothing for the answers."""
    from cxo_diag.app.engagements import delete_engagement, ensure_engagement
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.errors import CxoDiagError

    created = False
    if new_bank is not None:
        created = not engagement_exists(store, engagement)
        ensure_engagement(store, engagement, bank=new_bank, organisation=organisation)
    try:
        found, number, added = import_answer_sets(store, engagement, files, new_round=new_round)
    except CxoDiagError:
        if created:  # all or nothing: no empty engagement left behind by a refused file
            delete_engagement(store, engagement)
        raise
    return Imported(found, number, added, created)
