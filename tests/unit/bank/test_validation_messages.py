"""What a user reads about a value of the wrong type is our wording, not pydantic's.

pydantic's message text may change in any release; its error types are its contract. These
tests break a bank and an answers file in every way our models can refuse a value and check
that each message comes from our table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.helpers import MINI

from cxo_diag.answers import read_answers_file
from cxo_diag.bank.validate import validate_file
from cxo_diag.errors import AnswersFileError

PYDANTIC_PHRASES = ("Input should", "Field required", "Extra inputs", "valid dictionary")


def _mini() -> dict[str, object]:
    data = yaml.safe_load(MINI.read_text())
    assert isinstance(data, dict)
    return data


def _broken(change: str) -> dict[str, object]:
    data = _mini()
    questions = data["questions"]
    assert isinstance(questions, list)
    first = questions[0]
    if change == "text-as-number":
        data["title"] = 12
    elif change == "list-as-text":
        data["roles"] = "coo"
    elif change == "mapping-as-list":
        questions[0] = ["not", "a", "mapping"]
    elif change == "number-as-text":
        first["weight"] = "heavy"
    elif change == "flag-as-text":
        first["reverse"] = "maybe"
    elif change == "empty-list":
        data["questions"] = []
    return data


@pytest.mark.parametrize(
    "change",
    [
        "text-as-number",
        "list-as-text",
        "mapping-as-list",
        "number-as-text",
        "flag-as-text",
        "empty-list",
    ],
)
def test_bank_type_errors__our_wording(change: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(_broken(change)))
    findings = validate_file(path).findings
    assert findings, change
    for finding in findings:
        assert not any(phrase in finding.message for phrase in PYDANTIC_PHRASES), finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bank: {id: mini, version: 1.0.0, hash: x}\nanswers: {}\n", "required field missing"),
        ("bank: {id: mini, version: 1.0.0, hash: x}\nrespondent: 3\nanswers: {}\n", "expected"),
    ],
)
def test_answers_file_errors__our_wording(text: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    with pytest.raises(AnswersFileError) as raised:
        read_answers_file(path)
    message = str(raised.value)
    assert expected in message
    assert not any(phrase in message for phrase in PYDANTIC_PHRASES), message
