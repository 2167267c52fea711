"""From answers to scores: item friction, each respondent's dimension score with its error,
and a role's score over its respondents (with spread and agreement from three of them).

Dimension scores are the hot path (an engagement may hold thousands of sets): they read the
role's answers a column at a time (``matrix``) and compute each distinct respondent figure
once; ``dimension_scores`` says how, and why the figures are those of a plain loop.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial, reduce
from itertools import repeat
from operator import add, is_not, itemgetter, mul
from typing import NamedTuple, TypeVar

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank, Dimension, Keyed, Perspective, Question, Scale
from cxo_diag.scoring import error
from cxo_diag.scoring.matrix import Frictions, Value

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


Figures = tuple[tuple[float, float] | None, float]
"""A respondent's (score, se), None below the coverage floor, and their coverage."""

_PACKED_SHIFT = 25
_PACKED_MASK = (1 << _PACKED_SHIFT) - 1
_PACKED_ITEMS = _PACKED_MASK // 100**2
"""Up to this many items of frictions 0..100, a sum of frictions and a sum of their squares
each fit in _PACKED_SHIFT bits (3,355 items)."""

NONE_AS_ZERO: dict[float | None, float] = {None: 0.0}
"""``.get(f, f)``: 0.0 for no answer, the friction itself otherwise."""


def dimension_scores(
    columns: Sequence[Frictions],
    respondents: int,
    items: Sequence[tuple[int, float]],
    item_error: float,
) -> Scores:
    """Each respondent's weighted mean friction over ``items`` (question position, weight),
    with its error and coverage (``_partial``). ``columns``: per question position, the
    frictions of the ``respondents`` (``matrix.RoleAnswers.friction_columns``); only the
    items' columns are read.

    A respondent's error is the larger of the dimension's measurement error and their own
    item-sampling error, as the error of their weighted mean (docs/scoring.md). Three paths
    give the figures a loop over each respondent's answers would, to the last bit:

    - weighted items: that loop, a respondent at a time;
    - unit weights (most banks) and whole-number frictions (scales whose points minus one
      divide 100: 2, 3, 5, 6, 11 points): each answer adds one packed integer holding the
      count, the sum and the sum of squares; sums of whole numbers are exact in any
      arithmetic, so they equal the loop's float sums;
    - unit weights, other frictions: float sums a column at a time, in the items' order
      (None adds 0.0, which changes no sum), the loop's additions in the loop's order.

    With unit weights a respondent's figures depend only on those three sums, of which few
    distinct ones occur however many the respondents: each is computed once (``_once_each``).
    """
    total = sum(weight for _, weight in items)
    if total == 0:
        return Scores([None] * respondents, [0.0] * respondents, asked=False)
    chosen = [columns[position] for position, _ in items]
    if not all(weight == 1.0 for _, weight in items):
        weights = [weight for _, weight in items]
        figures = [_weighted(weights, total, item_error, row) for row in zip(*chosen, strict=True)]
        return Scores(
            list(map(itemgetter(0), figures)),
            list(map(itemgetter(1), figures)),
            asked=respondents > 0,
        )
    if len(items) <= _PACKED_ITEMS:
        occurring = [set(column) for column in chosen]
        if all(f is None or (f.is_integer() and 0 <= f <= 100) for o in occurring for f in o):
            return _once_each(
                _packed_sums(chosen, occurring, respondents),
                partial(_unit_packed, total, item_error),
                respondents,
            )
    counts: list[int] = [0] * respondents
    sums: list[float] = [0.0] * respondents
    moments: list[float] = [0.0] * respondents
    for column in chosen:
        zeroed = list(map(NONE_AS_ZERO.get, column, column))
        counts = list(map(add, counts, map(is_not, column, repeat(None))))
        sums = list(map(add, sums, zeroed))
        moments = list(map(add, moments, map(mul, zeroed, zeroed)))
    keys = zip(counts, sums, moments, strict=True)
    return _once_each(keys, partial(_unit, total, item_error), respondents)


def _packed_sums(
    chosen: Sequence[Frictions], occurring: Sequence[set[float | None]], respondents: int
) -> list[int]:
    """Each respondent's count of answers, sum of frictions and sum of their squares over
    the columns, packed in one integer: one addition an answer instead of three. For whole
    frictions 0..100 in at most _PACKED_ITEMS columns, so that no field reaches the next."""
    sums = [0] * respondents
    for column, values in zip(chosen, occurring, strict=True):
        code: dict[float | None, int] = {
            f: (1 << 2 * _PACKED_SHIFT) | int(f) << _PACKED_SHIFT | int(f * f)
            for f in values
            if f is not None
        }
        code[None] = 0
        sums = list(map(add, sums, map(code.__getitem__, column)))
    return sums


