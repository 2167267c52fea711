"""G1: each report format, for each audience, is byte-identical to its golden file.

Width 100, no colour, fixed clock. On a deliberate change: `pytest tests/golden
--update-golden`, then read the diff before committing it. The client's files must not hold
a note or an individual answer; the consultant's hold both (tests/unit/test_audience.py
checks that from the rendered text, the golden files let a reviewer read it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.golden.engagement import golden_diagnosis, solo_diagnosis

from cxo_diag.report.audience import AUDIENCES, Audience
from cxo_diag.report.render import render

GOLDEN = Path(__file__).resolve().parent
FORMATS = {"terminal": "txt", "markdown": "md", "html": "html", "json": "json"}
CASES = [(fmt, audience) for fmt in sorted(FORMATS) for audience in AUDIENCES]


@pytest.mark.parametrize(("fmt", "audience"), CASES)
def test_g1_report_matches_its_golden_file(
    fmt: str, audience: Audience, update_golden: bool
) -> None:
    path = GOLDEN / f"report-{audience}.{FORMATS[fmt]}"
    rendered = render(golden_diagnosis(), fmt, color=False, width=100, audience=audience)
    if update_golden:
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_g1_self_assessment_matches_its_golden_file(fmt: str, update_golden: bool) -> None:
    path = GOLDEN / f"report-self.{FORMATS[fmt]}"
    rendered = render(solo_diagnosis(), fmt, color=False, width=100)
    if update_golden:
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


@pytest.mark.parametrize(("fmt", "audience"), CASES)
def test_g1_rendering_twice_gives_the_same_bytes(fmt: str, audience: Audience) -> None:
    once = render(golden_diagnosis(), fmt, audience=audience)
    assert once == render(golden_diagnosis(), fmt, audience=audience)
