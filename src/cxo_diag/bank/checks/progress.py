"""Checks on ``progress:``: the items whose change shows each practice's progress sign.

A re-assessment reports, for each practice, whether those items moved beyond measurement
error; so each entry names a practice of the bank and scale items of the bank (an open
answer has no score to move), and a bank that tracks progress tracks it for every practice
its rules can recommend.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cxo_diag.bank.checks.context import unknown
from cxo_diag.findings import Code, Finding

if TYPE_CHECKING:
    from cxo_diag.bank.checks.context import Context
    from cxo_diag.bank.model import Bank


def check_progress_items(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    practices = {p.id for p in bank.practices}
    questions = {q.id for q in bank.questions}
    open_ids = {q.id for q in bank.open_questions}
    seen: dict[str, int] = {}
    for index, entry in enumerate(bank.progress):
        base = ("progress", index)
        if entry.practice not in practices:
            yield ctx.at(
                (*base, "practice"),
                Code.E104,
                kind="practice",
                context=" (in progress)",
                **unknown(entry.practice, practices),
            )
        elif entry.practice in seen:
            line = ctx.positions.of(("progress", seen[entry.practice], "practice"))[0]
            yield ctx.at(
                (*base, "practice"),
                Code.E121,
                practice=entry.practice,
                detail=f"listed already on line {line}",
            )
        else:
            seen[entry.practice] = index
        named: set[str] = set()
        for position, item in enumerate(entry.items):
            where = (*base, "items", position)
            if item in open_ids:
                detail = f"{item!r} is an open question: free text has no score to move"
                yield ctx.at(where, Code.E121, practice=entry.practice, detail=detail)
            elif item not in questions:
                yield ctx.at(
                    where,
                    Code.E104,
                    kind="question",
                    context=f" (in the progress of {entry.practice!r})",
                    **unknown(item, questions),
                )
            elif item in named:
                detail = f"{item!r} is named twice"
                yield ctx.at(where, Code.E121, practice=entry.practice, detail=detail)
            named.add(item)


def check_every_practice_tracked(ctx: Context) -> Iterator[Finding]:
    """Once a bank tracks progress, a recommended practice without items is a gap in it."""
    bank = ctx.bank
    if not bank.progress:
        return
    tracked = {entry.practice for entry in bank.progress}
    for rule_index, practice_id in _first_rules(bank):
        if practice_id not in tracked:
            yield ctx.at(("rules", rule_index, "recommend"), Code.W215, practice=practice_id)


def _first_rules(bank: Bank) -> list[tuple[int, str]]:
    """Each recommended practice with the index of the first rule that recommends it."""
    first: dict[str, int] = {}
    for index, rule in enumerate(bank.rules):
        first.setdefault(rule.recommend, index)
    return [(index, practice) for practice, index in first.items()]


CHECKS = [check_progress_items, check_every_practice_tracked]
