"""Self-assessment in a real pseudo-terminal: the role is asked, the report ends it, and the
answers file it writes scores the same whether it is scored alone or imported."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

from cxo_diag.answers import read_answers_file
from cxo_diag.cli import app
from tests.e2e.conftest import (
    MINI,
    Key,
    Terminal,
    expect_screen,
    finish,
    press,
    skip_open_questions,
)
from tests.helpers import runner


def test_assess_asks_the_role_and_ends_with_the_personal_report(terminal: Terminal) -> None:
    out = terminal.home / "bo.yaml"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--name", "Bo", "--out", str(out), with_store=False
    )
    expect_screen(child, "Which role is yours?", "1  Chief Operating Officer")
    press(child, "2")
    expect_screen(child, "Bo (Chief Marketing Officer)", "question 1 of 3")
    press(child, "5")
    expect_screen(child, "question 2 of 3")
    press(child, "1")
    expect_screen(child, "question 3 of 3", "the COO weighs its long-term returns")
    press(child, "1")
    expect_screen(child, "open question 1 of 3")
    press(child, Key.ENTER, "Keep the quarterly review", Key.ENTER)
    skip_open_questions(child, first=2)
    expect_screen(child, "Resource allocation", "Your answers file:")
    assert finish(child) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    answer_set = read_answers_file(out)
    assert answer_set.respondent.name == "Bo" and answer_set.respondent.role == "cmo"
    assert answer_set.answers == {"res-01": 5, "res-02": 1, "res-03": 1}
    assert answer_set.open_answers == {"res-open": "Keep the quarterly review"}


def scored(args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_assess_out_then_import_then_report_equals_score(terminal: Terminal) -> None:
    out = terminal.home / "ana.yaml"
    child = terminal.spawn(
        "assess",
        "--bank",
        str(MINI),
        "--role",
        "coo",
        "--name",
        "Ana",
        "--out",
        str(out),
        with_store=False,
    )
    expect_screen(child, "question 1 of 3")
    press(child, "4")
    expect_screen(child, "question 2 of 3")
    press(child, "2")
    expect_screen(child, "question 3 of 3")
    press(child, "n")
    skip_open_questions(child)
    expect_screen(child, "Your answers file:")
    assert finish(child) == 0
    store = str(terminal.store)
    created = runner.invoke(
        app, ["interview", "acme", "--bank", str(MINI), "--answers", str(out), "--store", store]
    )
    assert created.exit_code == 0, created.stderr
    from_store = scored(["report", "acme", "--store", store])
    alone = scored(["score", str(out)])
    for part in ("dimensions", "disagreements", "quality", "practices"):
        assert from_store[part] == alone[part], part
    header = from_store["header"]
    assert isinstance(header, dict)
    assert header["engagement"] == "acme"


def test_assess_refuses_an_existing_out_file_before_asking(terminal: Terminal) -> None:
    out = terminal.home / "taken.yaml"
    out.write_text("mine\n")
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--out", str(out), with_store=False
    )
    expect_screen(child, "already exists; add --force")
    assert finish(child) == 1
    assert out.read_text() == "mine\n"


def test_quitting_assess_keeps_the_answers_so_far_in_the_out_file(terminal: Terminal) -> None:
    out: Path = terminal.home / "part.yaml"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--out", str(out), with_store=False
    )
    expect_screen(child, "Your name in the answers file [")
    press(child, "Dee", Key.ENTER)
    expect_screen(child, "question 1 of 3")
    press(child, "3")
    expect_screen(child, "question 2 of 3")
    press(child, "q")
    expect_screen(child, f"your answers so far are in {out}", f"assess --resume {out}")
    assert finish(child) == 0  # q is a way out, as the legend offers
    assert read_answers_file(out).answers == {"res-01": 3}


def test_quitting_assess_without_out_asks_before_discarding(terminal: Terminal) -> None:
    child = terminal.spawn("assess", "--bank", str(MINI), "--role", "coo", with_store=False)
    expect_screen(child, "you (Chief Operating Officer)", "q quit (answers not kept)")
    press(child, "3")
    expect_screen(child, "question 2 of 3")
    press(child, "q")
    expect_screen(child, "Your 1 answer is not saved anywhere", "d to discard")
    press(child, "d", Key.ENTER)
    expect_screen(child, "Discarded; nothing was kept (to keep your answers, start with --out")
    assert finish(child) == 0
    assert list(terminal.home.iterdir()) == []


def test_enter_at_the_discard_question_goes_back_to_the_questions(terminal: Terminal) -> None:
    child = terminal.spawn("assess", "--bank", str(MINI), "--role", "coo", with_store=False)
    expect_screen(child, "question 1 of 3")
    press(child, "3")
    expect_screen(child, "question 2 of 3")
    press(child, "q")
    expect_screen(child, "d to discard, or Enter to go back to the questions: ")
    press(child, Key.ENTER)
    expect_screen(child, "question 2 of 3")
    press(child, "2", "5")
    skip_open_questions(child)
    expect_screen(child, "Resource allocation")  # the report: every answer was kept in memory
    assert finish(child) == 0
    assert list(terminal.home.iterdir()) == []


def test_quitting_assess_without_out_can_keep_the_answers_in_a_file(terminal: Terminal) -> None:
    kept = terminal.home / "kept.yaml"
    child = terminal.spawn("assess", "--bank", str(MINI), "--role", "coo", with_store=False)
    expect_screen(child, "question 1 of 3")
    press(child, "4")
    expect_screen(child, "question 2 of 3")
    press(child, "n")
    expect_screen(child, "question 3 of 3")
    press(child, "q")
    expect_screen(child, "Type a file name to keep them")
    press(child, *"kept.yaml", Key.ENTER)
    expect_screen(child, "Your name in the answers file [")
    press(child, *"Kay", Key.ENTER)
    expect_screen(child, "your answers so far are in kept.yaml. Continue with:")
    expect_screen(child, "cxo-diag assess --resume kept.yaml")
    assert finish(child) == 0
    saved = read_answers_file(kept)
    assert saved.respondent.name == "Kay"
    assert saved.answers == {"res-01": 4, "res-02": "n/a"}
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_q_at_the_role_chooser_leaves_with_0_and_ctrl_c_with_130(terminal: Terminal) -> None:
    left = terminal.spawn("assess", "--bank", str(MINI), with_store=False)
    expect_screen(left, "Which role is yours?")
    press(left, "q")
    expect_screen(left, "nothing was kept")
    assert finish(left) == 0
    interrupted = terminal.spawn("assess", "--bank", str(MINI), with_store=False)
    expect_screen(interrupted, "Which role is yours?", "q leave")  # the whole screen drawn
    press(interrupted, Key.CTRL_C)
    expect_screen(interrupted, "Interrupted")
    assert finish(interrupted) == 130


def test_assess_out_asks_the_name_with_the_login_name_as_default(terminal: Terminal) -> None:
    typed, default = terminal.home / "typed.yaml", terminal.home / "default.yaml"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--out", str(typed), with_store=False
    )
    expect_screen(child, "Your name in the answers file [")
    press(child, "E", "v", "a", Key.ENTER)
    expect_screen(child, "Eva (Chief Operating Officer)", "question 1 of 3")
    press(child, "2", "q")
    assert finish(child) == 0
    assert read_answers_file(typed).respondent.name == "Eva"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--out", str(default), with_store=False
    )
    expect_screen(child, "Your name in the answers file [")
    child.expect(r"([^\]\r\n]+)\]: ")
    login = child.match.group(1)
    press(child, Key.ENTER)
    expect_screen(child, f"{login} (Chief Operating Officer)", "question 1 of 3")
    press(child, "2", "q")
    assert finish(child) == 0
    assert read_answers_file(default).respondent.name == login


def test_ctrl_c_at_the_name_prompt_exits_130_with_one_line(terminal: Terminal) -> None:
    out = terminal.home / "never.yaml"
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "coo", "--out", str(out), with_store=False
    )
    expect_screen(child, "Your name in the answers file [")
    press(child, Key.CTRL_C)
    expect_screen(child, "error: assess: cancelled; nothing was asked yet")
    assert finish(child) == 130
    assert not out.exists()


def test_assess_resume_continues_where_the_answers_file_stopped(terminal: Terminal) -> None:
    """AS-R: q keeps the answers so far in --out; --resume FILE starts at the first
    unanswered question, keeps the earlier answers and notes, and updates the file."""
    out = terminal.home / "cy.yaml"
    child = terminal.spawn(
        "assess",
        "--bank",
        str(MINI),
        "--role",
        "coo",
        "--name",
        "Cy",
        "--out",
        str(out),
        with_store=False,
    )
    expect_screen(child, "question 1 of 3")
    press(child, "4")
    expect_screen(child, "question 2 of 3")
    press(child, "q")
    assert finish(child) == 0
    assert read_answers_file(out).answers == {"res-01": 4}

    child = terminal.spawn("assess", "--resume", str(out), with_store=False)
    expect_screen(child, "Cy (Chief Operating Officer)", "question 2 of 3")
    press(child, "2")
    expect_screen(child, "question 3 of 3")
    press(child, "5")
    skip_open_questions(child)
    expect_screen(child, "Resource allocation", "Your answers file:")
    assert finish(child) == 0
    resumed = read_answers_file(out)
    assert resumed.answers == {"res-01": 4, "res-02": 2, "res-03": 5}
    assert resumed.respondent.name == "Cy"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_assess_resume_refuses_options_the_file_already_fixes(terminal: Terminal) -> None:
    out = terminal.home / "dee.yaml"
    child = terminal.spawn("assess", "--resume", str(out), "--role", "cmo", with_store=False)
    child.expect("takes the bank, role and name from the file")
    assert finish(child) == 2


def test_assess_report_speaks_to_you_and_keeps_your_note(terminal: Terminal) -> None:
    """AS-N: a note typed with c during assess is in the executive's own report, under its
    question; the report is theirs: "You answered as", no gap column, no talking points."""
    child = terminal.spawn(
        "assess", "--bank", str(MINI), "--role", "cmo", "--name", "Bo", with_store=False
    )
    seen = io.StringIO()
    child.logfile_read = seen
    expect_screen(child, "question 1 of 3")
    press(child, "c", "budget rounds feel rigged", Key.ENTER)
    expect_screen(child, "note saved")
    press(child, "5")
    expect_screen(child, "question 2 of 3")
    press(child, "1")
    expect_screen(child, "question 3 of 3")
    press(child, "1")
    skip_open_questions(child)
    expect_screen(child, "Your self-assessment", "You answered as CMO", "Your notes")
    expect_screen(child, "budget rounds feel rigged")
    assert finish(child) == 0
    screen = seen.getvalue()
    report = screen[screen.index("Your self-assessment") :]
    assert "Dimensions: the friction you see" in report
    assert "Gap" not in report
    assert "Talking points" not in report
    assert "observer" not in report
    assert "Untitled engagement" not in report
