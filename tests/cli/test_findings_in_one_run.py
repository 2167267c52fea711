"""What a bank maintainer trips on (issue 21): every finding in one run, did-you-mean,
hints that name `cxo-diag explain`, and explain itself.

FR001 A misspelt field does not hide the other findings: references and quality are
      checked too, as if the field were spelt right (no "no probe" for a misspelt probe).
FR002 Unknown fields and ids say "did you mean" when a close match exists.
FR003 The text format's fix names `cxo-diag explain CODE`, never a relative docs path.
FR004 `cxo-diag explain CODE` prints the code's message and fix from the same catalogue,
      with its meaning and an example; unknown codes exit 2 naming close ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from cxo_diag.cli import app
from cxo_diag.findings import Code
from tests.helpers import FIXTURES, runner

TINY = FIXTURES / "banks" / "valid" / "tiny.yaml"


def _misspelt(tmp_path: Path) -> Path:
    """The tiny bank with a misspelt probe, a misspelt dimension id and a misspelt keying."""
    text = TINY.read_text()
    assert "    probe: " in text and "dimension: resources" in text
    text = text.replace("    probe: ", "    porbe: ", 1)
    text = text.replace("dimension: resources", "dimension: resouces", 1)
    bank = tmp_path / "misspelt.yaml"
    bank.write_text(text)
    return bank


def _codes(bank: Path) -> list[tuple[str, str]]:
    result = runner.invoke(app, ["validate", "--format", "json", str(bank)])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    return [(f["code"], f["message"]) for f in findings]


def test_fr001_a_misspelt_field_does_not_hide_the_reference_errors(tmp_path: Path) -> None:
    codes = _codes(_misspelt(tmp_path))
    assert [code for code, _ in codes].count("E101") == 1
    assert any(code == "E104" and "'resouces'" in message for code, message in codes), codes
    assert not any(code == "W210" for code, _ in codes), "the misspelt probe counts as a probe"


def test_fr001_the_bank_is_still_refused_where_it_is_used(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(_misspelt(tmp_path))])
    assert result.exit_code == 1
    assert result.stderr.endswith("(and 1 more; run cxo-diag validate)\n"), result.stderr


def test_fr002_did_you_mean_for_fields_and_ids(tmp_path: Path) -> None:
    messages = dict(_codes(_misspelt(tmp_path)))
    assert messages["E101"].endswith("; did you mean 'probe'?")
    assert messages["E104"].endswith("; did you mean 'resources'?")


def test_fr002_no_suggestion_when_nothing_is_close(tmp_path: Path) -> None:
    bank = tmp_path / "far.yaml"
    bank.write_text(TINY.read_text().replace("    probe: ", "    zzzzzz: ", 1))
    messages = dict(_codes(bank))
    assert "did you mean" not in messages["E101"]


def test_fr003_the_fix_names_explain_not_a_docs_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_misspelt(tmp_path))])
    assert "(cxo-diag explain E101)" in result.stdout
    assert "docs/bank-format.md" not in result.stdout


def test_fr004_explain_prints_the_catalogues_message_and_fix() -> None:
    result = runner.invoke(app, ["explain", "e101"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("E101 unknown-field (error)\n")
    assert "Message: unknown field <field>\n" in result.stdout
    assert "Example:\n    questions:" in result.stdout
    assert "Fix: Remove it or check its spelling: <expected>." in result.stdout


def test_fr004_explain_without_a_code_lists_every_code() -> None:
    result = runner.invoke(app, ["explain"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [c.name for c in Code]


def test_fr004_an_unknown_code_exits_2_naming_close_ones() -> None:
    result = runner.invoke(app, ["explain", "E1010"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no finding code 'E1010'; did you mean ")
    assert "E101" in result.stderr


def test_fr002_did_you_mean_for_bank_and_role_ids() -> None:
    from cxo_diag.bank.registry import open_bank

    result = runner.invoke(app, ["show", "coo-cm"])
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith("; did you mean 'coo-cmo'?"), result.stderr
    bank = open_bank("mini").bank
    assert bank.no_role("cmmo") == (
        "bank mini has no role 'cmmo' (roles: coo, cmo); did you mean 'cmo'?"
    )
