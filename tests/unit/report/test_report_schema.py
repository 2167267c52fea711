"""The JSON report's schema (schemas/report.schema.json) is current, and reports validate.

RS001 the committed schema is what ``report_schema()`` generates (regenerate with
      ``python -m cxo_diag.report.json_report > schemas/report.schema.json``) and names
      schema_version 2;
RS002 the golden JSON reports (consultant and client) and an empty engagement's report
      validate against it, with a
      third-party validator (check-jsonschema), and a report missing its summary does not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.unit.scoring.test_scoring import make_bank, question

from cxo_diag.report.json_report import REPORT_SCHEMA_VERSION, render_json, report_schema
from cxo_diag.scoring import diagnose

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "schemas" / "report.schema.json"
GOLDEN = ROOT / "tests" / "golden" / "report-consultant.json"
CLIENT = ROOT / "tests" / "golden" / "report-client.json"
CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(
    Path(sys.executable).parent / "check-jsonschema"
)


def test_rs001_committed_report_schema_is_current() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == report_schema(), (
        "run: python -m cxo_diag.report.json_report > schemas/report.schema.json"
    )
    assert committed["properties"]["schema_version"] == {"const": REPORT_SCHEMA_VERSION}
    assert REPORT_SCHEMA_VERSION == 2
    summary = committed["$defs"]["Summary"]["properties"]
    assert set(summary) == {"findings", "start_here", "also_consider", "caveats"}


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(COMMITTED), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_rs002_reports_validate_against_the_schema(tmp_path: Path) -> None:
    assert _check(GOLDEN).returncode == 0, _check(GOLDEN).stdout
    assert _check(CLIENT).returncode == 0, _check(CLIENT).stdout  # each person's figures out
    empty = tmp_path / "empty.json"
    empty.write_text(render_json(diagnose(make_bank([question("q1")]), [])), encoding="utf-8")
    assert _check(empty).returncode == 0, _check(empty).stdout
    broken = tmp_path / "broken.json"
    payload = json.loads(GOLDEN.read_text(encoding="utf-8"))
    del payload["summary"]
    broken.write_text(json.dumps(payload), encoding="utf-8")
    result = _check(broken)
    assert result.returncode == 1
    assert "'summary' is a required property" in result.stdout
