"""Where `--out` writes: exactly the file asked for, never through a symlink, never over a
file without --force, for every command that has --out.

OP001 each command writes its --out file and nothing else beside it, mode 0600: reports and
      agendas hold the same confidential answers as exports.
OP002 an existing file is kept without --force and replaced with it.
OP003 a symlink given as --out is refused, with or without --force; what it points to is
      unchanged and the link stays a link.
OP004 a dangling symlink is refused and what it points to is not created.
OP005 a directory given as --out is refused and nothing is written into it; a pipe is refused
      rather than waited on.
OP006 a --out in a folder that does not exist is refused and creates nothing.
OP007 a symlink planted at --out after the check, before the write, is refused too.
OP008 --force over a readable file leaves it private (0600), for every command.
OP009 pilot refuses a symlinked folder and a symlink among its files, before writing any.
OP010 assess refuses a symlinked --out before asking its first question.
OP011 pilot's table of latent frictions is written as --out files are (OP007).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cxo_diag import paths
from cxo_diag.cli import app
from tests.cli.test_bad_input import as_yaml, mini_answer_set
from tests.e2e.conftest import Terminal, expect_screen, finish
from tests.helpers import runner

PRECIOUS = "the client's signed contract\n"

COMMANDS = ["score", "demo", "report", "agenda", "export"]


@pytest.fixture
def work(tmp_path: Path) -> dict[str, str]:
    """An answers file, a store with engagement 'acme', and a folder for outputs."""
    answers = tmp_path / "inputs" / "ana.yaml"
    answers.parent.mkdir()
    answers.write_text(as_yaml(mini_answer_set()), encoding="utf-8")
    store = tmp_path / "inputs" / "store.sqlite"
    made = runner.invoke(
        app, ["interview", "acme", "--bank", "mini", "--answers", str(answers),
              "--store", str(store)],
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return {"answers": str(answers), "store": str(store)}


def arguments(command: str, work: dict[str, str], out: Path, *extra: str) -> list[str]:
    before = {
        "score": ["score", work["answers"]],
        "demo": ["demo"],
        "report": ["report", "acme", "--store", work["store"]],
        "agenda": ["agenda", "acme", "--store", work["store"]],
        "export": ["export", "acme", "--store", work["store"]],
    }[command]
    return [*before, "--out", str(out), *extra]


def run(args: list[str]) -> Result:
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("an exception escaped the command") from result.exception
    return result


def refused(result: Result, out: Path, says: str) -> None:
    assert result.exit_code == 1, result.stderr
    assert result.stderr.splitlines() == [f"error: {out}: {says}"]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def precious_file(folder: Path) -> Path:
    target = folder / "contract.txt"
    target.write_text(PRECIOUS)
    return target


@pytest.mark.parametrize("command", COMMANDS)
def test_op001_writes_the_file_and_nothing_else__ok(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "result.txt"
    result = run(arguments(command, work, out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}\n"
    assert listing(out.parent) == ["result.txt"]
    assert out.read_text(encoding="utf-8").strip()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", COMMANDS)
def test_op002_an_existing_file_needs_force(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    out = precious_file(tmp_path / "out")
    refused(run(arguments(command, work, out)), out, "already exists; add --force to overwrite it")
    assert out.read_text() == PRECIOUS
    assert run(arguments(command, work, out, "--force")).exit_code == 0
    assert out.read_text() != PRECIOUS
    assert listing(out.parent) == ["contract.txt"]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_op003_a_symlink_is_refused_even_with_force(
    command: str, force: bool, work: dict[str, str], tmp_path: Path
) -> None:
    target = precious_file(tmp_path / "elsewhere")
    out = tmp_path / "out" / "report.out"
    out.symlink_to(target)
    result = run(arguments(command, work, out, *(["--force"] if force else [])))
    refused(result, out, "is a symbolic link; refusing to write through it")
    assert target.read_text() == PRECIOUS
    assert out.is_symlink()
    assert listing(tmp_path / "out") == ["report.out"]


@pytest.mark.parametrize("command", COMMANDS)
def test_op004_a_dangling_symlink_is_refused(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "planted.txt"
    out = tmp_path / "out" / "report.out"
    out.symlink_to(target)
    result = run(arguments(command, work, out, "--force"))
    refused(result, out, "is a symbolic link; refusing to write through it")
    assert not target.exists()
    assert listing(tmp_path / "elsewhere") == []


@pytest.mark.parametrize("command", COMMANDS)
def test_op005_a_directory_is_refused(command: str, work: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    refused(run(arguments(command, work, out, "--force")), out, "is a directory; give a file name")
    assert listing(out) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_op005_a_pipe_is_refused_even_with_force(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "pipe"
    os.mkfifo(out)
    refused(
        run(arguments(command, work, out, "--force")),
        out,
        "is not a regular file; give a file name",
    )
    assert listing(tmp_path / "out") == ["pipe"]


@pytest.mark.parametrize("command", COMMANDS)
def test_op006_a_missing_folder_is_refused(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "no-such-folder" / "report.out"
    refused(run(arguments(command, work, out)), out, "its folder does not exist")
    assert listing(tmp_path / "out") == []


def plant_after_the_check(monkeypatch: pytest.MonkeyPatch, target: Path) -> Callable[[Path], Path]:
    """Make the check pass, then put a symlink where the output goes: a race lost."""
    checked = paths.safe_output_path

    def check_then_plant(path: Path, *, force: bool = False) -> Path:
        result = checked(path, force=force)
        path.unlink(missing_ok=True)
        path.symlink_to(target)
        return result

    monkeypatch.setattr(paths, "safe_output_path", check_then_plant)
    return check_then_plant


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_op007_a_symlink_planted_after_the_check_is_refused(
    command: str,
    force: bool,
    work: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = precious_file(tmp_path / "elsewhere")
    out = tmp_path / "out" / "report.out"
    if force:
        out.write_text("an earlier report")
    plant_after_the_check(monkeypatch, target)
    result = run(arguments(command, work, out, *(["--force"] if force else [])))
    assert result.exit_code == 1
    assert target.read_text() == PRECIOUS
    says = "is a symbolic link; refusing to write through it"
    if not force:
        says = "already exists; add --force to overwrite it"  # O_EXCL: anything there is refused
    assert result.stderr.splitlines() == [f"error: {out}: {says}"]


@pytest.mark.parametrize("command", COMMANDS)
def test_op008_force_over_a_readable_file_leaves_it_private(
    command: str, work: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "result.txt"
    out.write_text("{}")
    out.chmod(0o644)
    assert run(arguments(command, work, out, "--force")).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text() != "{}"


def test_op009_pilot_refuses_a_symlinked_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "pilot"
    link.symlink_to(elsewhere, target_is_directory=True)
    result = run(["pilot", "mini", "--out", str(link), "--respondents", "3", "--force"])
    refused(result, link, "is not a folder")
    assert listing(elsewhere) == []


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_op009_pilot_refuses_a_symlink_among_its_files_before_writing_any(
    force: bool, tmp_path: Path
) -> None:
    folder = tmp_path / "pilot"
    folder.mkdir()
    target = precious_file(tmp_path)
    first = runner.invoke(app, ["pilot", "mini", "--out", str(tmp_path / "probe"), "-n", "3"])
    assert first.exit_code == 0, first.stderr
    names = listing(tmp_path / "probe")
    planted = folder / names[-1]
    planted.symlink_to(target)
    args = ["pilot", "mini", "--out", str(folder), "--respondents", "3"]
    result = run([*args, "--force"] if force else args)
    assert result.exit_code == 1
    assert str(planted) in result.stderr and len(result.stderr.splitlines()) == 1
    assert listing(folder) == [planted.name]
    assert target.read_text() == PRECIOUS


def test_op010_assess_refuses_a_symlinked_out_before_the_first_question(tmp_path: Path) -> None:
    terminal = Terminal(home=tmp_path, store=tmp_path / "unused.sqlite")
    target = precious_file(tmp_path)
    out = tmp_path / "mine.yaml"
    out.symlink_to(target)
    child = terminal.spawn(
        "assess", "--bank", "mini", "--role", "coo", "--out", str(out), "--force",
        with_store=False,
    )  # fmt: skip
    expect_screen(child, f"error: {out}: is a symbolic link; refusing to write through it")
    assert finish(child) == 1
    assert "question 1 of" not in (child.before or "")
    assert target.read_text() == PRECIOUS


def test_op011_pilot_refuses_a_symlink_planted_at_its_table_after_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxo_diag.quality.pilot import LATENT_FILE

    target = precious_file(tmp_path)
    checked = paths.safe_output_path
    seen: list[Path] = []

    def plant_at_the_second_check(path: Path, *, force: bool = False) -> Path:
        result = checked(path, force=force)
        if path.name == LATENT_FILE:
            seen.append(path)
            if len(seen) == 2:  # the check made just before writing the table
                path.symlink_to(target)
        return result

    monkeypatch.setattr(paths, "safe_output_path", plant_at_the_second_check)
    folder = tmp_path / "pilot"
    result = run(["pilot", "mini", "--out", str(folder), "--respondents", "3"])
    refused(result, folder / LATENT_FILE, "already exists; add --force to overwrite it")
    assert target.read_text() == PRECIOUS
