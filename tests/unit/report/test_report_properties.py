"""RP1: every format renders any diagnosis, and the same diagnosis gives the same bytes."""

from __future__ import annotations

from hypothesis import given, settings
from tests.unit.scoring.test_scoring_properties import engagements

from cxo_diag.answers import AnswerSet
from cxo_diag.bank.model import Bank
from cxo_diag.report.render import FORMATS, render
from cxo_diag.scoring import diagnose


@settings(max_examples=40, deadline=None)
@given(engagements())
def test_rp1_every_format_renders_any_engagement(engagement: tuple[Bank, list[AnswerSet]]) -> None:
    bank, sets = engagement
    diagnosis = diagnose(bank, sets)
    for fmt in FORMATS:
        first = render(diagnosis, fmt)
        assert first and first == render(diagnosis, fmt)
        assert "\x1b" not in first
