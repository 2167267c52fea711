"""Invariants of scoring over arbitrary banks and answers (hypothesis).

P1 every score, interval, gap, spread and blind spot stays within 0..100, every error >= 0;
P2 the listed practices are the summary's, in its order, each once, each with evidence;
   at most three findings, three to start with and five to also consider;
P3 the diagnosis does not depend on the order the answer sets come in;
P4 a worse answer never lowers a dimension's score, and never removes a practice that
   score and answer rules recommend (their thresholds are cumulative);
P5 swapping the two leaders' answers swaps the findings, never the practices;
P6 the same answers give the same report, byte for byte, from a freshly loaded bank;
P7 each respondent's dimension score, error and coverage are those of the plain loop over
   their answers (docs/scoring.md), to the last bit, whatever the scale, weights and gaps:
   the column-wise, packed and cached arithmetic of ``dimension_scores`` changes nothing;
P8 an item's count, sum and sum of squares of frictions across a role (what agreement and
   item views read) are the plain loop's, to the last bit, whether summed in order or from
   how often each answer occurs (only for scales whose frictions are whole numbers).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.unit.scoring.test_scoring import answers, make_bank, question, rule

from cxo_diag.answers import Answer, AnswerSet
from cxo_diag.bank.model import Bank, Keyed, Perspective
from cxo_diag.report.json_report import render_json
from cxo_diag.scoring import Diagnosis, diagnose
from cxo_diag.scoring.aggregation import (
    COVERAGE_FLOOR,
    column_sums,
    dimension_scores,
    tallied_sums,
)

DIMS = ("res", "com")

question_specs = st.lists(
    st.tuples(
        st.sampled_from(DIMS),
        st.sampled_from(list(Keyed)),
        st.sampled_from(list(Perspective)),
        st.sampled_from([0.5, 1.0, 2.0, 3.5]),
    ),
    min_size=1,
    max_size=6,
)
answer_values: st.SearchStrategy[Answer] = st.one_of(
    st.integers(min_value=1, max_value=5), st.just("n/a"), st.none()
)


def rules_for_every_kind() -> list[Any]:
    rules = []
    for dim in DIMS:
        rules += [
            rule(f"{dim}-band", f"p-{dim}-band", 2, score={"dimension": dim, "band": "strained"}),
            rule(
                f"{dim}-all", "p-shared", 1, score={"dimension": dim, "role": "all", "at_least": 30}
            ),
            rule(f"{dim}-gap", "p-shared", 1, gap={"dimension": dim, "at_least": 20}),
            rule(
                f"{dim}-blind", f"p-{dim}-blind", 3, blind_spot={"dimension": dim, "at_least": 10}
            ),
        ]
    return rules


def monotone_rules() -> list[Any]:
    """Rules on friction itself (scores, and a friction answer): the kinds P4 covers."""
    rules = []
    for dim in DIMS:
        rules += [
            rule(f"{dim}-hot", f"p-{dim}-hot", 2, score={"dimension": dim, "band": "friction"}),
            rule(f"{dim}-warm", f"p-{dim}-warm", 1, score={"dimension": dim, "band": "strained"}),
            rule(
                f"{dim}-all", "p-shared", 1, score={"dimension": dim, "role": "all", "at_least": 40}
            ),
        ]
    return rules


def _questions(specs: list[tuple[str, Keyed, Perspective, float]]) -> list[Any]:
    built = []
    selves: dict[str, str] = {}
    for i, (dim, keyed, perspective, weight) in enumerate(specs):
        mirrors = selves.pop(dim, None) if perspective is Perspective.COUNTERPART else None
        built.append(
            question(
                f"q{i}",
                dim=dim,
                keyed=keyed,
                perspective=perspective,
                weight=weight,
                mirrors=mirrors,
            )
        )
        if perspective is Perspective.SELF:
            selves[dim] = f"q{i}"
    return built


def _sets(draw: st.DrawFn, bank: Bank, counts: dict[str, int]) -> list[AnswerSet]:
    sets = []
    for role, count in counts.items():
        for index in range(count):
            asked = bank.questions_for(role)
            values = draw(st.lists(answer_values, min_size=len(asked), max_size=len(asked)))
            given_answers = {q.id: v for q, v in zip(asked, values, strict=True)}
            sets.append(answers(bank, role, given_answers, name=f"{role}-{index}"))
    return sets


@st.composite
def engagements(draw: st.DrawFn, monotone: bool = False) -> tuple[Bank, list[AnswerSet]]:
    questions = _questions(draw(question_specs))
    extra = (
        rule("ans", "p-ans", 2, answer={"question": "q0", "at_least": 3})
        if questions[0].keyed is Keyed.FRICTION
        else rule("ans", "p-ans", 2, answer={"question": "q0", "at_most": 3})
    )
    bank = make_bank(
        questions, [*(monotone_rules() if monotone else rules_for_every_kind()), extra], dims=DIMS
    )
    counts = {role: draw(st.integers(min_value=0, max_value=3)) for role in ("coo", "cmo", "ceo")}
    return bank, _sets(draw, bank, counts)


def within(value: float | None) -> bool:
    return value is None or 0 <= value <= 100


@settings(max_examples=150, deadline=None)
@given(engagements())
def test_p1_scores_errors_gaps_and_blind_spots_stay_in_range(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    diagnosis = diagnose(bank, sets)
    for dim in diagnosis.dimensions:
        if dim.gap is not None:
            assert within(dim.gap.value) and dim.gap.critical >= 0
            assert dim.gap.beyond_error == (dim.gap.value > dim.gap.critical)
        for score in dim.roles:
            assert within(score.score) and within(score.spread)
            assert 0 <= score.coverage <= 1
            assert (score.band is None) == (score.score is None)
            assert (score.se is None) == (score.score is None)
            if score.ci is not None and score.score is not None:
                assert 0 <= score.ci[0] <= score.score <= score.ci[1] <= 100
            assert score.spread is None or score.respondents >= 3
        for spot in dim.blind_spots:
            assert within(spot.self_score) and within(spot.others_view) and within(spot.gap)
    for item in diagnosis.disagreements:
        assert 50 <= item.gap <= 100  # two steps of a five-point scale at least
        assert all(0 <= view.friction <= 100 for view in item.views)


@settings(max_examples=150, deadline=None)
@given(engagements())
def test_p2_the_listed_practices_are_the_summary_s(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    diagnosis = diagnose(bank, sets)
    summary = diagnosis.summary
    assert len(summary.findings) <= 3
    assert len(summary.start_here) <= 3 and len(summary.also_consider) <= 5
    listed = [p.practice.id for p in diagnosis.practices]
    assert listed == summary.start_here + summary.also_consider
    assert len(set(listed)) == len(listed)
    assert [p.rank for p in diagnosis.practices] == list(range(1, len(listed) + 1))
    assert all(p.evidence for p in diagnosis.practices)
    assert set(listed) <= set(diagnosis.considered)
    if diagnosis.considered:
        assert summary.start_here


@settings(max_examples=100, deadline=None)
@given(engagements(), st.randoms(use_true_random=False))
def test_p3_input_order_does_not_matter(engagement: tuple[Bank, list[AnswerSet]], rnd: Any) -> None:
    bank, sets = engagement
    shuffled = list(sets)
    rnd.shuffle(shuffled)
    assert diagnose(bank, shuffled).model_dump_json() == diagnose(bank, sets).model_dump_json()


def _worse(bank: Bank, answer_set: AnswerSet, question_id: str) -> AnswerSet | None:
    """The same answers with one more step of friction on ``question_id``, if there is one."""
    question_ = next(q for q in bank.questions if q.id == question_id)
    value = answer_set.answers.get(question_id)
    if not isinstance(value, int):
        return None
    step = 1 if question_.keyed is Keyed.FRICTION else -1
    if not 1 <= value + step <= 5:
        return None
    return answer_set.model_copy(
        update={"answers": {**answer_set.answers, question_id: value + step}}
    )


def _aside(diagnosis: Diagnosis) -> list[str]:
    return diagnosis.header.set_aside


@settings(max_examples=200, deadline=None)
@given(engagements(monotone=True), st.data())
def test_p4_a_worse_answer_never_lowers_a_score_nor_removes_a_practice(
    engagement: tuple[Bank, list[AnswerSet]], data: st.DataObject
) -> None:
    bank, sets = engagement
    candidates = [
        (index, qid)
        for index, answer_set in enumerate(sets)
        for qid in sorted(answer_set.answers)
        if _worse(bank, answer_set, qid) is not None
    ]
    assume(candidates)
    index, qid = data.draw(st.sampled_from(candidates))
    worse = _worse(bank, sets[index], qid)
    assert worse is not None
    before = diagnose(bank, sets)
    after = diagnose(bank, [*sets[:index], worse, *sets[index + 1 :]])
    assume(_aside(before) == _aside(after))  # a respondent newly set aside is another case
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        for old_score, new_score in zip(old.roles, new.roles, strict=True):
            if old_score.score is not None:
                assert new_score.score is not None and new_score.score >= old_score.score
    assert set(before.considered) <= set(after.considered)


@st.composite
def two_leader_engagements(draw: st.DrawFn) -> tuple[Bank, list[AnswerSet]]:
    questions = _questions(draw(question_specs))
    bank = make_bank(questions, rules_for_every_kind(), dims=DIMS)
    observers = draw(st.integers(min_value=0, max_value=1))
    return bank, _sets(draw, bank, {"coo": 1, "cmo": 1, "ceo": observers})


def _swapped(sets: list[AnswerSet]) -> list[AnswerSet]:
    """The COO's answers given as the CMO's and the other way round."""
    by_role = {s.respondent.role: s for s in sets}
    swapped = []
    for answer_set in sets:
        role = answer_set.respondent.role
        if role in ("coo", "cmo"):
            other = by_role["cmo" if role == "coo" else "coo"]
            swapped.append(answer_set.model_copy(update={"answers": other.answers}))
        else:
            swapped.append(answer_set)
    return swapped


SWAP = {"coo": "cmo", "cmo": "coo", "ceo": "ceo"}


@settings(max_examples=150, deadline=None)
@given(two_leader_engagements())
def test_p5_swapping_the_leaders_swaps_findings_not_practices(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    before, after = diagnose(bank, sets), diagnose(bank, _swapped(sets))
    assume(_aside(before) == [] and _aside(after) == [])
    assert [
        (f.kind, f.dimension, sorted(SWAP[r] for r in f.roles)) for f in before.summary.findings
    ] == [(f.kind, f.dimension, sorted(f.roles)) for f in after.summary.findings]
    assert before.summary.start_here == after.summary.start_here
    assert before.summary.also_consider == after.summary.also_consider
    assert before.considered == after.considered


@settings(max_examples=50, deadline=None)
@given(engagements())
def test_p6_the_same_answers_give_the_same_report(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    fresh = Bank.model_validate(bank.model_dump(by_alias=True))
    assert render_json(diagnose(fresh, sets)) == render_json(diagnose(bank, sets))


def _plain_loop(
    row: list[float | None], weights: list[float], item_error: float
) -> tuple[tuple[float, float] | None, float]:
    """docs/scoring.md's formula, one answer at a time."""
    total = sum(weights)
    w = s = q = x = 0.0
    for friction, weight in zip(row, weights, strict=True):
        if friction is not None:
            w += weight
            s += weight * friction
            q += weight * weight
            x += weight * friction * friction
    coverage = w / total
    if w == 0 or coverage < COVERAGE_FLOOR:
        return None, coverage
    mean = s / w
    spread = 0.0
    if w - q / w > 1e-12:
        spread = math.sqrt(max(x - w * mean * mean, 0.0) / (w - q / w))
    return (mean, max(item_error, spread) * math.sqrt(q) / w), coverage


