"""Reliability statistics, pinned against values worked out by hand.

The worked matrix (4 respondents x 3 items) used below:

    R1: 1 2 2    totals  5
    R2: 2 2 3            7
    R3: 3 4 3           10
    R4: 4 4 4           12

Item variances (divisor n-1): item1 devs -1.5 -.5 .5 1.5, SS 5 -> 5/3; item2 devs -1 -1 1 1,
SS 4 -> 4/3; item3 devs -1 0 0 1, SS 2 -> 2/3; sum 11/3. Totals mean 8.5, devs -3.5 -1.5 1.5
3.5, SS 29 -> 29/3.  alpha = 3/2 * (1 - (11/3)/(29/3)) = 3/2 * 18/29 = 27/29.

Corrected item-total r (item against the sum of the other two):
  item1 vs 4 5 7 8 (devs -2 -1 1 2): sxy = 3+.5+.5+3 = 7, sxx 5, syy 10 -> 7/sqrt(50)
  item2 vs 3 5 6 8 (devs -2.5 -.5 .5 2.5): sxy = 6, sxx 4, syy 13 -> 6/sqrt(52)
  item3 vs 3 4 7 8 (devs -2.5 -1.5 1.5 2.5): sxy = 5, sxx 2, syy 17 -> 5/sqrt(34)
Alpha if deleted (k=2, alpha = 2 * (1 - sum var / var total)):
  without item1: vars 4/3+2/3 = 2, totals 4 5 7 8 var 10/3 -> 2*(1-0.6) = 0.8
  without item2: vars 5/3+2/3 = 7/3, totals 3 5 6 8 var 13/3 -> 2*(1-7/13) = 12/13
  without item3: vars 5/3+4/3 = 3, totals 3 4 7 8 var 17/3 -> 2*(1-9/17) = 16/17 (> 27/29)
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent
from cxo_diag.bank.model import Bank
from cxo_diag.quality.analysis import SIMULATED_ENGAGEMENT, TooFewRespondents, analyze_bank
from cxo_diag.quality.blocks import reliability_blocks
from cxo_diag.quality.consistency import alpha_if_deleted, corrected_item_total, cronbach_alpha
from cxo_diag.report.analysis_view import render_json, render_text

WORKED = [[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 4]]


def test_alpha_of_the_worked_matrix() -> None:
    assert cronbach_alpha(WORKED) == pytest.approx(27 / 29)


def test_corrected_item_total_of_the_worked_matrix() -> None:
    assert corrected_item_total(WORKED) == pytest.approx(
        [7 / math.sqrt(50), 6 / math.sqrt(52), 5 / math.sqrt(34)]
    )


def test_alpha_if_deleted_of_the_worked_matrix() -> None:
    assert alpha_if_deleted(WORKED) == pytest.approx([0.8, 12 / 13, 16 / 17])


def test_negatively_related_items_give_a_negative_alpha_not_a_clipped_one() -> None:
    # item vars 1 and 1, totals 4 3 5 var 1: alpha = 2 * (1 - 2/1) = -2
    assert cronbach_alpha([[1, 3], [2, 1], [3, 2]]) == pytest.approx(-2.0)


def test_alpha_is_undefined_when_totals_do_not_vary() -> None:
    assert cronbach_alpha([[1, 2], [2, 1]]) is None


def test_alpha_needs_two_items_and_two_respondents() -> None:
    assert cronbach_alpha([[1], [2], [3]]) is None
    assert cronbach_alpha([[1, 2, 3]]) is None


def test_a_constant_item_has_no_item_total_correlation() -> None:
    assert corrected_item_total([[1, 3, 2], [2, 3, 3], [3, 3, 5]])[1] is None


# --- from answers -------------------------------------------------------------------------


def _bank() -> Bank:
    questions = [
        {
            "id": "a1",
            "dimension": "alpha",
            "scale": "s",
            "text": {"coo": "I give the CMO time.", "cmo": "The COO gives me time."},
            "keyed": "friction",
        },
        {"id": "a2", "dimension": "alpha", "scale": "s", "text": "A two.", "keyed": "friction"},
        {"id": "a3", "dimension": "alpha", "scale": "s", "text": "A three.", "keyed": "harmony"},
        {"id": "b1", "dimension": "beta", "scale": "s", "text": "B one.", "keyed": "friction"},
        {"id": "b2", "dimension": "beta", "scale": "s", "text": "B two.", "keyed": "friction"},
    ]
    bands = [{"id": "all", "label": "All", "from": 0, "to": 100}]
    return Bank.model_validate(
        {
            "schema_version": 1,
            "id": "tiny",
            "version": "1.0.0",
            "title": "Tiny",
            "roles": [{"id": "coo", "title": "COO"}, {"id": "cmo", "title": "CMO"}],
            "scales": [{"id": "s", "points": [{"value": v, "label": str(v)} for v in range(1, 6)]}],
            "dimensions": [
                {"id": "alpha", "title": "Alpha <dim>\x1b[2J", "bands": bands},
                {"id": "beta", "title": "[bold]Beta", "bands": bands},
            ],
            "questions": questions,
            "rules": [
                {
                    "id": "r",
                    "when": {"gap": {"dimension": "alpha", "at_least": 1}},
                    "recommend": "p",
                }
            ],
        }
    )


def _answers(
    index: int, answers: dict[str, Answer], engagement: str | None = None, role: str = "coo"
) -> AnswerSet:
    return AnswerSet(
        bank=BankRef(id="tiny", version="1.0.0", hash="sha256:x"),
        respondent=Respondent(name=f"r{index}", role=role),
        engagement=engagement,
        answers=answers,
    )


def _consistent(count: int, engagement: str | None = None) -> list[AnswerSet]:
    """COOs whose friction level runs 1..5: friction items agree with it, the harmony item
    mirrors it, and beta's second item is answered 3 by everyone."""
    sets = []
    for index in range(count):
        level = index % 5 + 1
        answers: dict[str, Answer] = {
            "a1": level,
            "a2": level,
            "a3": 6 - level,
            "b1": level,
            "b2": 3,
        }
        sets.append(_answers(index, answers, engagement))
    return sets


