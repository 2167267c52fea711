"""Measurement error: standard errors, intervals, critical differences, RCI and rwg(j).

Pure arithmetic over floats; docs/scoring.md gives each formula with its reference and a
worked example, and tests/unit/test_scoring_error.py pins them on cases computed by hand.

The model is classical test theory with parallel items: every item of a dimension carries
the same error ``item_error`` (on 0..100), so a weighted mean over answered items with
weights w has error ``item_error * sqrt(sum w^2) / sum w`` (for equal weights over j items,
item_error / sqrt(j)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import mul

Z95 = 1.959963984540054
"""The two-sided 95% point of the normal distribution (shown as 1.96)."""

DEFAULT_ALPHA = 0.70
"""The reliability assumed for a dimension whose bank declares none: the conventional floor
for comparing groups (Nunnally 1978), so the default never claims more than a usable scale."""

LOW_AGREEMENT = 0.70
"""rwg(j) below this means the members of a role do not share a view (LeBreton and Senter
2008): their mean is not the role's position."""


def uniform_variance(points: int) -> float:
    """The variance on 0..100 of answers spread evenly over a scale of ``points`` points.

    Points sit 100/(points - 1) apart; a discrete uniform over m points has variance
    h^2 (m^2 - 1) / 12, which simplifies to 10000 (m + 1) / (12 (m - 1)): 1250 for five.
    It is the error variance expected when answers are random, the null of rwg.
    """
    if points < 2:
        raise ValueError("a scale has at least two points")
    return 10000 * (points + 1) / (12 * (points - 1))


def default_item_error(points: int, items: int, alpha: float = DEFAULT_ALPHA) -> float:
    """The error of one item when the bank declares no reliability (conservative).

    Assumes the dimension's ``items`` parallel items reach ``alpha`` together and that each
    item's answers vary as widely as evenly spread answers do (the widest spread a scale
    shows without piling answers at its ends). The mean inter-item correlation this
    implies is r = alpha / (k - (k - 1) alpha) (Spearman-Brown turned round), and one
    item's error is sd_uniform * sqrt(1 - r). With one item, r = alpha.
    """
    k = max(items, 1)
    r = alpha / (k - (k - 1) * alpha)
    return math.sqrt(uniform_variance(points) * (1 - r))


def declared_item_error(sd: float, alpha: float, items: int) -> float:
    """The error of one item from a declared reliability: SEM = sd * sqrt(1 - alpha) is the
    error of the mean of all ``items``, so one item's error is SEM * sqrt(items)."""
    return sd * math.sqrt(1 - alpha) * math.sqrt(max(items, 1))


def sem_of_mean(item_error: float, weights: Sequence[float]) -> float:
    """The error of a weighted mean over items that each carry ``item_error``."""
    total = sum(weights)
    return item_error * math.sqrt(sum(w * w for w in weights)) / total


def item_sampling_error(values: Sequence[float], weights: Sequence[float]) -> float:
    """The respondent's own spread across the items, as the error of their weighted mean:
    s * sqrt(sum w^2) / sum w, with s the weighted standard deviation of their frictions
    (divisor sum w - sum w^2 / sum w, which is n - 1 for equal weights). 0 for one item."""
    if len(values) < 2:
        return 0.0
    total = sum(weights)
    mean = sum(w * v for w, v in zip(weights, values, strict=True)) / total
    squares = sum(w * w for w in weights)
    denominator = total - squares / total
    if denominator <= 0:
        return 0.0
    deviation = sum(w * (v - mean) ** 2 for w, v in zip(weights, values, strict=True))
    return math.sqrt(deviation / denominator) * math.sqrt(squares) / total


def se_of_group_mean(errors: Sequence[float]) -> float:
    """The error of the mean of several people's scores: sqrt(sum se^2) / n."""
    return math.sqrt(sum(map(mul, errors, errors))) / len(errors)


def interval(score: float, se: float) -> tuple[float, float]:
    """The 95% interval score ± 1.96 se, kept on the 0..100 scale."""
    return max(0.0, score - Z95 * se), min(100.0, score + Z95 * se)


def se_of_difference(first: float, second: float) -> float:
    """The standard error of the difference of two independent scores."""
    return math.sqrt(first * first + second * second)


def critical_difference(first: float, second: float) -> float:
    """The smallest difference between two scores that measurement error does not explain
    at 95%: 1.96 × the standard error of their difference."""
    return Z95 * se_of_difference(first, second)


def reliable_change_index(before: float, after: float, se_before: float, se_after: float) -> float:
    """Jacobson and Truax (1991): (after - before) / SE of the difference. Beyond ±1.96 the
    change is reliable at 95%. (Their S_diff = sqrt(2 SEM^2) is this with one SEM for both.)"""
    return (after - before) / se_of_difference(se_before, se_after)


def rwg_j(item_variances: Sequence[float], null_variance: float) -> float:
    """Within-group agreement over J items (James, Demaree and Wolf 1984).

    rwg(j) = J (1 - m / null) / (J (1 - m / null) + m / null), where m is the mean of the
    items' observed variances across the group's members (divisor n - 1) and ``null`` the
    variance expected from random answers (``uniform_variance``). A mean variance at or
    above the null means no agreement: 0, as LeBreton and Senter (2008) advise, rather than
    a value outside 0..1.
    """
    j = len(item_variances)
    if j == 0:
        raise ValueError("rwg(j) needs at least one item")
    ratio = sum(item_variances) / j / null_variance
    if ratio >= 1:
        return 0.0
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


def sample_variance(values: Sequence[float]) -> float:
    """The sample variance (divisor n - 1); 0 for fewer than two values."""
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / (n - 1)
