"""The wheel carries the built-in banks: installed outside the checkout, the tool finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def test_installed_wheel_lists_and_validates_builtin_banks(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("cxo_diag-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}

    def cxo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cxo_diag", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    listed = cxo("banks", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert entries and all(e["source"] == "built-in" for e in entries)
    assert all(str(target) in e["path"] for e in entries)
    shipped = target / "cxo_diag" / "questionnaires"
    validated = cxo("validate", str(shipped))
    assert validated.returncode == 0, validated.stdout
    assert (target / "cxo_diag" / "schemas" / "bank.schema.json").is_file()
    assert json.loads(cxo("schema").stdout)["$defs"]["Bank"]
    form = elsewhere / "form.html"
    written = cxo("form", "--bank", "mini", "--role", "coo", "--out", str(form))
    assert written.returncode == 0, written.stderr
    assert "Download my answers" in form.read_text()  # the script came inside the wheel
