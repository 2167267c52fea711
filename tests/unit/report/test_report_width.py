"""The terminal report on narrow screens: the whole Dimensions table fits, gap included.

W1 the trust-breakdown example (CIO, CMO and a CEO observer) at 60, 80 and 100 columns:
   no line is wider than the screen, and every dimension's row ends in its gap and who is
   higher, the numbers checked by hand from the example's scores;
W2 at 40 columns every role score and gap is still there, folded rather than cropped;
W3 on a terminal the report width follows the screen down to 40 columns.
"""

from __future__ import annotations

import shutil
import sys
from os import terminal_size

import pytest

from cxo_diag.answers import read_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli.output import report_width
from cxo_diag.report.terminal import render_terminal
from cxo_diag.resources import examples_dir
from cxo_diag.scoring import diagnose
from cxo_diag.scoring.model import Diagnosis

# (dimension title start, CIO, CMO, CEO observer, gap): CMO minus CIO. Since banks 2.0.0 the
# figures are those the scoring tests pin on this example (tests/unit/answers/test_examples.py
# checks trust by hand); this test is about the layout, not the arithmetic.
TRUST_BREAKDOWN = [
    ("Timelines", "50", "100", "75", "50"),
    ("Resource", "50", "78.6", "87.5", "28.6"),
    ("Communication", "45.8", "83.3", "75", "37.5"),
    ("Agility", "54.2", "66.7", "75", "12.5"),
    ("Priorities", "55", "90", "75", "35"),
    ("Roles,", "54.2", "75", "75", "20.8"),
    ("Shared", "40", "70", "62.5", "30"),
    ("Trust", "35.7", "75", "75", "39.3"),
    ("Data", "43.8", "84.4", "81.2", "40.6"),
    ("Open", "50", "66.7", "62.5", "16.7"),
]


@pytest.fixture(scope="module")
def trust_breakdown() -> Diagnosis:
    files = sorted((examples_dir() / "trust-breakdown").glob("*.yaml"))
    answer_sets = [read_answers_file(path) for path in files]
    return diagnose(open_bank(answer_sets[0].bank.id).bank, answer_sets)


def dimension_rows(report: str) -> list[list[str]]:
    """The Dimensions table's rows, each as its cells joined over the row's lines."""
    lines = report.split("Dimensions:", 1)[1].split("Blind spots:", 1)[0].splitlines()
    rows: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            current = (
                cells if not current else [f"{a} {b}" for a, b in zip(current, cells, strict=True)]
            )
        elif current:
            rows.append([" ".join(cell.split()) for cell in current])
            current = []
    return rows


@pytest.mark.parametrize("width", [60, 80, 100])
def test_w1_dimension_table_fits_with_its_gap(trust_breakdown: Diagnosis, width: int) -> None:
    report = render_terminal(trust_breakdown, width=width)
    assert max(len(line) for line in report.splitlines()) <= width
    rows = dimension_rows(report)
    assert len(rows) == len(TRUST_BREAKDOWN)
    for cells, (title, cio, cmo, ceo, gap) in zip(rows, TRUST_BREAKDOWN, strict=True):
        assert len(cells) == 5, cells
        assert cells[0].startswith(title)
        for cell, score in zip(cells[1:4], (cio, cmo, ceo), strict=True):
            assert score in cell.split(), (cell, score)
        assert cells[4].startswith(f"{gap} CMO>CIO ") and " error " in cells[4], cells[4]


def test_w2_forty_columns_keep_every_number(trust_breakdown: Diagnosis) -> None:
    report = render_terminal(trust_breakdown, width=40)
    assert max(len(line) for line in report.splitlines()) <= 40
    rows = dimension_rows(report)
    for cells, (_, cio, cmo, ceo, gap) in zip(rows, TRUST_BREAKDOWN, strict=True):
        assert [cell.split()[0] for cell in cells[1:4]] == [cio, cmo, ceo]
        assert cells[4].startswith(f"{gap} CMO>CIO "), cells[4]


@pytest.mark.parametrize(("columns", "expected"), [(30, 40), (45, 45), (80, 80), (200, 120)])
def test_w3_report_width_follows_the_terminal(
    monkeypatch: pytest.MonkeyPatch, columns: int, expected: int
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: terminal_size((columns, 24)))
    assert report_width() == expected
