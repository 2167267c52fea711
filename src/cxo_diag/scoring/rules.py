"""Rules → evidence. One evaluator per rule kind, in a table keyed by the condition's type.

A rule's ``when`` holds exactly one condition; ``condition_of`` returns it as a member of the
``Condition`` union, and ``EVALUATORS`` maps its type to the function that tests it. A new kind
of rule touches the bank model (its condition class and a field of ``When``) and adds one
evaluator here.

Two promises hold for every kind (docs/scoring.md):

- thresholds are cumulative: a band condition holds in that band *or any worse one*, and
  ``at_least`` is "at least", so a worse score never removes a practice;
- gaps and blind spots count only beyond the critical difference, the rule's own threshold
  on top of that, never instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cxo_diag.bank.model import (
    AnswerCondition,
    BlindSpotCondition,
    GapCondition,
    Perspective,
    Rule,
    ScoreCondition,
    When,
)
from cxo_diag.scoring import error
from cxo_diag.scoring.dimensions import band_index
from cxo_diag.scoring.engagement import Engagement, who
from cxo_diag.scoring.items import item_view
from cxo_diag.scoring.model import DimensionResult, Evidence

Condition = ScoreCondition | GapCondition | BlindSpotCondition | AnswerCondition


def condition_of(when: When) -> Condition | None:
    """The one condition a rule's ``when`` holds (validation guarantees exactly one)."""
    for name in when.conditions:
        condition: Condition = getattr(when, name)
        return condition
    return None


@dataclass(frozen=True)
class Context:
    """What evaluators read: the engagement and the scored dimensions by id."""

    eng: Engagement
    dims: dict[str, DimensionResult]


def _names(roles: list[str]) -> str:
    """COO; COO and CMO; COO, CMO and CIO."""
    named = [who(r) for r in roles]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _candidates(eng: Engagement, role: str) -> list[str]:
    """The roles a condition is about: 'any'/'all' mean the leaders, else the one role named."""
    if role in ("any", "all"):
        return [r.id for r in eng.present_leaders]
    return [role] if eng.sets(role) else []


def _parties_meeting(ctx: Context, dimension: str, meets: Callable[[float], bool]) -> int:
    """How many of the people around the table (leaders and observers) report it."""
    result = ctx.dims[dimension]
    return sum(1 for rs in result.roles if rs.score is not None and meets(rs.score))


def score_evidence(rule: Rule, cond: ScoreCondition, ctx: Context) -> Evidence | None:
    result = ctx.dims[cond.dimension]
    band = next((b for b in result.bands if b.id == cond.band), None)

    def meets(score: float) -> bool:
        if band is not None:
            return band_index(result.bands, score) >= band.index
        return score >= (cond.at_least or 0.0)

    scores = {r: result.role_score(r) for r in _candidates(ctx.eng, cond.role)}
    values = {r: rs.score for r, rs in scores.items() if rs is not None}
    if not values:
        return None
    if cond.role == "all":
        if any(v is None or not meets(v) for v in values.values()) or len(values) < len(scores):
            return None
        matching = list(values)
    else:
        matching = [r for r, v in values.items() if v is not None and meets(v)]
    if not matching:
        return None
    ranked = sorted(matching, key=lambda r: -(values[r] or 0.0))  # stable: bank order on ties
    tested = min if cond.role == "all" else max
    value = tested(values[r] or 0.0 for r in matching)
    test = (
        f"in the {band.label} band or worse (from {band.start:g})"
        if band is not None
        else f"at least {cond.at_least:g}"
    )
    shown = [f"{who(r)} {values[r]:g}" for r in ranked]
    if len(ranked) == 1:
        because = f"{who(ranked[0])}'s score on {result.title} is {value:g}: {test}."
    else:
        because = f"{_names(ranked)} both score {result.title} {test}: {', '.join(shown)}."
        if len(ranked) > 2:
            because = because.replace(" both ", " all ")
    return Evidence(
        rule=rule.id,
        kind="score",
        weight=rule.weight,
        dimension=cond.dimension,
        role="all" if cond.role == "all" else ranked[0],
        value=value,
        band=cond.band,
        at_least=cond.at_least,
        agreement=_parties_meeting(ctx, cond.dimension, meets),
        because=because,
    )


def sides_with(ctx: Context, dimension: str) -> tuple[str, str, float] | None:
    """Which leader an observer's view sides with on a dimension: (observer, leader, score).

    Like with like: the observer answers 'us' items only, so the leaders' scores over those
    same items are compared with theirs. The observer sides with a leader when their scores
    are within the critical difference of each other and beyond it from every other leader.
    """
    eng = ctx.eng
    for observer in eng.present_observers:
        own = eng.role_aggregate(observer.id, dimension, Perspective.US)
        if own.score is None or own.se is None:
            continue
        close: list[str] = []
        far: list[str] = []
        for leader in eng.present_leaders:
            theirs = eng.role_aggregate(leader.id, dimension, Perspective.US)
            if theirs.score is None or theirs.se is None:
                continue
            critical = error.critical_difference(own.se, theirs.se)
            (close if abs(own.score - theirs.score) <= critical else far).append(leader.id)
        if len(close) == 1 and far:
            return observer.id, close[0], round(own.score, 1) + 0.0
    return None


