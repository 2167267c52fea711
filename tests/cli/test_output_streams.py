"""Standard output that cannot be written, and arguments that are not text, in real processes
(cli/streams.py, cli/arguments.py).

OS001 stdout on a full disk (/dev/full): one line, exit 1, for every command that prints
OS002 stdout closed (>&-): one line, exit 1; the store is not written through fd 1
OS003 a reader that went away (broken pipe): quiet, exit 1
OS004 an argument that is not UTF-8: one line naming it, exit 2, for every command taking names
OS005 a file whose name is not UTF-8 still opens
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.helpers import runner

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "questionnaires" / "mini.yaml"
CLI = str(Path(sys.executable).parent / "cxo-diag")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("streams")
    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    path = folder / "store.sqlite"
    for name, role in (("Ana", "coo"), ("Bo", "cmo")):
        answers = folder / f"{name}.yaml"
        answer_set = AnswerSet(
            bank=ref,
            respondent=Respondent(name=name, role=role),
            answers={"res-01": 4, "res-02": 2, "res-03": 3},
        )
        write_answers_file(answer_set, answers)
        result = runner.invoke(
            app,
            ["interview", "acme", "--bank", str(MINI), "--answers", str(answers)],
            env={"CXO_DIAG_STORE": str(path)},
        )
        assert result.exit_code == 0, result.stderr
    return path


def printing_commands(store: Path) -> list[list[str]]:
    s = ["--store", str(store)]
    return [
        ["export", "acme", *s],
        ["report", "acme", *s],
        ["report", "acme", "--format", "json", *s],
        ["agenda", "acme", *s],
        ["engagements", *s],
        ["demo"],
        ["show", "mini"],
        ["schema"],
        ["validate", str(MINI)],
        ["banks"],
        ["--help"],
        ["--version"],
    ]


def run(args: list[str | bytes], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CXO_DIAG_STORE", None)
    return subprocess.run([CLI, *args], env=env, capture_output=False, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def one_line(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def test_OS001_stdout_on_a_full_disk_is_one_line(store: Path) -> None:
    for args in printing_commands(store):
        with open("/dev/full", "w") as full:
            done = run(list(args), stdout=full, stderr=subprocess.PIPE)
        assert done.returncode == 1, args
        assert one_line(done.stderr) == "error: cannot write the output: the disk is full", args


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_OS002_a_closed_stdout_is_one_line_and_the_store_is_untouched(store: Path) -> None:
    before = digest(store)
    for args in printing_commands(store):
        done = run(
            list(args),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            close_fds=True,
            preexec_fn=lambda: os.close(1),
        )
        assert done.returncode == 1, args
        assert one_line(done.stderr) == (
            "error: cannot write the output: standard output is closed"
        ), args
    assert digest(store) == before


def test_OS003_a_broken_pipe_is_quiet(store: Path) -> None:
    for args in printing_commands(store):
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        child = subprocess.Popen(
            [CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # the reader is gone before the first byte
        with child.stderr:
            stderr = child.stderr.read()
        assert child.wait(timeout=60) == 1, args
        assert stderr == b"", (args, stderr)


NAME_COMMANDS = [
    ["report", b"caf\xe9"],
    ["agenda", b"caf\xe9"],
    ["export", b"caf\xe9"],
    ["norms", b"caf\xe9"],
    ["delete", b"caf\xe9", "--yes"],
    ["import", b"caf\xe9", "x.yaml"],
    ["interview", "acme", "--respondent", b"Jos\xe9", "--role", "coo", "--answers", "x.yaml"],
    ["store", "copy", "a.sqlite", "b.sqlite", "-e", b"caf\xe9"],
]


@pytest.mark.parametrize("args", NAME_COMMANDS, ids=lambda a: str(a[0]))
def test_OS004_an_argument_that_is_not_utf8_is_one_line(
    args: list[str | bytes], store: Path
) -> None:
    done = run([*args, "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "\\xe9'" in line and "is not valid text" in line, line
    assert done.stdout == b""


def test_OS005_a_file_whose_name_is_not_utf8_still_opens(tmp_path: Path) -> None:
    bank = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(bank, "wb") as copy:
        copy.write(MINI.read_bytes())
    (tmp_path / "practices.yaml").write_bytes((MINI.parent / "practices.yaml").read_bytes())
    done = run(["validate", bank], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
