"""G1: each report format of the fixture engagement is byte-identical to its golden file.

Width 100, no colour, fixed clock. On a deliberate change: `pytest tests/golden
--update-golden`, then read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.golden.engagement import golden_diagnosis

from cxo_diag.report.render import render

GOLDEN = Path(__file__).resolve().parent
FORMATS = {
    "terminal": "report.txt",
    "markdown": "report.md",
    "html": "report.html",
    "json": "report.json",
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_g1_report_matches_its_golden_file(fmt: str, update_golden: bool) -> None:
    path = GOLDEN / FORMATS[fmt]
    rendered = render(golden_diagnosis(), fmt, color=False, width=100)
    if update_golden:
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_g1_rendering_twice_gives_the_same_bytes(fmt: str) -> None:
    assert render(golden_diagnosis(), fmt) == render(golden_diagnosis(), fmt)
