"""Hostile text from every source, in every medium: shown literally, never obeyed.

Four families of hostile text are put into every text a bank carries (title, role titles,
dimension titles, band labels, question wordings, probes, scale labels, practice title, why,
first steps, sign of progress, open questions), into respondent names, notes, open answers
and engagement names:
rich markup (``[bold red]``), ANSI escape sequences (clear screen, set the window title,
ask the terminal to answer), HTML/JS (``<script>``, an ``onerror`` attribute breaking out of
a quoted value) and a bidirectional override.

HT001 the terminal report (with and without colour) shows each text as written, with control
      characters made visible (``\\x1b``), and sends none of them to the terminal;
HT002 the HTML report shows each text as text: no element, attribute or script from a bank
      or a person reaches the page;
HT003 the Markdown report and the workshop agenda backslash-escape Markdown and HTML (an open
      answer's later lines start no heading, list or quote);
HT004 the interview screen (question, probe, notes, heading, review list, summary) and the
      bank choice show each text literally;
HT005 `engagements`, `report` and `agenda` through the command line show names literally,
      including respondent names imported from answers files;
HT006 a name typed on the command line with control characters is refused in one line;
HT007 a respondent name from an imported answers file (where control characters can hide) is
      shown literally in the lines the commands print themselves: "added ..." and the
      resume command printed on quitting;
HT008 `validate` shows a bank file's name literally (text, colour, GitHub annotations).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.helpers import runner

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.app.context import with_context
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.interview.choice import ChoiceFlow
from cxo_diag.interview.flow import InterviewFlow
from cxo_diag.interview.screens import Heading, render_choice, render_screen, render_summary
from cxo_diag.report.agenda import render_agenda
from cxo_diag.report.render import render
from cxo_diag.scoring import Diagnosis, diagnose
from cxo_diag.text import clean

FAMILIES = {
    "markup": "[bold red]LOUD[/bold red][link=https://evil.example]x[/link]",
    "ansi": "\x1b[2J\x1b]0;pwned\x07\x1b[6n\x9b31m",
    "html": "<script>alert(1)</script><b>bold</b>",
    "attribute": "\"'><img src=x onerror=alert(1)>",
    "bidi": "\u202eevil\u202c",
    "c1": "\x9b2J\x9d0;pwned\x9c\x85",
    "invisible": "Jo\u200bs\u00e9\u200c\u200d\u200e\u200f\u061c\u2066x\u2069\u2060\ufeff",
    "autolink": "see https://evil.example/x, www.evil.example or ana@evil.example.org",
}
"""Each family's hostile text; every source gets its own tag in front (e.g. ``DIM``)."""

SOURCES_IN_REPORTS = [
    "BANK", "DIM", "BAND", "QTEXT", "PROBE", "SCALE", "PRACTICE", "WHY", "STEP", "SIGN",
    "ANA", "BO", "ENGAGEMENT", "ORG", "NOTE", "OQTEXT", "OPEN",
]  # fmt: skip
"""Every text source the consultant's report shows (role titles are shown as role ids)."""

SOURCES_ON_SCREEN = ["BANK", "ROLE", "DIM", "QTEXT", "PROBE", "SCALE", "NOTE", "ANA", "ENGAGEMENT"]


OPEN_LINES = "\n# not a heading\n- not a list\n> not a quote\n1. not a step\n==="
"""What follows the hostile first line of an open answer: text, never a Markdown block."""


def hostile(tag: str, family: str) -> str:
    return f"{tag}:{FAMILIES[family]}"


def hostile_bank(family: str) -> Bank:
    """The mini bank with hostile text in every field a person reads."""
    data: dict[str, Any] = open_bank("mini").bank.model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    data.pop("include")

    def text(tag: str) -> str:
        return hostile(tag, family)

    data["title"] = text("BANK")
    for role in data["roles"]:
        role["title"] = text("ROLE")
    for dimension in data["dimensions"]:
        dimension["title"] = text("DIM")
        for band in dimension["bands"]:
            band["label"] = text("BAND")
    # The model keeps open questions apart; in a bank file they are questions of type open.
    data["questions"] += [q | {"type": "open"} for q in data.pop("open_questions", [])]
    for question in data["questions"]:
        tag = "OQTEXT" if question.get("type") == "open" else "QTEXT"
        wording = question["text"]
        question["text"] = (
            {r: text(tag) for r in wording} if isinstance(wording, dict) else (text(tag))
        )
        question["probe"] = text("PROBE")
    for scale in data["scales"]:
        for point in scale["points"]:
            point["label"] = text("SCALE")
    measured = {dimension["id"] for dimension in data["dimensions"]}
    for practice in data["practices"]:
        # Copied inline, a library practice may address only what this bank measures.
        practice["addresses"] = [d for d in practice["addresses"] if d in measured]
        practice["title"] = text("PRACTICE")
        practice["why"] = text("WHY")
        practice["first_steps"] = [text("STEP")] * 3
        practice["progress_sign"] = text("SIGN")
    return Bank.model_validate(data)


