"""Faults in real processes: SIGKILL mid-interview, an unwritable store, a full disk, a
store locked by another process. Saved answers are never lost and the store stays sound.

FT001 SIGKILL at seeded random points of seeded random interviews, run after run on one
      store: every answer and note the screen acknowledged (the next screen appeared) is in
      the store, the key in flight is saved whole or not at all, the store passes
      `PRAGMA integrity_check`, and the next `resume` starts exactly where the store says.
FT002 a store location the process cannot write (a folder mode 0500; run as root, the
      command runs without the power to override file permissions) is one line naming the
      store, for a new store and for saving into an existing one; nothing saved is lost.
FT003 a full disk (a file-size limit on the process) is one line; earlier answers stay and
      the store stays sound; `assess` still shows the report before saying its answers file
      could not be written.
FT004 a store held by another process: a command waits for it (and succeeds once it is
      free), or after CXO_DIAG_BUSY_TIMEOUT says so in one line, having saved nothing half.
FT005 an interview whose store is held by another process when an answer is given stops
      with one line and keeps the answers given before.
FT006 random bytes typed into an interview (escape sequences, invalid UTF-8, controls, not
      the terminal's own signal keys) leave it running; it quits cleanly, and the store
      holds only valid answers and printable notes.
FT007 an import SIGKILLed at a random moment leaves all of its batch or none of it, and a
      sound store.

The SIGKILL campaign is a plain function, so benchmarks/reliability.py runs it with more
runs outside pytest.
"""

from __future__ import annotations

import ctypes
import io
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pytest

from cxo_diag.answers import Answer
from cxo_diag.app import engagements, interviews
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import open_bank
from cxo_diag.errors import NotFound
from cxo_diag.interview.effects import MemorySink, apply
from cxo_diag.interview.flow import ACTIVE_MODES, InterviewFlow, Mode
from cxo_diag.interview.keys import Key as FlowKey
from cxo_diag.interview.screens import Heading, render_screen
from cxo_diag.store.engine import open_store
from cxo_diag.terminal_keys import CLEAR_SCREEN
from tests.e2e.conftest import (
    MINI,
    Key,
    Terminal,
    cli_path,
    expect_screen,
    finish,
    press,
    skip_open_questions,
)

ENGAGEMENT = "acme"
SINGLE_KEYS = ["1", "2", "3", "4", "5", "n", "s", "b", "?", "y", Key.ENTER, "7"]
"""Keys a respondent presses (q and Ctrl-C left out: this is about being killed)."""


# --- FT001 the SIGKILL campaign -----------------------------------------------------------------

State = tuple[dict[str, Answer], dict[str, list[str]], dict[str, str]]
"""Answers, notes and open answers."""


@dataclass
class KillRun:
    """One run: the keys pressed, when it was killed, what the store held afterwards."""

    seed: int
    respondent: str
    keys: list[str]
    delay: float
    acknowledged: int  # answers and notes the screen had acknowledged before the kill
    stored: int  # answers and notes found in the store afterwards
    ended: bool  # the interview ended by itself (finished or quit) before the kill


@dataclass
class Campaign:
    runs: list[KillRun] = field(default_factory=list)

    @property
    def killed(self) -> int:
        return sum(1 for run in self.runs if not run.ended)

    @property
    def verified(self) -> int:
        return sum(run.stored for run in self.runs)


def random_action(rnd: random.Random) -> list[str]:
    """One thing a respondent does: a key, or a note (typed, then saved or cancelled)."""
    if rnd.random() < 0.15:
        words = " ".join(rnd.choice(["cost", "trust", "Q3", "budget", "late"]) for _ in range(2))
        # On the list of skipped questions 'c' starts no note: the words are keys there, and
        # Q quits: the oracle follows that too.
        return ["c", *words, rnd.choice([Key.ENTER, Key.ENTER, Key.ESCAPE])]
    return [rnd.choice(SINGLE_KEYS)]


def screen_bytes(flow: InterviewFlow, heading: Heading) -> str:
    """What the terminal receives for the flow's screen (cbreak keeps \\n -> \\r\\n)."""
    return CLEAR_SCREEN + render_screen(flow, heading, color=False, width=100).replace("\n", "\r\n")


