"""What a team needs to validate banks in its own CI (issue 21).

CI001 The pre-commit hook checks banks, not every YAML file: its default `files` pattern
      takes questionnaires/ folders, so this repository's workflow, hook and config files
      are left alone, and the files it does take validate clean under --strict.
CI002 action.yml is a composite action that installs cxo-diag from the action's own
      checkout and runs `validate --strict --format github` on the given paths; its
      validate step, run as GitHub would, prints annotations with the fix and fails.
CI003 The project's own workflow runs `bash .ci/run` with CI=true.
CI004 The README shows a workflow of at most ten lines that uses the action.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from cxo_diag.bank.validate import validate_paths

REPO = Path(__file__).resolve().parents[2]
BROKEN = REPO / "tests" / "fixtures" / "banks" / "invalid" / "E104.yaml"
TINY = REPO / "tests" / "fixtures" / "banks" / "valid" / "tiny.yaml"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def _tracked() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=False
    )
    if listed.returncode == 0 and listed.stdout:
        return listed.stdout.splitlines()
    return [str(p.relative_to(REPO)) for p in REPO.rglob("*") if ".git" not in p.parts]


def test_ci001_the_hook_takes_banks_not_every_yaml_file() -> None:
    (hook,) = _load(REPO / ".pre-commit-hooks.yaml")
    pattern = re.compile(hook["files"])
    assert hook["entry"] == "cxo-diag validate --strict"
    for bank in ("questionnaires/coo-cmo.yaml", "team/questionnaires/sales.yml"):
        assert pattern.search(bank), bank
    for other in (
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "docs/bank-sketch.yaml",
        "examples/a/ana.yaml",
    ):
        assert not pattern.search(other), other  # fmt: skip
    taken = [REPO / name for name in _tracked() if pattern.search(name)]
    assert taken, "the hook would check none of this repository's banks"
    result, missing = validate_paths(taken)
    assert missing == []
    assert (result.errors, result.warnings) == (0, 0), [f.message for f in result.findings]


def _action() -> dict[str, Any]:
    action: dict[str, Any] = _load(REPO / "action.yml")
    return action


def test_ci002_the_action_is_composite_and_installs_its_own_version() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "strict"}
    install = next(s for s in action["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]


def _validate_step(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = next(s for s in _action()["runs"]["steps"] if "cxo-diag validate" in s.get("run", ""))
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        env={"PATH": path, "LANG": "C.UTF-8", **env},
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_ci002_the_validate_step_annotates_with_the_fix_and_fails() -> None:
    failed = _validate_step({"PATHS": f"{BROKEN} {TINY}", "STRICT": "true"})
    assert failed.returncode == 1, failed.stderr
    lines = failed.stdout.splitlines()
    assert lines[0].startswith(f"::warning file={BROKEN},line=18,col=9::W201 ")
    assert lines[1].startswith(f"::error file={BROKEN},line=31,col=16::E104 ")
    assert lines[1].endswith("%0Afix: Define it, or use one of: resources. (cxo-diag explain E104)")
    clean = _validate_step({"PATHS": str(TINY), "STRICT": "true"})
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stderr


def test_ci003_the_projects_workflow_runs_ci_run() -> None:
    workflow = _load(REPO / ".github" / "workflows" / "ci.yml")
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML 1.1 reads `on:` as True
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    (runs,) = [step for step in steps if "run" in step]
    assert runs["run"] == "bash .ci/run"
    assert runs["env"]["CI"] == "true"


def test_ci004_the_readme_shows_a_ten_line_workflow_with_the_action() -> None:
    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    (workflow,) = [block for block in blocks if re.search(r"uses: [\w-]+/cxo-diag@", block)]
    assert len(workflow.splitlines()) <= 10, workflow
    data = _load_text(workflow)
    (job,) = data["jobs"].values()
    action = next(s for s in job["steps"] if "cxo-diag@" in s.get("uses", ""))
    assert action["with"]["paths"]


def _load_text(text: str) -> Any:
    return yaml.safe_load(text)
