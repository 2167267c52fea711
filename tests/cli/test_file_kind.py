"""Files of the wrong kind given as answers files get a plain message (issue 21).

FK001 A JSON report, an export bundle, a question bank, a practice library and a Markdown
      file given to `score` each get one line naming what the file is and what to do,
      exit 1, and none of the parser's or the schema's jargon.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxo_diag.cli import app
from tests.helpers import REPO, runner

JARGON = ("Field required", "cannot start any token", "YAML syntax", "(and ")


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    result = runner.invoke(app, ["demo", "--format", "json", "--out", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def _bundle(tmp_path: Path) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "cxo-diag-engagement", "format_version": 1,
                                "engagement": "acme", "rounds": []}))  # fmt: skip
    return path


def _markdown(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text((REPO / "README.md").read_text())
    return path


def _markdown_named_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "notes.yaml"
    path.write_text("# Notes\n\nSee `cxo-diag score`:\n\n```sh\ncxo-diag demo\n```\n")
    return path


CASES = [
    (_report, "this is a JSON report (from `--format json`), not an answers file"),
    (_bundle, "this is an export bundle (from `cxo-diag export`), not an answers file"),
    (lambda _: REPO / "questionnaires" / "mini.yaml", "is a question bank, not an answers file"),
    (lambda _: REPO / "questionnaires" / "practices.yaml",
     "this is a practice library, not an answers file"),
    (_markdown, "this is a Markdown file, not an answers file"),
    (_markdown_named_yaml, "this is a Markdown file, not an answers file"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "expected"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_fk001_a_file_of_another_kind_is_named_for_what_it_is(
    tmp_path: Path, make: object, expected: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {path}: ")
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not any(word in result.stderr for word in JARGON), result.stderr
