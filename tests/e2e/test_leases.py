"""One interview session holds a respondent at a time, in real pseudo-terminals, on SQLite and
PostgreSQL (store/leases.py).

Two terminals resuming the same respondent used to both save: the later key replaced the
earlier answer and both exited 0. Now the second is refused in one line naming the holder,
a killed session's lease is taken over by the next one on this host, and a live one only with
--take-over, after which the old session's next answer is refused, not saved.
"""

from __future__ import annotations

import re
import signal
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pexpect
import pytest

from cxo_diag.app import interviews
from cxo_diag.store.engine import open_store
from tests.e2e.conftest import MINI, Terminal, expect_screen, finish, press


@dataclass
class Shared:
    """Two terminals on one store (an SQLite file or a PostgreSQL URL)."""

    terminal: Terminal
    location: str

    def spawn(self, *args: str) -> pexpect.spawn:
        return self.terminal.spawn(*args, "--store", self.location, with_store=False)

    def answers(self, who: str = "Ana") -> dict[str, object]:
        with open_store(self.location) as store:
            target = interviews.resume_target(store, "acme", who)
        return {qid: stored.value for qid, stored in target.answers.items()}

    def notes(self, who: str = "Ana") -> dict[str, list[str]]:
        with open_store(self.location) as store:
            return interviews.resume_target(store, "acme", who).notes


@pytest.fixture
def shared(terminal: Terminal, store_location: str) -> Iterator[Shared]:
    yield Shared(terminal, store_location)


def start_ana(shared: Shared) -> pexpect.spawn:
    child = shared.spawn(
        "interview", "acme", "--bank", str(MINI), "--respondent", "Ana", "--role", "coo"
    )
    expect_screen(child, "question 1 of 3")
    return child


def one_error_line(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    lines = [line for line in (child.before or "").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, lines
    return errors[0]


def test_a_second_session_on_the_same_respondent_is_refused_naming_the_holder(
    shared: Shared,
) -> None:
    laptop = start_ana(shared)
    press(laptop, "4")
    expect_screen(laptop, "question 2 of 3")
    screen = shared.spawn("resume", "acme", "--respondent", "Ana")
    line = one_error_line(screen)
    assert finish(screen) == 1
    assert "Ana is already being interviewed in another session" in line
    assert f"@{socket.gethostname()}, process {laptop.pid}" in line
    assert "--take-over" in line
    assert "question" not in (screen.before or "")
    press(laptop, "3", "c")
    expect_screen(laptop, "Note (Enter saves")
    laptop.send("said twice\r")
    expect_screen(laptop, "note saved")
    press(laptop, "q")
    assert finish(laptop) == 0
    assert shared.answers() == {"res-01": 4, "res-02": 3}
    assert shared.notes() == {"res-03": ["said twice"]}


def test_the_lease_is_given_back_when_the_session_quits(shared: Shared) -> None:
    laptop = start_ana(shared)
    press(laptop, "4", "q")
    assert finish(laptop) == 0
    screen = shared.spawn("resume", "acme", "--respondent", "Ana")
    expect_screen(screen, "question 2 of 3")
    assert "took" not in (screen.before or "")
    press(screen, "q")
    assert finish(screen) == 0


def test_a_killed_session_is_taken_over_by_the_next_one_on_this_host(shared: Shared) -> None:
    laptop = start_ana(shared)
    press(laptop, "5")
    expect_screen(laptop, "question 2 of 3")
    laptop.kill(signal.SIGKILL)
    assert finish_killed(laptop)
    screen = shared.spawn("resume", "acme", "--respondent", "Ana")
    expect_screen(screen, "took Ana over from ", f"process {laptop.pid}", "question 2 of 3")
    press(screen, "2", "q")
    assert finish(screen) == 0
    assert shared.answers() == {"res-01": 5, "res-02": 2}


def finish_killed(child: pexpect.spawn) -> bool:
    child.expect(pexpect.EOF)
    child.close()
    return bool(child.signalstatus == signal.SIGKILL)


def test_take_over_moves_a_live_session_and_refuses_its_next_answer(shared: Shared) -> None:
    laptop = start_ana(shared)
    press(laptop, "4")
    expect_screen(laptop, "question 2 of 3")
    screen = shared.spawn("resume", "acme", "--respondent", "Ana", "--take-over")
    expect_screen(screen, "took Ana over from", f"process {laptop.pid}", "question 2 of 3")
    press(screen, "1")
    expect_screen(screen, "question 3 of 3")
    press(laptop, "3")
    line = one_error_line(laptop)
    assert finish(laptop) == 1
    assert re.search(r"this interview was taken over by .*, process \d+", line), line
    assert f"process {screen.pid}" in line
    assert "this answer was not saved" in line
    press(screen, "q")
    assert finish(screen) == 0
    assert shared.answers() == {"res-01": 4, "res-02": 1}


def test_a_session_on_another_respondent_is_not_held_up(shared: Shared) -> None:
    laptop = start_ana(shared)
    other = shared.spawn("interview", "acme", "--respondent", "Bo", "--role", "cmo")
    expect_screen(other, "question 1 of 3")
    press(other, "2", "q")
    press(laptop, "3", "q")
    assert (finish(other), finish(laptop)) == (0, 0)
    assert shared.answers("Bo") == {"res-01": 2}
    assert shared.answers("Ana") == {"res-01": 3}
