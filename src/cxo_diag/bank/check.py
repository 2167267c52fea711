"""Cross-reference and quality checks on a loaded bank: one concern a function.

Each check yields findings; none stops the others, so an author sees every problem at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from cxo_diag.bank.checks.context import Check, Context
from cxo_diag.bank.load import LoadedBank
from cxo_diag.bank.model import Keyed, Perspective, Question
from cxo_diag.findings import Code, Finding

MIN_QUESTIONS_PER_DIMENSION = 3
MAX_WORDS = 30
OWNER_KEYWORDS = ("both", "ceo", "blind-spot")
WHO_KEYWORDS = ("any", "all")


def _known(ids: Iterable[str]) -> str:
    listed = sorted(ids)
    return ", ".join(listed[:12]) + (" ..." if len(listed) > 12 else "") if listed else "(none)"


def check_duplicate_ids(ctx: Context) -> Iterator[Finding]:
    groups: dict[str, list[Any]] = {
        "role": list(ctx.bank.roles),
        "scale": list(ctx.bank.scales),
        "dimension": list(ctx.bank.dimensions),
        "question": list(ctx.bank.questions),
        "rule": list(ctx.bank.rules),
    }
    section = {
        "role": "roles",
        "scale": "scales",
        "dimension": "dimensions",
        "question": "questions",
        "rule": "rules",
    }
    for kind, items in groups.items():
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            path = (section[kind], index, "id")
            if item.id in first:
                yield ctx.at(path, Code.E105, kind=kind, id=item.id, first_line=first[item.id])
            else:
                first[item.id] = ctx.positions.of(path)[0]
    yield from _duplicate_practices(ctx)


def _duplicate_practices(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, practice in enumerate(ctx.bank.practices):
        if practice.id in seen:
            yield ctx.at(
                ("practices", index, "id"),
                Code.E105,
                kind="practice",
                id=practice.id,
                first_line=seen[practice.id],
            )
        else:
            seen[practice.id] = ctx.positions.of(("practices", index, "id"))[0]


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
                ref=question.dimension,
                context=where,
                known=_known(dimensions),
            )
        if question.scale not in scales:
            yield ctx.at(
                ("questions", index, "scale"),
                Code.E104,
                kind="scale",
                ref=question.scale,
                context=where,
                known=_known(scales),
            )
        for role_index, role in enumerate(question.roles or []):
            if role not in roles:
                yield ctx.at(
                    ("questions", index, "roles", role_index),
                    Code.E104,
                    kind="role",
                    ref=role,
                    context=where,
                    known=_known(roles),
                )
        if isinstance(question.text, dict):
            for role in question.text:
                if role not in roles:
                    yield ctx.at(
                        ("questions", index, "text", role),
                        Code.E104,
                        key=True,
                        kind="role",
                        ref=role,
                        context=where,
                        known=_known(roles),
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
                ref=question.mirrors,
                context=f" (question {question.id!r})",
                known=_known(q.id for q in questions.values() if q.perspective is Perspective.SELF),
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


def check_scales(ctx: Context) -> Iterator[Finding]:
    for index, scale in enumerate(ctx.bank.scales):
        values = [p.value for p in scale.points]
        repeated = sorted(v for v, n in Counter(values).items() if n > 1)
        if repeated:
            yield ctx.at(
                ("scales", index, "points"),
                Code.E113,
                scale=scale.id,
                detail=f"value(s) {repeated} appear more than once",
            )
        elif values != sorted(values):
            yield ctx.at(
                ("scales", index, "points"),
                Code.E113,
                scale=scale.id,
                detail="points must be listed from the lowest value to the highest",
            )


def check_bands(ctx: Context) -> Iterator[Finding]:
    for index, dimension in enumerate(ctx.bank.dimensions):
        bands = dimension.bands
        path = ("dimensions", index, "bands")
        if bands[0].from_ > 0:
            yield ctx.at(
                (*path, 0, "from"),
                Code.E107,
                dimension=dimension.id,
                detail=f"nothing covers 0 to {bands[0].from_:g}",
            )
        for position, band in enumerate(bands):
            if band.to <= band.from_:
                yield ctx.at(
                    (*path, position, "to"),
                    Code.E106,
                    band=band.id,
                    detail=f"it ends at {band.to:g}, not after its start {band.from_:g}",
                )
            if position == 0:
                continue
            previous = bands[position - 1]
            if band.from_ < previous.to:
                yield ctx.at(
                    (*path, position, "from"),
                    Code.E106,
                    band=band.id,
                    detail=f"starts at {band.from_:g}, before {previous.id!r} ends at "
                    f"{previous.to:g}",
                )
            elif band.from_ > previous.to:
                yield ctx.at(
                    (*path, position, "from"),
                    Code.E107,
                    dimension=dimension.id,
                    detail=f"nothing covers {previous.to:g} to {band.from_:g}",
                )
        if bands[-1].to < 100:
            yield ctx.at(
                (*path, len(bands) - 1, "to"),
                Code.E107,
                dimension=dimension.id,
                detail=f"nothing covers {bands[-1].to:g} to 100",
            )


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
                ref=rule.recommend,
                context=where,
                known=_known(practices),
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
                    ref=dimension_id,
                    context=where,
                    known=_known(dimensions),
                )
            role = getattr(condition, "role", "any")
            if role not in roles and role not in WHO_KEYWORDS:
                yield ctx.at(
                    (*cpath, "role"),
                    Code.E104,
                    kind="role",
                    ref=role,
                    context=where,
                    known=_known([*roles, *WHO_KEYWORDS]),
                )
            band = getattr(condition, "band", None)
            if band is not None and dimension_id in dimensions:
                bands = {b.id for b in dimensions[dimension_id].bands}
                if band not in bands:
                    yield ctx.at(
                        (*cpath, "band"),
                        Code.E104,
                        kind="band",
                        ref=band,
                        context=where,
                        known=_known(bands),
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
            ref=answer.question,
            context=f" (rule {rule_id!r})",
            known=_known(questions),
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
                ref=practice_id,
                context=" (sequence)",
                known=_known(practices),
            )


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
                ref=practice.owner,
                context=f" (practice {practice.id!r})",
                known=_known([*roles, *OWNER_KEYWORDS]),
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
                    ref=dimension,
                    context=f" (practice {practice.id!r})",
                    known=_known(dimensions),
                )


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


def check_question_length(ctx: Context) -> Iterator[Finding]:
    for index, question in enumerate(ctx.bank.questions):
        texts = question.text.values() if isinstance(question.text, dict) else [question.text]
        words = max(len(text.split()) for text in texts)
        if words > MAX_WORDS:
            yield ctx.at(
                ("questions", index, "text"),
                Code.W204,
                question=question.id,
                words=words,
                limit=MAX_WORDS,
            )
        if question.probe is None:
            yield ctx.at(("questions", index, "id"), Code.W210, question=question.id)


CHECKS: list[Check] = [
    check_duplicate_ids,
    check_question_references,
    check_question_wording,
    check_observer_questions,
    check_mirrors,
    check_scales,
    check_bands,
    check_dimension_coverage,
    check_rule_references,
    check_practices,
    check_sequence,
    check_dimension_quality,
    check_question_length,
]


def extra_checks() -> list[Check]:
    """Item-writing lints live in their own module; loaded here to keep one list."""
    from cxo_diag.bank.checks import contradictions, item_lints, open_questions, wording

    return [*wording.CHECKS, *item_lints.CHECKS, *open_questions.CHECKS, *contradictions.CHECKS]


def check_bank(loaded: LoadedBank) -> list[Finding]:
    """Every finding for a loaded bank, in file order."""
    if loaded.bank is None:
        return sorted(set(loaded.findings))
    ctx = Context(loaded.bank, loaded)
    findings = list(loaded.findings)
    for check in [*CHECKS, *extra_checks()]:
        findings.extend(check(ctx))
    return sorted(set(findings))