@st.composite
def friction_tables(draw: st.DrawFn) -> tuple[list[tuple[float | None, ...]], list[float]]:
    """Columns of frictions (scales of 2 to 11 points, some answers missing) and weights."""
    items = draw(st.integers(min_value=1, max_value=8))
    respondents = draw(st.integers(min_value=0, max_value=40))
    unit = draw(st.booleans())
    columns, weights = [], []
    for _ in range(items):
        points = draw(st.integers(min_value=2, max_value=11))
        values: list[float | None] = [rank * 100 / (points - 1) for rank in range(points)]
        cells = st.sampled_from([*values, None])
        columns.append(tuple(draw(st.lists(cells, min_size=respondents, max_size=respondents))))
        weights.append(1.0 if unit else draw(st.sampled_from([0.5, 1.0, 2.0, 3.5])))
    return columns, weights


@settings(max_examples=300, deadline=None)
@given(friction_tables(), st.sampled_from([4.0, 11.5, 23.7]))
def test_p7_dimension_scores_are_the_plain_loop_s(
    table: tuple[list[tuple[float | None, ...]], list[float]], item_error: float
) -> None:
    columns, weights = table
    respondents = len(columns[0])
    scores = dimension_scores(columns, respondents, list(enumerate(weights)), item_error)
    expected = [_plain_loop(list(row), weights, item_error) for row in zip(*columns, strict=True)]
    assert scores.people == [figures for figures, _ in expected]
    assert scores.coverage == [coverage for _, coverage in expected]