def hostile_answer_sets(bank: Bank, family: str) -> list[AnswerSet]:
    """Ana (COO) and Bo (CMO) far apart, so that bands, gaps and practices all show."""
    ref = BankRef(id=bank.id, version=bank.version, hash=content_hash(bank))
    return [
        AnswerSet(
            bank=ref,
            respondent=Respondent(name=hostile("ANA", family), role="coo"),
            answers={"res-01": 5, "res-02": 1, "res-03": 1},
            notes={"res-01": hostile("NOTE", family)},
            # an open answer of several lines, each starting what Markdown would make a block
            open_answers={"res-open": hostile("OPEN", family) + OPEN_LINES},
        ),
        AnswerSet(
            bank=ref,
            respondent=Respondent(name=hostile("BO", family), role="cmo"),
            answers={"res-01": 1, "res-02": 5, "res-03": 5},
        ),
    ]


def hostile_diagnosis(family: str) -> tuple[Bank, Diagnosis]:
    bank = hostile_bank(family)
    sets = hostile_answer_sets(bank, family)
    diagnosis = diagnose(bank, sets, engagement=hostile("ENGAGEMENT", family))
    return bank, with_context(diagnosis, bank, sets, organisation=hostile("ORG", family))


def squash(text: str) -> str:
    """Without white space and table rules, so text wrapped across lines still matches."""
    return re.sub(r"[\s│┃║─━]", "", text)


def shows_literally(output: str, tags: list[str], family: str) -> None:
    """Each tagged text is in the output as written, controls made visible."""
    for tag in tags:
        expected = clean(hostile(tag, family))
        assert squash(expected) in squash(output), f"{tag} not shown literally"


def obeys_nothing(output: str) -> None:
    """No control character from the hostile text reaches the output."""
    controls = ("\x1b[2J", "\x1b]", "\x07", "\x1b[6n", "\x9b", "\x9c", "\x9d", "\x85")
    invisible = ("\u202e", "\u202c", "\u200b", "\u200c", "\u200e", "\u200f", "\u061c", "\u2066")
    for control in (*controls, *invisible, "\u2060", "\ufeff"):
        assert control not in output, repr(control)


families = pytest.mark.parametrize("family", list(FAMILIES))


# --- HT001 terminal -----------------------------------------------------------------------------


@families
@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
def test_ht001_terminal_report_shows_every_source_literally(family: str, color: bool) -> None:
    _, diagnosis = hostile_diagnosis(family)
    output = render(diagnosis, "terminal", color=color, width=250, audience="consultant")
    obeys_nothing(output)
    if not color:
        assert "\x1b" not in output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)  # the report's own colours, when on
    shows_literally(plain, SOURCES_IN_REPORTS, family)


# --- HT002 HTML ----------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would build: elements with attributes, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@families
def test_ht002_html_report_shows_every_source_as_text(family: str) -> None:
    _, diagnosis = hostile_diagnosis(family)
    html = render(diagnosis, "html", audience="consultant")
    obeys_nothing(html)
    page = Page()
    page.feed(html)
    page.close()
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"script", "img", "b", "a", "iframe"}, tags
    for tag, attributes in page.elements:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert all("evil" not in (value or "") for value in attributes.values())
    shows_literally("".join(page.text), SOURCES_IN_REPORTS, family)


# --- HT003 Markdown and agenda -------------------------------------------------------------------


class GithubPage(Page):
    """Markdown as GitHub renders it (its own cmark-gfm, autolinks on), then as a browser
    reads the HTML."""

    def __init__(self, markdown: str) -> None:
        import cmarkgfm  # type: ignore[import-untyped]

        super().__init__()
        self.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
        self.close()


