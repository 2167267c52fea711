"""What a daily user trips on in an interview, in a real pseudo-terminal (issue 21).

DU001 A 60x14 terminal shows the whole screen with the probe: the header (who, round,
      dimension, question number) never scrolls away.
DU002 The interview header names the round.
DU003 Role ids are accepted in any case (--role CMO).
DU004 assess --role that no bank has is refused before anything is asked.
DU005 assess --role narrows the banks offered to those with that role.
DU006 A key that does nothing gets one short line, not the legend again.
"""

from __future__ import annotations

import io

import pyte

from tests.e2e.conftest import MINI, Key, Terminal, expect_screen, finish, press

SMALL = (14, 60)


def _display(log: io.StringIO, size: tuple[int, int]) -> list[str]:
    """What a terminal of ``size`` shows after everything written so far."""
    screen = pyte.Screen(size[1], size[0])
    pyte.Stream(screen).feed(log.getvalue().replace("\n", "\r\n"))
    return [row.rstrip() for row in screen.display]


def test_du001_a_60x14_terminal_keeps_the_header_when_the_probe_is_shown(
    terminal: Terminal,
) -> None:
    child = terminal.spawn(
        "interview", "acme", "--bank", "coo-cmo", "--respondent", "Ana", "--role", "coo",
        size=SMALL,
    )  # fmt: skip
    log = io.StringIO()
    child.logfile_read = log
    expect_screen(child, "question 1 of 59")
    press(child, "?")
    expect_screen(child, "Probe:", "q quit")
    press(child, Key.UP)
    expect_screen(child, "that key does nothing here")
    rows = _display(log, SMALL)
    assert rows[0].startswith("acme · round 1 · Ana (Chief Operating Officer)"), rows
    assert rows[1] == "Timelines and success metrics", rows
    assert rows[2].startswith("question 1 of 59"), rows
    assert any(row.startswith("Probe: ") for row in rows), rows
    assert any("1-5 · n n/a · s skip" in row for row in rows), rows
    assert any(row == "that key does nothing here" for row in rows), rows
    press(child, "q")
    assert finish(child) == 0


def test_du002_du003_the_header_names_the_round_and_the_role_in_any_case(
    terminal: Terminal,
) -> None:
    child = terminal.spawn(
        "interview", "acme", "--bank", str(MINI), "--respondent", "Bo", "--role", "CMO"
    )
    expect_screen(child, "acme · round 1 · Bo (Chief Marketing Officer)", "question 1 of 3")
    press(child, "q")
    assert finish(child) == 0
    again = terminal.spawn(
        "interview", "acme", "--new-round", "--respondent", "Bo", "--role", "Cmo"
    )
    expect_screen(again, "acme · round 2 · Bo (Chief Marketing Officer)", "question 1 of 3")
    press(again, "q")
    assert finish(again) == 0


def test_du004_assess_refuses_a_role_no_bank_has_before_asking(terminal: Terminal) -> None:
    child = terminal.spawn("assess", "--role", "cfo", with_store=False)
    child.expect_exact(["error:", "Which questionnaire?"])
    assert child.after == "error:", "assess asked for a bank before refusing the role"
    expect_screen(child, "no bank has a role 'cfo' (roles: ", "cmo")
    assert finish(child) == 2


def test_du003_du005_assess_takes_the_role_in_any_case_and_offers_only_its_banks(
    terminal: Terminal,
) -> None:
    child = terminal.spawn("assess", "--role", "CIO", "--name", "Cy", with_store=False)
    expect_screen(child, "Cy (Chief Information Officer)", "question 1 of ")
    press(child, "q")
    assert finish(child) == 0
