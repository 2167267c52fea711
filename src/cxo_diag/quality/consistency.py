"""Internal consistency of a set of items: Cronbach's alpha and the item statistics beside it.

Pure functions over a complete matrix (rows are respondents, columns are items), implemented
with the standard library: the formulas are short, pingouin is GPL and numpy would be a heavy
dependency for four sums. docs/instrument-quality.md gives each formula with a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxo_diag.scoring.error import sample_variance as variance

__all__ = [
    "Matrix",
    "alpha_if_deleted",
    "column",
    "corrected_item_total",
    "cronbach_alpha",
    "pearson",
    "totals",
    "variance",
]

Matrix = Sequence[Sequence[float]]
"""Rows are respondents, columns are items; every cell answered."""


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None when either side does not vary (it is undefined)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def column(matrix: Matrix, index: int) -> list[float]:
    """One item's answers, down the respondents."""
    return [row[index] for row in matrix]


def totals(matrix: Matrix, skip: int | None = None) -> list[float]:
    """Each respondent's sum over the items, leaving out item ``skip`` when given."""
    return [sum(v for i, v in enumerate(row) if i != skip) for row in matrix]


def cronbach_alpha(matrix: Matrix) -> float | None:
    """Cronbach's alpha of the items (columns); None with fewer than two items or respondents,
    or when the total score does not vary (the ratio is undefined)."""
    if len(matrix) < 2:
        return None
    k = len(matrix[0])
    if k < 2:
        return None
    total_variance = variance(totals(matrix))
    if total_variance == 0:
        return None
    item_variances = sum(variance(column(matrix, i)) for i in range(k))
    return k / (k - 1) * (1 - item_variances / total_variance)


def corrected_item_total(matrix: Matrix) -> list[float | None]:
    """For each item, its correlation with the sum of the other items (the item itself left
    out, so it does not correlate with itself); None where either side does not vary."""
    if not matrix:
        return []
    k = len(matrix[0])
    if k < 2:
        return [None] * k
    return [pearson(column(matrix, i), totals(matrix, skip=i)) for i in range(k)]


def alpha_if_deleted(matrix: Matrix) -> list[float | None]:
    """For each item, the alpha of the remaining items."""
    if not matrix:
        return []
    k = len(matrix[0])
    return [
        cronbach_alpha([[v for j, v in enumerate(row) if j != i] for row in matrix])
        for i in range(k)
    ]
