"""Questions: what each refers to (dimension, scale, roles), its wording for every role that
answers it, observers on 'us' items only, and mirrored pairs of self and counterpart items."""

from __future__ import annotations

from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context, unknown
from cxo_diag.bank.model import Perspective, Question
from cxo_diag.findings import Code, Finding


def check_question_references(ctx: Context) -> Iterator[Finding]:
    bank = ctx.bank
    dimensions = {d.id for d in bank.dimensions}
    scales = {s.id for s in bank.scales}
    roles = {r.id for r in bank.roles}
    for index, question in enumerate(bank.questions):
        where = f" (question {question.id!r})"
        if question.dimension not in dimensions:
            yield ctx.at(
                ("questions", index, "dimension"),
                Code.E104,
                kind="dimension",
                context=where,
                **unknown(question.dimension, dimensions),
            )
        if question.scale not in scales:
            yield ctx.at(
                ("questions", index, "scale"),
                Code.E104,
                kind="scale",
                context=where,
                **unknown(question.scale, scales),
            )
        for role_index, role in enumerate(question.roles or []):
            if role not in roles:
                yield ctx.at(
                    ("questions", index, "roles", role_index),
                    Code.E104,
                    kind="role",
                    context=where,
                    **unknown(role, roles),
                )
        if isinstance(question.text, dict):
            for role in question.text:
                if role not in roles:
                    yield ctx.at(
                        ("questions", index, "text", role),
                        Code.E104,
                        key=True,
                        kind="role",
                        context=where,
                        **unknown(role, roles),
                    )


def check_observer_questions(ctx: Context) -> Iterator[Finding]:
    """Observers see the pair from outside: they answer 'us' items only."""
    observers = {r.id for r in ctx.bank.roles if r.observer}
    for index, question in enumerate(ctx.bank.questions):
        if question.perspective is Perspective.US or question.roles is None:
            continue
        for position, role in enumerate(question.roles):
            if role in observers:
                yield ctx.at(
                    ("questions", index, "roles", position),
                    Code.E117,
                    role=role,
                    perspective=question.perspective.value,
                    question=question.id,
                )


def check_question_wording(ctx: Context) -> Iterator[Finding]:
    roles = {r.id for r in ctx.bank.roles}
    for index, question in enumerate(ctx.bank.questions):
        if not isinstance(question.text, dict):
            continue
        for role in ctx.bank.answering_roles(question):
            if role in roles and role not in question.text:
                yield ctx.at(
                    ("questions", index, "text"), Code.E112, question=question.id, role=role
                )


def check_mirrors(ctx: Context) -> Iterator[Finding]:
    """A counterpart item mirrors one self item: the same statement about the same conduct."""
    questions = {q.id: q for q in ctx.bank.questions}
    mirrored_by: dict[str, str] = {}
    for index, question in enumerate(ctx.bank.questions):
        if question.mirrors is None:
            if question.perspective is Perspective.COUNTERPART:
                yield ctx.at(("questions", index, "id"), Code.W211, question=question.id)
            continue
        path = ("questions", index, "mirrors")
        target = questions.get(question.mirrors)
        if target is None:
            yield ctx.at(
                path,
                Code.E104,
                kind="question",
                context=f" (question {question.id!r})",
                **unknown(
                    question.mirrors,
                    [q.id for q in questions.values() if q.perspective is Perspective.SELF],
                ),
            )
            continue
        detail = _mirror_mismatch(question, target, mirrored_by.get(target.id))
        if detail is not None:
            yield ctx.at(path, Code.E118, question=question.id, mirrored=target.id, detail=detail)
        else:
            mirrored_by[target.id] = question.id


def _mirror_mismatch(question: Question, target: Question, taken: str | None) -> str | None:
    """Why ``question`` cannot mirror ``target``, or None when it can."""
    if question.perspective is not Perspective.COUNTERPART:
        return f"only a 'counterpart' item mirrors, and this one is {question.perspective.value!r}"
    if target.perspective is not Perspective.SELF:
        return f"it is a {target.perspective.value!r} item, not a 'self' item"
    if target.dimension != question.dimension:
        return f"it measures {target.dimension!r}, not {question.dimension!r}"
    if target.scale != question.scale:
        return f"it is answered on scale {target.scale!r}, not {question.scale!r}"
    if taken is not None:
        return f"{taken!r} already mirrors it"
    return None


CHECKS = [
    check_question_references,
    check_question_wording,
    check_observer_questions,
    check_mirrors,
]
