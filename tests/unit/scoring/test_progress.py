"""Progress signs in a re-assessment: did the items a practice's sign names move beyond error?

PS001 for each practice the earlier round listed, the change per role over its progress
      items, from unrounded scores, tested with the reliable change index (worked below).
PS002 a change within error is reported as no change beyond measurement error.
PS003 a practice the earlier round did not recommend, or one the bank names no items for, is
      not reported.
PS004 a sign that moved beyond error is named on page one (a caveat); none otherwise.
PS005 other people in the two rounds: the figures are shown, no change is claimed.
PS006 an earlier round given to different bank content is not compared item by item.

The worked case: two 'us' items of one dimension (f1 friction, h1 harmony), no declared
reliability. r = 0.7 / (2 - 0.7) = 0.538, one item's error sqrt(1250 x (1 - r)) = 24.02, a
respondent's error over both 24.02 x sqrt(2) / 2 = 16.99 (their own spread is 0 here).
Round 1: f1 4 (75), h1 2 (75): 75. Round 2: f1 2 (25), h1 4 (25): 25. Change -50;
rci = -50 / sqrt(2 x 16.99^2) = -2.08: beyond 1.96.
"""

from __future__ import annotations

import math

import pytest
from tests.unit.scoring.test_scoring import answers, make_bank, question, rule

from cxo_diag.answers import Answer
from cxo_diag.bank.model import Bank, Keyed, ProgressItems
from cxo_diag.scoring import Diagnosis, diagnose


def _bank(progress: bool = True) -> Bank:
    bank = make_bank(
        [question("f1"), question("h1", keyed=Keyed.HARMONY)],
        rules=[
            rule("any-friction", "p-a", score={"dimension": "res", "at_least": 0}),
            rule("high", "p-b", score={"dimension": "res", "at_least": 99}),
        ],
    )
    items = [ProgressItems(practice="p-a", items=["f1", "h1"])] if progress else []
    return bank.model_copy(update={"progress": items})


def _round(bank: Bank, given: dict[str, dict[str, Answer]], number: int) -> list:  # type: ignore[type-arg]
    return [answers(bank, role, values, round_no=number) for role, values in given.items()]


ROUND_1: dict[str, dict[str, Answer]] = {"coo": {"f1": 4, "h1": 2}, "cmo": {"f1": 3, "h1": 3}}
ROUND_2: dict[str, dict[str, Answer]] = {"coo": {"f1": 2, "h1": 4}, "cmo": {"f1": 3, "h1": 2}}


def _diagnoses(bank: Bank, first: dict, second: dict) -> Diagnosis:  # type: ignore[type-arg]
    previous = diagnose(bank, _round(bank, first, 1))
    return diagnose(bank, _round(bank, second, 2), previous=previous)


def test_the_sign_of_a_recommended_practice_moved_beyond_error() -> None:  # PS001
    diagnosis = _diagnoses(_bank(), ROUND_1, ROUND_2)
    assert diagnosis.comparison is not None
    [progress] = diagnosis.comparison.practices
    assert (progress.practice, progress.items, progress.sign) == ("p-a", ["f1", "h1"], "Better.")
    coo, cmo = progress.roles
    item_error = math.sqrt(1250 * (1 - 0.7 / 1.3))
    se = item_error * math.sqrt(2) / 2
    assert (coo.before, coo.after, coo.delta) == (75.0, 25.0, -50.0)
    assert coo.rci == round(-50 / math.sqrt(2 * se * se), 2) == -2.08
    assert coo.reliable and coo.basis == "same"
    # CMO: 3, 3 (50, 50) then 3, 2 (50, 75): 50 -> 62.5, +12.5, within error
    assert (cmo.before, cmo.after, cmo.delta, cmo.reliable) == (50.0, 62.5, 12.5, False)


def test_a_change_within_error_is_no_change(  # PS002
) -> None:
    from cxo_diag.report.theme import progress_verdict

    same: dict[str, dict[str, Answer]] = {"coo": {"f1": 4, "h1": 3}, "cmo": {"f1": 3, "h1": 3}}
    diagnosis = _diagnoses(_bank(), ROUND_1, same)
    assert diagnosis.comparison is not None
    [progress] = diagnosis.comparison.practices
    assert progress_verdict(progress) == "no change beyond measurement error"
    assert not [c for c in diagnosis.summary.caveats if c.kind == "progress"]  # PS004


def test_only_recommended_practices_with_items_are_reported() -> None:  # PS003
    diagnosis = _diagnoses(_bank(), ROUND_1, ROUND_2)
    assert diagnosis.comparison is not None
    previous_listed = {"p-a"}  # p-b's rule (99 or more) never fired
    assert {p.practice for p in diagnosis.comparison.practices} == previous_listed
    untracked = _diagnoses(_bank(progress=False), ROUND_1, ROUND_2)
    assert untracked.comparison is not None and untracked.comparison.practices == []


def test_a_sign_that_moved_is_on_page_one() -> None:  # PS004
    from cxo_diag.report.theme import progress_verdict

    diagnosis = _diagnoses(_bank(), ROUND_1, ROUND_2)
    assert diagnosis.comparison is not None
    assert progress_verdict(diagnosis.comparison.practices[0]) == (
        "moved beyond measurement error: less friction for COO"
    )
    [caveat] = [c for c in diagnosis.summary.caveats if c.kind == "progress"]
    assert caveat.message == (
        "Progress signs since round 1, beyond measurement error: Practice p-a (f1, h1): "
        "less friction for COO."
    )


def test_other_people_show_figures_but_claim_no_change() -> None:  # PS005
    from cxo_diag.report.theme import progress_verdict

    bank = _bank()
    previous = diagnose(bank, _round(bank, ROUND_1, 1))
    later = [
        answers(bank, role, values, name=f"New {role}", round_no=2)
        for role, values in ROUND_2.items()
    ]
    diagnosis = diagnose(bank, later, previous=previous)
    assert diagnosis.comparison is not None
    [progress] = diagnosis.comparison.practices
    assert all(r.basis == "different" and r.rci is None for r in progress.roles)
    assert progress_verdict(progress) == "not tested: different people answered in the two rounds"


def test_another_bank_content_is_not_compared() -> None:  # PS006
    bank = _bank()
    previous = diagnose(bank, _round(bank, ROUND_1, 1))
    reworded = bank.model_copy(update={"title": "Tiny bank, reworded"})
    diagnosis = diagnose(reworded, _round(reworded, ROUND_2, 2), previous=previous)
    assert diagnosis.comparison is not None
    assert diagnosis.comparison.practices == []


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_every_report_format_shows_the_progress_sign(fmt: str) -> None:
    from cxo_diag.report.render import render

    text = render(_diagnoses(_bank(), ROUND_1, ROUND_2), fmt)
    assert "less friction for COO" in text or fmt == "json"
    assert "Better." in text
    if fmt == "json":
        import json

        data = json.loads(text)
        [progress] = data["comparison"]["practices"]
        assert progress["roles"][0]["reliable"] is True