@families
@pytest.mark.parametrize("medium", ["markdown", "agenda"])
def test_ht003_markdown_and_agenda_escape_every_source(family: str, medium: str) -> None:
    bank, diagnosis = hostile_diagnosis(family)
    output = (
        render(diagnosis, "markdown", audience="consultant")
        if medium == "markdown"
        else render_agenda(diagnosis, bank, "consultant")
    )
    obeys_nothing(output)
    ours = output.replace("@<!-- -->", "@")  # the comment that ends an e-mail autolink
    assert not re.search(r"(?<!\\)<", ours), "an unescaped < reaches the Markdown"
    page = GithubPage(output)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"script", "img", "b", "a", "iframe"}, tags
    shown = "".join(page.text).replace("<!-- raw HTML omitted -->", "")
    for tag in SOURCES_IN_REPORTS:
        expected = clean(hostile(tag, family))
        assert squash(expected) in squash(shown), f"{tag} not shown literally in {medium}"
    assert squash(OPEN_LINES) in squash(shown), f"an open answer's lines changed in {medium}"
    start = output.index("In their own words")
    own_words = GithubPage(output[start : output.index("\n\n", output.index("not a step"))])
    blocks = {tag for tag, _ in own_words.elements} & {"h1", "h2", "blockquote", "ol", "hr"}
    assert blocks <= ({"h2"} if medium == "markdown" else set()), blocks  # only its heading


@families
def test_ht003_json_keeps_the_text_exactly_as_given(family: str) -> None:
    """JSON is for programs: the text is data, unchanged, and JSON-escaped by the encoder."""
    _, diagnosis = hostile_diagnosis(family)
    output = render(diagnosis, "json", audience="consultant")
    obeys_nothing(output)
    data = json.loads(output)
    assert data["header"]["engagement"] == hostile("ENGAGEMENT", family)


# --- HT004 interview screens ---------------------------------------------------------------------


@families
def test_ht004_interview_screen_shows_every_source_literally(family: str) -> None:
    bank = hostile_bank(family)
    flow = InterviewFlow(bank, "coo", notes={"res-01": [hostile("NOTE", family)]})
    heading = Heading(
        respondent=hostile("ANA", family),
        role_title=bank.role("coo").title,
        engagement=hostile("ENGAGEMENT", family),
    )
    flow.press("?")  # show the probe
    for color in (False, True):
        screen = render_screen(flow, heading, color=color, width=250)
        obeys_nothing(screen)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
        shows_literally(plain, SOURCES_ON_SCREEN, family)


@families
def test_ht004_review_summary_and_choice_screens_show_text_literally(family: str) -> None:
    bank = hostile_bank(family)
    heading = Heading(respondent=hostile("ANA", family), role_title=bank.role("coo").title)
    flow = InterviewFlow(bank, "coo", open_answers={"res-open": hostile("OPEN", family)})
    for key in ("s", "s", "s", "?"):  # past the scale items to the first open question
        flow.press(key)
    opened = render_screen(flow, heading, width=250)
    for key in ("s", "s", "s"):
        flow.press(key)
    review = render_screen(flow, heading, width=250)
    summary = render_summary(flow, heading, width=250)
    choice = render_choice(ChoiceFlow(hostile("BANK", family), [hostile("ROLE", family)]))
    for screen, tags in (
        (opened, ["OQTEXT", "OPEN", "PROBE"]),
        (review, ["QTEXT", "ANA"]),
        (summary, ["DIM"]),
        (choice, ["BANK", "ROLE"]),
    ):
        obeys_nothing(screen)
        assert "\x1b" not in screen
        shows_literally(screen, tags, family)


@families
def test_ht004_a_note_being_typed_keeps_printable_characters_only(family: str) -> None:
    bank = hostile_bank(family)
    flow = InterviewFlow(bank, "coo")
    flow.press("c")
    for character in FAMILIES[family]:
        flow.press(character)
    screen = render_screen(flow, Heading(respondent="Ana", role_title="COO"), width=250)
    obeys_nothing(screen)
    assert "\x1b" not in screen


# --- HT005 through the command line --------------------------------------------------------------

