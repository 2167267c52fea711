"""Practices: an owner the bank knows, reachable by a rule, addressing dimensions it has; the
bank's own sequence names only its practices."""

from __future__ import annotations

from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context, unknown
from cxo_diag.findings import Code, Finding

OWNER_KEYWORDS = ("both", "ceo", "blind-spot")


def check_practices(ctx: Context) -> Iterator[Finding]:
    recommended = {rule.recommend for rule in ctx.bank.rules}
    dimensions = {d.id for d in ctx.bank.dimensions}
    roles = {r.id for r in ctx.bank.roles}
    for practice in ctx.bank.practices:
        if practice.owner not in roles and practice.owner not in OWNER_KEYWORDS:
            yield ctx.at_practice(
                practice.id,
                ("owner",),
                Code.E104,
                kind="owner",
                context=f" (practice {practice.id!r})",
                **unknown(practice.owner, [*roles, *OWNER_KEYWORDS]),
            )
        if not ctx.is_inline(practice.id):
            continue
        if practice.id not in recommended:
            yield ctx.at_practice(practice.id, ("id",), Code.E110, practice=practice.id)
        for position, dimension in enumerate(practice.addresses):
            if dimension not in dimensions:
                yield ctx.at_practice(
                    practice.id,
                    ("addresses", position),
                    Code.E104,
                    kind="dimension",
                    context=f" (practice {practice.id!r})",
                    **unknown(dimension, dimensions),
                )


def check_sequence(ctx: Context) -> Iterator[Finding]:
    """Every id of the bank's own ``sequence`` names one of its practices."""
    practices = {p.id for p in ctx.bank.practices}
    if ctx.loaded.include_failed:
        return
    for index, practice_id in enumerate(ctx.bank.sequence):
        if practice_id not in practices:
            yield ctx.at(
                ("sequence", index),
                Code.E104,
                kind="practice",
                context=" (sequence)",
                **unknown(practice_id, practices),
            )


CHECKS = [check_practices, check_sequence]
