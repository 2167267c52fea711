"""libyaml's parser when PyYAML has it, the pure-Python one when it does not: same data, same
positions, same findings either way (line, column and message; a syntax error's wording is
each parser's own, its place the same)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.helpers import FIXTURES

from cxo_diag.bank import yamlpos
from cxo_diag.findings import Finding

BANK_FILES = sorted((FIXTURES / "banks").rglob("*.yaml"))
ANSWERS = (
    "schema_version: 1\nbank: {id: mini, version: 1.0.0, hash: 'sha256:ab'}\n"
    "respondent:\n  name: Ana\n  role: coo\nanswers:\n  q1: 4\n  q2: n/a\n  q3: null\n"
    "  q4: yes\n  q5: '4'\n  q6: 4.0\n"
)
HOSTILE = {
    "duplicate key": "answers:\n  q1: 4\n  q1: 5\n",
    "syntax error": "answers:\n  q1: [4\n  q2: 5\n",
    "unknown tag": "answers:\n  q1: !!python/object:os.system 4\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "unknown alias": "a: *nowhere\n",
    "mapping as key": "? {a: 1}\n: 2\n",
    "bad timestamp": "at: !!timestamp not-a-date\n",
    "flow nesting 100": "a: " + "[" * 100 + "]" * 100 + "\n",
    "block nesting 100": "a:\n" + "".join(" " * (2 * n) + "- k:\n" for n in range(1, 101)),
    "alias bomb": "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
    + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(7)
    ),
}


def _shown(finding: Finding) -> tuple[object, ...]:
    syntax = finding.message.startswith("YAML syntax error")
    return (finding.line, finding.col, finding.code, None if syntax else finding.message)


def _read(text: str, loader: object, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    monkeypatch.setattr(yamlpos, "_Loader", loader)
    yamlpos._SCALARS.clear()  # each loader builds its own values, nothing remembered
    document, findings = yamlpos.parse_yaml(text, "f.yaml")
    if document is None:
        return (None, [_shown(f) for f in findings])
    return (document.data, document.positions.values, document.positions.keys)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize(
    "text",
    [ANSWERS, *HOSTILE.values(), *(p.read_text() for p in BANK_FILES)],
    ids=["answers", *HOSTILE, *(p.stem for p in BANK_FILES)],
)
def test_libyaml_and_pure_parser__same_result(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(text, yaml.CSafeLoader, monkeypatch)
    pure = _read(text, yaml.SafeLoader, monkeypatch)
    assert fast == pure


def test_repeated_scalars__each_read_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Values read once are remembered by text and style: a quoted '4' stays a string after
    a plain 4 was read, yes stays a boolean, and a second read gives the same data."""
    first = _read(ANSWERS, yamlpos._Loader, monkeypatch)
    document, _ = yamlpos.parse_yaml(ANSWERS, "f.yaml")
    assert document is not None
    assert document.data == first[0]
    answers = document.data["answers"]
    assert answers == {"q1": 4, "q2": "n/a", "q3": None, "q4": True, "q5": "4", "q6": 4.0}
    assert [type(answers[k]) for k in ("q1", "q5", "q6")] == [int, str, float]


def test_bank_file_fixtures_found() -> None:
    assert len(BANK_FILES) > 20, Path(FIXTURES)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("!!int abc", "int"),
        ("!!bool maybe", "bool"),
        ("!!float x", "float"),
        ("!!timestamp soon", "timestamp"),
    ],
)
def test_explicit_tag_the_text_does_not_fit__one_finding_at_the_value(
    value: str, kind: str
) -> None:
    document, findings = yamlpos.parse_yaml(f"id: x\nround: {value}\n", "f.yaml")
    assert document is None
    assert [(f.line, f.col, f.code) for f in findings] == [(2, 8, "E001")]
    assert f"cannot be read as {kind}" in findings[0].message
