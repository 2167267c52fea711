"""From answers to scores: item friction, each respondent's dimension score with its error,
and a role's score over its respondents (with spread and agreement from three of them).

The loop over answer sets is the hot path (an engagement may hold thousands of sets): it keeps
its sums in local variables and looks each item's weight and positions up once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import repeat
from operator import add, mul
from typing import NamedTuple

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank, Dimension, Keyed, Perspective, Question, Scale
from cxo_diag.scoring import error
from cxo_diag.scoring.matrix import Frictions

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


class Scores(NamedTuple):
    """Every respondent's score on a dimension (in the order of the role's answer sets)."""

    #: each respondent's (score, se), None below the coverage floor
    people: list[tuple[float, float] | None]
    #: each respondent's share of the asked weight they answered
    coverage: list[float]
    #: whether the role is asked any of the items
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


def dimension_scores(
    columns: Sequence[Frictions],
    respondents: int,
    items: Sequence[tuple[int, float]],
    item_error: float,
    *,
    frictions_whole: bool = False,
) -> Scores:
    """Each respondent's weighted mean friction over ``items`` (question position, weight),
    with its error and coverage (``_partial``). ``columns``: per question position, the
    frictions of the ``respondents`` (``matrix.RoleAnswers.friction_columns``); only the
    items' columns are read, side by side, one respondent at a time.

    A respondent's error is the larger of the dimension's measurement error and their own
    item-sampling error, as the error of their weighted mean (docs/scoring.md). This loop
    runs for every respondent and dimension: it keeps its sums in locals, and with unit
    weights (every built-in bank) skips the multiplications by 1.0, which change nothing.
    ``frictions_whole``: every friction the items can give is a whole number (see below).
    """
    total = sum(weight for _, weight in items)
    if total == 0:
        return Scores([None] * respondents, [0.0] * respondents, asked=False)
    people: list[tuple[float, float] | None] = []
    coverage: list[float] = []
    # each respondent's frictions on the items, in the items' order
    picked = zip(*(columns[position] for position, _ in items), strict=True)
    if not all(weight == 1.0 for _, weight in items):
        weights = [weight for _, weight in items]
        for row in picked:
            w = s = q = x = 0.0
            for friction, weight in zip(row, weights, strict=True):
                if friction is not None:
                    w += weight
                    s += weight * friction
                    q += weight * weight
                    x += weight * friction * friction
            figures, share = _partial((total, w, s, q, x), item_error)
            people.append(figures)
            coverage.append(share)
        return Scores(people, coverage, asked=respondents > 0)
    # unit weights: _partial with sum w = sum w^2 = the count, inlined
    add_person, add_share = people.append, coverage.append
    floor, sqrt = COVERAGE_FLOOR, math.sqrt
    # Whole-number frictions (scales whose points minus one divide 100: 2, 3, 5, 6, 11
    # points...) sum exactly in any order, so sum() gives what the loop gives, at C speed.
    exact = frictions_whole
    for row in picked:
        if exact:
            answered = [f for f in row if f is not None]
            count = len(answered)
            weighted = sum(answered, 0.0)
            moments = sum(map(mul, answered, answered), 0.0)
        else:
            count = 0
            weighted = moments = 0.0
            for friction in row:
                if friction is not None:
                    count += 1
                    weighted += friction
                    moments += friction * friction
        weight = float(count)
        share = weight / total
        add_share(share)
        if weight == 0 or share < floor:
            add_person(None)
            continue
        mean = weighted / weight
        spread = 0.0
        denominator = weight - weight / weight
        if denominator > 1e-12:
            spread = sqrt(max(moments - weight * mean * mean, 0.0) / denominator)
        # max(item_error, spread), without the call
        add_person((mean, (spread if spread > item_error else item_error) * sqrt(weight) / weight))
    return Scores(people, coverage, asked=respondents > 0)


def scores_over(
    bank: Bank,
    questions: Sequence[Question],
    answer_sets: Sequence[AnswerSet],
    item_error: float,
) -> list[tuple[float, float] | None]:
    """Each set's weighted mean friction over ``questions``, with its error (None below the
    coverage floor): the dimension score's formula (``dimension_scores``) over any items,
    for answer sets not laid out by role (a practice's progress items, in either round)."""
    tables = []
    for question in questions:
        positions = bank.scale(question.scale).positions
        harmony = question.keyed is Keyed.HARMONY
        tables.append({value: (100 - p if harmony else p) for value, p in positions.items()})
    answers = [s.answers for s in answer_sets]
    columns = [
        tuple(map(table.get, map(dict.get, answers, repeat(q.id))))  # type: ignore[arg-type]
        for q, table in zip(questions, tables, strict=True)
    ]
    whole = all(f.is_integer() for table in tables for f in table.values())
    items = [(i, q.weight) for i, q in enumerate(questions)]
    return dimension_scores(columns, len(answers), items, item_error, frictions_whole=whole).people


def _partial(
    sums: tuple[float, float, float, float, float], item_error: float
) -> tuple[tuple[float, float] | None, float]:
    """Weighted mean friction over the answered items with its error (None below the floor),
    and the coverage.

    ``sums``: the asked weight, the answered weight, sum w x, sum w^2 and sum w x^2 over
    the answered items. N/A and skipped items are left out of the mean and count as
    unanswered for coverage.
    """
    total, weight, weighted, squares, moments = sums
    coverage = weight / total
    if weight == 0 or coverage < COVERAGE_FLOOR:
        return None, coverage
    mean = weighted / weight
    spread = 0.0
    denominator = weight - squares / weight
    if denominator > 1e-12:
        spread = math.sqrt(max(moments - weight * mean * mean, 0.0) / denominator)
    se = max(item_error, spread) * math.sqrt(squares) / weight
    return (mean, se), coverage


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


def aggregate(scores: Scores) -> Aggregate:
    """A role's score: the mean of its respondents' scores; its error the error of that mean.

    The spread (highest − lowest) is kept only from MIN_GROUP_SIZE scores.
    """
    people = tuple(scores.people)
    scored = [figures for figures in people if figures is not None]
    shares = scores.coverage
    coverage = sum(shares) / len(shares) if shares else 0.0
    asked = scores.asked
    if not scored:
        return Aggregate(None, None, coverage, 0, None, asked, people)
    values = [score for score, _ in scored]
    spread = max(values) - min(values) if len(values) >= MIN_GROUP_SIZE else None
    return Aggregate(
        sum(values) / len(values),
        error.se_of_group_mean([e for _, e in scored]),
        coverage,
        len(scored),
        spread,
        asked,
        people,
    )


def agreement(columns: Sequence[Frictions], points: Sequence[int], members: int) -> float | None:
    """rwg(j) of a role's members on a dimension, over the items two or more of them answered;
    None with fewer than two members or no such item. ``columns``: each item's frictions
    across the members; ``points``: the number of points of each item's scale."""
    if members < 2:
        return None
    variances: list[float] = []
    null = 0.0
    for column, scale_points in zip(columns, points, strict=True):
        answered = [f for f in column if f is not None]
        n = len(answered)
        if n >= 2:
            # summed in order, as a loop would (sum() of floats compensates from Python 3.12)
            total = reduce(add, answered, 0.0)
            squares = reduce(add, map(mul, answered, answered), 0.0)
            variances.append(max(squares - total * total / n, 0.0) / (n - 1))
            null = max(null, error.uniform_variance(scale_points))
    if not variances:
        return None
    return error.rwg_j(variances, null)