def test_reverse_keyed_items_are_flipped_before_alpha() -> None:
    # a3 = 6 - level: without flipping it would pull alpha below zero; flipped, the three
    # columns are identical and alpha is exactly 1.
    report = analyze_bank(_bank(), "sha256:x", _consistent(10))
    alpha = report.form("alpha", "coo")
    assert alpha.alpha == pytest.approx(1.0)
    assert alpha.respondents == 10


def test_an_item_everyone_answers_the_same_way_is_named() -> None:
    report = analyze_bank(_bank(), "sha256:x", _consistent(10))
    beta = report.dimensions[1]
    assert beta.constant_items == ["b2 (coo)"]
    assert report.dimensions[0].constant_items == []


def test_an_item_that_lowers_alpha_is_named() -> None:
    sets = []
    for index in range(12):
        level = index % 4 + 1
        noise = [3, 1, 5, 2][index % 4] if index < 8 else [2, 4, 1, 5][index % 4]
        sets.append(_answers(index, {"a1": level, "a2": level, "a3": 6 - noise}))
    report = analyze_bank(_bank(), "sha256:x", sets)
    assert report.dimensions[0].items_lowering_alpha == ["a3 (coo)"]


def test_too_few_respondents_are_refused_in_one_message() -> None:
    with pytest.raises(TooFewRespondents, match=r"9 respondent\(s\) with answers; .* at least 10"):
        analyze_bank(_bank(), "sha256:x", _consistent(9))


def test_a_dimension_with_too_few_complete_answers_gets_no_alpha_but_a_reason() -> None:
    sets = _consistent(10)
    sets[0:2] = [
        _answers(0, {"a1": 1, "a2": None, "a3": 2, "b1": 1, "b2": 3}),
        _answers(1, {"a1": 1, "a2": "n/a", "a3": 2, "b1": 1, "b2": 3}),
    ]
    report = analyze_bank(_bank(), "sha256:x", sets)
    alpha = report.form("alpha", "coo")
    assert alpha.alpha is None
    assert alpha.respondents == 8
    assert alpha.left_out == 2
    assert alpha.reason == "only 8 respondent(s) answered every item (at least 10 needed)"
    assert alpha in report.below(0.0)
    assert report.form("beta", "coo") not in report.below(0.0)


