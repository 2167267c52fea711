"""Measurement error, pinned on cases computed by hand (docs/scoring.md, section 3).

ER001 the variance of evenly spread answers on 0..100: 10000 (m + 1) / (12 (m - 1)).
ER002 one item's error: declared sd sqrt(1 - alpha) sqrt(k), or the default from alpha .70.
ER003 a weighted mean's error, and the respondent's own item-sampling error.
ER004 the 95% interval, kept on 0..100.
ER005 the critical difference: 1.96 x the SE of the difference (the issue's example: 27).
ER006 the reliable change index of Jacobson and Truax.
ER007 rwg(j) of James, Demaree and Wolf, 0 when the items vary more than random answers.
"""

from __future__ import annotations

import math

import pytest

from cxo_diag.scoring import error


def test_er001_uniform_variance() -> None:
    # five points 0, 25, 50, 75, 100: mean 50, squares 2500 + 625 + 0 + 625 + 2500 = 6250,
    # / 5 = 1250 (the population variance of the points, as rwg's null uses)
    assert error.uniform_variance(5) == 1250
    assert error.uniform_variance(2) == 2500  # 0 and 100: 50 either side
    # 1..5 in scale units is (A^2 - 1) / 12 = 2; times 25^2 = 1250 again
    assert error.uniform_variance(5) == pytest.approx((5**2 - 1) / 12 * 25**2)
    with pytest.raises(ValueError):
        error.uniform_variance(1)


def test_er002_item_error_declared_and_default() -> None:
    # sd 20, alpha .75 over 4 items: SEM of the score 20 x sqrt(.25) = 10; one item 10 x 2
    assert error.declared_item_error(20, 0.75, 4) == pytest.approx(20)
    # default, one item: r = alpha = .7, sqrt(1250 x .3) = sqrt(375) = 19.365
    assert error.default_item_error(5, 1) == pytest.approx(math.sqrt(375))
    # default, three items: r = .7 / (3 - 2 x .7) = .4375, sqrt(1250 x .5625) = 26.517
    assert error.default_item_error(5, 3) == pytest.approx(math.sqrt(703.125))
    # The mean of the three has error 26.517 / sqrt 3 = 15.31 and, with items correlating
    # .4375, variance 1250 x (1 + 2r) / 3 = 781.25: reliability 1 - 234.4 / 781.25 = .70,
    # the alpha the default assumes, by construction.
    se = error.default_item_error(5, 3) / math.sqrt(3)
    assert 1 - se**2 / (1250 * (1 + 2 * 0.4375) / 3) == pytest.approx(0.70)


def test_er003_error_of_a_weighted_mean_and_item_sampling() -> None:
    assert error.sem_of_mean(20, [1, 1, 1, 1]) == pytest.approx(10)  # 20 x 2 / 4
    assert error.sem_of_mean(20, [2, 1, 1]) == pytest.approx(20 * math.sqrt(6) / 4)
    # 0, 50, 100: s = 50 (n - 1), over sqrt 3
    assert error.item_sampling_error([0, 50, 100], [1, 1, 1]) == pytest.approx(50 / math.sqrt(3))
    assert error.item_sampling_error([75], [1]) == 0
    assert error.se_of_group_mean([10, 10, 10, 10]) == pytest.approx(5)  # sqrt(400) / 4


def test_er004_interval() -> None:
    low, high = error.interval(50, 10)
    assert (round(low, 2), round(high, 2)) == (30.40, 69.60)  # 50 -/+ 1.96 x 10
    low, high = error.interval(95, 10)
    assert (round(low, 2), high) == (75.40, 100.0)
    assert error.interval(3, 10)[0] == 0.0


def test_er005_critical_difference() -> None:
    # Two scores with SE 10: SE of the difference sqrt(200) = 14.14, x 1.96 = 27.72
    assert error.critical_difference(10, 10) == pytest.approx(27.72, abs=0.01)
    # The case: about five items, alpha .73, sd 19 -> SEM 19 x sqrt(.27) = 9.87 a
    # leader; SE of their difference 13.96 ("about 14"), critical 27.4 ("about 27").
    item = error.declared_item_error(19, 0.73, 5)
    sem = error.sem_of_mean(item, [1.0] * 5)
    assert sem == pytest.approx(9.87, abs=0.01)
    assert error.se_of_difference(sem, sem) == pytest.approx(13.96, abs=0.01)
    assert error.critical_difference(sem, sem) == pytest.approx(27.4, abs=0.05)


def test_er006_reliable_change_index() -> None:
    # 58.3 -> 41.7 with SE 10 each round: -16.6 / 14.14 = -1.17: within error
    rci = error.reliable_change_index(58.3, 41.7, 10, 10)
    assert rci == pytest.approx(-16.6 / math.sqrt(200))
    assert abs(rci) < 1.96
    # 75 -> 25, SE 12 and 9: -50 / 15 = -3.33: a reliable improvement
    assert error.reliable_change_index(75, 25, 12, 9) == pytest.approx(-50 / 15)


def test_er007_rwg_j() -> None:
    # Three raters, two items. Item 1: 0, 25, 25 (mean 16.67, variance 208.3); item 2: 50,
    # 50, 75 (208.3). Mean variance 208.3 / 1250 = 1/6; rwg(2) = 2 (5/6) / (2 (5/6) + 1/6)
    # = 10/11.
    variances = [error.sample_variance([0, 25, 25]), error.sample_variance([50, 50, 75])]
    assert variances == pytest.approx([625 / 3, 625 / 3])
    assert error.rwg_j(variances, 1250) == pytest.approx(10 / 11)
    # More spread than random answers (0 and 100: variance 5000): no agreement, 0
    assert error.rwg_j([error.sample_variance([0, 100])], 1250) == 0
    with pytest.raises(ValueError):
        error.rwg_j([], 1250)
