"""Instrument quality over a store: the answers of stored engagements for a reliability
analysis, and local norms with the store's round summaries brought up to date first.

The store is named as on the command line (``--store``, ``--norms``): a file path or a
``postgresql://`` URL, or nothing for the default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.bank.model import Bank
    from cxo_diag.bank.registry import ResolvedBank
    from cxo_diag.quality.norms import NormsReport
    from cxo_diag.scoring.model import Diagnosis

Progress = Callable[[int, int], None]


def stored_answer_sets(
    option: str | None, names: Sequence[str], resolved: ResolvedBank
) -> list[AnswerSet]:
    """The latest round of each named engagement, checked to fit the bank being analysed."""
    from cxo_diag.app.rounds import pooled_latest_rounds
    from cxo_diag.store.engine import open_store
    from cxo_diag.store.location import mask_password, store_location

    location, _ = store_location(option)
    with open_store(location, create=False) as opened:
        return pooled_latest_rounds(opened, names, resolved, mask_password(location))


def stored_norms(
    option: str | None, engagement: str, *, min_sample: int, progress: Progress | None = None
) -> NormsReport:
    """The `norms` command: an engagement's scores placed among the earlier engagements of
    the same bank version in the store."""
    from cxo_diag.quality.norms import engagement_norms
    from cxo_diag.quality.summaries import fill_missing
    from cxo_diag.store.engine import open_store
    from cxo_diag.store.location import store_location

    location, _ = store_location(option)
    with open_store(location, create=False) as opened:
        fill_missing(opened, progress=progress)
        return engagement_norms(opened, engagement, min_sample=min_sample)


def add_norms(
    diagnosis: Diagnosis,
    bank: Bank,
    norms: str | None,
    min_sample: int | None,
    *,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
    progress: Progress | None = None,
) -> Diagnosis:
    """The diagnosis with its local norms from the store ``norms``; unchanged without it.

    ``before`` and ``answers`` are as for ``cxo_diag.quality.norms.with_norms``: only
    engagements created earlier, and never the engagement the answers come from.
    """
    from cxo_diag.errors import UsageError

    if norms is None:
        if min_sample is not None:
            raise UsageError("--norms-min-sample needs --norms STORE")
        return diagnosis
    from cxo_diag.quality import norms as local_norms
    from cxo_diag.quality.summaries import fill_missing
    from cxo_diag.store.engine import open_store

    with open_store(norms, create=False) as store:
        fill_missing(store, progress=progress)
        return local_norms.with_norms(
            store,
            bank,
            diagnosis,
            min_sample=local_norms.MIN_NORM_SAMPLE if min_sample is None else min_sample,
            before=before,
            answers=answers,
        )
