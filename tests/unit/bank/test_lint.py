"""Item-writing lints. Rules:

LI01 double-barrelled (W205): two predicates joined by and/or are flagged; subject pairs,
     noun pairs, fixed pairs and pairs after between/both/either are not.
LI02 double negative (W206): two negators in a clause, or a negator before a negative word.
LI03 reading level (W207): Flesch-Kincaid grade above the limit; syllables by heuristic.
LI04 leading or loaded wording (W208): a small documented word list; "clearly" only as a
     comment on the whole claim.
LI05 unbalanced scale (W209): as many disagreeing as agreeing labels around one midpoint.
LI06 the built-in banks pass every lint (validate --strict).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from tests.helpers import REPO

from cxo_diag.bank.check import check_bank
from cxo_diag.bank.english.double_barrelled import double_barrelled
from cxo_diag.bank.english.loaded import loaded_wording
from cxo_diag.bank.english.negation import double_negative
from cxo_diag.bank.english.reading_level import grade_level, syllables
from cxo_diag.bank.english.scale_labels import scale_imbalance
from cxo_diag.bank.load import load_bank
from cxo_diag.findings import Finding

# --- LI01 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My counterpart shares information openly and respects my decisions.",
        "We agree on priorities and stick to them.",
        "I trust the COO and the CMO trusts me.",
        "Budgets are fair and transparent.",
        "We are open and honest with each other.",
        "Our goals are set jointly and reviewed monthly.",
        "When we disagree, we settle it in the room and move on.",
        "The CMO listens to my concerns, and we find a compromise.",
        "The COO explains the budget or asks me to wait.",
        "I plan the launch and the teams decide the dates.",
        "We cut research and development costs and the CMO objects.",
    ],
)
def test_two_claims_joined_by_and_or_are_double_barrelled__error(text: str) -> None:
    """LI01"""
    assert double_barrelled(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Between you and me, the budget is tight.",
        "The COO and the CMO agree on priorities.",
        "The COO and I rarely agree on priorities and timelines.",
        "The COO cuts research and development first.",
        "We share goals and plans for the year.",
        "The CMO shares goals and plans for the year.",
        "When budgets are tight the COO and the CMO argue.",
        "I trust the COO and the CMO.",
        "We talk openly and often.",
        "Both the COO and the CMO attend the review.",
        "We discuss pricing and product priorities.",
        "Decisions are made by the COO and the CMO together.",
        "Either the COO or the CMO has the final say.",
        "We meet once or twice a month.",
        "Sales and marketing agree on one forecast.",
        "Our roles in planning and delivery are clear.",
        "Budget talks between the two functions end with one side feeling it lost.",
    ],
)
def test_one_claim_about_a_pair_is_not_double_barrelled__ok(text: str) -> None:
    """LI01"""
    assert double_barrelled(text) is None


def test_the_detail_quotes_the_joining_words_as_written() -> None:
    """LI01"""
    assert double_barrelled("Budgets are fair and transparent.") == "'are fair and transparent'"
    assert double_barrelled("I trust the COO and the CMO trusts me.") == (
        "'the COO and the CMO trusts'"
    )


# --- LI02 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("I do not disagree with the CMO's plans.", "'not disagree'"),
        ("The COO never does not deliver on time.", "'never ... not'"),
        ("It is not unusual for us to argue.", "'not unusual'"),
        ("We don't have no process for disputes.", "'don't ... no'"),
        ("The CMO isn't unfair in budget talks.", "'isn't unfair'"),
        ("We do not reach decisions without a fight.", "'not ... without'"),
    ],
)
def test_two_negations_in_one_clause_are_a_double_negative__error(text: str, detail: str) -> None:
    """LI02"""
    assert double_negative(text) == detail


@pytest.mark.parametrize(
    "text",
    [
        "It is unclear who decides on new marketing technology.",
        "I do not understand the CMO's budget.",
        "We no longer argue about budgets.",
        "Neither the COO nor the CMO owns pricing.",
        "When we disagree, nobody escalates to the CEO.",
        "I do not know the plan, and I never ask.",
        "The CMO does not undermine my decisions.",
    ],
)
def test_a_single_negation_is_not_a_double_negative__ok(text: str) -> None:
    """LI02"""
    assert double_negative(text) is None


# --- LI03 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("budget", 2),
        ("decisions", 3),
        ("table", 2),
        ("priorities", 4),
        ("made", 1),
        ("agreed", 2),
        ("wanted", 2),
        ("decides", 2),
        ("notes", 1),
        ("changes", 2),
        ("uses", 2),
        ("CMO", 1),
        ("long-term", 2),
        ("organisational", 6),
        ("period", 3),
        ("agenda", 3),
    ],
)
def test_syllables_by_heuristic(word: str, count: int) -> None:
    """LI03"""
    assert syllables(word) == count


def test_grade_of_a_sentence_worked_by_hand() -> None:
    """LI03: "We each know which decisions are ours to make." has 9 words in 1 sentence and
    1+1+1+1+3+1+1+1+1 = 11 syllables: 0.39 * 9 + 11.8 * 11/9 - 15.59 = 2.3322..."""
    assert grade_level("We each know which decisions are ours to make.") == pytest.approx(
        0.39 * 9 + 11.8 * 11 / 9 - 15.59
    )


def test_grade_counts_the_words_of_a_hyphenated_compound() -> None:
    """LI03: "The CMO dismisses operational data as short-sighted." is 8 words (short-sighted
    counts two) and 1+1+3+5+2+1+1+2 = 16 syllables: 0.39 * 8 + 11.8 * 2 - 15.59 = 11.13."""
    assert grade_level("The CMO dismisses operational data as short-sighted.") == pytest.approx(
        0.39 * 8 + 11.8 * 16 / 8 - 15.59
    )


def test_grade_counts_sentences() -> None:
    """LI03: two sentences of 3 one-syllable words: 0.39 * 3 + 11.8 * 1 - 15.59."""
    assert grade_level("We meet weekly. We plan.") != grade_level("We meet weekly we plan.")
    assert grade_level("We meet once. We plan it.") == pytest.approx(0.39 * 3 + 11.8 - 15.59)


# --- LI04 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Obviously the CMO spends too much.", "'obviously'"),
        ("Clearly, the COO decides alone.", "'clearly'"),
        ("The CMO always gets the last word.", "'always'"),
        ("Everyone knows the COO cuts marketing first.", "'everyone knows'"),
        ("The COO fails to consult me.", "'fails to'"),
        ("I blame the CMO for missed targets.", "'blame'"),
        ("The CMO refuses to share data.", "'refuses to'"),
    ],
)
def test_leading_or_loaded_words_are_flagged__error(text: str, detail: str) -> None:
    """LI04"""
    assert loaded_wording(text) == detail


@pytest.mark.parametrize(
    "text",
    [
        "The COO explains priorities clearly.",
        "Our roles are clearly defined.",
        "We each know which decisions are ours to make.",
        "Our high-stakes meetings turn personal.",
        "The CMO fails often, in my view, to ask.",  # "fails" without "to" right after
        "Budget talks end with one side feeling it lost.",
    ],
)
def test_neutral_wording_is_not_loaded__ok(text: str) -> None:
    """LI04"""
    assert loaded_wording(text) is None


# --- LI05 ---------------------------------------------------------------------------------

AGREE5 = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


@pytest.mark.parametrize(
    "labels",
    [
        AGREE5,
        AGREE5[::-1],
        ["Disagree", "Agree"],
        ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
        ["Never", "Rarely", "Sometimes", "Often", "Always"],
        ["1", "2", "3", "4", "5"],
    ],
)
def test_balanced_or_unipolar_scales_pass__ok(labels: list[str]) -> None:
    """LI05"""
    assert scale_imbalance(labels) is None


@pytest.mark.parametrize(
    ("labels", "detail"),
    [
        (
            ["Disagree", "Neutral", "Agree", "Strongly agree", "Completely agree"],
            "1 disagreeing and 3 agreeing label(s)",
        ),
        (
            ["Disagree", "Neutral", "Unsure", "Agree"],
            "2 midpoint labels; give at most one",
        ),
        (
            ["Disagree", "Agree", "Neutral", "Strongly agree", "Strongly disagree"],
            "the disagreeing labels are not all at one end with the midpoint between",
        ),
    ],
)
def test_unbalanced_scales_are_flagged__error(labels: list[str], detail: str) -> None:
    """LI05"""
    assert scale_imbalance(labels) == detail


# --- through validate: codes and positions -------------------------------------------------

BANK = """\
schema_version: 1
id: lint-demo
version: 1.0.0
title: Lint demo
roles:
  - {id: coo, title: COO}
  - {id: cmo, title: CMO}
