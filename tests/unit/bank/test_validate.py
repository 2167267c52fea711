"""Validation rules: every error code has a broken-bank fixture that pins code, line and column.

Each file in tests/fixtures/banks/invalid/ starts with ``# expect: CODE LINE:COL``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import FIXTURES

from cxo_diag.bank.validate import validate_file, validate_paths
from cxo_diag.findings import Code, Severity

BANKS = FIXTURES / "banks"
INVALID = sorted((BANKS / "invalid").glob("*.yaml"))
EXPECT = re.compile(rb"# expect: (?P<code>[EW]\d{3}) (?P<line>\d+):(?P<col>\d+)")


def expectation(path: Path) -> tuple[str, int, int]:
    match = EXPECT.match(path.read_bytes())
    assert match, f"{path.name} lacks its '# expect: CODE LINE:COL' header"
    return match["code"].decode(), int(match["line"]), int(match["col"])


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_broken_bank__error_at_position(path: Path) -> None:
    code, line, col = expectation(path)
    findings = validate_file(path).findings
    located = [(f.code, f.line, f.col) for f in findings]
    assert (code, line, col) in located, f"{path.name}: got {located}"
    finding = next(f for f in findings if f.code == code)
    assert finding.severity is Severity.ERROR
    assert finding.hint
    assert finding.anchor == f"docs/bank-format.md#{code.lower()}"


def test_every_error_code_has_a_fixture() -> None:
    covered = {expectation(path)[0] for path in INVALID}
    errors = {code.name for code in Code if code.severity is Severity.ERROR}
    assert errors - covered == set()


def test_valid_fixture__no_findings() -> None:
    assert validate_file(BANKS / "valid" / "tiny.yaml").findings == []


def test_folder__every_yaml_file_checked(tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.yaml").write_text((BANKS / "valid" / "tiny.yaml").read_text())
    (tmp_path / "nested" / "b.yml").write_text("id: [\n")
    (tmp_path / "notes.txt").write_text("not a bank")
    result, missing = validate_paths([tmp_path])
    assert missing == []
    assert [Path(f.file).name for f in result.files] == ["a.yaml", "b.yml"]
    assert result.errors == 1
    assert result.exit_code(strict=False) == 1


def test_warnings__fail_only_under_strict(tmp_path: Path) -> None:
    bank = (BANKS / "valid" / "tiny.yaml").read_text()
    long_text = "Budget talks " + " ".join(["between us"] * 20) + " end badly."
    bank = bank.replace(
        "text: Budget talks between us end with my function feeling it lost out.",
        f"text: {long_text}",
    )
    path = tmp_path / "long.yaml"
    path.write_text(bank)
    result, _ = validate_paths([path])
    assert "W204" in [f.code for f in result.findings]
    assert result.errors == 0
    assert result.exit_code(strict=False) == 0
    assert result.exit_code(strict=True) == 1


def test_duplicate_key__names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("schema_version: 1\nid: a\ntitle: x\nid: b\n")
    finding = validate_file(path).findings[0]
    assert (finding.code, finding.line, finding.col) == ("E004", 4, 1)
    assert "first at line 2" in finding.message


def test_unknown_field__suggests_the_known_ones(tmp_path: Path) -> None:
    text = (BANKS / "valid" / "tiny.yaml").read_text().replace("title: Tiny bank", "titel: x")
    path = tmp_path / "typo.yaml"
    path.write_text(text)
    findings = validate_file(path).findings
    unknown = next(f for f in findings if f.code == "E101")
    assert "titel" in unknown.message
    assert "title" in unknown.hint
    missing = next(f for f in findings if f.code == "E102")
    assert "'title'" in missing.message


def test_directory_given_as_file__finding_not_crash(tmp_path: Path) -> None:
    finding = validate_file(tmp_path).findings[0]
    assert finding.code == "E002"
    assert "directory" in finding.message


def test_several_missing_fields__each_reported(tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text("schema_version: 1\nid: bare\n")
    missing = sorted(f.message for f in validate_file(path).findings if f.code == "E102")
    expected = ["dimensions", "questions", "roles", "rules", "scales", "title", "version"]
    assert missing == [f"missing required field {name!r}" for name in expected]


def test_missing_include__one_finding_not_one_per_rule(tmp_path: Path) -> None:
    bank = tmp_path / "alone.yaml"
    text = (BANKS / "valid" / "tiny.yaml").read_text()
    start, end = text.index("practices:"), text.index("rules:")
    bank.write_text(
        text[:start].replace("title: Tiny bank", "title: Tiny bank\ninclude: [lib.yaml]")
        + text[end:]
    )
    codes = [f.code for f in validate_file(bank).findings]
    assert codes == ["E114"]


def test_messages_name_items_by_id_and_say_to_quote_a_number(tmp_path: Path) -> None:
    text = (BANKS / "valid" / "tiny.yaml").read_text()
    text = text.replace("version: 1.0.0", "version: 1.0").replace(
        "    probe: How did the last budget round end?",
        "    probe: How did the last budget round end?\n    hint: extra",
    )
    path = tmp_path / "ids.yaml"
    path.write_text(text)
    messages = {f.code: f.message for f in validate_file(path).findings}
    assert messages["E101"] == "unknown field 'hint' (in question 'res-01')"
    assert "put it in quotes ('1.0')" in messages["E103"]
