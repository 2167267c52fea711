"""Interviews in a real pseudo-terminal, key by key, checked against the store.

mini.yaml asks the COO three questions: res-01 (probe about the last budget round),
res-02, res-03, on a 1..5 scale with 'not applicable'.
"""

from __future__ import annotations

import re
import shlex
import signal

import pexpect
from sqlalchemy import select

from cxo_diag.app import engagements, interviews
from cxo_diag.store import schema
from cxo_diag.store.engine import open_store
from tests.e2e.conftest import (
    MINI,
    Key,
    Terminal,
    expect_screen,
    finish,
    press,
    skip_open_questions,
)


def start_ana(terminal: Terminal) -> pexpect.spawn:
    child = terminal.spawn(
        "interview", "acme", "--bank", str(MINI), "--respondent", "Ana", "--role", "coo"
    )
    expect_screen(child, "Resource allocation", "question 1 of 3", "Budget talks with the CMO")
    return child


def stored_answers(terminal: Terminal, who: str = "Ana") -> dict[str, object]:
    with open_store(terminal.store) as store:
        target = interviews.resume_target(store, "acme", who)
    return {qid: stored.value for qid, stored in target.answers.items()}


def stored_notes(terminal: Terminal, who: str = "Ana") -> dict[str, list[str]]:
    with open_store(terminal.store) as store:
        return interviews.resume_target(store, "acme", who).notes


def test_a_whole_interview_answered_by_keys(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "4")
    expect_screen(child, "question 2 of 3", "I weigh its long-term returns")
    press(child, "2")
    expect_screen(child, "question 3 of 3", "When the CMO asks for more marketing spend")
    press(child, "5")
    # The open questions follow, in the respondent's own words, typed on one line.
    expect_screen(child, "open question 1 of 3", "never scored", "What would you ask the CMO")
    press(child, Key.ENTER)
    expect_screen(child, "Answer (Enter saves")
    press(child, "Bring <b>numbers</b> [red]x[/]", Key.ENTER)
    expect_screen(child, "open question 2 of 3", "Which criterion")
    press(child, "s")
    expect_screen(child, "open question 3 of 3")
    press(child, "b")
    expect_screen(child, "open question 2 of 3")
    press(child, "b")
    expect_screen(child, "open question 1 of 3", "Your answer: Bring <b>numbers</b> [red]x[/]")
    press(child, "s", "s", "s")
    expect_screen(
        child,
        "the interview is complete",
        "3 of 3 answered",
        "1 of 3 open questions answered",
        "cxo-diag report acme",
    )
    assert finish(child) == 0
    assert stored_answers(terminal) == {"res-01": 4, "res-02": 2, "res-03": 5}
    with open_store(terminal.store) as store:
        target = interviews.resume_target(store, "acme", "Ana")
    assert target.open_answers == {"res-open": "Bring <b>numbers</b> [red]x[/]"}


def test_back_skip_note_and_probe(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "?")
    expect_screen(child, "Probe: Tell me about the last budget round")
    press(child, "c")
    expect_screen(child, "Note (Enter saves")
    press(child, "fight in Marhc", Key.BACKSPACE, Key.BACKSPACE, "ch", Key.ENTER)
    expect_screen(child, "Note: fight in March", "note saved")
    press(child, "s")
    expect_screen(child, "question 2 of 3")
    press(child, "b")
    expect_screen(child, "question 1 of 3", "Skipped so far.")
    press(child, "3")
    expect_screen(child, "question 2 of 3")
    press(child, "n")
    expect_screen(child, "question 3 of 3")
    press(child, "s")
    skip_open_questions(child)
    expect_screen(child, "1 question without an answer", "When the CMO asks", "Revisit them now?")
    press(child, "y")
    expect_screen(child, "question 3 of 3 · skipped question 1 of 1")
    press(child, "1")
    expect_screen(child, "the interview is complete")
    assert finish(child) == 0
    assert stored_answers(terminal) == {"res-01": 3, "res-02": "n/a", "res-03": 1}
    assert stored_notes(terminal) == {"res-01": ["fight in March"]}


def test_quit_with_q_then_resume_finishes_it(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "2")
    expect_screen(child, "question 2 of 3")
    press(child, "q")
    expect_screen(child, "Saved: 1 of 3 questions answered. Resume with:")
    child.expect(r"cxo-diag resume [^\r\n]+")
    command = shlex.split(child.after.strip())
    assert finish(child) == 0
    assert command[:5] == ["cxo-diag", "resume", "acme", "--respondent", "Ana"]
    assert command[5:] == ["--store", str(terminal.store)]
    resumed = terminal.spawn(*command[1:], with_store=False)
    expect_screen(resumed, "question 2 of 3", "1 answered")
    press(resumed, "5", "4")
    skip_open_questions(resumed)
    expect_screen(resumed, "the interview is complete")
    assert finish(resumed) == 0
    assert stored_answers(terminal) == {"res-01": 2, "res-02": 5, "res-03": 4}


def test_sigkill_in_the_middle_loses_no_answer_already_given(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "1")
    expect_screen(child, "question 2 of 3")
    press(child, "c", "kept?", Key.ENTER)
    expect_screen(child, "note saved")
    press(child, "4")
    expect_screen(child, "question 3 of 3")
    child.kill(signal.SIGKILL)
    child.expect(r".*")
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert stored_answers(terminal) == {"res-01": 1, "res-02": 4}
    assert stored_notes(terminal) == {"res-02": ["kept?"]}


