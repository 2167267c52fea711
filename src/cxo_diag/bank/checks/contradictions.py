"""Checks on the declared contradiction pairs (``contradictions:``).

A pair is two scale items that cannot both be true; the answer-quality check flags a
respondent who agrees as strongly as the scale allows with both. So each id must be a scale
item, and some role must answer both: a pair no one can answer in full would never flag
anyone, silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context, unknown
from cxo_diag.findings import Code, Finding


def check_contradiction_pairs(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    questions = {q.id: q for q in bank.questions}
    open_ids = {q.id for q in bank.open_questions}
    seen: dict[frozenset[str], int] = {}
    for index, (first, second) in enumerate(bank.contradictions):
        base = ("contradictions", index)
        dangling = False
        for position, question_id in enumerate((first, second)):
            if question_id in open_ids:
                yield ctx.at(
                    (*base, position),
                    Code.E120,
                    first=first,
                    second=second,
                    detail=f"{question_id!r} is an open question, answered in free text",
                )
                dangling = True
            elif question_id not in questions:
                yield ctx.at(
                    (*base, position),
                    Code.E104,
                    kind="question",
                    context=" (in contradictions)",
                    **unknown(question_id, set(questions), every=True),
                )
                dangling = True
        if dangling:
            continue
        if first == second:
            yield ctx.at(
                base,
                Code.E120,
                first=first,
                second=second,
                detail="an item cannot be paired with itself",
            )
            continue
        key = frozenset((first, second))
        if key in seen:
            line = ctx.positions.of(("contradictions", seen[key]))[0]
            detail = f"declared already on line {line}"
            yield ctx.at(base, Code.E120, first=first, second=second, detail=detail)
            continue
        seen[key] = index
        one = bank.answering_roles(questions[first])
        other = bank.answering_roles(questions[second])
        if not set(one) & set(other):
            yield ctx.at(
                base,
                Code.E120,
                first=first,
                second=second,
                detail=(
                    f"no role answers both ({first}: {', '.join(one)}; "
                    f"{second}: {', '.join(other)}), so no one could contradict themself"
                ),
            )


CHECKS = [check_contradiction_pairs]