def read_state(store_path: Path, respondent: str) -> tuple[State, bool] | None:
    """The respondent's saved answers and notes, and whether they finished; None if absent."""
    if not store_path.exists():
        return None
    with open_store(store_path, create=False) as store:
        try:
            target = interviews.resume_target(store, ENGAGEMENT, respondent)
        except NotFound:
            return None
    answers = {qid: stored.value for qid, stored in target.answers.items()}
    state = (answers, target.notes, target.open_answers)
    return state, target.respondent.finished_at is not None


def integrity(store_path: Path) -> str:
    connection = sqlite3.connect(store_path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def count(state: State) -> int:
    answers, notes, opened = state
    given = sum(1 for v in answers.values() if v is not None)
    return given + sum(map(len, notes.values())) + len(opened)


class Oracle:
    """The interview as the core computes it, fed the same keys as the real process."""

    def __init__(self, bank: Bank, role: str, heading: Heading, state: State, finished: bool):
        answers, notes, opened = state
        self.flow = InterviewFlow(
            bank, role, answers=answers, notes=notes, revisit=finished, open_answers=opened
        )
        self.sink = MemorySink(
            answers=dict(answers),
            notes={q: list(texts) for q, texts in notes.items()},
            open_answers=dict(opened),
        )
        self.heading = heading

    @property
    def state(self) -> State:
        notes = {q: list(t) for q, t in self.sink.notes.items()}
        return dict(self.sink.answers), notes, dict(self.sink.open_answers)

    @property
    def active(self) -> bool:
        return self.flow.mode in ACTIVE_MODES

    def press(self, key: str) -> None:
        as_read = {"\r": FlowKey.ENTER, "\x1b": FlowKey.ESCAPE}.get(str(key), str(key))
        apply(self.flow.press(as_read), self.sink)

    def screen(self) -> str:
        return screen_bytes(self.flow, self.heading)


def one_kill_run(
    terminal: Terminal, bank: Bank, respondent: str, role: str, seed: int, *, first: bool
) -> KillRun:
    """Start or resume one respondent, press seeded random keys, SIGKILL at a random moment."""
    rnd = random.Random(seed)
    found = read_state(terminal.store, respondent)
    state, finished = found if found is not None else (({}, {}, {}), False)
    heading = Heading(
        respondent=respondent,
        role_title=bank.role(role).title,
        engagement=ENGAGEMENT,
        round_number=1,
    )
    oracle = Oracle(bank, role, heading, state, finished)
    if found is None:
        bank_option = ["--bank", str(MINI)] if first else []
        child = terminal.spawn(
            "interview", ENGAGEMENT, *bank_option, "--respondent", respondent, "--role", role
        )
    else:
        child = terminal.spawn("resume", ENGAGEMENT, "--respondent", respondent)
    actions = [random_action(rnd) for _ in range(rnd.randint(1, 8))]
    delay = rnd.choice([0.0, rnd.uniform(0, 0.03), rnd.uniform(0.03, 0.15)])
    run = KillRun(seed, respondent, [], delay, count(state), 0, ended=False)
    if not oracle.active:  # everything answered, not yet marked finished: it finishes now
        expect_screen(child, "the interview is complete")
        assert finish(child) == 0
        run.ended = True
        return checked(run, terminal, respondent, [oracle.state])
    child.expect_exact(oracle.screen())  # resume starts exactly where the store says
    for action in actions[:-1]:
        press(child, *action)
        run.keys += action
        for key in action:
            oracle.press(key)
        if not oracle.active:  # it ended by itself: finished, or a key quit it
            ending = "the interview is complete" if oracle.flow.mode is Mode.DONE else "Resume with"
            expect_screen(child, ending)
            assert finish(child) == 0
            run.ended = True
            return checked(run, terminal, respondent, [oracle.state])
        child.expect_exact(oracle.screen())
    acknowledged = oracle.state
    run.acknowledged = count(acknowledged)
    allowed = [acknowledged]
    for key in actions[-1]:  # in flight: each prefix of the last action may have been saved
        oracle.press(key)
        allowed.append(oracle.state)
    press(child, *actions[-1])
    run.keys += actions[-1]
    time.sleep(delay)
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    return checked(run, terminal, respondent, allowed)


def checked(run: KillRun, terminal: Terminal, respondent: str, allowed: list[State]) -> KillRun:
    """The store is sound and holds one of the allowed states (never less than acknowledged)."""
    problem = integrity(terminal.store)
    assert problem == "ok", f"seed {run.seed}: integrity_check says {problem}"
    found = read_state(terminal.store, respondent)
    assert found is not None, f"seed {run.seed}: {respondent} is missing from the store"
    stored, _ = found
    assert stored in allowed, (
        f"seed {run.seed}, keys {run.keys!r}, killed after {run.delay:.3f} s: the store holds "
        f"{stored}, expected one of {allowed}"
    )
    run.stored = count(stored)
    return run


def kill_campaign(terminal: Terminal, seed: int, kills: int) -> Campaign:
    """Run after run on one store, each resuming where the last was killed, until ``kills``
    runs were killed (runs whose interview ended by itself first do not count)."""
    bank = open_bank(str(MINI)).bank
    campaign = Campaign()
    people = 0
    respondent, role = "", ""
    number = 0
    while campaign.killed < kills and number < 3 * kills:
        if not respondent:
            people += 1
            respondent, role = f"Leader {people}", ("coo", "cmo")[people % 2]
        run = one_kill_run(
            terminal, bank, respondent, role, seed * 1000 + number, first=number == 0
        )
        campaign.runs.append(run)
        number += 1
        found = read_state(terminal.store, respondent)
        if run.ended or (found is not None and found[1]):
            respondent = ""  # over: the next run starts the next leader
    return campaign


def test_ft001_sigkill_at_random_points_never_loses_an_acknowledged_answer(
    terminal: Terminal,
) -> None:
    campaign = kill_campaign(terminal, seed=7, kills=20)
    assert campaign.killed == 20, [r.ended for r in campaign.runs]
    assert campaign.verified > 0
    result = subprocess.run(
        [cli_path(), "report", ENGAGEMENT, "--format", "json", "--store", str(terminal.store)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


# --- helpers for processes that cannot write, have no room, or wait -----------------------------

_PR_CAPBSET_DROP = 24
_OVERRIDE_CAPABILITIES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def obey_file_permissions() -> None:
    """In the child: as root, give up the power to ignore file modes (others obey them anyway).

    A root process normally writes into a folder of mode 0500; without these capabilities in
    its bounding set, the program it runs is refused as anyone else would be.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDE_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def file_size_limit(limit: int) -> Callable[[], None]:
    """In the child: files may not grow past ``limit`` bytes, as on a disk that is full."""

    def apply_limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply_limit


NO_BYTECODE = {"PYTHONDONTWRITEBYTECODE": "1"}
"""Under a file-size limit Python would cache a cut-short .pyc (it ignores a short write),
breaking every later run of a module edited since its last compile: the limited processes
write none."""


def cxo(
    *args: str, preexec: Callable[[], None] | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli_path(), *args], capture_output=True, text=True, timeout=120, check=False,
        preexec_fn=preexec, env={**os.environ, **NO_BYTECODE, **(env or {})},
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def answers_file(folder: Path, name: str, role: str, answers: dict[str, int]) -> Path:
    from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file

    resolved = open_bank(str(MINI))
    path = folder / f"{name.lower().replace(' ', '-')}.yaml"
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    answer_set = AnswerSet(bank=ref, respondent=Respondent(name=name, role=role), answers=answers)
    write_answers_file(answer_set, path)
    return path


def saved(store: Path) -> dict[str, dict[str, Answer]]:
    with open_store(store, create=False) as opened:
        found = engagements.get_engagement(opened, ENGAGEMENT)
        sets = engagements.answer_sets(opened, found, engagements.round_numbers(opened, found)[-1])
    return {s.respondent.name: dict(s.answers) for s in sets}


@pytest.fixture
def saved_store(tmp_path: Path) -> Path:
    return make_saved_store(tmp_path)


def make_saved_store(tmp_path: Path) -> Path:
    """Engagement acme in its own folder, with Ana's answers saved."""
    folder = tmp_path / "stores"
    folder.mkdir()
    store = folder / "store.sqlite"
    ana = answers_file(tmp_path, "Ana", "coo", {"res-01": 4, "res-02": 2})
    result = cxo("interview", ENGAGEMENT, "--bank", str(MINI), "--answers", str(ana),
                 "--store", str(store))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return store


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    folder.chmod(0o500)
    try:
        yield
    finally:
        folder.chmod(0o700)


# --- FT002 a store location that cannot be written ----------------------------------------------


def test_ft002_a_new_store_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    ana = answers_file(tmp_path, "Ana", "coo", {"res-01": 4})
    for store in (folder / "store.sqlite", folder / "sub" / "store.sqlite"):
        with read_only(folder):
            result = cxo("interview", ENGAGEMENT, "--bank", str(MINI), "--answers", str(ana),
                         "--store", str(store), preexec=obey_file_permissions)  # fmt: skip
        line = one_line(result)
        assert line == f"error: {store}: cannot create the store: the folder is not writable"
    assert list(folder.iterdir()) == []


def test_ft002_saving_into_a_store_in_a_read_only_folder_keeps_what_was_saved(
    saved_store: Path, tmp_path: Path
) -> None:
    bo = answers_file(tmp_path, "Bo", "cmo", {"res-01": 1})
    with read_only(saved_store.parent):
        result = cxo("import", ENGAGEMENT, str(bo), "--store", str(saved_store),
                     preexec=obey_file_permissions)  # fmt: skip
    line = one_line(result)
    assert line.startswith(f"error: {saved_store}: the store is read-only here")
    assert saved(saved_store) == {"Ana": {"res-01": 4, "res-02": 2}}
    assert integrity(saved_store) == "ok"


def test_ft002_the_unprivileged_child_really_cannot_write_there(tmp_path: Path) -> None:
    """The control case: the same child writes a plain file in the folder only when it may."""
    folder = tmp_path / "locked"
    folder.mkdir()
    script = f"open({str(folder / 'probe')!r}, 'w').write('x')"
    with read_only(folder):
        refused = subprocess.run([sys.executable, "-c", script], capture_output=True,
                                 preexec_fn=obey_file_permissions, check=False)  # fmt: skip
    allowed = subprocess.run([sys.executable, "-c", script], preexec_fn=obey_file_permissions,
                             check=False)  # fmt: skip
    assert refused.returncode != 0 and b"PermissionError" in refused.stderr
    assert allowed.returncode == 0


# --- FT003 a full disk --------------------------------------------------------------------------


def test_ft003_a_full_disk_is_one_line_and_keeps_earlier_answers(
    saved_store: Path, tmp_path: Path
) -> None:
    bo = answers_file(tmp_path, "Bo", "cmo", {"res-01": 1, "res-02": 5, "res-03": 5})
    result = cxo("import", ENGAGEMENT, str(bo), "--store", str(saved_store),
                 preexec=file_size_limit(4096))  # fmt: skip
    line = one_line(result)
    assert line.startswith(f"error: {saved_store}: could not write to the disk")
    assert line.endswith("answers saved before this one are kept")
    assert saved(saved_store) == {"Ana": {"res-01": 4, "res-02": 2}}
    assert integrity(saved_store) == "ok"
    again = cxo("import", ENGAGEMENT, str(bo), "--store", str(saved_store))
    assert again.returncode == 0, again.stderr  # room again: the same import goes through


def test_ft003_a_full_disk_when_creating_a_store_is_one_line(tmp_path: Path) -> None:
    ana = answers_file(tmp_path, "Ana", "coo", {"res-01": 4})
    store = tmp_path / "new" / "store.sqlite"
    result = cxo("interview", ENGAGEMENT, "--bank", str(MINI), "--answers", str(ana),
                 "--store", str(store), preexec=file_size_limit(1024))  # fmt: skip
    assert "could not write to the disk" in one_line(result)


def test_ft003_assess_on_a_full_disk_still_shows_the_report_then_says_so(
    terminal: Terminal,
) -> None:
    out = terminal.home / "mine.yaml"
    child = pexpect.spawn(
        cli_path(),
        ["assess", "--bank", str(MINI), "--role", "coo", "--name", "Ana", "--out", str(out)],
        env={**terminal.env(), **NO_BYTECODE}, cwd=str(terminal.home), encoding="utf-8", timeout=30,
        dimensions=(40, 100), preexec_fn=file_size_limit(100),
    )  # fmt: skip
    terminal.children.append(child)
    expect_screen(child, "question 1 of 3")
    press(child, "4")
    expect_screen(child, "question 2 of 3")
    press(child, "2")
    expect_screen(child, "question 3 of 3")
    press(child, "5")
    skip_open_questions(child)
    expect_screen(child, "Resource allocation", f"error: {out}: File too large")
    assert finish(child) == 1
    assert "Traceback" not in (child.before or "")
    assert not out.exists()
    assert [p.name for p in terminal.home.iterdir()] == []  # no temporary file left either


# --- FT004, FT005 a store held by another process -----------------------------------------------

HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@contextmanager
def held(store: Path) -> Iterator[Callable[[], None]]:
    """Another process holds the store's write lock until ``release()`` or the end."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdin is not None and holder.stdout is not None

    def release() -> None:
        if holder.stdin is not None and not holder.stdin.closed:
            holder.stdin.close()
        assert holder.wait(timeout=60) == 0

    try:
        assert holder.stdout.readline() == "holding\n"
        yield release
    finally:
        release()
        holder.stdout.close()


def test_ft004_a_held_store_is_waited_for_then_written(saved_store: Path, tmp_path: Path) -> None:
    bo = answers_file(tmp_path, "Bo", "cmo", {"res-01": 1})
    with held(saved_store) as release:
        waiting = subprocess.Popen(
            [cli_path(), "import", ENGAGEMENT, str(bo), "--store", str(saved_store)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "CXO_DIAG_BUSY_TIMEOUT": "60"},
        )  # fmt: skip
        time.sleep(1.5)
        assert waiting.poll() is None, waiting.communicate()  # still waiting for the lock
        release()
        out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert out.startswith(f"added Bo (cmo) to round 1 of {ENGAGEMENT}: 1 of 3 answered")
    assert saved(saved_store) == {"Ana": {"res-01": 4, "res-02": 2}, "Bo": {"res-01": 1}}


def test_ft004_a_store_held_too_long_is_one_line_and_nothing_half_saved(
    saved_store: Path, tmp_path: Path
) -> None:
    bo = answers_file(tmp_path, "Bo", "cmo", {"res-01": 1, "res-02": 5})
    with held(saved_store):
        result = cxo("import", ENGAGEMENT, str(bo), "--store", str(saved_store),
                     env={"CXO_DIAG_BUSY_TIMEOUT": "0.5"})  # fmt: skip
    line = one_line(result)
    assert line == (
        f"error: {saved_store}: the store is busy: another cxo-diag has held it for 0.5 s; "
        "nothing was lost, try again"
    )
    assert saved(saved_store) == {"Ana": {"res-01": 4, "res-02": 2}}
    assert integrity(saved_store) == "ok"


def test_ft004_a_bad_busy_timeout_is_one_line(saved_store: Path) -> None:
    result = cxo("report", ENGAGEMENT, "--store", str(saved_store),
                 env={"CXO_DIAG_BUSY_TIMEOUT": "soon"})  # fmt: skip
    assert one_line(result) == (
        "error: CXO_DIAG_BUSY_TIMEOUT must be a number of seconds from 0 to 3600, not 'soon'"
    )


@dataclass
class ImpatientTerminal(Terminal):
    """A terminal whose cxo-diag waits only half a second for a busy store."""

    def env(self) -> dict[str, str]:
        return {**super().env(), "CXO_DIAG_BUSY_TIMEOUT": "0.5"}


@pytest.fixture
def impatient(tmp_path: Path) -> Iterator[ImpatientTerminal]:
    session = ImpatientTerminal(home=tmp_path, store=tmp_path / "store.sqlite")
    yield session
    for child in session.children:
        if child.isalive():
            child.terminate(force=True)


def test_ft005_an_interview_on_a_held_store_stops_in_one_line_keeping_answers(
    impatient: ImpatientTerminal,
) -> None:
    terminal = impatient
    child = terminal.spawn(
        "interview", ENGAGEMENT, "--bank", str(MINI), "--respondent", "Ana", "--role", "coo"
    )
    expect_screen(child, "question 1 of 3")
    press(child, "4")
    expect_screen(child, "question 2 of 3")
    with held(terminal.store):
        press(child, "2")
        expect_screen(child, "the store is busy", "nothing was lost, try again")
        assert finish(child) == 1
    assert "Traceback" not in (child.before or "")
    found = read_state(terminal.store, "Ana")
    assert found is not None and found[0] == ({"res-01": 4}, {}, {})
    resumed = terminal.spawn("resume", ENGAGEMENT, "--respondent", "Ana")
    expect_screen(resumed, "question 2 of 3", "1 answered")
    press(resumed, "2", "5")
    skip_open_questions(resumed)
    expect_screen(resumed, "the interview is complete")
    assert finish(resumed) == 0


# --- FT006 garbage typed into an interview --------------------------------------------------------

_TERMINAL_CONTROLS = {0x03, 0x04, 0x11, 0x13, 0x1A, 0x1C}
"""Ctrl-C, Ctrl-D, XON, XOFF, Ctrl-Z, Ctrl-\\: the terminal's own, left out on purpose."""


def settle(child: pexpect.spawn) -> None:
    """Wait until the screen has stopped changing for a second (or the process ended)."""
    while True:
        try:
            child.read_nonblocking(size=65536, timeout=1.0)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ft006_random_bytes_typed_into_an_interview_save_only_valid_answers(
    terminal: Terminal, seed: int
) -> None:
    rnd = random.Random(seed)
    allowed = [b for b in range(256) if b not in _TERMINAL_CONTROLS and b not in b"qQ"]
    garbage = bytes(rnd.choice(allowed) for _ in range(400))
    child = terminal.spawn(
        "interview", ENGAGEMENT, "--bank", str(MINI), "--respondent", "Ana", "--role", "coo"
    )
    received = io.StringIO()
    child.logfile_read = received
    expect_screen(child, "question 1 of 3")
    for start in range(0, len(garbage), 40):
        os.write(child.child_fd, garbage[start : start + 40])  # bytes, not text
    settle(child)  # every byte read and drawn: the Esc below must come alone
    if child.isalive():
        child.send("\x1b")  # leave a note being typed, if any
        settle(child)
        child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, received.getvalue()[-2000:]
    assert "Traceback" not in received.getvalue()
    assert integrity(terminal.store) == "ok"
    found = read_state(terminal.store, "Ana")
    assert found is not None
    (answers, notes, opened), _ = found
    assert set(answers) <= {"res-01", "res-02", "res-03"}
    assert all(value in (1, 2, 3, 4, 5, "n/a", None) for value in answers.values())
    for texts in notes.values():
        assert all(text.isprintable() for text in texts)
    assert set(opened) <= {"res-open", "res-open-criteria", "res-open-keep"}
    assert all(text.isprintable() for text in opened.values())


def test_ft006_a_broken_character_does_not_swallow_the_next_key(terminal: Terminal) -> None:
    child = terminal.spawn(
        "interview", ENGAGEMENT, "--bank", str(MINI), "--respondent", "Ana", "--role", "coo"
    )
    expect_screen(child, "question 1 of 3")
    os.write(child.child_fd, b"\xe24")  # the first byte of a three-byte character, then 4
    expect_screen(child, "question 2 of 3", "1 answered")
    os.write(child.child_fd, b"\xe2\x1b")  # cut short by Esc
    expect_screen(child, "that key does nothing here")
    child.send("q")
    expect_screen(child, "Saved: 1 of 3 questions answered.")
    assert finish(child) == 0
    found = read_state(terminal.store, "Ana")
    assert found is not None and found[0] == ({"res-01": 4}, {}, {})


# --- FT007 SIGKILL during an import ---------------------------------------------------------------


def kill_imports(folder: Path, seed: int, runs: int, batch: int = 12) -> list[int]:
    """Import a batch, SIGKILL it at a seeded random moment, again and again on one store.

    Returns how many respondents each killed import left: always all of its batch or none.
    """
    rnd = random.Random(seed)
    store = make_saved_store(folder)
    left = []
    for run in range(runs):
        files = [
            answers_file(folder, f"Run {run} Leader {n}", rnd.choice(["coo", "cmo"]),
                         {"res-01": rnd.randint(1, 5), "res-02": rnd.randint(1, 5)})
            for n in range(batch)
        ]  # fmt: skip
        before = len(saved(store))
        process = subprocess.Popen(
            [cli_path(), "import", ENGAGEMENT, *map(str, files), "--store", str(store)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rnd.uniform(0.1, 0.9))
        process.kill()
        process.wait()
        assert integrity(store) == "ok", f"run {run}"
        added = len(saved(store)) - before
        assert added in (0, batch), f"run {run}: {added} of {batch} imported"
        left.append(added)
    return left


def test_ft007_an_import_killed_at_any_moment_imports_all_or_nothing(tmp_path: Path) -> None:
    left = kill_imports(tmp_path, seed=11, runs=6)
    assert len(left) == 6
