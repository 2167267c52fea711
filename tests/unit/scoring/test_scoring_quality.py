"""Answer-quality flags for respondents whose answers carry little: n/a and nothing usable.

Q1 a respondent who marked every question n/a is flagged "no usable answers", and the
   report no longer says "No concerns";
Q2 n/a on half or more of the answered questions (at least 3 of them) is "mostly n/a";
Q3 fewer n/a than that, or under half, is no concern.
"""

from __future__ import annotations

import pytest
from tests.unit.scoring.test_scoring import answers, make_bank, question

from cxo_diag.answers import Answer
from cxo_diag.report.render import render
from cxo_diag.scoring import Diagnosis, diagnose

QUESTIONS = [f"q{n}" for n in range(1, 9)]


def diagnosis_of(given: dict[str, Answer]) -> Diagnosis:
    bank = make_bank([question(qid) for qid in QUESTIONS])
    return diagnose(bank, [answers(bank, "coo", given, name="Ana Ruiz")])


def test_q1_all_n_a_is_no_usable_answers() -> None:
    diagnosis = diagnosis_of(dict.fromkeys(QUESTIONS, "n/a"))
    (flag,) = diagnosis.quality
    assert (flag.kind, flag.respondent, flag.role) == ("no-usable-answers", "Ana Ruiz", "coo")
    assert "8 n/a, 0 skipped, 0 not reached" in flag.message
    assert flag.questions == QUESTIONS


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_q1_the_report_names_the_concern(fmt: str) -> None:
    text = render(diagnosis_of(dict.fromkeys(QUESTIONS, "n/a")), fmt, width=120)
    assert "No usable answers" in text
    assert "No concerns" not in text


def test_q1_only_skips_are_no_usable_answers_either() -> None:
    diagnosis = diagnosis_of({"q1": "n/a", "q2": None, "q3": None})
    (flag,) = diagnosis.quality
    assert flag.kind == "no-usable-answers"
    assert "1 n/a, 2 skipped, 5 not reached" in flag.message


def test_q2_half_n_a_with_three_of_them_is_mostly_n_a() -> None:
    # 3 n/a and 3 numeric answers (2 questions not reached): 3 of 6 = 50 %.
    given: dict[str, Answer] = {"q1": "n/a", "q2": "n/a", "q3": "n/a", "q4": 1, "q5": 2, "q6": 3}
    (flag,) = diagnosis_of(given).quality
    assert flag.kind == "mostly-n/a"
    assert flag.message.startswith("marked 3 of 6 answered questions n/a")
    assert flag.questions == ["q1", "q2", "q3"]


@pytest.mark.parametrize(
    "given",
    [
        # two n/a of three: over half, but too few to say much
        {"q1": "n/a", "q2": "n/a", "q3": 4},
        # three n/a of seven answered: under half
        {"q1": "n/a", "q2": "n/a", "q3": "n/a", "q4": 1, "q5": 2, "q6": 3, "q7": 4},
    ],
)
def test_q3_some_n_a_is_no_concern(given: dict[str, Answer]) -> None:
    assert diagnosis_of(given).quality == []
