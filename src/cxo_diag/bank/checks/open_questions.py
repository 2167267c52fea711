"""Checks on open questions (``type: open``): what the scale-item checks say, for free text.

An open question is never scored, so the checks that protect scores (keying, scales, bands)
do not apply; references, wording per role, observers, ids, length and probes do.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context, unknown
from cxo_diag.bank.checks.writing import length_and_probe
from cxo_diag.bank.model import Perspective
from cxo_diag.findings import Code, Finding

MAX_OPEN_WORDS = 40
"""An open question may run longer than an item (it may name what it asks for), not much."""


def check_open_question_ids(ctx: Context) -> Iterator[Finding]:
    """One id space for both kinds: answers files and reports name a question by its id."""
    seen = {
        q.id: ctx.positions.of(("questions", i, "id"))[0] for i, q in enumerate(ctx.bank.questions)
    }
    for index, question in enumerate(ctx.bank.open_questions):
        path = ("open_questions", index, "id")
        if question.id in seen:
            yield ctx.at(
                path, Code.E105, kind="question", id=question.id, first_line=seen[question.id]
            )
        else:
            seen[question.id] = ctx.positions.of(path)[0]


def check_open_question_references(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    dimensions = {d.id for d in bank.dimensions}
    roles = {r.id for r in bank.roles}
    observers = {r.id for r in bank.roles if r.observer}
    for index, question in enumerate(bank.open_questions):
        base = ("open_questions", index)
        where = f" (open question {question.id!r})"
        if question.dimension not in dimensions:
            yield ctx.at(
                (*base, "dimension"),
                Code.E104,
                kind="dimension",
                context=where,
                **unknown(question.dimension, dimensions, every=True),
            )
        for position, role in enumerate(question.roles or []):
            if role not in roles:
                yield ctx.at(
                    (*base, "roles", position),
                    Code.E104,
                    kind="role",
                    context=where,
                    **unknown(role, roles, every=True),
                )
            elif role in observers and question.perspective is not Perspective.US:
                yield ctx.at(
                    (*base, "roles", position),
                    Code.E117,
                    role=role,
                    perspective=question.perspective.value,
                    question=question.id,
                )
        if isinstance(question.text, dict):
            for role in question.text:
                if role not in roles:
                    yield ctx.at(
                        (*base, "text", role),
                        Code.E104,
                        key=True,
                        kind="role",
                        context=where,
                        **unknown(role, roles, every=True),
                    )
            for role in bank.open_answering_roles(question):
                if role in roles and role not in question.text:
                    yield ctx.at((*base, "text"), Code.E112, question=question.id, role=role)


def check_rules_on_open_questions(ctx: Context) -> Iterator[Finding]:
    """A rule cannot look at free text: an answer condition on an open question is refused."""
    open_ids = {q.id for q in ctx.bank.open_questions}
    for index, rule in enumerate(ctx.bank.rules):
        answer = rule.when.answer
        if answer is not None and answer.question in open_ids:
            yield ctx.at(
                ("rules", index, "when", "answer", "question"),
                Code.E119,
                rule=rule.id,
                question=answer.question,
            )


def check_open_question_writing(ctx: Context) -> Iterator[Finding]:
    return length_and_probe(ctx, "open_questions", ctx.bank.open_questions, MAX_OPEN_WORDS)


CHECKS = [
    check_open_question_ids,
    check_open_question_references,
    check_rules_on_open_questions,
    check_open_question_writing,
]
