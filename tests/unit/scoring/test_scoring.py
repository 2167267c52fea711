"""The scoring formulas, each pinned on a tiny bank computed by hand (docs/scoring.md).

On a five-point scale an answer's friction is 0, 25, 50, 75 or 100 (1..5); a reverse-keyed
(``keyed: harmony``) item flips it: 100, 75, 50, 25, 0. The expected numbers below are worked
out from those values in the comments, not copied from the program's output.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import (
    Band,
    Bank,
    Dimension,
    Keyed,
    Perspective,
    Practice,
    Question,
    Role,
    Rule,
    Scale,
    ScalePoint,
    When,
)
from cxo_diag.errors import AnswersFileError
from cxo_diag.scoring import COVERAGE_FLOOR, Diagnosis, diagnose, item_friction

AGREE5 = Scale(
    id="agree5",
    points=[ScalePoint(value=v, label=f"point {v}") for v in range(1, 6)],
)
ROLES = [
    Role(id="coo", title="Chief Operating Officer"),
    Role(id="cmo", title="Chief Marketing Officer"),
    Role(id="ceo", title="Chief Executive Officer", observer=True),
]


def dimension(dim_id: str = "res") -> Dimension:
    return Dimension(
        id=dim_id,
        title=f"Dimension {dim_id}",
        bands=[
            Band(id="healthy", label="Healthy", from_=0, to=35),
            Band(id="strained", label="Strained", from_=35, to=60),
            Band(id="friction", label="Friction", from_=60, to=100),
        ],
    )


def question(
    qid: str,
    *,
    dim: str = "res",
    keyed: Keyed = Keyed.FRICTION,
    weight: float = 1.0,
    perspective: Perspective = Perspective.US,
    roles: list[str] | None = None,
    mirrors: str | None = None,
) -> Question:
    return Question(
        id=qid,
        dimension=dim,
        scale="agree5",
        keyed=keyed,
        weight=weight,
        perspective=perspective,
        roles=roles,
        mirrors=mirrors,
        text=f"Statement {qid}.",
        probe=f"Probe {qid}?",
    )


def practice(pid: str) -> Practice:
    return Practice(
        id=pid,
        title=f"Practice {pid}",
        why="Because.",
        first_steps=["one", "two", "three"],
        owner="both",
        cadence="monthly",
        progress_sign="Better.",
    )


def rule(rid: str, recommend: str, weight: float = 1.0, **when: Any) -> Rule:
    return Rule(id=rid, when=When.model_validate(when), recommend=recommend, weight=weight)


def make_bank(
    questions: Sequence[Question],
    rules: Sequence[Rule] = (),
    dims: Sequence[str] = ("res",),
) -> Bank:
    rules = list(rules) or [rule("never", "p-a", score={"dimension": dims[0], "at_least": 100})]
    practices = sorted({r.recommend for r in rules})
    return Bank(
        schema_version=1,
        id="tiny",
        version="1.0.0",
        title="Tiny bank",
        roles=ROLES,
        scales=[AGREE5],
        dimensions=[dimension(d) for d in dims],
        questions=list(questions),
        practices=[practice(p) for p in practices],
        rules=rules,
    )


def answers(
    bank: Bank,
    role: str,
    given: dict[str, Answer],
    *,
    name: str | None = None,
    seconds: dict[str, float] | None = None,
    round_no: int = 1,
) -> AnswerSet:
    return AnswerSet(
        bank=BankRef(id=bank.id, version=bank.version, hash=content_hash(bank)),
        respondent=Respondent(name=name or role.upper(), role=role),
        round=round_no,
        answers=given,
        seconds=seconds or {},
    )


def role_score(diagnosis: Diagnosis, role: str, dim: str = "res") -> float | None:
    result = next(d for d in diagnosis.dimensions if d.id == dim)
    score = result.role_score(role)
    assert score is not None
    return score.score


# --- items: S1 friction from the scale position, S2 reverse keys --------------------------------


@pytest.mark.parametrize(("value", "expected"), [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)])
def test_s1_friction_keyed_item_rises_with_agreement(value: int, expected: float) -> None:
    assert item_friction(question("q"), AGREE5, value) == expected


@pytest.mark.parametrize(("value", "expected"), [(1, 100), (2, 75), (3, 50), (4, 25), (5, 0)])
def test_s2_reverse_keyed_item_is_flipped(value: int, expected: float) -> None:
    assert item_friction(question("q", keyed=Keyed.HARMONY), AGREE5, value) == expected


def test_s1_uneven_scale_values_are_scored_by_rank() -> None:
    scale = Scale(
        id="odd",
        points=[ScalePoint(value=v, label=str(v)) for v in (0, 5, 10)],
    )
    # Three points: positions 0, 1, 2 of 2 -> 0, 50, 100, whatever the stored numbers.
    assert [item_friction(question("q"), scale, v) for v in (0, 5, 10)] == [0, 50, 100]


# --- S3 weights, S4 N/A and skips, S5 coverage floor ------------------------------------------


def test_s3_dimension_score_is_the_weighted_mean() -> None:
    bank = make_bank([question("q1"), question("q2", weight=3)])
    # q1: 5 -> 100 (weight 1); q2: 3 -> 50 (weight 3). (100 + 3*50) / 4 = 62.5
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 5, "q2": 3})])
    assert role_score(diagnosis, "coo") == 62.5


def test_s3_reverse_keyed_item_pulls_the_mean_the_other_way() -> None:
    bank = make_bank([question("q1"), question("q2", keyed=Keyed.HARMONY)])
    # q1: 4 -> 75; q2 (harmony): 4 -> 25. Mean 50.
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 4, "q2": 4})])
    assert role_score(diagnosis, "coo") == 50


def test_s4_not_applicable_and_skips_are_left_out_of_the_mean() -> None:
    bank = make_bank([question(f"q{i}") for i in range(1, 5)])
    # q1 5 -> 100, q2 1 -> 0, q3 n/a, q4 skipped: mean of 100 and 0 = 50; coverage 2/4.
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 5, "q2": 1, "q3": "n/a", "q4": None})])
    result = diagnosis.dimensions[0].role_score("coo")
    assert result is not None
    assert result.score == 50
    assert result.coverage == 0.5
    assert diagnosis.header.respondents[0].not_applicable == 1
    assert diagnosis.header.respondents[0].skipped == 1


def test_s5_coverage_at_the_floor_gives_a_score() -> None:
    bank = make_bank([question("q1", weight=1), question("q2", weight=1)])
    assert COVERAGE_FLOOR == 0.5
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 4})])
    assert role_score(diagnosis, "coo") == 75


def test_s5_coverage_below_the_floor_is_not_enough_answers() -> None:
    # Answered weight 1 of 3: coverage 0.33 < 0.5, so no number and no band.
    bank = make_bank([question("q1", weight=1), question("q2", weight=2)])
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 5, "q2": "n/a"})])
    result = diagnosis.dimensions[0].role_score("coo")
    assert result is not None
    assert result.score is None
    assert result.band is None
    assert result.asked
    assert result.coverage == pytest.approx(0.333, abs=0.001)


def test_s5_weight_decides_coverage_not_the_count_of_items() -> None:
    # One of two items answered, but it carries weight 3 of 4: coverage 0.75, a score.
    bank = make_bank([question("q1", weight=3), question("q2", weight=1)])
    diagnosis = diagnose(bank, [answers(bank, "coo", {"q1": 2})])
    assert role_score(diagnosis, "coo") == 25


def test_s5_a_role_never_asked_about_a_dimension_is_marked_not_asked() -> None:
    bank = make_bank(
        [question("q1", perspective=Perspective.SELF), question("q2", dim="com")],
        dims=("res", "com"),
    )
    # The observer (ceo) answers only 'us' items; res has none.
    diagnosis = diagnose(bank, [answers(bank, "ceo", {"q2": 5})])
    result = diagnosis.dimensions[0].role_score("ceo")
    assert result is not None
    assert not result.asked
    assert result.score is None


# --- S6 one vs several respondents in a role --------------------------------------------------


def test_s6_one_respondent_is_the_role_score_without_spread() -> None:
    bank = make_bank([question("q1"), question("q2")])
    diagnosis = diagnose(bank, [answers(bank, "cmo", {"q1": 2, "q2": 3})])
    result = diagnosis.dimensions[0].role_score("cmo")
    assert result is not None
    # (25 + 50) / 2 = 37.5, band strained (35..60)
    assert (result.score, result.n, result.spread) == (37.5, 1, None)
    assert result.band is not None and result.band.id == "strained"


def test_s6_several_respondents_are_averaged_with_their_spread() -> None:
    bank = make_bank([question("q1"), question("q2")])
    sets = [
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="A"),  # 100
        answers(bank, "cmo", {"q1": 3, "q2": 3}, name="B"),  # 50
        answers(bank, "cmo", {"q1": 1, "q2": 2}, name="C"),  # 12.5
    ]
    result = diagnose(bank, sets).dimensions[0].role_score("cmo")
    assert result is not None
    # mean (100 + 50 + 12.5) / 3 = 54.17 -> 54.2; spread 100 - 12.5 = 87.5
    assert (result.score, result.spread, result.n, result.respondents) == (54.2, 87.5, 3, 3)


def test_s6_a_respondent_below_the_floor_does_not_count_in_the_role() -> None:
    bank = make_bank([question("q1"), question("q2"), question("q3")])
    sets = [
        answers(bank, "cmo", {"q1": 5, "q2": 5, "q3": 5}, name="A"),  # 100
        answers(bank, "cmo", {"q1": 1}, name="B"),  # one of three: below the floor
    ]
    result = diagnose(bank, sets).dimensions[0].role_score("cmo")
    assert result is not None
    assert (result.score, result.n, result.respondents, result.spread) == (100, 1, 2, None)
    assert result.coverage == 0.667  # the mean of 1.0 and 1/3


def test_s6_a_shared_role_hides_item_answers_below_the_minimum_group() -> None:
    bank = make_bank([question("q1"), question("q2")])
    two_cmos = [
        answers(bank, "coo", {"q1": 1, "q2": 1}),
        answers(bank, "cmo", {"q1": 5, "q2": 5}, name="A"),
        answers(bank, "cmo", {"q1": 4, "q2": 5}, name="B"),
    ]
    # Two CMOs: their item answers are not shown, so no item has two leader sides.
    assert diagnose(bank, two_cmos).disagreements == []
    three_cmos = [*two_cmos, answers(bank, "cmo", {"q1": 3, "q2": 5}, name="C")]
    items = diagnose(bank, three_cmos).disagreements
    # q2: CMOs mean 5 -> 100, COO 1 -> 0: gap 100. q1: CMOs mean 4 -> 75 vs 0: gap 75.
    assert [(i.question, i.gap) for i in items] == [("q2", 100), ("q1", 75)]
    cmo_view = next(v for v in items[1].views if v.role == "cmo")
    assert (cmo_view.answer, cmo_view.n, cmo_view.answer_label) == (4, 3, "point 4")


# --- S7 perception gap, S8 blind spots ----------------------------------------------------------


def test_s7_gap_is_max_minus_min_over_the_leaders() -> None:
    bank = make_bank([question("q1"), question("q2")])
    sets = [
        answers(bank, "coo", {"q1": 4, "q2": 4}),  # 75
        answers(bank, "cmo", {"q1": 2, "q2": 2}),  # 25
        answers(bank, "ceo", {"q1": 5, "q2": 5}),  # 100, an observer: not a side
    ]
    result = diagnose(bank, sets).dimensions[0]
    assert result.gap is not None
    assert (result.gap.value, result.gap.high, result.gap.low) == (50, "coo", "cmo")
    # Two items, default error: r = .7 / (2 - .7) = 7/13, one item's error
    # sqrt(1250 * 6/13) = 24.02, each score's SE 24.02 / sqrt 2 = 16.98 (their items agree,
    # so the item-sampling error is 0); critical 1.96 * sqrt(2) * 16.98 = 47.1 < 50.
    assert (result.gap.critical, result.gap.beyond_error) == (47.1, True)
    ceo = result.role_score("ceo")
    assert ceo is not None and ceo.score == 100


def test_s7_no_gap_with_a_single_leader() -> None:
    bank = make_bank([question("q1")])
    result = diagnose(bank, [answers(bank, "coo", {"q1": 4})]).dimensions[0]
    assert result.gap is None


def test_s7_item_gaps_rank_the_talking_points() -> None:
    bank = make_bank([question("q1"), question("q2"), question("q3"), question("q4")])
    sets = [
        answers(bank, "coo", {"q1": 1, "q2": 5, "q3": 3, "q4": 2}),
        answers(bank, "cmo", {"q1": 3, "q2": 1, "q3": 3, "q4": 4}),
    ]
    items = diagnose(bank, sets).disagreements
    # q1: |0-50|=50, q2: |100-0|=100, q3: 0, q4: |25-75|=50; one step (25) would not count
    assert [(i.question, i.gap) for i in items] == [("q2", 100), ("q1", 50), ("q4", 50)]
    assert items[0].probe == "Probe q2?"
    assert (items[0].questions, items[0].about) == (["q2"], None)


def test_s7_one_scale_step_is_not_a_talking_point() -> None:
    bank = make_bank([question("q1"), question("q2")])
    sets = [
        answers(bank, "coo", {"q1": 2, "q2": 1}),
        answers(bank, "cmo", {"q1": 3, "q2": 3}),
    ]
    # q1: one step apart (25): not listed; q2: two steps (50): listed
    assert [(i.question, i.gap) for i in diagnose(bank, sets).disagreements] == [("q2", 50)]


def test_s8_blind_spot_compares_self_view_with_the_counterpart_view() -> None:
    bank = make_bank(
        [
            question("self1", perspective=Perspective.SELF, keyed=Keyed.HARMONY),
            question("other1", perspective=Perspective.COUNTERPART, mirrors="self1"),
        ]
    )
    sets = [
        # COO about themselves: "I listen" agree 5 (harmony) -> 0. About the CMO: 2 -> 25.
        answers(bank, "coo", {"self1": 5, "other1": 2}),
        # CMO about themselves: 4 -> 25. About the COO: "dismisses my data" 5 -> 100.
        answers(bank, "cmo", {"self1": 4, "other1": 5}),
    ]
    diagnosis = diagnose(bank, sets)
    spots = {b.role: b for b in diagnosis.dimensions[0].blind_spots}
    assert (spots["coo"].self_score, spots["coo"].others_view, spots["coo"].gap) == (0, 100, 100)
    assert (spots["cmo"].self_score, spots["cmo"].others_view, spots["cmo"].gap) == (25, 25, 0)
    # One pair, two items in the dimension: one item's error is 24.02 (see S7), so the
    # critical difference of two single answers is 1.96 * sqrt(2) * 24.02 = 66.6.
    assert (spots["coo"].critical, spots["coo"].beyond_error) == (66.6, True)
    assert spots["coo"].questions == ["self1"]
    # The talking point sets the COO's self1 against the CMO's other1, both about the COO.
    [point] = diagnosis.disagreements
    assert (point.questions, point.about, point.gap) == (["self1", "other1"], "coo", 100)
    assert [(v.role, v.question) for v in point.views] == [("coo", "self1"), ("cmo", "other1")]


def test_s8_blind_spot_needs_a_mirror_and_both_views() -> None:
    bank = make_bank(
        [
            question("self1", perspective=Perspective.SELF),
            question("other1", perspective=Perspective.COUNTERPART, mirrors="self1"),
            question("self2", perspective=Perspective.SELF),
            question("other2", perspective=Perspective.COUNTERPART),  # mirrors nothing
        ]
    )
    sets = [
        answers(bank, "coo", {"self1": 5, "other1": 5, "self2": 5, "other2": 1}),
        answers(bank, "cmo", {"self1": 1, "self2": 1, "other2": 5}),
    ]
    spots = {b.role: b for b in diagnose(bank, sets).dimensions[0].blind_spots}
    # The CMO never answered other1 (the mirror of the COO's self1): no view of the COO;
    # self2 against other2 is not like with like and never counts.
    assert (spots["coo"].self_score, spots["coo"].others_view, spots["coo"].gap) == (
        None,
        None,
        None,
    )
    assert (spots["cmo"].self_score, spots["cmo"].others_view, spots["cmo"].gap) == (0, 100, 100)
    assert diagnose(bank, sets).disagreements[0].questions == ["self1", "other1"]


# --- S9 rules, S10 ranking --------------------------------------------------------------------


def two_leaders(bank: Bank, coo: int, cmo: int) -> list[AnswerSet]:
    return [answers(bank, "coo", {"q1": coo}), answers(bank, "cmo", {"q1": cmo})]


def fired(diagnosis: Diagnosis) -> list[str]:
    return sorted(e.rule for p in diagnosis.practices for e in p.evidence)


def test_s9_score_band_rule_fires_for_the_severest_role() -> None:
    bank = make_bank(
        [question("q1")],
        [rule("hot", "p-a", score={"dimension": "res", "band": "friction"})],
    )
    diagnosis = diagnose(bank, two_leaders(bank, coo=4, cmo=5))  # 75 and 100
    [evidence] = diagnosis.practices[0].evidence
    assert (evidence.role, evidence.value, evidence.band) == ("cmo", 100, "friction")
    assert "CMO" in evidence.because and "Friction" in evidence.because
    assert fired(diagnose(bank, two_leaders(bank, coo=3, cmo=2))) == []  # 50 and 25


def test_s9_score_rule_for_all_needs_every_leader() -> None:
    bank = make_bank(
        [question("q1")],
        [rule("all-hot", "p-a", score={"dimension": "res", "role": "all", "at_least": 50})],
    )
    assert fired(diagnose(bank, two_leaders(bank, coo=3, cmo=2))) == []  # 50, 25
    diagnosis = diagnose(bank, two_leaders(bank, coo=3, cmo=5))  # 50, 100
    [evidence] = diagnosis.practices[0].evidence
    assert (evidence.role, evidence.value) == ("all", 50)  # the mildest that still meets it


def test_s9_score_rule_for_a_named_role_ignores_the_others() -> None:
    bank = make_bank(
        [question("q1")],
        [rule("ceo-hot", "p-a", score={"dimension": "res", "role": "ceo", "at_least": 75})],
    )
    sets = [*two_leaders(bank, coo=5, cmo=5), answers(bank, "ceo", {"q1": 3})]
    assert fired(diagnose(bank, sets)) == []
    sets[2] = answers(bank, "ceo", {"q1": 4})
    assert fired(diagnose(bank, sets)) == ["ceo-hot"]


def test_s9_any_does_not_count_an_observer() -> None:
    bank = make_bank(
        [question("q1")], [rule("hot", "p-a", score={"dimension": "res", "at_least": 75})]
    )
    sets = [*two_leaders(bank, coo=1, cmo=1), answers(bank, "ceo", {"q1": 5})]
    assert fired(diagnose(bank, sets)) == []


def test_s9_no_rule_fires_on_not_enough_answers() -> None:
    bank = make_bank(
        [question("q1"), question("q2"), question("q3")],
        [rule("hot", "p-a", score={"dimension": "res", "at_least": 0})],
    )
    # One of three answered: below the floor; at_least 0 would match any number.
    assert fired(diagnose(bank, [answers(bank, "coo", {"q1": 5})])) == []


def test_s9_gap_rule_fires_beyond_error_and_at_its_threshold() -> None:
    bank = make_bank(
        [question("q1")], [rule("apart", "p-a", gap={"dimension": "res", "at_least": 50})]
    )
    # One item, default error: r = alpha = .7, error sqrt(1250 * .3) = 19.36 a score,
    # critical 1.96 * sqrt(2) * 19.36 = 53.7. A gap of 50 meets the rule but not the error.
    within = diagnose(bank, two_leaders(bank, coo=5, cmo=3))  # 100 vs 50: gap 50
    assert within.dimensions[0].gap is not None
    assert (within.dimensions[0].gap.critical, within.dimensions[0].gap.beyond_error) == (
        53.7,
        False,
    )
    assert fired(within) == []
    diagnosis = diagnose(bank, two_leaders(bank, coo=5, cmo=2))  # 100 vs 25: gap 75
    [evidence] = diagnosis.practices[0].evidence
    assert (evidence.kind, evidence.value, evidence.at_least) == ("gap", 75, 50)
    assert "beyond the 53.7 that measurement error explains" in evidence.because


def test_s9_blind_spot_rule_names_the_role() -> None:
    bank = make_bank(
        [
            question("self1", perspective=Perspective.SELF),
            question("other1", perspective=Perspective.COUNTERPART, mirrors="self1"),
        ],
        [rule("blind", "p-a", blind_spot={"dimension": "res", "at_least": 60})],
    )
    sets = [
        answers(bank, "coo", {"self1": 1, "other1": 1}),  # self 0, sees the CMO at 0
        answers(bank, "cmo", {"self1": 2, "other1": 4}),  # self 25, sees the COO at 75
    ]
    # COO: |0 - 75| = 75 >= 60 and beyond the 66.6 of error (see S8) fires; CMO: 25 does not.
    [evidence] = diagnose(bank, sets).practices[0].evidence
    assert (evidence.role, evidence.value) == ("coo", 75)


def test_s9_answer_rule_at_least_and_at_most() -> None:
    bank = make_bank(
        [question("q1")],
        [
            rule("high", "p-a", answer={"question": "q1", "at_least": 4}),
            rule("low", "p-b", answer={"question": "q1", "role": "cmo", "at_most": 2}),
        ],
    )
    assert fired(diagnose(bank, two_leaders(bank, coo=4, cmo=2))) == ["high", "low"]
    assert fired(diagnose(bank, two_leaders(bank, coo=3, cmo=3))) == []
    diagnosis = diagnose(bank, two_leaders(bank, coo=5, cmo=4))
    assert fired(diagnosis) == ["high"]
    assert diagnosis.practices[0].evidence[0].value == 5  # the severest of 5 and 4


def test_s10_a_dimension_shares_its_severity_among_its_practices() -> None:
    bank = make_bank(
        [question("q1"), question("t1", dim="trust")],
        [
            rule("a1", "p-a", weight=2, score={"dimension": "res", "at_least": 0}),
            rule("b1", "p-b", weight=1, score={"dimension": "res", "at_least": 0}),
            rule("b2", "p-b", weight=1, score={"dimension": "res", "at_least": 40}),
            rule("c1", "p-c", weight=1, score={"dimension": "trust", "at_least": 0}),
        ],
        dims=("res", "trust"),
    )
    sets = [
        answers(bank, "coo", {"q1": 3, "t1": 4}),  # res 50, trust 75
        answers(bank, "cmo", {"q1": 3, "t1": 1}),  # res 50, trust 0
    ]
    diagnosis = diagnose(bank, sets)
    # res: both leaders at 50 meet its rules, signal .5 x (1 + .5) = .75, shared out by each
    # practice's heaviest rule there: p-a 2, p-b 1 (two rules of weight 1 count once): p-a
    # .75 x 2/3 = .5, p-b .75 x 1/3 = .25. Three rules do not make res weigh more than trust:
    # the COO's 75 with both leaders meeting at_least 0, .75 x 1.5 = 1.125, all to p-c.
    assert [(p.practice.id, p.score) for p in diagnosis.practices] == [
        ("p-c", 1.125),
        ("p-a", 0.5),
        ("p-b", 0.25),
    ]
    assert diagnosis.practices[0].practice.first_steps == ["one", "two", "three"]


def test_s10_ties_are_broken_by_practice_id() -> None:
    bank = make_bank(
        [question("q1")],
        [
            rule("z", "p-z", score={"dimension": "res", "at_least": 0}),
            rule("a", "p-a", score={"dimension": "res", "at_least": 0}),
            rule("m", "p-m", score={"dimension": "res", "at_least": 0}),
        ],
    )
    diagnosis = diagnose(bank, two_leaders(bank, coo=3, cmo=3))
    assert [p.practice.id for p in diagnosis.practices] == ["p-a", "p-m", "p-z"]


# --- S11 answer quality -----------------------------------------------------------------------


def test_s11_straight_lining_is_flagged() -> None:
    bank = make_bank(
        [question(f"q{i}", keyed=Keyed(k)) for i, k in enumerate(["friction", "harmony"] * 3)]
    )
    ids = [q.id for q in bank.questions]
    same = answers(bank, "coo", dict.fromkeys(ids, 4))
    varied = answers(bank, "cmo", dict(zip(ids, [4, 4, 4, 4, 2, 1], strict=True)))  # 4 of 6
    flags = diagnose(bank, [same, varied]).quality
    assert [(f.role, f.kind) for f in flags] == [("coo", "straight-lining")]
    assert "6 of 6" in flags[0].message


def test_s11_strong_agreement_with_both_items_of_a_declared_pair_is_a_contradiction() -> None:
    plain = make_bank([question("f1"), question("h1", keyed=Keyed.HARMONY), question("f2")])
    bank = plain.model_copy(update={"contradictions": [("f1", "h1")]})
    flags = diagnose(bank, [answers(bank, "coo", {"f1": 5, "h1": 5, "f2": 4})]).quality
    assert [(f.kind, f.questions) for f in flags] == [("contradiction", ["f1", "h1"])]
    calm = diagnose(bank, [answers(bank, "coo", {"f1": 5, "h1": 4, "f2": 5})]).quality
    assert calm == []
    # opposite keying alone is no contradiction: the bank declares which statements clash
    undeclared = diagnose(plain, [answers(plain, "coo", {"f1": 5, "h1": 5, "f2": 4})]).quality
    assert undeclared == []


def test_s11_too_fast_only_when_timings_are_kept() -> None:
    bank = make_bank([question(f"q{i}") for i in range(3)])
    given: dict[str, Answer] = {"q0": 1, "q1": 3, "q2": 5}
    quick = answers(bank, "coo", given, seconds={"q0": 1.0, "q1": 0.5, "q2": 9.0})
    calm = answers(bank, "cmo", given, seconds={"q0": 4.0, "q1": 3.0, "q2": 1.0})
    untimed = answers(bank, "ceo", given)
    flags = diagnose(bank, [quick, calm, untimed]).quality
    assert [(f.role, f.kind, f.questions) for f in flags] == [("coo", "too-fast", ["q0", "q1"])]


# --- S12 inputs that do not fit ---------------------------------------------------------------


def test_s12_answers_for_another_bank_version_are_refused() -> None:
    bank = make_bank([question("q1")])
    stale = answers(bank, "coo", {"q1": 1}).model_copy(
        update={"bank": BankRef(id="tiny", version="0.9.0", hash="sha256:x")}
    )
    with pytest.raises(AnswersFileError, match=r"version 0\.9\.0, the bank is 1\.0\.0"):
        diagnose(bank, [stale])


def test_s12_the_same_respondent_twice_is_refused() -> None:
    bank = make_bank([question("q1")])
    sets = [answers(bank, "coo", {"q1": 1}), answers(bank, "coo", {"q1": 2})]
    with pytest.raises(AnswersFileError, match="two answer sets for COO"):
        diagnose(bank, sets)


def test_s12_mixed_rounds_are_refused() -> None:
    bank = make_bank([question("q1")])
    sets = [answers(bank, "coo", {"q1": 1}), answers(bank, "cmo", {"q1": 2}, round_no=2)]
    with pytest.raises(AnswersFileError, match=r"different rounds \(1, 2\)"):
        diagnose(bank, sets)


# --- S13 header, S14 rounds, S15 determinism --------------------------------------------------


def test_s13_header_names_the_engagement_bank_and_respondents_in_role_order() -> None:
    bank = make_bank([question("q1")])
    sets = [answers(bank, "cmo", {"q1": 2}, name="Zoe"), answers(bank, "coo", {"q1": 2}, name="Al")]
    clock = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    header = diagnose(bank, sets, engagement="Acme", generated_at=clock).header
    assert (header.engagement, header.bank_id, header.bank_version) == ("Acme", "tiny", "1.0.0")
    assert header.bank_hash == content_hash(bank)
    assert header.generated_at == clock
    assert [(r.name, r.role) for r in header.respondents] == [("Al", "coo"), ("Zoe", "cmo")]


def test_s14_previous_round_gives_the_change_per_role_and_gap() -> None:
    bank = make_bank([question("q1")])
    before = diagnose(bank, two_leaders(bank, coo=5, cmo=1))  # 100, 0: gap 100
    now_sets = [
        answers(bank, "coo", {"q1": 3}, round_no=2),  # 50
        answers(bank, "cmo", {"q1": 2}, round_no=2),  # 25
    ]
    comparison = diagnose(bank, now_sets, previous=before).comparison
    assert comparison is not None
    assert comparison.previous_round == 1
    [change] = comparison.dimensions
    assert [(r.role, r.before, r.after, r.delta) for r in change.roles] == [
        ("coo", 100, 50, -50),
        ("cmo", 0, 25, 25),
    ]
    assert (change.gap_before, change.gap_after, change.gap_delta) == (100, 25, -75)


def test_s15_the_order_of_answer_sets_does_not_change_the_diagnosis() -> None:
    bank = make_bank(
        [question("q1"), question("q2", keyed=Keyed.HARMONY)],
        [
            rule("a", "p-a", score={"dimension": "res", "at_least": 0}),
            rule("b", "p-b", gap={"dimension": "res", "at_least": 0}),
        ],
    )
    sets = [
        answers(bank, "coo", {"q1": 5, "q2": 1}, name="A"),
        answers(bank, "coo", {"q1": 2, "q2": 4}, name="B"),
        answers(bank, "cmo", {"q1": 3, "q2": 3}, name="C"),
        answers(bank, "ceo", {"q1": 4, "q2": 2}, name="D"),
    ]
    expected = diagnose(bank, sets).model_dump_json()
    shuffled = list(sets)
    random.Random(7).shuffle(shuffled)
    assert diagnose(bank, list(reversed(sets))).model_dump_json() == expected
    assert diagnose(bank, shuffled).model_dump_json() == expected


# --- S16 the worked example of docs/scoring.md ------------------------------------------------


def test_worked_example_of_docs_scoring_md() -> None:
    from cxo_diag.bank.registry import open_bank

    worked = Path(__file__).resolve().parents[2] / "fixtures" / "banks" / "worked-example.yaml"
    bank = open_bank(str(worked)).bank
    sets = [
        answers(bank, "coo", {"res-01": 5, "res-02": 2, "res-03": 1}),
        answers(bank, "cmo", {"res-01": 2, "res-02": 4, "res-03": "n/a"}),
    ]
    diagnosis = diagnose(bank, sets)
    [dim] = diagnosis.dimensions
    coo, cmo = dim.roles
    assert (coo.score, coo.coverage, coo.band and coo.band.id) == (91.7, 1.0, "friction")
    assert (cmo.score, cmo.coverage, cmo.band and cmo.band.id) == (25, 0.667, "healthy")
    # three items: r = .7 / (3 - 1.4) = .4375, one item's error sqrt(1250 x .5625) = 26.52
    assert (coo.se, coo.ci) == (15.3, (61.7, 100))  # 26.52 / sqrt 3; 91.67 - 1.96 x 15.31
    assert (cmo.se, cmo.ci) == (18.8, (0, 61.7))  # 26.52 / sqrt 2; 25 + 1.96 x 18.75
    assert dim.gap is not None
    assert (dim.gap.value, dim.gap.high, dim.gap.low) == (66.7, "coo", "cmo")
    assert (dim.gap.critical, dim.gap.beyond_error) == (47.4, True)  # 1.96 x sqrt(15.31² + 18.75²)
    spots = {b.role: (b.self_score, b.others_view, b.gap, b.critical) for b in dim.blind_spots}
    # one pair (res-02 mirrored by res-03): 1.96 x sqrt 2 x 26.52 = 73.5
    assert spots == {"coo": (None, None, None, None), "cmo": (25, 100, 75, 73.5)}
    assert [(i.questions, i.about, i.gap) for i in diagnosis.disagreements] == [
        (["res-01"], None, 75),
        (["res-02", "res-03"], "cmo", 75),
    ]
    assert [(p.rank, p.practice.id, p.score) for p in diagnosis.practices] == [
        (1, "joint-allocation", 0.55),
        (2, "neutral-facilitator", 0.367),
    ]
    assert diagnosis.practices[0].evidence[0].role == "coo"
    summary = diagnosis.summary
    assert [(f.kind, f.dimension) for f in summary.findings] == [("gap", "resources")]
    assert (summary.start_here, summary.also_consider) == (
        ["joint-allocation"],
        ["neutral-facilitator"],
    )
    assert diagnosis.quality == []


def test_s10_start_here_follows_the_bank_s_sequence() -> None:
    rules = [
        rule("a", "p-a", score={"dimension": "res", "band": "friction"}),
        rule("t", "p-t", score={"dimension": "trust", "band": "friction"}),
    ]
    bank = make_bank([question("q1"), question("t1", dim="trust")], rules, dims=("res", "trust"))
    sets = [
        answers(bank, "coo", {"q1": 5, "t1": 4}),  # res 100, trust 75
        answers(bank, "cmo", {"q1": 5, "t1": 4}),
    ]
    # Without a sequence, the worst finding first: res (100) before trust (75).
    assert diagnose(bank, sets).summary.start_here == ["p-a", "p-t"]
    # "Repair trust first": the sequence orders start here, whatever the severities.
    ordered = bank.model_copy(update={"sequence": ["p-t", "p-a"]})
    assert diagnose(
        ordered,
        [
            s.model_copy(update={"bank": s.bank.model_copy(update={"hash": content_hash(ordered)})})
            for s in sets
        ],
    ).summary.start_here == [
        "p-t",
        "p-a",
    ]
