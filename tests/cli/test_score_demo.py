"""`cxo-diag score` and `cxo-diag demo` as a user runs them: exit codes, stdout, stderr.

C1 score finds the bank from the files and prints the report; formats and --out work;
C2 a file that does not fit (changed bank, other version, other bank, same person twice,
   missing) is refused in one line on stderr, with a non-zero exit and no traceback;
C3 demo prints the bundled example engagement, readable without a terminal;
C4 in a real terminal the report is coloured, unless NO_COLOR is set.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent, dump_answers
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.helpers import runner

REPORT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "answers" / "report"


def write_mini_answers(
    folder: Path, role: str, name: str, given: dict[str, int], **ref: str
) -> Path:
    """An answers file for the built-in mini bank, stamped with its current hash."""
    resolved = open_bank("mini")
    bank_ref = {"id": "mini", "version": resolved.bank.version, "hash": resolved.hash, **ref}
    answer_set = AnswerSet(
        bank=BankRef.model_validate(bank_ref),
        respondent=Respondent(name=name, role=role),
        engagement="Mini engagement",
        answers=dict(given),
    )
    path = folder / f"{name.lower()}.yaml"
    path.write_text(dump_answers(answer_set), encoding="utf-8")
    return path


@pytest.fixture
def mini_files(tmp_path: Path) -> list[Path]:
    return [
        # COO: res-01 5 -> 100, res-02 (harmony) 2 -> 75, res-03 (harmony) 1 -> 100: 91.7
        write_mini_answers(tmp_path, "coo", "Ada", {"res-01": 5, "res-02": 2, "res-03": 1}),
        # CMO: 2 -> 25, 4 -> 25, 4 -> 25: 25. Gap 66.7.
        write_mini_answers(tmp_path, "cmo", "Ben", {"res-01": 2, "res-02": 4, "res-03": 4}),
    ]


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# --- C1 -----------------------------------------------------------------------------------------


def test_c1_score_finds_the_bank_and_prints_the_report(mini_files: list[Path]) -> None:
    result = runner.invoke(app, ["score", *map(str, mini_files)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Mini engagement · cxo-diag diagnosis" in out
    assert "Bank: Sample bank, three questions to try the tool (mini 0.2.0" in out
    assert "91.7" in out and "66.7" in out
    # Both rules of mini fire: COO in the Friction band, and a gap of 66.7 >= 25.
    assert "1. A joint resource-allocation framework" in out
    assert "A neutral facilitator for planning meetings" in out
    assert "\x1b[" not in out


def test_c1_score_json_and_markdown(mini_files: list[Path]) -> None:
    result = runner.invoke(app, ["score", "--format", "json", *map(str, mini_files)])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 2
    assert [r["score"] for r in payload["dimensions"][0]["roles"]] == [91.7, 25.0]
    assert payload["summary"]["start_here"] == ["joint-allocation"]
    markdown = runner.invoke(app, ["score", "-f", "markdown", *map(str, mini_files)])
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# Mini engagement · cxo-diag diagnosis\n")


def test_c1_score_out_refuses_to_overwrite_without_force(
    mini_files: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    args = ["score", "-f", "html", "--out", str(target), *map(str, mini_files)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert first.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert one_error_line(again.stderr) == (
        f"error: {target}: already exists; add --force to overwrite it"
    )
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0


def test_c1_score_with_an_explicit_bank_path() -> None:
    files = [str(REPORT_FIXTURES / f"{n}-round2.yaml") for n in ("ada", "ben", "cy")]
    result = runner.invoke(app, ["score", "--bank", str(REPORT_FIXTURES / "bank.yaml"), *files])
    assert result.exit_code == 0, result.stderr
    assert "Report fixture <b>bank</b>" in result.stdout
    assert "Ben [bold red]Ng[/] (CMO)" in result.stdout


# --- C2 -----------------------------------------------------------------------------------------


def test_c2_a_changed_bank_is_refused(tmp_path: Path) -> None:
    stale = write_mini_answers(tmp_path, "coo", "Ada", {"res-01": 5}, hash="sha256:0000")
    result = runner.invoke(app, ["score", str(stale)])
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line.startswith(f"error: {stale}: bank mini 0.2.0 changed since these answers")


def test_c2_another_version_is_refused(tmp_path: Path) -> None:
    old = write_mini_answers(tmp_path, "coo", "Ada", {"res-01": 5}, version="0.0.9")
    result = runner.invoke(app, ["score", str(old)])
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == (
        f"error: {old}: answers are for mini version 0.0.9, the bank is 0.2.0"
    )


def test_c2_files_for_different_banks_are_refused(mini_files: list[Path]) -> None:
    other = REPORT_FIXTURES / "ada-round2.yaml"
    result = runner.invoke(app, ["score", str(mini_files[0]), str(other)])
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert "the files are for different banks" in line
    assert str(other) in line and str(mini_files[0]) in line


def test_c2_a_file_against_the_wrong_bank_is_refused(mini_files: list[Path]) -> None:
    result = runner.invoke(
        app, ["score", "--bank", "mini", str(REPORT_FIXTURES / "ada-round2.yaml")]
    )
    assert result.exit_code == 1
    assert "answers are for bank 'report-fixture', not 'mini'" in one_error_line(result.stderr)


def test_c2_the_same_respondent_twice_is_refused(mini_files: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(mini_files[0], copy)
    result = runner.invoke(app, ["score", str(mini_files[0]), str(copy)])
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == (
        f"error: {copy}: Ada (coo) already answered in {mini_files[0]}; give each respondent once"
    )


def test_c2_a_missing_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nobody.yaml"
    result = runner.invoke(app, ["score", str(missing)])
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == f"error: {missing}: no such file"


def test_c2_a_bad_format_name_is_a_usage_error(mini_files: list[Path]) -> None:
    result = runner.invoke(app, ["score", "--format", "docx", str(mini_files[0])])
    assert result.exit_code == 2
    assert "docx" in result.stderr


# --- C3 -----------------------------------------------------------------------------------------


def test_c3_demo_prints_the_bundled_engagement_without_ansi() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.stderr
    assert "cxo-diag diagnosis" in result.stdout
    assert "Recommended practices: start here, then also consider" in result.stdout
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


def test_c3_demo_uses_the_examples_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    examples = tmp_path / "examples" / "budget-war"
    examples.mkdir(parents=True)
    for name in ("ada-round2.yaml", "ben-round2.yaml"):
        shutil.copy(REPORT_FIXTURES / name, examples / name)
    (tmp_path / "questionnaires").mkdir()
    shutil.copy(REPORT_FIXTURES / "bank.yaml", tmp_path / "questionnaires" / "report-fixture.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("cxo_diag.resources.examples_dir", lambda: tmp_path / "examples")
    result = runner.invoke(app, ["demo", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Harbor \\& Pine Foods · cxo-diag")
    assert "Engagement Acme \\*budget\\* war \\<i\\>2026\\</i\\>" in result.stdout


def test_c3_demo_without_its_examples_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cxo_diag.resources.examples_dir", lambda: tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == (
        f"error: {tmp_path / 'budget-war'}: the bundled example engagement is missing"
    )


# --- C4 -----------------------------------------------------------------------------------------


def run_in_terminal(env_extra: dict[str, str]) -> str:
    """Run `cxo-diag demo` with a pseudo-terminal as stdout; return what it printed."""
    import os

    import pexpect

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env_extra
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cxo_diag", "demo"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def test_c4_a_terminal_gets_colour_and_no_color_turns_it_off() -> None:
    coloured = run_in_terminal({"TERM": "xterm-256color"})
    assert "\x1b[" in coloured
    plain = run_in_terminal({"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert "Recommended practices" in plain
