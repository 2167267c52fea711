"""Open answers in the HTML report, in a real headless Chromium.

RB001 A hostile open answer (script, an event handler, markup, Markdown, an escape sequence,
      several lines) shows literally in the consultant's report: nothing runs, no element is
      made from it, its lines stay lines.
RB002 The client's report of the same engagement holds no answer to a question that is not
      shareable, and the shareable one's answers without names.
"""

from __future__ import annotations

from pathlib import Path

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.app.context import with_context
from cxo_diag.bank.registry import open_bank
from cxo_diag.report.render import render
from cxo_diag.scoring import diagnose
from tests.e2e.browser import Browser, browser

__all__ = ["browser"]  # the fixture

HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">'
    " **bold** [red]x[/] \x1b[31m\n# not a heading\n</span></p><b>closed</b>"
)
SHARED = ("Agree the criteria in January", "Payback within a year")


def report(tmp_path: Path, audience: str) -> Path:
    mini = open_bank("mini")
    ref = BankRef(id="mini", version=mini.bank.version, hash=mini.hash)
    sets = [
        AnswerSet(
            bank=ref,
            respondent=Respondent(name="Ana Ruiz", role="coo"),
            answers={"res-01": 5, "res-02": 2, "res-03": 1},
            open_answers={"res-open": HOSTILE, "res-open-criteria": SHARED[1]},
        ),
        AnswerSet(
            bank=ref,
            respondent=Respondent(name="Bo Lind", role="cmo"),
            answers={"res-01": 2, "res-02": 4, "res-03": 3},
            open_answers={"res-open-criteria": SHARED[0]},
        ),
    ]
    diagnosis = with_context(diagnose(mini.bank, sets), mini.bank, sets)
    path = tmp_path / f"{audience}.html"
    path.write_text(render(diagnosis, "html", audience=audience), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_rb001_a_hostile_open_answer_shows_literally(browser: Browser, tmp_path: Path) -> None:
    browser.open(report(tmp_path, "consultant"))
    assert browser.script("return window.__pwned === undefined") is True
    section = browser.find("#open-answers")
    made = section.find_elements("css selector", "script, img, b, a, iframe, h1")
    assert made == []
    shown = section.find_element("css selector", '[data-open-question="res-open"] .own-words')
    visible = HOSTILE.replace("\x1b", "\\x1b")  # an escape sequence is shown, never obeyed
    assert shown.text == visible  # white-space: pre-wrap keeps its lines
    assert "Ana Ruiz (COO)" in section.text
    assert browser.errors() == []


def test_rb002_the_client_reads_only_the_shared_question_unattributed(
    browser: Browser, tmp_path: Path
) -> None:
    browser.open(report(tmp_path, "client"))
    page = browser.find("body").text
    assert "window.__pwned" not in page and "not a heading" not in page
    section = browser.find("#open-answers")
    texts = [e.text for e in section.find_elements("css selector", ".own-words")]
    assert texts == sorted(SHARED)
    assert "Ana" not in section.text and "Bo Lind" not in section.text
    assert "COO" not in section.text and "CMO" not in section.text
