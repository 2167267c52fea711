"""Rules: one condition each, naming a practice, dimension, role, band or question the bank
has; an answer condition within its question's scale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxo_diag.bank.checks.context import Context, unknown
from cxo_diag.findings import Code, Finding

WHO_KEYWORDS = ("any", "all")


def check_rule_references(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    dimensions = {d.id: d for d in bank.dimensions}
    practices = {p.id for p in bank.practices}
    roles = {r.id for r in bank.roles}
    questions = {q.id: q for q in bank.questions}
    for index, rule in enumerate(bank.rules):
        base = ("rules", index)
        where = f" (rule {rule.id!r})"
        conditions = rule.when.conditions
        if len(conditions) != 1:
            yield ctx.at(
                (*base, "when"), Code.E111, rule=rule.id, found=", ".join(conditions) or "none"
            )
        if rule.recommend not in practices and not ctx.loaded.include_failed:
            yield ctx.at(
                (*base, "recommend"),
                Code.E104,
                kind="practice",
                context=where,
                **unknown(rule.recommend, {*practices, *ctx.loaded.practice_sources}),
            )
        for name in conditions:
            condition = getattr(rule.when, name)
            cpath = (*base, "when", name)
            dimension_id = getattr(condition, "dimension", None)
            if dimension_id is not None and dimension_id not in dimensions:
                yield ctx.at(
                    (*cpath, "dimension"),
                    Code.E104,
                    kind="dimension",
                    context=where,
                    **unknown(dimension_id, dimensions),
                )
            role = getattr(condition, "role", "any")
            if role not in roles and role not in WHO_KEYWORDS:
                yield ctx.at(
                    (*cpath, "role"),
                    Code.E104,
                    kind="role",
                    context=where,
                    **unknown(role, [*roles, *WHO_KEYWORDS]),
                )
            band = getattr(condition, "band", None)
            if band is not None and dimension_id in dimensions:
                bands = {b.id for b in dimensions[dimension_id].bands}
                if band not in bands:
                    yield ctx.at(
                        (*cpath, "band"),
                        Code.E104,
                        kind="band",
                        context=where,
                        **unknown(band, bands),
                    )
        answer = rule.when.answer
        if answer is not None:
            yield from _check_answer_condition(ctx, index, rule.id, answer, questions)


def _check_answer_condition(
    ctx: Context, index: int, rule_id: str, answer: Any, questions: dict[str, Any]
) -> Iterator[Finding]:
    path = ("rules", index, "when", "answer")
    question = questions.get(answer.question)
    if question is None and any(q.id == answer.question for q in ctx.bank.open_questions):
        return  # open_checks says why a rule cannot read free text
    if question is None:
        yield ctx.at(
            (*path, "question"),
            Code.E104,
            kind="question",
            context=f" (rule {rule_id!r})",
            **unknown(answer.question, questions),
        )
        return
    if question.scale not in {s.id for s in ctx.bank.scales}:
        return
    scale = ctx.bank.scale(question.scale)
    for name in ("at_least", "at_most"):
        value = getattr(answer, name)
        if value is not None and not scale.low <= value <= scale.high:
            yield ctx.at(
                (*path, name),
                Code.E115,
                rule=rule_id,
                detail=f"{name} {value} is off the scale {scale.low}..{scale.high} "
                f"of question {question.id!r}",
            )


CHECKS = [check_rule_references]
