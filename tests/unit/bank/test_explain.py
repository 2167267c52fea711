"""`cxo-diag explain` stays in step with the catalogue of findings (issue 21).

EX001 Every code has an explanation and nothing else has one: a new code fails here until
      it is explained in src/cxo_diag/explain.py.
EX002 Each explanation carries the code's own message template and fix, fits 80 columns,
      and has a meaning and an example.
EX003 Each invalid fixture named after a code (tests/fixtures/banks/invalid/CODE.yaml)
      really gives that code, so the examples' codes are the ones validate reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import FIXTURES

from cxo_diag.bank.validate import validate_file
from cxo_diag.explain import EXPLANATIONS, _placeholders, explain_code
from cxo_diag.findings import Code

INVALID = FIXTURES / "banks" / "invalid"


def test_ex001_every_code_is_explained_and_only_codes_are() -> None:
    assert sorted(EXPLANATIONS) == sorted(Code.__members__), (
        "add (or remove) the code's entry in EXPLANATIONS in src/cxo_diag/explain.py"
    )


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.name)
def test_ex002_an_explanation_is_the_catalogues_text_with_meaning_and_example(
    code: Code,
) -> None:
    text = explain_code(code)
    flat = " ".join(text.split())
    assert f"Message: {_placeholders(code.value.template)}" in flat
    assert f"Fix: {_placeholders(code.value.hint)}" in flat
    entry = EXPLANATIONS[code.name]
    assert entry.meaning and entry.example and entry.title
    assert text.startswith(f"{code.name} {entry.title} ({code.severity.value})\n")
    assert max(len(line) for line in text.splitlines()) <= 80, text


def test_ex002_placeholders_read_as_fields() -> None:
    assert _placeholders("unknown field {field!r}{context}{suggestion}") == "unknown field <field>"
    assert _placeholders("hard to read (grade {grade:.1f})") == "hard to read (grade <grade>)"


@pytest.mark.parametrize("fixture", sorted(INVALID.glob("[EW][0-9][0-9][0-9].yaml")), ids=str)
def test_ex003_a_fixture_named_after_a_code_gives_that_code(fixture: Path) -> None:
    found = {finding.code for finding in validate_file(fixture).findings}
    assert fixture.stem in found, found
