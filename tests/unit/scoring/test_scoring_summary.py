"""The summary, answers set aside, shared roles and rounds, on tiny banks computed by hand.

SM001 two respondents answering the midpoint to everything are set aside (straight-lining):
      no figure, no finding, no practice, and a caveat that says so.
SM002 one leader set aside: the other's answers still count, the caveat names who is out.
SM003 a role of three: spread and rwg(j) shown; members who disagree make no gap a finding.
SM004 a role of two: no spread, no rwg figure, and a disagreement only as a caveat.
SM005 rounds: change from unrounded scores, the RCI, and whose scores are compared.
SM006 a worse score keeps every practice of a band rule (cumulative thresholds).
"""

from __future__ import annotations

import math

from tests.unit.scoring.test_scoring import answers, make_bank, question, rule

from cxo_diag.answers import Answer
from cxo_diag.bank.model import Keyed
from cxo_diag.scoring import diagnose

SIX = [question(f"q{i}", keyed=Keyed.HARMONY if i % 2 else Keyed.FRICTION) for i in range(6)]


def test_sm001_midpoint_everywhere_supports_no_recommendation() -> None:
    bank = make_bank(SIX, [rule("warm", "p-a", score={"dimension": "res", "band": "strained"})])
    middle: dict[str, Answer] = dict.fromkeys((q.id for q in SIX), 3)
    diagnosis = diagnose(bank, [answers(bank, "coo", middle), answers(bank, "cmo", middle)])
    assert diagnosis.header.set_aside == ["COO (COO)", "CMO (CMO)"]
    assert [r.set_aside for r in diagnosis.header.respondents] == [True, True]
    assert diagnosis.dimensions[0].roles == []
    assert diagnosis.summary.findings == []
    assert diagnosis.summary.start_here == [] and diagnosis.practices == []
    kinds = [c.kind for c in diagnosis.summary.caveats]
    assert kinds[:2] == ["set-aside", "no-recommendation"]
    assert "cannot support a recommendation" in diagnosis.summary.caveats[1].message


def test_sm002_one_leader_set_aside_the_other_still_counts() -> None:
    bank = make_bank(SIX, [rule("hot", "p-a", score={"dimension": "res", "band": "friction"})])
    ids = [q.id for q in SIX]
    three: dict[str, Answer] = dict.fromkeys(ids, 3)
    straight = answers(bank, "coo", three)
    # friction items 5 (100), harmony items 1 (100): friction 100, not one value throughout
    varied: dict[str, Answer] = {qid: 5 if i % 2 == 0 else 1 for i, qid in enumerate(ids)}
    hot = answers(bank, "cmo", varied)
    diagnosis = diagnose(bank, [straight, hot])
    assert [r.role for r in diagnosis.dimensions[0].roles] == ["cmo"]
    assert diagnosis.summary.start_here == ["p-a"]
    assert diagnosis.summary.caveats[0].message.startswith(
        "Set aside for answer quality, and counted in no figure: COO (COO): straight lining."
    )


def test_sm003_a_role_of_three_shows_spread_and_agreement() -> None:
    bank = make_bank(
        [question("q1"), question("q2")],
        [rule("apart", "p-a", gap={"dimension": "res", "at_least": 10})],
    )
    agree = [
        answers(bank, "coo", {"q1": 1, "q2": 1}),  # 0
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="A"),  # 100
        answers(bank, "cmo", {"q1": 5, "q2": 4}, name="B"),  # 87.5
        answers(bank, "cmo", {"q1": 4, "q2": 5}, name="C"),  # 87.5
    ]
    result = diagnose(bank, agree).dimensions[0]
    cmo = result.role_score("cmo")
    assert cmo is not None
    # q1: 100, 100, 75 (variance 208.3); q2: 100, 75, 100 (208.3); m / 1250 = 1/6:
    # rwg(2) = (5/3) / (5/3 + 1/6) = 10/11 = 0.91
    assert (cmo.score, cmo.spread, cmo.agreement) == (91.7, 12.5, 0.91)
    assert result.gap is not None and result.gap.unsettled == []
    split = [
        agree[0],
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="A"),  # 100
        answers(bank, "cmo", {"q1": 1, "q2": 1}, name="B"),  # 0
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="C"),  # 100
    ]
    diagnosis = diagnose(bank, split)
    result = diagnosis.dimensions[0]
    cmo = result.role_score("cmo")
    assert cmo is not None
    # each item 100, 0, 100: variance 3333 > 1250: rwg 0. The 66.7 gap with the COO's 0 is
    # the CMOs' disagreement, not a between-role finding.
    assert (cmo.score, cmo.agreement) == (66.7, 0.0)
    assert result.gap is not None and result.gap.unsettled == ["cmo"]
    assert diagnosis.practices == [] and diagnosis.summary.findings == []
    low = [c for c in diagnosis.summary.caveats if c.kind == "low-agreement"]
    assert [c.message.split(":")[0] for c in low] == [
        "The 3 CMOs do not agree among themselves on Dimension res (rwg(j) 0.00), below 0.70"
    ]