CLI_NAME = "[b]Acme[/]<i>&amp;"
"""Short enough for a table cell of the engagements list at 100 columns."""
SHORT_NAMES = {"coo": "Ana[b]\x1b[2J", "cmo": "Bo<b>\x07"}


@pytest.fixture
def hostile_store(tmp_path: Path) -> tuple[str, str]:
    """A store with a hostile engagement name, organisation, bank and imported names."""
    family = "ansi"
    bank = hostile_bank(family)
    bank_file = tmp_path / "hostile.yaml"
    bank_file.write_text(
        yaml.safe_dump(bank.model_dump(mode="json", by_alias=True, exclude_none=True)),
        encoding="utf-8",
    )
    resolved = open_bank(str(bank_file))
    files = []
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    for answer_set in hostile_answer_sets(resolved.bank, family):
        role = answer_set.respondent.role
        path = tmp_path / f"{role}.yaml"
        who = Respondent(name=SHORT_NAMES[role], role=role)
        write_answers_file(answer_set.model_copy(update={"bank": ref, "respondent": who}), path)
        files.append(path)
    store = str(tmp_path / "store.sqlite")
    made = runner.invoke(
        app, ["interview", CLI_NAME, "--bank", str(bank_file), "--answers", str(files[0]),
              "--organisation", CLI_NAME, "--store", store],
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    added = runner.invoke(app, ["import", CLI_NAME, str(files[1]), "--store", store])
    assert added.exit_code == 0, added.stderr
    return store, family


def test_ht005_engagements_list_shows_names_literally(hostile_store: tuple[str, str]) -> None:
    store, _ = hostile_store
    result = runner.invoke(app, ["engagements", "--store", store])
    assert result.exit_code == 0, result.stderr
    obeys_nothing(result.stdout)
    assert "\x1b" not in result.stdout
    rows = result.stdout.splitlines()
    assert any(row.count(CLI_NAME) == 2 for row in rows), result.stdout  # name, organisation
    assert "Ana[b]\\x1b[2J (coo)" in result.stdout
    assert "Bo<b>\\x07 (cmo)" in result.stdout


@pytest.mark.parametrize("command", [["report"], ["report", "--format", "html"], ["agenda"]])
def test_ht005_report_and_agenda_commands_neutralise_stored_text(
    hostile_store: tuple[str, str], command: list[str]
) -> None:
    store, _ = hostile_store
    result = runner.invoke(app, [command[0], CLI_NAME, *command[1:], "--store", store])
    assert result.exit_code == 0, result.stderr
    obeys_nothing(result.stdout)
    assert "\x1b" not in result.stdout
    if command[0] == "agenda":
        assert not re.search(r"(?<!\\)<", result.stdout)
    if command[1:] == ["--format", "html"]:
        page = Page()
        page.feed(result.stdout)
        assert not {tag for tag, _ in page.elements} & {"script", "img"}


@pytest.mark.parametrize("where", ["engagement", "organisation"])
def test_ht006_a_typed_name_with_control_characters_is_refused(where: str, tmp_path: Path) -> None:
    answers = tmp_path / "ana.yaml"
    resolved = open_bank("mini")
    ref = BankRef(id="mini", version=resolved.bank.version, hash=resolved.hash)
    write_answers_file(AnswerSet(bank=ref, respondent=Respondent(name="Ana", role="coo")), answers)
    typed = "acme\x1b]0;pwned\x07"
    engagement, organisation = (typed, "Acme") if where == "engagement" else ("acme", typed)
    store = tmp_path / "s.sqlite"
    result = runner.invoke(
        app, ["interview", engagement, "--bank", "mini", "--organisation", organisation,
              "--answers", str(answers), "--store", str(store)],
    )  # fmt: skip
    assert result.exit_code == 2, result.stdout
    assert result.stderr == f"error: the {where} name contains control characters\n"


def test_ht004_in_a_real_terminal_no_sequence_from_the_bank_is_sent(tmp_path: Path) -> None:
    """The bytes a real terminal receives: the bank's sequences arrive as visible text."""
    from tests.e2e.conftest import Terminal, expect_screen, finish

    bank_file = tmp_path / "hostile.yaml"
    bank = hostile_bank("ansi")
    bank_file.write_text(
        yaml.safe_dump(bank.model_dump(mode="json", by_alias=True, exclude_none=True)),
        encoding="utf-8",
    )
    terminal = Terminal(home=tmp_path, store=tmp_path / "store.sqlite")
    child = terminal.spawn(
        "interview", "acme", "--bank", str(bank_file), "--respondent", "Ana", "--role", "coo"
    )
    received = io.StringIO()
    child.logfile_read = received
    expect_screen(child, "question 1 of 3")
    child.send("?")
    expect_screen(child, "PROBE:\\x1b[2J\\x1b]0;pwned\\x07\\x1b[6n\\x9b31m")
    child.send("q")
    assert finish(child) == 0
    for sequence in ("\x1b]0;", "\x07", "\x1b[6n", "\x9b"):
        assert sequence not in received.getvalue()
    assert "BANK:\\x1b[2J" in received.getvalue()


# --- HT007 names from imported answers files in the command's own lines --------------------------

EVIL_NAME = "Bo\x1b]0;pwned\x07\x1b[2J"


def evil_answers_file(folder: Path, answers: dict[str, Answer]) -> Path:
    resolved = open_bank("mini")
    ref = BankRef(id="mini", version=resolved.bank.version, hash=resolved.hash)
    path = folder / "bo.yaml"
    who = Respondent(name=EVIL_NAME, role="cmo")
    write_answers_file(AnswerSet(bank=ref, respondent=who, answers=answers), path)
    return path


def test_ht007_import_and_interview_answers_name_an_imported_respondent_literally(
    tmp_path: Path,
) -> None:
    bo = evil_answers_file(tmp_path, {"res-01": 2})
    store = str(tmp_path / "store.sqlite")
    made = runner.invoke(
        app, ["interview", "acme", "--bank", "mini", "--answers", str(bo), "--store", store]
    )
    assert made.exit_code == 0, made.stderr
    again = runner.invoke(app, ["import", "acme", str(bo), "--new-round", "--store", store])
    assert again.exit_code == 0, again.stderr
    for result in (made, again):
        obeys_nothing(result.stdout)
        assert "\x1b" not in result.stdout
        assert "Bo\\x1b]0;pwned\\x07\\x1b[2J (cmo)" in result.stdout


def test_ht007_the_resume_command_printed_at_quit_shows_the_name_literally(
    tmp_path: Path,
) -> None:
    from tests.e2e.conftest import Terminal, expect_screen, finish

    terminal = Terminal(home=tmp_path, store=tmp_path / "store.sqlite")
    bo = evil_answers_file(tmp_path, {"res-01": 2})
    made = runner.invoke(
        app, ["interview", "acme", "--bank", "mini", "--answers", str(bo),
              "--store", str(terminal.store)],
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    child = terminal.spawn("resume", "acme", "--respondent", EVIL_NAME)
    received = io.StringIO()
    child.logfile_read = received
    expect_screen(child, "question 2 of 3")
    child.send("q")
    expect_screen(child, "Resume with:", "--respondent 'Bo\\x1b]0;pwned\\x07\\x1b[2J'")
    assert finish(child) == 0
    for sequence in ("\x1b]0;", "\x07"):
        assert sequence not in received.getvalue()


# --- HT008 file names ---------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_ht008_validate_shows_a_hostile_file_name_literally(
    output_format: str, tmp_path: Path
) -> None:
    """A file name in a bank repository is text from a person too (a pull request can add one)."""
    broken = tmp_path / "bank\x1b]0;pwned\x07[bold]x.yaml"
    broken.write_text("schema_version: 1\nbogus: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", output_format, str(broken)])
    assert result.exit_code == 1
    obeys_nothing(result.stdout)
    assert "\x1b" not in result.stdout
    assert "bank\\x1b]0;pwned\\x07[bold]x.yaml" in result.stdout


def test_ht008_findings_in_colour_show_a_hostile_file_name_literally(tmp_path: Path) -> None:
    from cxo_diag.bank.validate import validate_paths
    from cxo_diag.report.findings import render_text

    broken = tmp_path / "bank\x1b]0;pwned\x07[bold]x.yaml"
    broken.write_text("schema_version: 1\nbogus: 1\n", encoding="utf-8")
    result, missing = validate_paths([broken])
    assert missing == []
    output = render_text(result, color=True, width=250)
    obeys_nothing(output)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "bank\\x1b]0;pwned\\x07[bold]x.yaml" in plain
