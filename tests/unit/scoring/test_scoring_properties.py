"""Invariants of scoring over arbitrary banks and answers (hypothesis).

P1 every score, gap, spread and blind spot stays within 0..100;
P2 practices are ranked by summed evidence, ties by id, each practice once (a total order);
P3 the diagnosis does not depend on the order the answer sets come in.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.scoring.test_scoring import answers, make_bank, question, rule

from cxo_diag.answers import Answer, AnswerSet
from cxo_diag.bank.model import Bank, Keyed, Perspective
from cxo_diag.scoring import diagnose

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
            rule(f"{dim}-band", f"p-{dim}-band", 2, score={"dimension": dim, "band": "friction"}),
            rule(
                f"{dim}-all", "p-shared", 1, score={"dimension": dim, "role": "all", "at_least": 30}
            ),
            rule(f"{dim}-gap", "p-shared", 1, gap={"dimension": dim, "at_least": 20}),
            rule(
                f"{dim}-blind", f"p-{dim}-blind", 3, blind_spot={"dimension": dim, "at_least": 10}
            ),
        ]
    return rules


@st.composite
def engagements(draw: st.DrawFn) -> tuple[Bank, list[AnswerSet]]:
    specs = draw(question_specs)
    questions = [
        question(f"q{i}", dim=dim, keyed=keyed, perspective=perspective, weight=weight)
        for i, (dim, keyed, perspective, weight) in enumerate(specs)
    ]
    bank = make_bank(
        questions,
        [
            *rules_for_every_kind(),
            rule("ans", "p-ans", 2, answer={"question": "q0", "at_least": 3}),
        ],
        dims=DIMS,
    )
    sets = []
    for role in ("coo", "cmo", "ceo"):
        count = draw(st.integers(min_value=0, max_value=3))
        for index in range(count):
            asked = bank.questions_for(role)
            values = draw(st.lists(answer_values, min_size=len(asked), max_size=len(asked)))
            given_answers = {q.id: v for q, v in zip(asked, values, strict=True)}
            sets.append(answers(bank, role, given_answers, name=f"{role}-{index}"))
    return bank, sets


def within(value: float | None) -> bool:
    return value is None or 0 <= value <= 100


@settings(max_examples=150, deadline=None)
@given(engagements())
def test_p1_scores_gaps_and_blind_spots_stay_in_range(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    diagnosis = diagnose(bank, sets)
    for dim in diagnosis.dimensions:
        assert within(dim.gap)
        for score in dim.roles:
            assert within(score.score) and within(score.spread)
            assert 0 <= score.coverage <= 1
            assert (score.band is None) == (score.score is None)
        for spot in dim.blind_spots:
            assert within(spot.self_score) and within(spot.others_view) and within(spot.gap)
    for item in diagnosis.disagreements:
        assert 0 < item.gap <= 100
        assert all(0 <= view.friction <= 100 for view in item.views)


@settings(max_examples=150, deadline=None)
@given(engagements())
def test_p2_ranking_is_a_total_order_by_score_then_id(
    engagement: tuple[Bank, list[AnswerSet]],
) -> None:
    bank, sets = engagement
    practices = diagnose(bank, sets).practices
    keys = [(-p.score, p.practice.id) for p in practices]
    assert keys == sorted(keys)
    assert len({p.practice.id for p in practices}) == len(practices)
    assert [p.rank for p in practices] == list(range(1, len(practices) + 1))
    for ranked in practices:
        assert ranked.evidence
        assert ranked.score == round(sum(e.weight for e in ranked.evidence), 2)


@settings(max_examples=100, deadline=None)
@given(engagements(), st.randoms(use_true_random=False))
def test_p3_input_order_does_not_matter(engagement: tuple[Bank, list[AnswerSet]], rnd: Any) -> None:
    bank, sets = engagement
    shuffled = list(sets)
    rnd.shuffle(shuffled)
    assert diagnose(bank, shuffled).model_dump_json() == diagnose(bank, sets).model_dump_json()
