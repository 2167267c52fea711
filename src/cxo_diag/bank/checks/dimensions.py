"""Dimensions: each asked and reachable by a rule, with enough items, a reverse-keyed one,
and something for every role to answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context
from cxo_diag.bank.model import Keyed, Perspective
from cxo_diag.findings import Code, Finding

MIN_QUESTIONS_PER_DIMENSION = 3


def check_dimension_coverage(ctx: Context) -> Iterator[Finding]:
    asked = Counter(q.dimension for q in ctx.bank.questions)
    ruled = {rule.when.dimension for rule in ctx.bank.rules}
    question_dimension = {q.id: q.dimension for q in ctx.bank.questions}
    ruled |= {
        question_dimension.get(r.when.answer.question)
        for r in ctx.bank.rules
        if r.when.answer is not None
    }
    for index, dimension in enumerate(ctx.bank.dimensions):
        if not asked[dimension.id]:
            yield ctx.at(("dimensions", index, "id"), Code.E108, dimension=dimension.id)
        if dimension.id not in ruled:
            yield ctx.at(("dimensions", index, "id"), Code.E109, dimension=dimension.id)


def check_dimension_quality(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    for index, dimension in enumerate(bank.dimensions):
        items = [q for q in bank.questions if q.dimension == dimension.id]
        if not items:
            continue
        path = ("dimensions", index, "id")
        if len(items) < MIN_QUESTIONS_PER_DIMENSION:
            yield ctx.at(path, Code.W201, dimension=dimension.id, count=len(items))
        if all(q.keyed is Keyed.FRICTION for q in items):
            yield ctx.at(path, Code.W202, dimension=dimension.id)
        for role in bank.roles:
            if not any(role.id in bank.answering_roles(q) for q in items):
                if role.observer and not any(q.perspective is Perspective.US for q in items):
                    continue
                yield ctx.at(path, Code.W203, role=role.id, dimension=dimension.id)


CHECKS = [check_dimension_coverage, check_dimension_quality]
