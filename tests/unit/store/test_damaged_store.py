"""A damaged store is one line naming the table and the row, never a traceback
(store/rows.py): every row the queries return is checked against schema.py first.

Each case damages one thing in a good SQLite store (two respondents, answers, a note), the
way an edited file or a bad restore would, then runs the commands that read it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.helpers import MINI, runner

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app

# report, export and agenda read every column; engagements only what the list shows, so it
# may list a store whose damage it does not read.
READERS = [
    ["report", "acme"],
    ["report", "acme", "--format", "json"],
    ["export", "acme"],
    ["agenda", "acme"],
    ["engagements"],
    ["engagements", "--format", "json"],
]

# (damage, what the line must say)
DAMAGES = [
    ("UPDATE rounds SET started_at = 'yesterday'", "rounds row 1: started_at is not a time"),
    (
        "UPDATE answers SET answered_at = '2026-02-31 10:00:00' WHERE question_id = 'res-02'",
        "answers row respondent_id 1, question_id res-02: answered_at is not a time",
    ),
    (
        "UPDATE answers SET value = 'abc' WHERE question_id = 'res-01'",
        "answers row respondent_id 1, question_id res-01: value is not a whole number",
    ),
    ("UPDATE respondents SET name = x'00ff' WHERE id = 2", "respondents row 2: name is not text"),
    ("UPDATE respondents SET role = x'35' WHERE id = 1", "respondents row 1: role is not text"),
    ("UPDATE respondents SET finished_at = 'soon'", "respondents row 1: finished_at is not a time"),
    ("UPDATE engagements SET created_at = 12", "engagements row 1: created_at is not a time"),
    ("UPDATE engagements SET bank_snapshot = '{'", "engagements row 1: the bank kept with"),
    ("UPDATE engagements SET bank_snapshot = 5", "engagements row 1: the bank kept with"),
    ("UPDATE engagements SET name = x'ff'", "engagements row 1: name is not text"),
    ("UPDATE rounds SET number = 'one'", "number is not a whole number"),
    (
        "UPDATE answers SET kind = 'maybe' WHERE question_id = 'res-01'",
        "question_id res-01: kind is not one cxo-diag writes",
    ),
    (
        "UPDATE answers SET kind = 'answered', value = NULL WHERE question_id = 'res-01'",
        "question_id res-01: value is empty",
    ),
    (
        "UPDATE answers SET seconds = 'fast' WHERE question_id = 'res-01'",
        "question_id res-01: seconds is not a number",
    ),
    ("UPDATE notes SET text = x'ff'", "notes row 1: text is not text"),
    ("DELETE FROM rounds", "the store is damaged: engagement 'acme' has no round"),
    ("DROP TABLE notes", "is not a cxo-diag store or a damaged one (no such table: notes)"),
]


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    path = folder / "store.sqlite"
    for name, role in (("Ana", "coo"), ("Bo", "cmo")):
        answers = folder / f"{name}.yaml"
        answer_set = AnswerSet(
            bank=ref,
            respondent=Respondent(name=name, role=role),
            answers={"res-01": 4, "res-02": 2, "res-03": "n/a"},
            notes={"res-01": "budget fight"},
        )
        write_answers_file(answer_set, answers)
        done = runner.invoke(
            app,
            ["interview", "acme", "--bank", str(MINI), "--answers", str(answers)],
            env={"CXO_DIAG_STORE": str(path)},
        )
        assert done.exit_code == 0, done.stderr
    for command in READERS:  # the good store reads cleanly: the damage is what breaks it
        done = runner.invoke(app, [*command, "--store", str(path)])
        assert done.exit_code == 0, (command, done.stderr)
    return path


@pytest.mark.parametrize(("damage", "expected"), DAMAGES, ids=[d[1][:40] for d in DAMAGES])
def test_a_damaged_row_is_one_line_naming_table_and_row(
    good_store: Path, tmp_path: Path, damage: str, expected: str
) -> None:
    path = tmp_path / "store.sqlite"
    shutil.copy(good_store, path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(damage)
    connection.close()
    for command in READERS:
        done = runner.invoke(app, [*command, "--store", str(path)])
        if done.exit_code == 0 and command[0] == "engagements":
            assert done.exception is None
            continue  # the list reads names, roles and counts, not every column
        assert done.exception is None or isinstance(done.exception, SystemExit), (
            command,
            done.exception,
        )
        assert done.exit_code == 1, (command, done.stdout, done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (command, lines)
        assert expected in lines[0], (command, lines[0])
        assert done.stdout == ""


@pytest.mark.parametrize("seed", range(40))
def test_random_corruption_of_the_file_is_a_report_or_one_line(
    good_store: Path, tmp_path: Path, seed: int
) -> None:
    """Bytes overwritten anywhere in the (checkpointed) file: never a traceback."""
    import random

    rnd = random.Random(seed)
    path = tmp_path / "store.sqlite"
    shutil.copy(good_store, path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    data = bytearray(path.read_bytes())
    for _ in range(rnd.randint(1, 8)):
        start = rnd.randrange(len(data))
        data[start : start + 8] = rnd.randbytes(8)
    path.write_bytes(bytes(data[: len(path.read_bytes())]))
    for command in READERS:
        done = runner.invoke(app, [*command, "--store", str(path)])
        assert done.exception is None or isinstance(done.exception, SystemExit), (
            command,
            repr(done.exception),
        )
        if done.exit_code != 0:
            lines = done.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), (command, lines)
