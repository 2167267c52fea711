"""The fixture engagement behind the golden reports (tests/fixtures/answers/report/).

Three respondents (COO, CMO, an observing CEO) in round 2 of a bank full of hostile text,
compared with round 1, at a fixed clock, with notes and an organisation of hostile text too;
and Ada's answers alone, as her self-assessment. Every number in the golden files was
checked by hand against docs/scoring.md (see tests/golden/README.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cxo_diag.answers import AnswerSet, read_answers_file
from cxo_diag.app.context import with_context
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import open_bank
from cxo_diag.scoring import Diagnosis, diagnose

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "answers" / "report"
BANK = FIXTURES / "bank.yaml"
ROUND_1 = ("ada-round1.yaml", "ben-round1.yaml")
ROUND_2 = ("ada-round2.yaml", "ben-round2.yaml", "cy-round2.yaml")
CLOCK = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
ORGANISATION = "Acme & <Sons> *Ltd*"


def fixture_bank() -> Bank:
    return open_bank(str(BANK)).bank


def answer_sets(names: tuple[str, ...]) -> list[AnswerSet]:
    return [read_answers_file(FIXTURES / name) for name in names]


def golden_diagnosis() -> Diagnosis:
    bank = fixture_bank()
    previous = diagnose(bank, answer_sets(ROUND_1))
    sets = answer_sets(ROUND_2)
    diagnosis = diagnose(bank, sets, generated_at=CLOCK, previous=previous)
    return with_context(diagnosis, bank, sets, organisation=ORGANISATION)


def solo_diagnosis() -> Diagnosis:
    """Ada's answers alone, as her own self-assessment report shows them."""
    bank = fixture_bank()
    sets = answer_sets(ROUND_2[:1])
    sets = [s.model_copy(update={"engagement": None}) for s in sets]
    return with_context(diagnose(bank, sets, generated_at=CLOCK), bank, sets)
