"""The committed JSON Schema is current, and third-party tools accept and reject as we do."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

from cxo_diag.bank.model import json_schema

ROOT = REPO
COMMITTED = ROOT / "schemas" / "bank.schema.json"
BANKS = sorted((ROOT / "questionnaires").glob("*.yaml"))
CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(
    Path(sys.executable).parent / "check-jsonschema"
)


def test_committed_schema_is_current() -> None:
    committed = json.loads(COMMITTED.read_text())
    assert committed == json_schema(), "run: cxo-diag schema > schemas/bank.schema.json"


def test_builtin_banks_point_editors_at_the_schema() -> None:
    for bank in BANKS:
        first = bank.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/bank.schema.json", bank.name


def run_check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(COMMITTED), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_builtin_banks() -> None:
    result = run_check_jsonschema(*BANKS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_unknown_field(tmp_path: Path) -> None:
    bank = tmp_path / "extra.yaml"
    text = (ROOT / "tests" / "fixtures" / "banks" / "valid" / "tiny.yaml").read_text()
    bank.write_text(text.replace("title: Tiny bank", "title: Tiny bank\nmood: sunny"))
    result = run_check_jsonschema(bank)
    assert result.returncode == 1
    assert "'mood' was unexpected" in result.stdout
