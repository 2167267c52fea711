"""The second round of hardening (issue 14) as benchmark families, for benchmarks/reliability.py.

Each function returns a ``Row``: one respondent held by one session (SQLite, and PostgreSQL
when it is installed), store paths through symlinks, store URLs with awkward passwords,
another application's databases, standard output that cannot be written, arguments that are
not UTF-8, damaged rows and random corruption of a store. The same cases are tests in
tests/e2e/test_leases.py, tests/unit/store/test_store_guard.py, tests/cli/test_output_streams.py
and tests/unit/store/test_damaged_store.py; here they run as real processes, more of them.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

CXO = str(Path(sys.executable).parent / "cxo-diag")
MINI = Path(__file__).resolve().parent.parent / "questionnaires" / "mini.yaml"


def _answers(folder: Path, name: str, role: str) -> Path:
    from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    path = folder / f"{name}.yaml"
    answer_set = AnswerSet(
        bank=ref,
        respondent=Respondent(name=name, role=role),
        answers={"res-01": 4, "res-02": 2, "res-03": 3},
        notes={"res-01": "a note"},
    )
    write_answers_file(answer_set, path, force=True)
    return path


def good_store(folder: Path, location: str | None = None) -> str:
    """A store with Ana (coo) and Bo (cmo) in engagement acme."""
    store = location or str(folder / "store.sqlite")
    for name, role in (("Ana", "coo"), ("Bo", "cmo")):
        done = subprocess.run(
            [CXO, "interview", "acme", "--bank", str(MINI), "--answers",
             str(_answers(folder, name, role)), "--store", store],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    return store


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


# --- leases --------------------------------------------------------------------------------


def leases(row: Any, runs: int, seed: int, location: Callable[[Path], str]) -> None:
    """Two terminals on one respondent: the second is refused naming the holder, the first's
    answers are what the store holds; half the runs, --take-over and the first is refused."""
    import pexpect

    from cxo_diag.app import interviews
    from cxo_diag.store.engine import open_store

    rnd = random.Random(seed)
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
    for run in range(runs):
        folder = Path(f"/tmp/cxo-leases-{uuid.uuid4().hex[:8]}")
        folder.mkdir()
        try:
            store = location(folder)
            start = ["interview", "acme", "--bank", str(MINI), "--respondent", "Ana", "--role",
                     "coo", "--store", store]  # fmt: skip
            a = pexpect.spawn(CXO, start, env=env, encoding="utf-8", timeout=30,
                              dimensions=(40, 100))  # fmt: skip
            a.expect_exact("question 1 of 3")
            first = str(rnd.randint(1, 5))
            a.send(first)
            a.expect_exact("question 2 of 3")
            take_over = run % 2 == 1
            args = ["resume", "acme", "--respondent", "Ana", "--store", store]
            b = pexpect.spawn(CXO, [*args, "--take-over"] if take_over else args, env=env,
                              encoding="utf-8", timeout=30, dimensions=(40, 100))  # fmt: skip
            if not take_over:
                b.expect(pexpect.EOF)
                b.close()
                said = b.before or ""
                named = f"process {a.pid}" in said and "already being interviewed" in said
                row.tracebacks += "Traceback" in said
                a.send("3")
                a.expect_exact("question 3 of 3")
                a.send("q")
                a.expect(pexpect.EOF)
                a.close()
                expected = {"res-01": int(first), "res-02": 3}
                ok = named and b.exitstatus == 1 and a.exitstatus == 0
            else:
                b.expect_exact("question 2 of 3")
                b.send("1")
                b.expect_exact("question 3 of 3")
                a.send("5")
                a.expect(pexpect.EOF)
                a.close()
                said = a.before or ""
                row.tracebacks += "Traceback" in said
                b.send("q")
                b.expect(pexpect.EOF)
                b.close()
                expected = {"res-01": int(first), "res-02": 1}
                ok = "taken over" in said and a.exitstatus == 1 and b.exitstatus == 0
            with open_store(store) as opened:
                target = interviews.resume_target(opened, "acme", "Ana")
            stored = {q: s.value for q, s in target.answers.items()}
            row.lost += stored != expected
            row.outcome(f"leases run {run}", ok and stored == expected, f"{stored} {said[-200:]}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


# --- paths, URLs, foreign databases ---------------------------------------------------------


def store_paths(row: Any, run: Callable[..., Any], one_clean_line: Callable[..., Any]) -> None:
    folder = Path(f"/tmp/cxo-paths-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        answers = _answers(folder, "Ana", "coo")
        for case in ("dangling", "to-store", "chain"):
            target = folder / f"{case}-target.sqlite"
            link = folder / f"{case}-link.sqlite"
            if case == "to-store":
                good_store(folder, str(target))
            if case == "chain":
                (folder / "middle.sqlite").symlink_to(target)
                link.symlink_to(folder / "middle.sqlite")
            else:
                link.symlink_to(target)
            ran = run(["import" if case == "to-store" else "interview", "acme",
                       *([] if case == "to-store" else ["--bank", str(MINI)]),
                       str(answers) if case == "to-store" else "--answers",
                       *([] if case == "to-store" else [str(answers)]),
                       "--store", str(link)])  # fmt: skip
            private = target.exists() and stat.S_IMODE(target.stat().st_mode) == 0o600
            if case == "to-store":  # Ana is there already: one line, nothing changed
                ok, why = one_clean_line(ran)
                row.outcome(f"symlink {case}", ok and private, why)
            else:
                row.outcome(f"symlink {case}", ran.code == 0 and private, ran.stderr)
        ran = run(["engagements", "--store", "~nosuchuser-cxo/x.sqlite"])
        ok, why = one_clean_line(ran)
        row.outcome("~nosuchuser", ok and "no such user" in ran.stderr, why)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


SECRET_URLS = [
    ("raw @", "postgresql://carol:p@ss#w0rd@127.0.0.1:1/cxo", ("ss#w0rd", "p@ss", "w0rd")),
    ("raw / and @", "postgresql://carol:pa/ss@w0rd@127.0.0.1:1/cxo", ("pa/ss", "w0rd")),
    ("two @ in query", "postgresql://carol@127.0.0.1:1/cxo?password=a@b0rd", ("b0rd",)),
    ("driver", "postgresql+psycopg://carol:p@ss@db.invalid/cxo", ("ss@db", "p@ss")),
    ("encoded", "postgresql://carol:p%40ss%23w0rd@127.0.0.1:1/cxo", ("ss%23w0rd", "w0rd")),
]


def store_urls(row: Any, run: Callable[..., Any], one_clean_line: Callable[..., Any]) -> None:
    for name, url, fragments in SECRET_URLS:
        for command in (["engagements"], ["report", "acme"], ["export", "acme"]):
            ran = run([*command, "--store", url], env={"PGCONNECT_TIMEOUT": "2"})
            ok, why = one_clean_line(ran)
            leaked = [f for f in fragments if f in ran.stdout + ran.stderr]
            row.lost += bool(leaked)
            row.outcome(f"url {name} {command[0]}", ok and not leaked, why or str(leaked))


def _foreign_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    tables = folder / "contacts.db"
    with sqlite3.connect(tables) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO contacts (name) VALUES ('Dora')")
    connection.close()
    files["other tables"] = tables
    tagged = folder / "tagged.gpkg"
    with sqlite3.connect(tagged) as connection:
        connection.execute("PRAGMA application_id = 1196444487")
        connection.execute("CREATE TABLE engagements (id INTEGER)")
    connection.close()
    files["other application id"] = tagged
    text = folder / "notes.txt"
    text.write_text("not a database\n" * 20)
    files["a text file"] = text
    partial = folder / "partial.db"
    with sqlite3.connect(partial) as connection:
        connection.execute("CREATE TABLE engagements (id INTEGER)")
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    files["a look-alike"] = partial
    return files


def foreign_databases(
    row: Any, run: Callable[..., Any], one_clean_line: Callable[..., Any]
) -> None:
    folder = Path(f"/tmp/cxo-foreign-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        answers = _answers(folder, "Ana", "coo")
        for name, path in _foreign_files(folder).items():
            before = _digest(folder)
            for command in (["engagements"], ["report", "acme"], ["export", "acme"],
                            ["agenda", "acme"], ["delete", "acme", "--yes"],
                            ["import", "acme", str(answers)],
                            ["interview", "acme", "--bank", str(MINI), "--answers",
                             str(answers)]):  # fmt: skip
                ran = run([*command, "--store", str(path)])
                ok, why = one_clean_line(ran)
                changed = _digest(folder) != before
                row.lost += changed
                row.outcome(f"{name} {command[0]}", ok and not changed, why or "changed")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- output and arguments -------------------------------------------------------------------


def _printing(store: str) -> list[list[str]]:
    s = ["--store", store]
    return [["export", "acme", *s], ["report", "acme", *s], ["agenda", "acme", *s],
            ["engagements", *s], ["report", "acme", "--format", "json", *s], ["demo"],
            ["show", "mini"], ["schema"], ["validate", str(MINI)], ["banks"], ["--help"],
            ["--version"]]  # fmt: skip


def standard_output(row: Any) -> None:
    folder = Path(f"/tmp/cxo-stdout-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        store = good_store(folder)
        for args in _printing(store):
            with open("/dev/full", "w") as full:
                done = subprocess.run([CXO, *args], stdout=full, stderr=subprocess.PIPE,
                                      check=False)  # fmt: skip
            said = done.stderr.decode()
            row.tracebacks += "Traceback" in said
            ok = (
                done.returncode == 1
                and said == "error: cannot write the output: the disk is full\n"
            )
            row.outcome(f"full disk {args[0]}", ok, said[-200:])
            done = subprocess.run([CXO, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  preexec_fn=lambda: os.close(1), check=False)  # fmt: skip
            said = done.stderr.decode()
            row.tracebacks += "Traceback" in said
            ok = done.returncode == 1 and "standard output is closed" in said
            row.outcome(f"closed stdout {args[0]}", ok, said[-200:])
            child = subprocess.Popen([CXO, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            assert child.stdout is not None and child.stderr is not None
            child.stdout.close()
            with child.stderr:
                said = child.stderr.read().decode()
            row.tracebacks += "Traceback" in said
            row.outcome(f"broken pipe {args[0]}", child.wait() == 1 and said == "", said[-200:])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def undecodable_arguments(row: Any) -> None:
    folder = Path(f"/tmp/cxo-args-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        store = good_store(folder)
        for name in (b"caf\xe9", b"\xff\xfe", b"acme\x80", b"\xed\xa0\x80"):
            for command in (["report"], ["agenda"], ["export"], ["norms"], ["delete"],
                            ["import"], ["store", "copy", store, str(folder / "b.sqlite"),
                                         "-e"]):  # fmt: skip
                args: list[str | bytes] = [CXO, *command, name, "--store", store]
                done = subprocess.run(args, capture_output=True, check=False)
                said = done.stderr.decode()
                row.tracebacks += "Traceback" in said
                ok = done.returncode == 2 and "is not valid text" in said and said.count("\n") == 1
                row.outcome(f"{command[0]} {name!r}", ok, said[-200:])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- damaged stores ---------------------------------------------------------------------------


def damaged_rows(row: Any, run: Callable[..., Any], one_clean_line: Callable[..., Any]) -> None:
    from tests.unit.store.test_damaged_store import DAMAGES

    folder = Path(f"/tmp/cxo-damage-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        good = good_store(folder)
        for damage, expected in DAMAGES:
            path = folder / "damaged.sqlite"
            shutil.copy(good, path)
            with sqlite3.connect(path) as connection:
                connection.execute("PRAGMA foreign_keys = OFF")
                connection.execute(damage)
            connection.close()
            for command in (["report", "acme"], ["export", "acme"], ["agenda", "acme"]):
                ran = run([*command, "--store", str(path)])
                ok, why = one_clean_line(ran)
                row.outcome(f"{expected[:30]} {command[0]}", ok and expected in ran.stderr, why)
            path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def random_corruption(row: Any, count: int, rnd: random.Random, run: Callable[..., Any]) -> None:
    """Random bytes overwritten anywhere in a checkpointed store: each command either works
    or says one line; never a traceback."""
    folder = Path(f"/tmp/cxo-corrupt-{uuid.uuid4().hex[:8]}")
    folder.mkdir()
    try:
        good = Path(good_store(folder))
        with sqlite3.connect(good) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
        connection.close()
        size = good.stat().st_size
        for case in range(count):
            path = folder / "corrupt.sqlite"
            data = bytearray(good.read_bytes())
            for _ in range(rnd.randint(1, 8)):
                start = rnd.randrange(size)
                data[start : start + rnd.randint(1, 16)] = rnd.randbytes(rnd.randint(1, 16))
            path.write_bytes(bytes(data[:size]))
            command = rnd.choice([["report", "acme"], ["export", "acme"], ["agenda", "acme"],
                                  ["engagements"]])  # fmt: skip
            ran = run([*command, "--store", str(path)])
            lines = ran.stderr.splitlines()
            fine = ran.code == 0 or (len(lines) == 1 and lines[0].startswith("error: "))
            row.outcome(f"corruption {case} {command[0]}", fine and "Traceback" not in ran.stderr,
                        ran.stderr[-300:])  # fmt: skip
            for beside in folder.glob("corrupt.sqlite*"):
                beside.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
