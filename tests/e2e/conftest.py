"""Helpers for end-to-end tests: cxo-diag in a real pseudo-terminal, driven key by key.

Each test spawns the installed ``cxo-diag`` with pexpect, a fixed terminal (TERM, 100x40
unless a test asks for another size, no colour) and a store in its own tmp folder, waits
for a screen with ``expect_screen``, then presses ``Key``s. ``CXO_DIAG_E2E_TIMEOUT``
(seconds, default 15) bounds each wait.
"""

from __future__ import annotations

import enum
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pytest

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "questionnaires" / "mini.yaml"
TIMEOUT = float(os.environ.get("CXO_DIAG_E2E_TIMEOUT", "15"))


def cli_path() -> str:
    beside = Path(sys.executable).parent / "cxo-diag"
    found = str(beside) if beside.exists() else shutil.which("cxo-diag")
    if found is None:
        raise RuntimeError("cxo-diag is not installed beside this Python nor on PATH")
    return found


class Key(enum.StrEnum):
    """What a key sends down the terminal line."""

    ENTER = "\r"
    ESCAPE = "\x1b"
    BACKSPACE = "\x7f"
    CTRL_C = "\x03"
    UP = "\x1b[A"


@dataclass
class Terminal:
    """A folder with a store and a way to run cxo-diag in a pseudo-terminal there."""

    home: Path
    store: Path
    children: list[pexpect.spawn] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TERM": "xterm",
            "COLUMNS": "100",
            "LINES": "40",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }

    def spawn(
        self, *args: str, with_store: bool = True, size: tuple[int, int] = (40, 100)
    ) -> pexpect.spawn:
        """cxo-diag in a terminal of ``size`` (lines, columns)."""
        arguments = [*args, "--store", str(self.store)] if with_store else list(args)
        child = pexpect.spawn(
            cli_path(),
            arguments,
            env={**self.env(), "COLUMNS": str(size[1]), "LINES": str(size[0])},
            cwd=str(self.home),
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=size,
            preexec_fn=interrupt_as_in_a_shell,
        )
        self.children.append(child)
        return child


def interrupt_as_in_a_shell() -> None:
    """Ctrl-C as in a person's terminal: a non-interactive shell that starts pytest with '&'
    ignores SIGINT, and the children would inherit that (Python keeps an ignored SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    session = Terminal(home=tmp_path, store=tmp_path / "store.sqlite")
    yield session
    for child in session.children:
        if child.isalive():
            child.terminate(force=True)


def expect_screen(child: pexpect.spawn, *texts: str) -> None:
    """Wait until each text has appeared, in this order (a failure shows the screen)."""
    for text in texts:
        try:
            child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            seen = (child.before or "")[-2000:]
            raise AssertionError(f"waited for {text!r}; the terminal showed:\n{seen}") from None


def press(child: pexpect.spawn, *keys: str) -> None:
    for key in keys:
        child.send(key)


#: mini.yaml's open questions, asked of each leader after the three scale items.
MINI_OPEN = 3


def skip_open_questions(child: pexpect.spawn, count: int = MINI_OPEN, first: int = 1) -> None:
    """Leave the open questions from ``first`` on unanswered (s), as a respondent may: they
    are optional."""
    for number in range(first, count + 1):
        expect_screen(child, f"open question {number} of {count}")
        press(child, "s")


def finish(child: pexpect.spawn) -> int:
    """Wait for the process to end; its exit code."""
    child.expect(pexpect.EOF)
    child.close()
    status: int | None = child.exitstatus
    if status is None:
        raise AssertionError(f"cxo-diag ended by signal {child.signalstatus}")
    return status


def write_mini_answers(path: Path, name: str, role: str, answers: dict[str, int]) -> Path:
    """An answers file for the mini bank, as `assess --out` would write it."""
    from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    answer_set = AnswerSet(bank=ref, respondent=Respondent(name=name, role=role), answers=answers)
    write_answers_file(answer_set, path)
    return path
