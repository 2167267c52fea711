"""From answers to scores: item friction, each respondent's dimension score with its error,
and a role's score over its respondents (with spread and agreement from three of them).

The loop over answer sets is the hot path (an engagement may hold thousands of sets): it keeps
its sums in local variables and looks each item's weight and positions up once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank, Dimension, Keyed, Perspective, Question, Scale
from cxo_diag.scoring import error

COVERAGE_FLOOR = 0.5
"""Below this share of a dimension's item weight answered, a score is "not enough answers"."""

MIN_GROUP_SIZE = 3
"""A role shared by several respondents shows spread, agreement and item answers only from
this many, so that no individual's figure can be read off the group's."""


def round1(value: float) -> float:
    """One decimal, the precision every report shows; -0.0 becomes 0.0."""
    return round(value, 1) + 0.0


def item_friction(question: Question, scale: Scale, value: int) -> float:
    """Friction 0..100 from the answer's position on its scale; reverse-keyed items flipped.

    The lowest point is 0 and the highest 100, evenly spaced by rank (so a scale 1..5 gives
    0, 25, 50, 75, 100). For ``keyed: harmony`` items agreement signals harmony: 100 - that.
    """
    position = scale.positions[value]
    return 100 - position if question.keyed is Keyed.HARMONY else position


class Partial(NamedTuple):
    """One respondent's weighted mean friction over some items, with its error and coverage.

    A NamedTuple rather than a dataclass: thousands are made per engagement.
    """

    score: float | None
    se: float | None
    coverage: float
    asked: bool


ALL = "all"
US = Perspective.US.value


@dataclass(frozen=True)
class DimensionError:
    """How much error one item of a dimension carries, and where that figure comes from."""

    item_error: float
    declared: bool


def dimension_error(bank: Bank, dimension: Dimension) -> DimensionError:
    """The per-item error of ``dimension``: from its declared reliability, else the default
    (alpha 0.70, answers as spread as evenly spread ones, on its widest-varying scale)."""
    items = [q for q in bank.questions if q.dimension == dimension.id]
    declared = dimension.reliability
    if declared is not None:
        return DimensionError(
            error.declared_item_error(declared.sd, declared.alpha, len(items)), declared=True
        )
    points = min((len(bank.scale(q.scale).points) for q in items), default=5)
    return DimensionError(error.default_item_error(points, len(items)), declared=False)


def scores_by_view(
    bank: Bank,
    questions: Sequence[Question],
    answer_sets: Sequence[AnswerSet],
    item_error: float,
) -> dict[str, list[Partial]]:
    """Each respondent's score over ``questions``: over all of them, and over the 'us' items
    alone (what an observer answers, so leaders and observer compare like with like).

    A respondent's error is the larger of the dimension's measurement error and their own
    item-sampling error, as the error of their weighted mean (docs/scoring.md).
    """
    items = [
        (
            q.id,
            q.weight,
            bank.scale(q.scale).positions,
            q.keyed is Keyed.HARMONY,
            q.perspective is Perspective.US,
        )
        for q in questions
    ]
    total_all = sum(item[1] for item in items)
    total_us = sum(item[1] for item in items if item[4])
    all_items: list[Partial] = []
    us_items: list[Partial] = []
    for answer_set in answer_sets:
        answers = answer_set.answers
        w_all = s_all = q_all = x_all = 0.0
        w_us = s_us = q_us = x_us = 0.0
        for question_id, weight, positions, harmony, is_us in items:
            value = answers.get(question_id)
            if value.__class__ is int:
                position = positions[value]
                friction = 100 - position if harmony else position
                w_all += weight
                s_all += weight * friction
                q_all += weight * weight
                x_all += weight * friction * friction
                if is_us:
                    w_us += weight
                    s_us += weight * friction
                    q_us += weight * weight
                    x_us += weight * friction * friction
        all_items.append(_partial((total_all, w_all, s_all, q_all, x_all), item_error))
        us_items.append(_partial((total_us, w_us, s_us, q_us, x_us), item_error))
    return {ALL: all_items, US: us_items}


def _partial(sums: tuple[float, float, float, float, float], item_error: float) -> Partial:
    """Weighted mean friction over the answered items, with its error; None below the floor.

    ``sums``: the asked weight, the answered weight, sum w x, sum w^2 and sum w x^2. N/A
    and skipped items are left out of the mean and count as unanswered for coverage.
    """
    total, weight, weighted, squares, moments = sums
    if total == 0:
        return Partial(None, None, 0.0, asked=False)
    coverage = weight / total
    if weight == 0 or coverage < COVERAGE_FLOOR:
        return Partial(None, None, coverage, asked=True)
    mean = weighted / weight
    spread = 0.0
    denominator = weight - squares / weight
    if denominator > 1e-12:
        spread = math.sqrt(max(moments - weight * mean * mean, 0.0) / denominator)
    se = max(item_error, spread) * math.sqrt(squares) / weight
    return Partial(mean, se, coverage, asked=True)


@dataclass(frozen=True)
class Aggregate:
    """A role's figures on a dimension, unrounded."""

    score: float | None
    se: float | None
    coverage: float
    n: int
    spread: float | None
    asked: bool
    #: each counted respondent's (score, se), in the order of the role's answer sets
    people: tuple[tuple[float, float] | None, ...] = ()


def aggregate(partials: Sequence[Partial]) -> Aggregate:
    """A role's score: the mean of its respondents' scores; its error the error of that mean.

    The spread (highest − lowest) is kept only from MIN_GROUP_SIZE scores.
    """
    scored = [(p.score, p.se) for p in partials if p.score is not None and p.se is not None]
    asked = any(p.asked for p in partials)
    coverage = sum(p.coverage for p in partials) / len(partials) if partials else 0.0
    people = tuple(
        (p.score, p.se) if p.score is not None and p.se is not None else None for p in partials
    )
    if not scored:
        return Aggregate(None, None, coverage, 0, None, asked, people)
    scores = [s for s, _ in scored]
    spread = max(scores) - min(scores) if len(scores) >= MIN_GROUP_SIZE else None
    return Aggregate(
        sum(scores) / len(scores),
        error.se_of_group_mean([e for _, e in scored]),
        coverage,
        len(scored),
        spread,
        asked,
        people,
    )


def agreement(
    bank: Bank, questions: Sequence[Question], answer_sets: Sequence[AnswerSet]
) -> float | None:
    """rwg(j) of a role's members on a dimension, over the items two or more of them answered;
    None with fewer than two members or no such item."""
    if len(answer_sets) < 2:
        return None
    variances: list[float] = []
    null = 0.0
    for question in questions:
        scale = bank.scale(question.scale)
        positions, harmony, qid = scale.positions, question.keyed is Keyed.HARMONY, question.id
        n = 0
        total = squares = 0.0
        for answer_set in answer_sets:
            value = answer_set.answers.get(qid)
            if value.__class__ is int:
                friction = 100 - positions[value] if harmony else positions[value]
                n += 1
                total += friction
                squares += friction * friction
        if n >= 2:
            variances.append(max(squares - total * total / n, 0.0) / (n - 1))
            null = max(null, error.uniform_variance(len(scale.points)))
    if not variances:
        return None
    return error.rwg_j(variances, null)