def test_the_text_report_says_simulated_data_proves_the_machinery_not_the_bank() -> None:
    report = analyze_bank(_bank(), "sha256:x", _consistent(10, SIMULATED_ENGAGEMENT))
    text = " ".join(render_text(report).split())
    assert "These answers are simulated" in text
    assert "prove the machinery works, not that the bank is reliable" in text


def test_pilot_respondent_names_mark_simulated_answers_after_an_import() -> None:
    sets = [
        a.model_copy(update={"respondent": Respondent(name=f"simulated-{i:04d}", role="coo")})
        for i, a in enumerate(_consistent(10, "acme"), start=1)
    ]
    assert analyze_bank(_bank(), "sha256:x", sets).all_simulated


def test_respondents_who_answered_nothing_do_not_count() -> None:
    sets = [*_consistent(9), _answers(99, {"a1": None, "a2": "n/a"})]
    with pytest.raises(TooFewRespondents, match=r"^9 respondent"):
        analyze_bank(_bank(), "sha256:x", sets)


def test_real_answers_carry_no_simulation_note() -> None:
    report = analyze_bank(_bank(), "sha256:x", _consistent(10))
    assert "simulated" not in render_text(report)


def test_bank_text_is_escaped_in_the_text_report() -> None:
    report = analyze_bank(_bank(), "sha256:x", _consistent(10))
    text = render_text(report)
    assert "[bold]Beta" in text
    assert "Alpha <dim>\\x1b[2J" in text  # the escape sequence shown, never sent
    assert "\x1b" not in text


def test_json_report_states_the_gate() -> None:
    import json

    report = analyze_bank(_bank(), "sha256:x", _consistent(10))
    data = json.loads(render_json(report, min_alpha=0.7))
    # beta: b2 is constant, so var(total) = var(b1) and alpha = 2 * (1 - var b1 / var b1) = 0
    assert [d["id"] for d in data["dimensions"]] == ["alpha", "beta"]
    forms = {(d["id"], f["role"]): f for d in data["dimensions"] for f in d["forms"]}
    assert forms["beta", "coo"]["alpha"] == pytest.approx(0.0)
    assert forms["alpha", "coo"]["alpha"] == pytest.approx(1.0)
    assert forms["alpha", "cmo"]["alpha"] is None
    assert forms["alpha", "cmo"]["reason"] == "no CMO answered"
    assert data["passed"] is False


# --- local norms ---------------------------------------------------------------------------


def test_percentile_rank_counts_ties_half() -> None:
    from cxo_diag.quality.norms import percentile_rank

    reference = [10.0, 20.0, 30.0, 40.0]
    assert percentile_rank(25.0, reference) == 50.0  # 2 of 4 below
    assert percentile_rank(20.0, reference) == 37.5  # (1 below + 1 tie / 2) / 4
    assert percentile_rank(5.0, reference) == 0.0
    assert percentile_rank(50.0, reference) == 100.0
    assert percentile_rank(7.0, [7.0, 7.0]) == 50.0


def test_place_hides_a_percentile_under_the_minimum_sample() -> None:
    from cxo_diag.quality.norms import Reference, place

    earlier = [{("alpha", "coo"): float(s)} for s in (0, 25, 50, 50, 100)]
    current = {("alpha", "coo"): 75.0, ("beta", "coo"): 10.0}
    shown = place(_bank(), "sha256:x", current, Reference(earlier), min_sample=5)
    by_key = {(n.dimension, n.role): n for n in shown.norms}
    assert by_key["alpha", "coo"].percentile == 80.0
    assert by_key["alpha", "coo"].sample == 5
    assert by_key["beta", "coo"].percentile is None  # no earlier engagement scored beta
    assert by_key["beta", "coo"].sample == 0
    assert ("alpha", "cmo") not in by_key  # no score now and none before: no row
    hidden = place(_bank(), "sha256:x", current, Reference(earlier), min_sample=6)
    assert [n.percentile for n in hidden.norms] == [None, None]


