"""A stored engagement's rounds: their answers, and a round diagnosed with the one before.

"The latest round, its answer sets, the diagnosis" is written here once, for the report, the
agenda, the reliability analysis and the local norms.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.app.engagements import Engagement
    from cxo_diag.bank.registry import ResolvedBank
    from cxo_diag.scoring.model import Diagnosis
    from cxo_diag.store.engine import Store


def latest_answer_sets(store: Store, engagement: Engagement) -> list[AnswerSet]:
    """Every respondent's answers in the engagement's latest round (round 1 when new)."""
    from cxo_diag.app.engagements import answer_sets, round_numbers

    latest = max(round_numbers(store, engagement), default=1)
    return answer_sets(store, engagement, latest)


def diagnose_round(store: Store, engagement: Engagement, round_number: int | None) -> Diagnosis:
    """Score one round of an engagement (default: the latest); a later round is compared
    with the one before it. The diagnosis carries the engagement's organisation and the
    round's interview notes."""
    from cxo_diag.app.context import with_context
    from cxo_diag.app.engagements import answer_sets, round_numbers
    from cxo_diag.errors import NotFound
    from cxo_diag.scoring import diagnose

    numbers = round_numbers(store, engagement)
    number = numbers[-1] if round_number is None else round_number
    sets = answer_sets(store, engagement, number)
    if not sets:
        raise NotFound(f"round {number} of {engagement.name!r} has no respondents yet")
    previous = None
    earlier = [n for n in numbers if n < number]
    if earlier:
        before = answer_sets(store, engagement, earlier[-1])
        if before:
            previous = diagnose(engagement.bank, before, engagement=engagement.name)
    diagnosis = diagnose(engagement.bank, sets, engagement=engagement.name, previous=previous)
    return with_context(diagnosis, engagement.bank, sets, organisation=engagement.row.organisation)


def pooled_latest_rounds(
    store: Store, names: Sequence[str], resolved: ResolvedBank, where: str
) -> list[AnswerSet]:
    """The latest round of each named engagement, each answer set checked to fit the bank
    being analysed; ``where`` (the store, password masked) starts each error's place."""
    from cxo_diag.answers import check_fits_bank
    from cxo_diag.app.engagements import get_engagement

    collected: list[AnswerSet] = []
    for name in names:
        for answer_set in latest_answer_sets(store, get_engagement(store, name)):
            check_fits_bank(answer_set, resolved.bank, resolved.hash, f"{where}: engagement {name}")
            collected.append(answer_set)
    return collected
