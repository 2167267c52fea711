"""`cxo-diag validate`, `schema`, `banks`, `show` as a user runs them: exit codes and output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cxo_diag.cli import app
from tests.helpers import runner

FIXTURES = Path(__file__).parent.parent / "fixtures" / "banks"
TINY = FIXTURES / "valid" / "tiny.yaml"
BROKEN = FIXTURES / "invalid" / "E104.yaml"


def test_validate_clean__exit_0_and_summary() -> None:
    result = runner.invoke(app, ["validate", str(TINY)])
    assert result.exit_code == 0, result.output
    assert "1 file checked: 0 errors, 0 warnings" in result.stdout


def test_validate_errors__exit_1_with_file_line_col() -> None:
    result = runner.invoke(app, ["validate", str(BROKEN)])
    assert result.exit_code == 1
    assert f"{BROKEN}:31:16: error E104 dimension 'resourcez' is not defined" in result.stdout
    assert "\x1b[" not in result.stdout


def test_validate_github__exact_annotation_lines() -> None:
    result = runner.invoke(app, ["validate", "--format", "github", str(BROKEN)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::warning file={BROKEN},line=18,col=9::W201 dimension 'resources' has only 2 question(s)"
        "%0Afix: Three or more items make a score that one odd answer cannot swing. "
        "(cxo-diag explain W201)",
        f"::error file={BROKEN},line=31,col=16::E104 dimension 'resourcez' is not defined "
        "(question 'res-02'); did you mean 'resources'?"
        "%0Afix: Define it, or use one of: resources. (cxo-diag explain E104)",
        f"::warning file={BROKEN},line=37,col=9::W211 counterpart question 'res-03' names no "
        "'mirrors': blind spots leave it out%0Afix: Add 'mirrors: ID' naming the 'self' item that "
        "makes the same statement about oneself. (cxo-diag explain W211)",
    ]


def test_validate_json__machine_readable() -> None:
    result = runner.invoke(app, ["validate", "-f", "json", str(BROKEN), str(TINY)])
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"files": 2, "errors": 1, "warnings": 2}
    error = payload["files"][0]["findings"][1]
    assert error["code"] == "E104"
    assert (error["line"], error["col"]) == (31, 16)
    assert error["docs"] == "docs/bank-format.md#e104"


def test_validate_strict__warning_fails(tmp_path: Path) -> None:
    bank = tmp_path / "two.yaml"
    text = TINY.read_text()
    start = text.index("  - id: res-03")
    end = text.index("practices:")
    bank.write_text(text[:start] + text[end:])
    assert runner.invoke(app, ["validate", str(bank)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", str(bank)])
    assert strict.exit_code == 1
    assert "W201" in strict.stdout


def test_validate_missing_path__exit_2_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.yaml'}: no such file or directory"


def test_validate_two_missing_paths__exit_2_one_line_naming_both(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    result = runner.invoke(app, ["validate", str(first), str(second)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {first}, {second}: no such file or directory\n"


def test_validate_folder_without_banks__exit_2_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: no .yaml or .yml files found in {tmp_path}\n"


def test_validate_wrong_option__usage_error() -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(TINY)])
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_schema__is_json_schema_of_the_bank() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "Bank" in schema["$defs"]
    assert schema["$defs"]["Bank"]["additionalProperties"] is False


def test_banks__lists_builtin_banks() -> None:
    result = runner.invoke(app, ["banks", "--format", "json"])
    assert result.exit_code == 0
    ids = [entry["id"] for entry in json.loads(result.stdout)]
    assert "mini" in ids


def test_show__by_path_and_json() -> None:
    result = runner.invoke(app, ["show", str(TINY), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["id"] == "tiny"
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", payload["content_hash"])
    text = runner.invoke(app, ["show", str(TINY)])
    assert "Resource allocation" in text.stdout
    assert "res-03" in text.stdout


def test_show_broken_bank__one_line_error() -> None:
    result = runner.invoke(app, ["show", str(BROKEN)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {BROKEN}:31:16: E104 ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_unknown_bank__names_the_known_ones() -> None:
    result = runner.invoke(app, ["show", "no-such-bank"])
    assert result.exit_code == 1
    assert "no bank called 'no-such-bank'" in result.stderr
    assert "mini" in result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert re.fullmatch(r"cxo-diag \d+\.\d+\.\d+\n", result.stdout)


def test_show__hostile_bank_text_shown_literally(tmp_path: Path) -> None:
    bank = tmp_path / "hostile.yaml"
    bank.write_text(
        TINY.read_text().replace(
            "title: Tiny bank", 'title: "[bold red]Boss[/] \\e[31mred\\e[0m <script>x</script>"'
        )
    )
    result = runner.invoke(app, ["show", str(bank)], color=True)
    assert result.exit_code == 0, result.stderr
    assert "[bold red]Boss[/]" in result.stdout
    assert "\\x1b[31mred" in result.stdout
    assert "\x1b[31mred" not in result.stdout


def test_version_as_a_command__fast_path_prints_and_exits_0() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['cxo-diag', '--version'];"
            "from cxo_diag.cli import main; main()",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert re.fullmatch(r"cxo-diag \d+\.\d+\.\d+\n", result.stdout)
    assert result.stderr == ""


def test_help__main_jobs_listed_first() -> None:
    result = runner.invoke(app, ["--help"])
    listed = [
        line.split()[0]
        for line in result.stdout.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed[:5] == ["form", "assess", "template", "demo", "score"]
    assert listed.index("interview") < listed.index("validate") < listed.index("analyze")