def test_sm004_a_role_of_two_gives_no_one_away() -> None:
    bank = make_bank([question("q1"), question("q2")])
    sets = [
        answers(bank, "cmo", {"q1": 1, "q2": 2}, name="A"),  # 12.5
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="B"),  # 100
    ]
    diagnosis = diagnose(bank, sets)
    cmo = diagnosis.dimensions[0].role_score("cmo")
    assert cmo is not None
    assert (cmo.score, cmo.n, cmo.spread, cmo.agreement) == (56.2, 2, None, None)
    [low] = [c for c in diagnosis.summary.caveats if c.kind == "low-agreement"]
    assert "rwg" not in low.message and "12.5" not in low.message


def test_sm005_rounds_compare_unrounded_scores_of_the_same_people() -> None:
    bank = make_bank([question("q1"), question("q2"), question("q3")])
    # Round 1: COO 3, 3, 4 -> (50 + 50 + 75) / 3 = 58.33; round 2: 2, 3, 3 -> 41.67.
    # Rounded, 58.3 -> 41.7 would read -16.6; unrounded the change is -16.67 -> -16.7.
    before = diagnose(
        bank,
        [
            answers(bank, "coo", {"q1": 3, "q2": 3, "q3": 4}),
            answers(bank, "cmo", {"q1": 1, "q2": 1, "q3": 1}),
        ],
    )
    after = diagnose(
        bank,
        [
            answers(bank, "coo", {"q1": 2, "q2": 3, "q3": 3}, round_no=2),
            answers(bank, "cmo", {"q1": 5, "q2": 5, "q3": 5}, round_no=2),
        ],
        previous=before,
    )
    assert after.comparison is not None
    assert after.comparison.respondents_changed is False and after.comparison.note is None
    coo, cmo = after.comparison.dimensions[0].roles
    # Three items: SE 26.52 / sqrt 3 = 15.31 each round (the answers' own spread, 14.4, is
    # smaller); rci = -16.67 / sqrt(2 x 15.31^2) = -0.77: within error.
    assert (coo.delta, coo.rci, coo.reliable, coo.basis) == (-16.7, -0.77, False, "same")
    # CMO 0 -> 100: rci = 100 / 21.65 = 4.62: reliable.
    assert (cmo.delta, cmo.rci, cmo.reliable) == (
        100,
        round(100 / (15.309 * math.sqrt(2)), 2),
        True,
    )
    # Round 3: a new CMO alongside the old one. One person in common would show their own
    # scores, so the role's are shown (100, then the mean of 100 and 0) and no change claimed.
    third = diagnose(
        bank,
        [
            answers(bank, "coo", {"q1": 2, "q2": 3, "q3": 3}, round_no=3),
            answers(bank, "cmo", {"q1": 5, "q2": 5, "q3": 5}, name="CMO", round_no=3),
            answers(bank, "cmo", {"q1": 1, "q2": 1, "q3": 1}, name="New", round_no=3),
        ],
        previous=after,
    )
    assert third.comparison is not None and third.comparison.respondents_changed
    assert third.comparison.note is not None and "New new" in third.comparison.note
    _, cmo = third.comparison.dimensions[0].roles
    assert (cmo.before, cmo.after, cmo.rci, cmo.basis) == (100, 50, None, "different")
    # Round 4: nobody in common: scores shown, no change claimed.
    fourth = diagnose(
        bank,
        [
            answers(bank, "coo", {"q1": 2, "q2": 3, "q3": 3}, name="Other", round_no=4),
            answers(bank, "cmo", {"q1": 5, "q2": 5, "q3": 5}, name="Else", round_no=4),
        ],
        previous=third,
    )
    assert fourth.comparison is not None
    coo, _ = fourth.comparison.dimensions[0].roles
    assert (coo.basis, coo.rci, coo.reliable) == ("different", None, False)


def test_sm006_a_worse_score_keeps_a_band_rule_s_practice() -> None:
    bank = make_bank(
        [question("q1")],
        [rule("warm", "p-warm", score={"dimension": "res", "band": "strained"})],
    )
    strained = diagnose(bank, [answers(bank, "coo", {"q1": 3})])  # 50: strained
    worse = diagnose(bank, [answers(bank, "coo", {"q1": 5})])  # 100: friction
    assert strained.considered == worse.considered == ["p-warm"]
    assert "in the Strained band or worse (from 35)" in worse.practices[0].evidence[0].because


def test_sm005_three_people_in_both_rounds_are_compared_among_themselves() -> None:
    bank = make_bank([question("q1"), question("q2"), question("q3")])
    first = [
        answers(bank, "cmo", dict.fromkeys(("q1", "q2", "q3"), level), name=name)
        for name, level in (("A", 2), ("B", 3), ("C", 4))  # 25, 50, 75
    ]
    before = diagnose(bank, [answers(bank, "coo", {"q1": 1, "q2": 1, "q3": 1}), *first])
    second = [s.model_copy(update={"round": 2}) for s in first]
    newcomer = answers(bank, "cmo", {"q1": 5, "q2": 5, "q3": 5}, name="D", round_no=2)
    now = diagnose(
        bank,
        [answers(bank, "coo", {"q1": 1, "q2": 1, "q3": 1}, round_no=2), *second, newcomer],
        previous=before,
    )
    assert now.comparison is not None
    _, cmo = now.comparison.dimensions[0].roles
    # The role's mean moved from 50 to 62.5 only because D joined; A, B and C did not move.
    assert (cmo.before, cmo.after, cmo.delta, cmo.basis) == (50, 50, 0, "overlap")
