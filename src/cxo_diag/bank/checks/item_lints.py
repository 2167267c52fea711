"""Lints about whom an item asks about, and how it asks: one actor, a direction, a fitting scale.

- W212 double-barrelled by actor: one answer for two people's conduct ("we each", "each
  other"): a leader who does it while the other does not has no true answer;
- W213 no direction: the item says something is uneven without saying which way ("one of
  our two voices carries more weight"): two opposite situations get the same answer;
- W214 frequency on an agreement scale: "how often" asked with agree/disagree labels, so
  "disagree" may mean "never" or "not that often" and the two cannot be told apart.

Like the other lints they are word lists over plain English, tuned to stay quiet on good
items; docs/instrument-quality.md lists the phrases and the known blind spots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from cxo_diag.bank.checks.wording import wordings
from cxo_diag.bank.english.actors import (
    double_barrelled_by_actor,
    frequency_wording,
    is_agreement_scale,
    no_direction,
)
from cxo_diag.findings import Code, Finding

if TYPE_CHECKING:
    from cxo_diag.bank.checks.context import Context


def _first_per_question(
    ctx: Context, code: Code, detect: Callable[[str], str | None], only: set[str] | None = None
) -> Iterator[Finding]:
    flagged: set[str] = set()
    for wording in wordings(ctx):
        if wording.question in flagged or (only is not None and wording.question not in only):
            continue
        detail = detect(wording.text)
        if detail is not None:
            flagged.add(wording.question)
            yield ctx.at(wording.path, code, question=wording.question, detail=detail)


def check_double_barrelled_by_actor(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W212, double_barrelled_by_actor)


def check_no_direction(ctx: Context) -> Iterator[Finding]:
    yield from _first_per_question(ctx, Code.W213, no_direction)


def check_frequency_on_agreement_scale(ctx: Context) -> Iterator[Finding]:
    agreement = {
        scale.id for scale in ctx.bank.scales if is_agreement_scale([p.label for p in scale.points])
    }
    on_agreement = {q.id for q in ctx.bank.questions if q.scale in agreement}
    yield from _first_per_question(ctx, Code.W214, frequency_wording, on_agreement)


CHECKS: list[Callable[[Context], Iterator[Finding]]] = [
    check_double_barrelled_by_actor,
    check_no_direction,
    check_frequency_on_agreement_scale,
]