def _unit_packed(total: float, item_error: float, key: int) -> Figures:
    """``_unit`` from the sums ``_packed_sums`` packs."""
    sums = (
        key >> 2 * _PACKED_SHIFT,
        float(key >> _PACKED_SHIFT & _PACKED_MASK),
        float(key & _PACKED_MASK),
    )
    return _unit(total, item_error, sums)


Key = TypeVar("Key", bound=Hashable)
Result = TypeVar("Result")


def once_each(keys: Iterable[Key], compute: Callable[[Key], Result]) -> list[Result]:
    """``compute`` of every key, in order, computed once for each distinct key: scoring's
    keys (a respondent's sums, or their frictions on a few items) take few distinct values
    however many the respondents."""
    keyed = list(keys)
    known = {key: compute(key) for key in set(keyed)}
    return list(map(known.__getitem__, keyed))


def _once_each(keys: Iterable[Key], figures: Callable[[Key], Figures], respondents: int) -> Scores:
    """Every respondent's figures from their sums (``once_each``)."""
    results = once_each(keys, figures)
    return Scores(
        list(map(itemgetter(0), results)),
        list(map(itemgetter(1), results)),
        asked=respondents > 0,
    )


def _weighted(weights: Sequence[float], total: float, item_error: float, row: Frictions) -> Figures:
    """One respondent's figures from their frictions on weighted items."""
    w = s = q = x = 0.0
    for friction, weight in zip(row, weights, strict=True):
        if friction is not None:
            w += weight
            s += weight * friction
            q += weight * weight
            x += weight * friction * friction
    return _partial((total, w, s, q, x), item_error)


def _unit(total: float, item_error: float, sums: tuple[int, float, float]) -> Figures:
    """``_partial`` for unit weights (sum w = sum w^2 = the count), from (the count of
    answered items, the sum of their frictions, the sum of their squares)."""
    count, weighted, squares = sums
    return _partial((total, float(count), weighted, float(count), squares), item_error)


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
    items = [(i, q.weight) for i, q in enumerate(questions)]
    return dimension_scores(columns, len(answers), items, item_error).people


def _partial(sums: tuple[float, float, float, float, float], item_error: float) -> Figures:
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


ColumnSums = tuple[int, float, float]
"""Over one item's frictions across a role's members: how many answered, the sum of their
frictions and the sum of their squares."""


def column_sums(frictions: Frictions) -> ColumnSums:
    """Summed in order, as a loop would (sum() of floats compensates from Python 3.12); no
    answer adds 0.0, which changes no sum."""
    answered = list(map(NONE_AS_ZERO.get, frictions, frictions))
    return (
        len(frictions) - frictions.count(None),
        reduce(add, answered, 0.0),
        reduce(add, map(mul, answered, answered), 0.0),
    )


def tallied_sums(tally: Mapping[Value, int], friction: Mapping[int, float]) -> ColumnSums:
    """``column_sums`` from how often each answer occurs (``tally``) and the friction each
    point of the scale gives. Only for whole-number frictions: their sums are exact in any
    order, so they are the loop's to the bit; n/a and None give no friction."""
    n = 0
    total = squares = 0.0
    for value, count in tally.items():
        if isinstance(value, int):
            f = friction[value]
            n += count
            total += count * f
            squares += count * f * f
    return n, total, squares


def agreement(sums: Sequence[ColumnSums], points: Sequence[int], members: int) -> float | None:
    """rwg(j) of a role's members on a dimension, over the items two or more of them answered;
    None with fewer than two members or no such item. ``sums``: each item's ``ColumnSums``
    across the members; ``points``: the number of points of each item's scale."""
    if members < 2:
        return None
    variances: list[float] = []
    null = 0.0
    for (n, total, squares), scale_points in zip(sums, points, strict=True):
        if n >= 2:
            variances.append(max(squares - total * total / n, 0.0) / (n - 1))
            null = max(null, error.uniform_variance(scale_points))
    if not variances:
        return None
    return error.rwg_j(variances, null)