# --- invariants ----------------------------------------------------------------------------

_matrices = st.integers(min_value=2, max_value=5).flatmap(
    lambda k: st.lists(
        st.lists(st.integers(min_value=1, max_value=5), min_size=k, max_size=k),
        min_size=3,
        max_size=12,
    )
)


@given(_matrices, st.integers(min_value=-3, max_value=3))
def test_alpha_does_not_change_when_an_item_is_shifted(matrix: list[list[int]], shift: int) -> None:
    shifted = [[row[0] + shift, *row[1:]] for row in matrix]
    before, after = cronbach_alpha(matrix), cronbach_alpha(shifted)
    if before is None:
        assert after is None
    else:
        assert after == pytest.approx(before)


@given(_matrices)
def test_alpha_is_at_most_one_and_correlations_stay_in_range(matrix: list[list[int]]) -> None:
    alpha = cronbach_alpha(matrix)
    assert alpha is None or alpha <= 1 + 1e-9
    for r in corrected_item_total(matrix):
        assert r is None or -1 - 1e-9 <= r <= 1 + 1e-9


# --- one column per wording, one alpha per role; companies are clusters --------------------------

CMO_MATRIX = [[2, 1, 1], [2, 3, 3], [4, 3, 3], [4, 5, 5]]
"""The CMOs' answers. Item variances 4/3, 8/3, 8/3 (sum 20/3); totals 4 8 10 14, mean 9, devs
-5 -1 1 5, SS 52, variance 52/3; alpha = 3/2 x (1 - 20/52) = 3/2 x 32/52 = 12/13."""


def _worked_answers(
    matrix: list[list[int]] = WORKED, role: str = "coo", start: int = 0
) -> list[AnswerSet]:
    """A matrix as answers to a1, a2 and the reverse-keyed a3 (6 - value)."""
    return [
        _answers(
            start + index,
            {"a1": row[0], "a2": row[1], "a3": 6 - row[2], "b1": 3, "b2": 3},
            role=role,
        )
        for index, row in enumerate(matrix)
    ]


def _both_roles() -> list[AnswerSet]:
    return _worked_answers() + _worked_answers(CMO_MATRIX, "cmo", start=10)


def test_each_role_reads_its_own_wording__one_alpha_per_role_never_pooled() -> None:
    report = analyze_bank(_bank(), "sha256:x", _both_roles(), min_respondents=4)
    coo, cmo = report.form("alpha", "coo"), report.form("alpha", "cmo")
    assert coo.alpha == pytest.approx(27 / 29)
    assert cmo.alpha == pytest.approx(12 / 13)
    assert (coo.respondents, cmo.respondents) == (4, 4)
    # a1 is two statements: each role's column carries its own wording and its own figures
    assert coo.items[0].wording == "I give the CMO time."
    assert cmo.items[0].wording == "The COO gives me time."
    assert coo.items[0].mean == pytest.approx(25 * 1.5)  # answers 1 2 3 4 -> friction 0..75
    assert cmo.items[0].mean == pytest.approx(25 * 2)  # answers 2 2 4 4 -> 25 25 75 75
    data = json.loads(render_json(report))
    dimension = data["dimensions"][0]
    assert "alpha" not in dimension  # no pooled alpha over the two roles exists to print
    assert [f["role"] for f in dimension["forms"]] == ["coo", "cmo"]
    assert dimension["forms"][1]["items"][0]["wording"] == "The COO gives me time."
    text = " ".join(render_text(report, width=200).split())
    assert "As the COO reads it: alpha 0.93 (n=4)" in text
    assert "As the CMO reads it: alpha 0.92 (n=4)" in text
    assert "I give the CMO time." in text and "The COO gives me time." in text


