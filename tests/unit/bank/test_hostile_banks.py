"""Broken and hostile banks each give their finding, with a position, and never a traceback.

The whole corpus also runs through the real command in a subprocess under a 1 GiB address
space limit, so that a blow-up in memory fails the test instead of the machine.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hostile_banks import CASES, Case

from cxo_diag.bank.validate import validate_file


def materialise(case: Case, folder: Path) -> Path:
    if case.make is not None:
        return case.make(folder)
    path = folder / f"{case.name}.yaml"
    assert case.content is not None
    path.write_bytes(case.content)
    return path


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_bank__finding_with_position(case: Case, tmp_path: Path) -> None:
    path = materialise(case, tmp_path)
    findings = validate_file(path).findings
    codes = [f.code for f in findings]
    assert case.code in codes, f"{case.name}: got {[(f.code, f.message) for f in findings]}"
    finding = next(f for f in findings if f.code == case.code)
    assert finding.line >= 1 and finding.col >= 1
    if case.line is not None:
        assert finding.line == case.line


def _limit_memory() -> None:
    gib = 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (gib, gib))


def test_whole_corpus_through_the_cli_in_bounded_memory(tmp_path: Path) -> None:
    paths = [materialise(case, tmp_path) for case in CASES]
    result = subprocess.run(
        [sys.executable, "-m", "cxo_diag", "validate", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(CASES)
    for case, file in zip(CASES, report["files"], strict=True):
        assert case.code in [f["code"] for f in file["findings"]], case.name


def _flow(depth: int) -> str:
    return "id: deep\nquestions: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    lines = ["id: deep", "questions:"]
    lines += [" " * (2 * level) + "- k:" for level in range(depth)]
    return "\n".join(lines) + "\n"


# 100 levels trips only our loader's limit (64); 1,500 trips the YAML parser's own limit
# first where it has one (libyaml refuses nesting past 1,000, flow while it scans ahead).
# A user must not be able to tell which layer refused.
@pytest.mark.parametrize("shape", [_flow, _block], ids=["flow", "block"])
@pytest.mark.parametrize("depth", [100, 1500], ids=["loader-limit", "parser-limit"])
def test_deep_nesting__same_finding_whichever_layer_refuses(
    shape: Callable[[int], str], depth: int, tmp_path: Path
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(shape(depth))
    result = subprocess.run(
        [sys.executable, "-m", "cxo_diag", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    findings = [line.strip() for line in result.stdout.splitlines() if " error E" in line]
    assert len(findings) == 1, result.stdout
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error E003 ", findings[0]), findings
    assert findings[0].endswith("nesting deeper than 64")