def gap_evidence(rule: Rule, cond: GapCondition, ctx: Context) -> Evidence | None:
    result = ctx.dims[cond.dimension]
    gap = result.gap
    if gap is None or not gap.beyond_error or gap.unsettled or gap.value < cond.at_least:
        return None
    high, low = result.role_score(gap.high), result.role_score(gap.low)
    assert high is not None and low is not None  # both named by the gap from the scores
    because = (
        f"{who(gap.high)} ({high.score:g}) and {who(gap.low)} ({low.score:g}) see "
        f"{result.title} {gap.value:g} points apart, beyond the {gap.critical:g} that "
        f"measurement error explains: at least {cond.at_least:g}."
    )
    agreement = 1
    side = sides_with(ctx, cond.dimension)
    if side is not None:
        observer, leader, score = side
        because += f" {who(observer)}'s view ({score:g}) sides with {who(leader)}."
        agreement += 1 if leader == gap.high else 0
    return Evidence(
        rule=rule.id,
        kind="gap",
        weight=rule.weight,
        dimension=cond.dimension,
        value=gap.value,
        at_least=cond.at_least,
        agreement=agreement,
        because=because,
    )


def blind_spot_evidence(rule: Rule, cond: BlindSpotCondition, ctx: Context) -> Evidence | None:
    result = ctx.dims[cond.dimension]
    spots = {b.role: b for b in result.blind_spots}
    values = {
        r: spots[r].gap if r in spots and spots[r].beyond_error else None
        for r in _candidates(ctx.eng, cond.role)
    }
    if not values:
        return None
    meeting = [r for r, v in values.items() if v is not None and v >= cond.at_least]
    if cond.role == "all" and len(meeting) < len(values):
        return None
    if not meeting:
        return None
    ranked = sorted(meeting, key=lambda r: -(values[r] or 0.0))
    value = (min if cond.role == "all" else max)(values[r] or 0.0 for r in meeting)
    parts = [
        f"{who(r)} rates their own conduct on {result.title} at {spots[r].self_score:g}, the "
        f"others rate it at {spots[r].others_view:g}: {spots[r].gap:g} apart, beyond the "
        f"{spots[r].critical:g} that measurement error explains"
        for r in ranked
    ]
    return Evidence(
        rule=rule.id,
        kind="blind_spot",
        weight=rule.weight,
        dimension=cond.dimension,
        role="all" if cond.role == "all" else ranked[0],
        value=value,
        at_least=cond.at_least,
        agreement=1,
        because="; ".join(parts) + f" (at least {cond.at_least:g}).",
    )


def answer_evidence(rule: Rule, cond: AnswerCondition, ctx: Context) -> Evidence | None:
    eng = ctx.eng
    question = next((q for q in eng.bank.questions if q.id == cond.question), None)
    if question is None:
        return None
    answering = set(eng.bank.answering_roles(question))
    values: dict[str, float | None] = {}
    for role in _candidates(eng, cond.role):
        if role in answering:
            view = item_view(eng, question, role)
            values[role] = view.answer if view is not None else None

    def meets(answer: float) -> bool:
        return (cond.at_least is None or answer >= cond.at_least) and (
            cond.at_most is None or answer <= cond.at_most
        )

    if not values:
        return None
    meeting = [r for r, v in values.items() if v is not None and meets(v)]
    if cond.role == "all" and len(meeting) < len(values):
        return None
    if not meeting:
        return None
    severest = cond.at_least is not None
    ranked = sorted(meeting, key=lambda r: -(values[r] or 0.0) if severest else values[r] or 0.0)
    tests = []
    if cond.at_least is not None:
        tests.append(f"at least {cond.at_least}")
    if cond.at_most is not None:
        tests.append(f"at most {cond.at_most}")
    scale = eng.bank.scale(question.scale)

    def shown(value: float) -> str:
        label = scale.label_of(int(value)) if value.is_integer() else None
        return f"{value:g} ({label})" if label else f"{value:g}"

    answers = ", ".join(f"{who(r)} {shown(values[r] or 0.0)}" for r in ranked)
    subject = who(ranked[0]) if len(ranked) == 1 else _names(ranked)
    value = values[ranked[-1] if cond.role == "all" else ranked[0]] or 0.0
    wording = question.wording_for(ranked[0])
    return Evidence(
        rule=rule.id,
        kind="answer",
        weight=rule.weight,
        dimension=question.dimension,
        question=question.id,
        role="all" if cond.role == "all" else ranked[0],
        value=value,
        at_least=cond.at_least,
        at_most=cond.at_most,
        agreement=len(meeting),
        because=(
            f"{subject} answered {question.id} (\u201c{wording}\u201d): {answers}: "
            f"{' and '.join(tests)}."
        ),
    )


Evaluator = Callable[[Rule, Any, Context], Evidence | None]

EVALUATORS: dict[type, Evaluator] = {
    ScoreCondition: score_evidence,
    GapCondition: gap_evidence,
    BlindSpotCondition: blind_spot_evidence,
    AnswerCondition: answer_evidence,
}


def evaluate(rule: Rule, ctx: Context) -> Evidence | None:
    """The evidence ``rule`` adds, or None when its condition does not hold."""
    condition = condition_of(rule.when)
    if condition is None:
        return None
    return EVALUATORS[type(condition)](rule, condition, ctx)