def test_colleagues_of_one_company_count_once_towards_the_minimum_sample() -> None:
    # the four COOs of the worked matrix, two of them from the same company (acme)
    sets = [
        a.model_copy(update={"engagement": e})
        for a, e in zip(_worked_answers(), ["acme", "acme", "beta", "gamma"], strict=True)
    ]
    report = analyze_bank(_bank(), "sha256:x", sets, min_respondents=4)
    coo = report.form("alpha", "coo")
    assert (coo.respondents, coo.companies, coo.alpha) == (4, 3, None)
    assert coo.reason == (
        "only 3 companies among the 4 respondents who answered every item (at least 4 needed; "
        "colleagues of one company count once)"
    )
    lower = analyze_bank(_bank(), "sha256:x", sets, min_respondents=3).form("alpha", "coo")
    assert lower.alpha == pytest.approx(27 / 29)
    assert lower.companies == 3
    assert "n=4 from 3 companies" in render_text(
        analyze_bank(_bank(), "sha256:x", sets, min_respondents=3), width=200
    )


def test_files_without_an_engagement_are_a_company_each() -> None:
    report = analyze_bank(_bank(), "sha256:x", _worked_answers(), min_respondents=4)
    assert report.form("alpha", "coo").companies == 4
    assert report.companies == 4


def test_the_gate_holds_every_leader_role__a_role_nobody_answered_fails_it() -> None:
    report = analyze_bank(_bank(), "sha256:x", _worked_answers(), min_respondents=4)
    failing = report.below(0.5)
    assert [(f.dimension, f.role) for f in failing] == [
        ("alpha", "cmo"),
        ("beta", "coo"),  # b1 and b2 are answered 3 by everyone: no alpha
        ("beta", "cmo"),
    ]
    text = " ".join(render_text(report, min_alpha=0.5, width=200).split())
    assert "2 dimension(s) below alpha 0.5: alpha (CMO), beta (COO, CMO)" in text


# --- the reliability block to paste into the bank --------------------------------------------


def test_reliability_block__the_least_precise_role_alpha_rounded_down_sd_up() -> None:
    # Frictions are (value - 1) * 25, so each score is 25/3 x (row total - 3).
    # COO: totals 5 7 10 12, score variance (25/3)^2 x 29/3, sd 25.909; alpha 27/29;
    #   one item's error = sd x sqrt(1 - alpha) x sqrt(3) = 25.909 x 0.2626 x 1.732 = 11.79.
    # CMO: totals 4 8 10 14, variance 52/3, sd = 25/3 x sqrt(52/3) = 34.694; alpha 12/13;
    #   one item's error = 34.694 x sqrt(1/13) x sqrt(3) = 16.67: larger, so the CMO's block.
    report = analyze_bank(_bank(), "sha256:x", _both_roles(), min_respondents=4)
    assert report.form("alpha", "coo").sd == pytest.approx(25 / 3 * math.sqrt(29 / 3))
    assert report.form("alpha", "cmo").sd == pytest.approx(25 / 3 * math.sqrt(52 / 3))
    blocks = reliability_blocks(report)  # beta: everyone answers 3, no alpha, no block
    assert [(b.dimension, b.role, b.alpha, b.sd, b.n) for b in blocks] == [
        ("alpha", "cmo", 0.92, 34.7, 4)
    ]
    source = "cxo-diag analyze: 4 CMO respondents, tiny 1.0.0; the largest error of COO, CMO"
    assert blocks[0].yaml() == (f'reliability: {{alpha: 0.92, sd: 34.7, n: 4, source: "{source}"}}')
    text = render_text(report, width=200)
    assert "To paste into the bank, under each dimension" in text
    assert blocks[0].yaml() in text
    assert json.loads(render_json(report))["dimensions"][0]["reliability"] == {
        "alpha": 0.92,
        "sd": 34.7,
        "n": 4,
        "source": source,
        "role": "cmo",
    }


def test_reliability_block__none_while_a_leader_role_has_no_alpha() -> None:
    report = analyze_bank(_bank(), "sha256:x", _worked_answers(), min_respondents=4)
    assert report.form("alpha", "coo").alpha == pytest.approx(27 / 29)
    assert reliability_blocks(report) == []  # the CMO's reading is unmeasured


def test_reliability_block__never_from_simulated_answers() -> None:
    answers = [a.model_copy(update={"engagement": SIMULATED_ENGAGEMENT}) for a in _both_roles()]
    report = analyze_bank(_bank(), "sha256:x", answers, min_respondents=4)
    assert reliability_blocks(report) == []
    assert "To paste into the bank" not in render_text(report, width=200)
