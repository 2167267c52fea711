"""assess --out keeps every answer in its file the moment it is given.

AD001 Killed (SIGKILL) after N answers, the file holds exactly those N answers, mode 0600,
      and --resume continues at question N + 1.
AD002 The file is replaced whole at each answer (temporary file and rename): no temporary
      file is left beside it, and an answer changed by going back is the one kept.
AD003 An open answer is in the file once saved; killed, the file keeps it, and --resume
      continues at the next open question with the written one there to edit.
"""

from __future__ import annotations

import signal
import stat
import time
from pathlib import Path

import pytest

from cxo_diag.answers import read_answers_file
from cxo_diag.bank.registry import open_bank
from tests.e2e.conftest import MINI, Key, Terminal, expect_screen, finish, press

COO_CMO_ANSWERS = ["4", "2", "n", "5", "1", "3", "s", "2"]
TOTAL = len(open_bank("coo-cmo").bank.questions_for("coo"))  # the same for the CMO


def wait_for_answers(path: Path, count: int) -> None:
    """The file is written before the next screen; wait only for the rename to be seen."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if path.exists() and len(read_answers_file(path).answers) == count:
            return
        time.sleep(0.05)


@pytest.mark.parametrize("answered", [1, 5, 8])
def test_ad001_a_killed_assess_out_keeps_every_answer_given(
    terminal: Terminal, answered: int
) -> None:
    out = terminal.home / "kay.yaml"
    child = terminal.spawn(
        "assess", "--bank", "coo-cmo", "--role", "coo", "--name", "Kay", "--out", str(out),
        with_store=False,
    )  # fmt: skip
    for number, key in enumerate(COO_CMO_ANSWERS[:answered], start=1):
        expect_screen(child, f"question {number} of {TOTAL}")
        press(child, key)
    expect_screen(child, f"question {answered + 1} of {TOTAL}")  # the answer's screen has passed
    child.kill(signal.SIGKILL)
    child.wait()
    saved = read_answers_file(out)
    expected = {"4": 4, "2": 2, "n": "n/a", "5": 5, "1": 1, "3": 3, "s": None}
    assert list(saved.answers.values()) == [expected[k] for k in COO_CMO_ANSWERS[:answered]]
    assert saved.respondent.name == "Kay" and saved.bank.id == "coo-cmo"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in terminal.home.iterdir()) == ["kay.yaml"]

    resumed = terminal.spawn("assess", "--resume", str(out), with_store=False)
    expect_screen(resumed, "Kay (Chief Operating Officer)", f"question {answered + 1} of {TOTAL}")
    press(resumed, "q")
    assert finish(resumed) == 0


def test_ad002_going_back_replaces_the_answer_in_the_file(terminal: Terminal) -> None:
    out = terminal.home / "lee.json"
    child = terminal.spawn(
        "assess", "--bank", "coo-cmo", "--role", "cmo", "--name", "Lee", "--out", str(out),
        with_store=False,
    )  # fmt: skip
    expect_screen(child, f"question 1 of {TOTAL}")
    press(child, "2")
    expect_screen(child, f"question 2 of {TOTAL}")
    press(child, "b")
    expect_screen(child, f"question 1 of {TOTAL}")
    press(child, "5")
    expect_screen(child, f"question 2 of {TOTAL}")
    wait_for_answers(out, 1)
    assert out.read_text().lstrip().startswith("{")  # .json: written as JSON
    assert list(read_answers_file(out).answers.values()) == [5]
    child.kill(signal.SIGKILL)
    child.wait()
    assert sorted(p.name for p in terminal.home.iterdir()) == ["lee.json"]


def test_ad003_an_open_answer_is_in_the_file_once_saved_and_survives_a_kill(
    terminal: Terminal,
) -> None:
    out = terminal.home / "kay.yaml"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--name", "Kay", "--out", str(out),
        with_store=False,
    )  # fmt: skip
    press(child, "4", "2", "5")
    expect_screen(child, "open question 1 of 3")
    words = "Ask before <b>cutting</b> [red]x[/]"
    press(child, Key.ENTER, words, Key.ENTER)
    expect_screen(child, "open question 2 of 3")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not read_answers_file(out).open_answers:
        time.sleep(0.05)
    child.kill(signal.SIGKILL)
    child.wait()
    saved = read_answers_file(out)
    assert saved.open_answers == {"res-open": words}
    assert saved.answers == {"res-01": 4, "res-02": 2, "res-03": 5}
    resumed = terminal.spawn("assess", "--resume", str(out), with_store=False)
    expect_screen(resumed, "open question 2 of 3")  # the first one without an answer
    press(resumed, "b")
    expect_screen(resumed, f"Your answer: {words}")
    press(resumed, "q")
    assert finish(resumed) == 0
    assert read_answers_file(out).open_answers == {"res-open": words}
