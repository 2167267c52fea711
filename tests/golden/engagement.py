"""The fixture engagement behind the golden reports (tests/fixtures/answers/report/).

Three respondents (COO, CMO, an observing CEO) in round 2 of a bank full of hostile text,
compared with round 1, at a fixed clock. Every number in the golden files was checked by
hand against docs/scoring.md (see tests/golden/README.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cxo_diag.answers import AnswerSet, read_answers_file
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import open_bank
from cxo_diag.scoring import Diagnosis, diagnose

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "answers" / "report"
BANK = FIXTURES / "bank.yaml"
ROUND_1 = ("ada-round1.yaml", "ben-round1.yaml")
ROUND_2 = ("ada-round2.yaml", "ben-round2.yaml", "cy-round2.yaml")
CLOCK = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def fixture_bank() -> Bank:
    return open_bank(str(BANK)).bank


def answer_sets(names: tuple[str, ...]) -> list[AnswerSet]:
    return [read_answers_file(FIXTURES / name) for name in names]


def golden_diagnosis() -> Diagnosis:
    bank = fixture_bank()
    previous = diagnose(bank, answer_sets(ROUND_1))
    return diagnose(bank, answer_sets(ROUND_2), generated_at=CLOCK, previous=previous)
