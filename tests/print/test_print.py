"""PR: the report as a deliverable, printed for real: by the PDF engine (WeasyPrint, the
``pdf`` extra) and by headless Chromium from the HTML file, then read back with pdftotext.

PR001 the budget-war engagement's PDF fits six pages, organisation and summary on page one
PR002 no heading is the last line of a page, in either engine, for either audience
PR003 the client PDF holds no interview note and no individual answer; the consultant's
      holds every note
PR004 printing loads nothing from the network (and the check sees a page that would)
PR005 every page is numbered; pages after the first carry the organisation
PR006 --paper letter lays the PDF out on US Letter; A4 is the default
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxo_diag.answers import read_answers_file
from cxo_diag.cli import app
from tests.helpers import runner
from tests.print.pages import body_lines, chromium_pdf, pages, squash

REPO = Path(__file__).resolve().parents[2]
BUDGET_WAR = REPO / "examples" / "budget-war"
ORGANISATION = "Harbor & Pine Foods"
MAX_PAGES = 6
ANSWER = re.compile(
    r"\b(Strongly disagree|Disagree|Neither agree nor disagree|Agree|Strongly agree) \(\d\)"
)
COUNTS = re.compile(r"\b\d+ of \d+ answered")
"""A per-person figure: how much one respondent answered."""


def run(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The budget-war engagement, as a consultant would have it: both leaders imported."""
    path = str(tmp_path_factory.mktemp("store") / "store.sqlite")
    coo, cmo = BUDGET_WAR / "coo.yaml", BUDGET_WAR / "cmo.yaml"
    run("interview", "budget-war", "--bank", "coo-cmo", "--answers", str(coo),
        "--organisation", ORGANISATION, "--store", path)  # fmt: skip
    run("import", "budget-war", str(cmo), "--store", path)
    return path


@pytest.fixture(scope="module")
def printed(store: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """For each audience, the PDF engine's PDF and Chromium's print of the HTML report."""
    folder = tmp_path_factory.mktemp("printed")
    found: dict[str, Path] = {}
    for audience in ("client", "consultant"):
        pdf = folder / f"{audience}.pdf"
        html = folder / f"{audience}.html"
        for fmt, out in (("pdf", pdf), ("html", html)):
            run("report", "budget-war", "-f", fmt, "--audience", audience, "-o", str(out),
                "--store", store)  # fmt: skip
        found[f"{audience}-engine"] = pdf
        found[f"{audience}-chromium"] = chromium_pdf(html, folder).pdf
        found[f"{audience}-html"] = html
    return found


def notes() -> list[str]:
    texts = []
    for name in ("coo.yaml", "cmo.yaml"):
        texts += list(read_answers_file(BUDGET_WAR / name).notes.values())
    assert texts, "the budget-war example has interview notes"
    return texts


def headings(html_file: Path) -> list[str]:
    text = html_file.read_text(encoding="utf-8")
    found = re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", text, flags=re.DOTALL)
    return [squash(html_lib.unescape(re.sub(r"<[^>]+>", "", inner))) for _, inner in found]


PRINTS = [f"{a}-{e}" for a in ("client", "consultant") for e in ("engine", "chromium")]


@pytest.mark.parametrize("which", PRINTS)
def test_pr001_the_budget_war_report_fits_six_pages__ok(
    printed: dict[str, Path], which: str
) -> None:
    document = pages(printed[which])
    assert 1 <= len(document) <= MAX_PAGES, f"{len(document)} pages"
    first = squash(" ".join(document[0]))
    assert ORGANISATION in first
    assert "CONFIDENTIAL" in first.upper()
    assert "Engagement budget-war" in first
    bank = read_answers_file(BUDGET_WAR / "coo.yaml").bank
    assert f"{bank.id} {bank.version}" in first
    assert "friction per role" in first  # the chart's section
    assert "At a glance" in first and "Start with" in first  # the summary
    assert "1. A joint resource-allocation framework" in first
    assert "Resource allocation: Friction for COO (78.6) and CMO (78.6)" in first


@pytest.mark.parametrize("which", PRINTS)
def test_pr002_no_heading_ends_a_page__ok(printed: dict[str, Path], which: str) -> None:
    audience = which.split("-", maxsplit=1)[0]
    titles = headings(printed[f"{audience}-html"])
    assert len(titles) > 10
    for number, page in enumerate(pages(printed[which])[:-1], start=1):
        last = squash(body_lines(page, ORGANISATION)[-1])
        for title in titles:
            assert not (len(last) >= 6 and last in title), (
                f"page {number} ends with heading {title!r}"
            )


@pytest.mark.parametrize("engine", ["engine", "chromium"])
def test_pr003_the_client_pdf_has_no_note_and_no_answer__ok(
    printed: dict[str, Path], engine: str
) -> None:
    text = squash(" ".join(" ".join(p) for p in pages(printed[f"client-{engine}"])))
    for note in notes():
        assert squash(note)[:40] not in text
    assert not ANSWER.findall(text)
    assert not COUNTS.findall(text)
    assert "Interview notes" not in text


@pytest.mark.parametrize("engine", ["engine", "chromium"])
def test_pr003_the_consultant_pdf_has_every_note__ok(printed: dict[str, Path], engine: str) -> None:
    text = squash(" ".join(" ".join(p) for p in pages(printed[f"consultant-{engine}"])))
    assert "Interview notes, under their questions" in text
    for note in notes():
        assert squash(note)[:40] in text
    assert ANSWER.findall(text)
    assert COUNTS.findall(text)


def test_pr004_printing_loads_nothing_from_the_network__ok(printed: dict[str, Path]) -> None:
    for audience in ("client", "consultant"):
        html = printed[f"{audience}-html"]
        assert chromium_pdf(html, html.parent).requested == []


def test_pr004_the_network_check_sees_a_page_that_loads_something__error(
    tmp_path: Path,
) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<p>x</p><img src="http://127.0.0.1:9/logo.png">', encoding="utf-8")
    assert chromium_pdf(page, tmp_path).requested == ["http://127.0.0.1:9/logo.png"]


def test_pr004_the_pdf_engine_refuses_any_url__error() -> None:
    from cxo_diag.report.pdf import RefusedURL, render_pdf

    with pytest.raises(RefusedURL):
        render_pdf('<p>x</p><img src="http://127.0.0.1:9/logo.png">')


def test_pr005_pages_are_numbered_and_headed_by_the_organisation__ok(
    printed: dict[str, Path],
) -> None:
    document = pages(printed["client-engine"])
    for number, page in enumerate(document, start=1):
        assert f"Page {number} of {len(document)}" in page
        if number > 1:
            assert page[0] == ORGANISATION


def test_pr006_paper_is_a4_by_default_and_letter_on_request__ok(
    store: str, printed: dict[str, Path], tmp_path: Path
) -> None:
    a4 = PdfReader(printed["client-engine"]).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter = tmp_path / "letter.pdf"
    run("report", "budget-war", "-f", "pdf", "--paper", "letter", "-o", str(letter),
        "--store", store)  # fmt: skip
    size = PdfReader(letter).pages[0].mediabox
    assert (round(float(size.width)), round(float(size.height))) == (612, 792)
    assert len(pages(letter)) <= MAX_PAGES