def test_ctrl_c_saves_and_says_how_to_resume(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "3")
    expect_screen(child, "question 2 of 3")
    press(child, Key.CTRL_C)
    expect_screen(
        child,
        "Interrupted; saved: 1 of 3 questions answered. Resume with:",
        "cxo-diag resume acme",
    )
    assert finish(child) == 130
    assert stored_answers(terminal) == {"res-01": 3}


def test_arrow_keys_and_stray_keys_answer_nothing(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, Key.UP, "x")
    expect_screen(child, "that key does nothing here")
    press(child, "9")
    expect_screen(child, "9 is not an option; answer 1..5")
    press(child, "q")
    assert finish(child) == 0
    assert stored_answers(terminal) == {}


def test_a_second_respondent_joins_and_the_list_shows_both(terminal: Terminal) -> None:
    first = start_ana(terminal)
    press(first, "q")
    assert finish(first) == 0
    second = terminal.spawn("interview", "acme", "--respondent", "Bo", "--role", "cmo")
    expect_screen(second, "Bo (Chief Marketing Officer)", "question 1 of 3")
    press(second, "1", "2")
    expect_screen(second, "question 3 of 3")
    press(second, "q")
    assert finish(second) == 0
    listing = terminal.spawn("engagements")
    expect_screen(listing, "acme", "mini 0.2.0")
    listing.expect(pexpect.EOF)
    text = re.sub(r"\s+", " ", listing.before or "")
    assert "Ana (coo) 0%" in text and "Bo (cmo) 67%" in text, text


def test_two_terminals_interviewing_at_once_keep_every_answer(terminal: Terminal) -> None:
    first = start_ana(terminal)
    press(first, "q")
    assert finish(first) == 0
    ana = terminal.spawn("resume", "acme", "--respondent", "Ana")
    bo = terminal.spawn("interview", "acme", "--respondent", "Bo", "--role", "cmo")
    expect_screen(ana, "question 1 of 3")
    expect_screen(bo, "question 1 of 3")
    for number, (ana_key, bo_key) in enumerate([("1", "5"), ("2", "4"), ("3", "n")], start=2):
        press(ana, ana_key)
        press(bo, bo_key)
        if number <= 3:
            expect_screen(ana, f"question {number} of 3")
            expect_screen(bo, f"question {number} of 3")
    skip_open_questions(ana)
    skip_open_questions(bo)
    expect_screen(ana, "the interview is complete")
    expect_screen(bo, "the interview is complete")
    assert (finish(ana), finish(bo)) == (0, 0)
    assert stored_answers(terminal, "Ana") == {"res-01": 1, "res-02": 2, "res-03": 3}
    assert stored_answers(terminal, "Bo") == {"res-01": 5, "res-02": 4, "res-03": "n/a"}


def test_sigterm_saves_like_ctrl_c(terminal: Terminal) -> None:
    child = start_ana(terminal)
    press(child, "2")
    expect_screen(child, "question 2 of 3")
    child.kill(signal.SIGTERM)
    expect_screen(child, "Interrupted; saved: 1 of 3 questions answered.")
    assert finish(child) == 130
    assert stored_answers(terminal) == {"res-01": 2}


def test_delete_asks_first_on_a_terminal(terminal: Terminal) -> None:
    first = start_ana(terminal)
    press(first, "4")
    expect_screen(first, "question 2 of 3")
    press(first, "q")
    assert finish(first) == 0
    keep = terminal.spawn("delete", "acme")
    expect_screen(keep, "Delete engagement acme and the answers of 1 respondent?")
    press(keep, "n", Key.ENTER)
    expect_screen(keep, "Nothing deleted.")
    assert finish(keep) == 1
    assert stored_answers(terminal) == {"res-01": 4}
    drop = terminal.spawn("delete", "acme")
    expect_screen(drop, "cannot be undone")
    press(drop, "y", Key.ENTER)
    expect_screen(drop, "deleted acme")
    assert finish(drop) == 0
    with open_store(terminal.store) as store:
        assert engagements.summaries(store) == []


def test_ctrl_c_while_typing_an_open_answer_keeps_it_and_resume_edits_it(
    terminal: Terminal,
) -> None:
    child = start_ana(terminal)
    press(child, "4", "2", "5")
    expect_screen(child, "open question 1 of 3")
    press(child, Key.ENTER, "Half a thought")
    expect_screen(child, "Half a thought")
    press(child, Key.CTRL_C)
    assert finish(child) == 130
    with open_store(terminal.store) as store:
        assert interviews.resume_target(store, "acme", "Ana").open_answers == {
            "res-open": "Half a thought"
        }
    resumed = terminal.spawn("resume", "acme", "--respondent", "Ana")
    # Resume starts at the first open question without an answer; b goes back to the one
    # written, whose text is there to edit, not to type again.
    expect_screen(resumed, "open question 2 of 3")
    press(resumed, "b")
    expect_screen(resumed, "Your answer: Half a thought")
    press(resumed, Key.ENTER)
    expect_screen(resumed, "Answer (Enter saves, Esc cancels): Half a thought")
    press(resumed, ", then a whole one", Key.ENTER)
    skip_open_questions(resumed, first=2)
    expect_screen(resumed, "the interview is complete", "1 of 3 open questions answered")
    assert finish(resumed) == 0
    with open_store(terminal.store) as store, store.reading() as connection:
        target = interviews.resume_target(store, "acme", "Ana")
        table = schema.open_answers
        history = [
            row.text for row in connection.execute(select(table.c.text).order_by(table.c.id))
        ]
    assert target.open_answers == {"res-open": "Half a thought, then a whole one"}
    assert history == ["Half a thought", "Half a thought, then a whole one"]