scales:
  - id: lopsided
    points:
      - {value: 1, label: Disagree}
      - {value: 2, label: Agree}
      - {value: 3, label: Strongly agree}
dimensions:
  - id: trust
    title: Trust
    bands:
      - {id: all, label: All, from: 0, to: 100}
questions:
  - id: q1
    dimension: trust
    scale: lopsided
    keyed: harmony
    text: The COO shares information openly and respects my decisions.
    probe: Example?
  - id: q2
    dimension: trust
    scale: lopsided
    text:
      coo: I do not disagree with the CMO's plans.
      cmo: I do not disagree with the COO's plans.
    probe: Example?
  - id: q3
    dimension: trust
    scale: lopsided
    text: Obviously the CMO spends too much.
    probe: Example?
  - id: q4
    dimension: trust
    scale: lopsided
    text: >-
      Interdepartmental prioritisation considerations systematically
      undermine organisational effectiveness.
    probe: Example?
practices:
  - id: p
    title: P
    why: Why.
    first_steps: [One, Two, Three]
    owner: both
    cadence: monthly
    progress_sign: Better.
rules:
  - id: r
    when: {gap: {dimension: trust, at_least: 10}}
    recommend: p
"""


def _lint_findings(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "bank.yaml"
    path.write_text(dedent(text), encoding="utf-8")
    return [
        f for f in check_bank(load_bank(path)) if f.code in {"W205", "W206", "W207", "W208", "W209"}
    ]


def test_lints_report_codes_at_the_wording_position(tmp_path: Path) -> None:
    """LI01-LI05: each lint is a warning at the line and column of the text it is about."""
    found = {(f.code, f.line, f.col) for f in _lint_findings(tmp_path, BANK)}
    assert found == {
        ("W209", 11, 7),  # the scale's points
        ("W205", 24, 11),  # q1 text
        ("W206", 30, 12),  # q2's first wording only (coo); one warning per question
        ("W208", 36, 11),
        ("W207", 41, 11),  # the folded block starts at the '>-'
    }


def test_lint_messages_name_the_question_and_the_words(tmp_path: Path) -> None:
    messages = {f.code: f.message for f in _lint_findings(tmp_path, BANK)}
    assert messages["W205"] == (
        "question 'q1' may ask two things at once ('information openly and respects my decisions')"
    )
    assert messages["W206"] == "question 'q2' contains a double negative ('not disagree')"
    assert messages["W208"] == "question 'q3' uses leading or loaded wording ('obviously')"
    assert (
        messages["W209"]
        == "scale 'lopsided' is not balanced: 1 disagreeing and 2 agreeing label(s)"
    )
    assert messages["W207"].startswith("question 'q4' is hard to read (grade ")


# --- LI06 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["coo-cmo.yaml", "cio-cmo.yaml", "mini.yaml"])
def test_built_in_banks_pass_every_lint__ok(name: str) -> None:
    """LI06"""
    path = REPO / "questionnaires" / name
    findings = [f for f in check_bank(load_bank(path)) if f.code.startswith("W20")]
    assert findings == []
