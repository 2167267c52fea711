"""Open questions (``type: open``): answered in free text, never scored.

OQ001 `type: open` entries of `questions` load as open questions; scoring's list never holds one.
OQ002 a finding about an open question, or about a scale item after one, names its own line.
OQ003 one id space: an open question cannot reuse a scale item's id.
OQ004 a bank without open questions keeps its content hash (engagements stored on 1.0.0).
OQ005 answers files carry open answers verbatim; misplaced ones are refused in one line.
OQ006 the JSON Schema accepts an open question among `questions`, and refuses a stray field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import FIXTURES

from cxo_diag.answers import (
    AnswerSet,
    BankRef,
    Respondent,
    check_fits_bank,
    dump_answers,
    parse_answers,
)
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.load import load_bank
from cxo_diag.bank.model import Bank, json_schema
from cxo_diag.bank.validate import validate_file
from cxo_diag.errors import AnswersFileError

TINY = (FIXTURES / "banks" / "valid" / "tiny.yaml").read_text(encoding="utf-8")

OPEN_ITEM = """\
  - id: res-open
    type: open
    dimension: resources
    text:
      coo: What would you ask the CMO to start doing before the next budget round?
      cmo: What would you ask the COO to start doing before the next budget round?
    probe: What would that change for your team?
    shareable: true
"""


def _with_open(tmp_path: Path, item: str = OPEN_ITEM, before: str = "  - id: res-02\n") -> Path:
    """tiny.yaml with an open question written among the scale items, before ``before``."""
    path = tmp_path / "bank.yaml"
    path.write_text(TINY.replace(before, item + before, 1), encoding="utf-8")
    return path


def _bank(path: Path) -> Bank:
    loaded = load_bank(path)
    assert loaded.bank is not None, loaded.findings
    return loaded.bank


def test_oq001_open_entries__kept_apart_from_scored_items(tmp_path: Path) -> None:
    bank = _bank(_with_open(tmp_path))
    assert [q.id for q in bank.questions] == ["res-01", "res-02", "res-03"]
    assert [q.id for q in bank.open_questions] == ["res-open"]
    opened = bank.open_questions[0]
    assert opened.shareable is True
    assert opened.wording_for("cmo").startswith("What would you ask the COO")
    assert [q.id for q in bank.open_questions_for("coo")] == ["res-open"]
    assert validate_file(tmp_path / "bank.yaml").findings == []


def test_oq002_findings__point_at_the_open_question_and_at_later_items(tmp_path: Path) -> None:
    broken = OPEN_ITEM.replace("dimension: resources", "dimension: budgets")
    path = _with_open(tmp_path, broken)
    findings = validate_file(path).findings
    dimension = next(f for f in findings if f.code == "E104")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[dimension.line - 1].strip() == "dimension: budgets"
    assert "open question 'res-open'" in dimension.message
    # res-02 comes after the open question in the file: its own finding names its own line
    long_text = "I weigh " + "long-term returns fairly " * 10 + "when cutting spend."
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("dimension: budgets", "dimension: resources")
        .replace("I weigh long-term returns fairly when cutting spend.", long_text),
        encoding="utf-8",
    )
    long = next(f for f in validate_file(path).findings if f.code == "W204")
    assert "res-02" in long.message
    assert lines[long.line - 1].lstrip().startswith("coo:")  # res-02's wordings, one a role
    assert long.line > dimension.line


def test_oq003_open_question_reusing_a_scale_id__refused(tmp_path: Path) -> None:
    path = _with_open(tmp_path, OPEN_ITEM.replace("id: res-open", "id: res-01"))
    duplicate = next(f for f in validate_file(path).findings if f.code == "E105")
    assert "duplicate question id 'res-01'" in duplicate.message


@pytest.mark.parametrize("bank_id", ["coo-cmo", "cio-cmo"])
def test_oq004_stored_1_0_0_bank__same_hash_under_the_new_model(bank_id: str) -> None:
    stored = json.loads(
        (FIXTURES / "sessions" / f"{bank_id}-1.0.0.snapshot.json").read_text(encoding="utf-8")
    )
    bank = Bank.model_validate(json.loads(stored["snapshot"]))
    assert bank.version == "1.0.0"
    assert content_hash(bank) == stored["hash"]


def _answers(bank: Bank, **fields: object) -> AnswerSet:
    return AnswerSet.model_validate(
        {
            "bank": BankRef(id=bank.id, version=bank.version, hash=content_hash(bank)),
            "respondent": Respondent(name="Dana", role="coo"),
            **fields,
        }
    )


HOSTILE = "<script>alert(1)</script> **bold** [red]x[/] \x1b[31m `tick` & &amp;\nsecond line"


def test_oq005_open_answers__verbatim_round_trip(tmp_path: Path) -> None:
    bank = _bank(_with_open(tmp_path))
    given = _answers(bank, answers={"res-01": 4}, open_answers={"res-open": HOSTILE})
    check_fits_bank(given, bank, content_hash(bank), "f.yaml")
    for as_json in (False, True):
        back = parse_answers(dump_answers(given, as_json=as_json), "f")
        assert back.open_answers == {"res-open": HOSTILE}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"open_answers": {"res-01": "text"}}, "which is a scale question"),
        ({"open_answers": {"res-99": "text"}}, "not an open question bank tiny asks role coo"),
        ({"answers": {"res-open": 4}}, "'res-open' is an open question: put its text under"),
    ],
)
def test_oq005_misplaced_answers__refused(
    tmp_path: Path, fields: dict[str, object], message: str
) -> None:
    bank = _bank(_with_open(tmp_path))
    with pytest.raises(AnswersFileError, match=message):
        check_fits_bank(_answers(bank, **fields), bank, content_hash(bank), "f.yaml")


def test_oq005_nul_in_an_open_answer__refused_where_it_is(tmp_path: Path) -> None:
    bank = _bank(_with_open(tmp_path))
    text = dump_answers(_answers(bank)).replace(
        "open_answers: {}", 'open_answers:\n  res-open: "a\\0b"'
    )
    with pytest.raises(AnswersFileError, match=r"^f\.yaml:\d+:\d+: open_answers\.res-open: .*NUL"):
        parse_answers(text, "f.yaml")


def test_oq006_json_schema__accepts_open_questions_and_refuses_stray_fields(
    tmp_path: Path,
) -> None:
    import jsonschema  # type: ignore[import-untyped]
    import yaml

    data = yaml.safe_load(_with_open(tmp_path).read_text(encoding="utf-8"))
    schema = json_schema()
    jsonschema.validate(data, schema)
    data["questions"][1]["keyed"] = "harmony"  # the open question: keying means nothing there
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