@st.composite
def answer_columns(draw: st.DrawFn) -> tuple[list[Answer], dict[int, float]]:
    """One item's answers across a role (a scale of 2 to 11 points, n/a, None) and the
    friction of each point (reverse-keyed or not)."""
    points = draw(st.integers(min_value=2, max_value=11))
    harmony = draw(st.booleans())
    table = {
        v: (100 - r * 100 / (points - 1)) if harmony else r * 100 / (points - 1)
        for r, v in enumerate(range(1, points + 1))
    }
    cells: st.SearchStrategy[Answer] = st.sampled_from([*table, "n/a", None])
    return draw(st.lists(cells, max_size=300)), table


@settings(max_examples=300, deadline=None)
@given(answer_columns())
def test_p8_an_item_s_sums_are_the_plain_loop_s(
    column: tuple[list[Answer], dict[int, float]],
) -> None:
    answers, table = column
    n, total, squares = 0, 0.0, 0.0
    for answer in answers:
        if isinstance(answer, int):
            n, total, squares = n + 1, total + table[answer], squares + table[answer] ** 2
    frictions = tuple(table[a] if isinstance(a, int) else None for a in answers)
    assert column_sums(frictions) == (n, total, squares)
    if all(f.is_integer() for f in table.values()):
        assert tallied_sums(Counter(answers), table) == (n, total, squares)
