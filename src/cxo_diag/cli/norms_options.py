"""The --norms options that `report` and `score` share, and the one call they make with them.

Kept apart so both commands say the same thing in --help and behave the same way: the
diagnosis is scored first, then ``cxo_diag.quality.stored.add_norms`` adds the norms from the
store named by --norms.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.bank.model import Bank
    from cxo_diag.scoring.model import Diagnosis

NormsOption = Annotated[
    str | None,
    typer.Option(
        "--norms",
        metavar="STORE",
        help=(
            "Place each score among earlier engagements of the same bank version in this "
            "store (a file path or postgresql:// URL, as for --store), as a percentile."
        ),
        show_default=False,
    ),
]
NormsMinSampleOption = Annotated[
    int | None,
    typer.Option(
        "--norms-min-sample",
        min=1,
        metavar="N",
        help="With --norms: hide the percentiles when fewer engagements than this (default 5).",
        show_default=False,
    ),
]


def add_norms(
    diagnosis: Diagnosis,
    bank: Bank,
    norms: str | None,
    min_sample: int | None,
    *,
    before: datetime | None = None,
    answers: Sequence[AnswerSet] = (),
) -> Diagnosis:
    """The diagnosis with its local norms from the store ``norms`` (unchanged without it),
    with a progress bar while the store's round summaries are brought up to date."""
    from cxo_diag.cli.progress import LONG_WORK, progress_bar
    from cxo_diag.quality.stored import add_norms as with_stored_norms

    with progress_bar("computing round summaries", minimum=LONG_WORK) as advance:
        return with_stored_norms(
            diagnosis, bank, norms, min_sample, before=before, answers=answers, progress=advance
        )
