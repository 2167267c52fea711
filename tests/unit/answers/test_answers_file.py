"""Answers files: what `assess --out` writes and `import`/`score` read.

AF001 a written file reads back equal (YAML and JSON), mode 0600, atomically.
AF002 a truncated, empty, binary or non-UTF-8 file is one AnswersFileError naming the file.
AF003 answers for another bank, version or content are refused, never mis-scored.
AF004 unknown question ids, values off the scale and roles the bank lacks are refused.
AF005 writing never follows a symlink, never overwrites without force.
AF006 any bytes given to the reader give an AnswerSet or an AnswersFileError (hypothesis).
"""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import FIXTURES

from cxo_diag.answers import (
    AnswerSet,
    BankRef,
    Respondent,
    check_fits_bank,
    dump_answers,
    parse_answers,
    read_answers_file,
    write_answers_file,
)
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.load import load_bank
from cxo_diag.bank.model import Bank
from cxo_diag.errors import AnswersFileError, OutputError

TINY_PATH = FIXTURES / "banks" / "valid" / "tiny.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded = load_bank(TINY_PATH)
    assert loaded.bank is not None
    return loaded.bank


def answer_set(bank: Bank, **answers: int | str | None) -> AnswerSet:
    return AnswerSet(
        bank=BankRef(id=bank.id, version=bank.version, hash=content_hash(bank)),
        respondent=Respondent(name="Dana <b>Ops</b>", role="coo"),
        engagement="acme",
        answered_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        answers={key.replace("_", "-"): value for key, value in answers.items()},
        notes={"res-01": "Said: 'we never agree on [bold]budgets[/]'"},
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_af001_round_trip__equal_and_private(bank: Bank, tmp_path: Path, suffix: str) -> None:
    original = answer_set(bank, res_01=4, res_02="n/a", res_03=None)
    path = tmp_path / f"dana{suffix}"
    write_answers_file(original, path)
    assert read_answers_file(path) == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_af002_truncated_file__one_error_naming_it(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "cut.yaml"
    write_answers_file(answer_set(bank, res_01=4), path)
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00binary", "is not UTF-8"),
        (b'{"schema_version": 1, "bank": ', "not valid JSON"),
        (b"- just\n- a list\n", "is not an answers file"),
        (b"just a line of text\n", "is not an answers file"),
        (b"schema_version: 1\nbank: {id: tiny}\n", "bank.version"),
    ],
)
def test_af002_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(AnswersFileError, match=message):
        read_answers_file(path)


def test_af002_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(AnswersFileError, match="no such file"):
        read_answers_file(tmp_path / "nope.yaml")
    with pytest.raises(AnswersFileError, match="is a directory"):
        read_answers_file(tmp_path)


def test_af003_other_bank_version_or_content__refused(bank: Bank) -> None:
    good = answer_set(bank, res_01=4)
    check_fits_bank(good, bank, content_hash(bank), "f.yaml")
    cases = {
        "answers are for bank 'other'": {"id": "other"},
        "version 0.9.0, the bank is 1.0.0": {"version": "0.9.0"},
        "changed since these answers were given": {"hash": "sha256:0000000000000000"},
    }
    for message, change in cases.items():
        ref = good.bank.model_copy(update=change)
        with pytest.raises(AnswersFileError, match=message):
            check_fits_bank(good.model_copy(update={"bank": ref}), bank, content_hash(bank), "f")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answers": {"res-99": 3}}, "question 'res-99' is not in bank tiny"),
        ({"answers": {"res-01": 6}}, "answer 6 to 'res-01' is off its scale 1..5"),
        ({"answers": {"res-01": 0}}, "off its scale"),
        ({"respondent": Respondent(name="X", role="cfo")}, "has no role 'cfo'"),
    ],
)
def test_af004_answers_that_do_not_fit__refused(
    bank: Bank, change: dict[str, object], message: str
) -> None:
    bad = answer_set(bank).model_copy(update=change)
    with pytest.raises(AnswersFileError, match=message):
        check_fits_bank(bad, bank, content_hash(bank), "f.yaml")


def test_af005_no_overwrite_without_force_and_no_symlink(bank: Bank, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "out.yaml"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        write_answers_file(answer_set(bank, res_01=1), link, force=True)
    assert target.read_text() == "keep me"
    with pytest.raises(OutputError, match="already exists"):
        write_answers_file(answer_set(bank, res_01=1), target)
    write_answers_file(answer_set(bank, res_01=1), target, force=True)
    assert read_answers_file(target).answers == {"res-01": 1}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_af006_any_bytes__answer_set_or_clear_error(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        result = parse_answers(text, "fuzz.yaml")
    except AnswersFileError as error:
        assert str(error).startswith("fuzz.yaml")
    else:
        assert isinstance(result, AnswerSet)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yes", "yes is not an answer"),
        ("'4'", "'4' is not an answer: give a number on the question's scale (without quotes)"),
        ("N/A", "'N/A' is not an answer: write n/a (lower case)"),
        ("4.5", "4.5 is not an answer"),
    ],
)
def test_af007_values_lax_parsing_would_accept__refused(
    bank: Bank, tmp_path: Path, value: str, message: str
) -> None:
    path = tmp_path / "hand-edited.yaml"
    write_answers_file(answer_set(bank, res_01=4), path)
    path.write_text(path.read_text().replace("res-01: 4", f"res-01: {value}"))
    with pytest.raises(AnswersFileError, match=re.escape(message)):
        read_answers_file(path)


def test_af008_a_bank_given_as_answers__named_for_what_it_is() -> None:
    with pytest.raises(AnswersFileError, match="is a question bank, not an answers file"):
        read_answers_file(TINY_PATH)


def test_af009_notes_and_times_for_questions_not_asked__refused(bank: Bank) -> None:
    good = answer_set(bank, res_01=4)
    stray_note = good.model_copy(update={"notes": {"res-99": "hello"}})
    with pytest.raises(AnswersFileError, match="a note for question 'res-99'"):
        check_fits_bank(stray_note, bank, content_hash(bank), "f.yaml")
    stray_time = good.model_copy(update={"seconds": {"res-77": 3.0}})
    with pytest.raises(AnswersFileError, match="a time for question 'res-77'"):
        check_fits_bank(stray_time, bank, content_hash(bank), "f.yaml")
    with pytest.raises(AnswersFileError, match=r"seconds\.res-01"):
        parse_answers(dump_answers(good).replace("seconds: {}", "seconds:\n  res-01: -2"), "f.yaml")


def test_af010_yaml_errors_point_at_line_and_column(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "hand-edited.yaml"
    write_answers_file(answer_set(bank, res_01=4), path)
    text = path.read_text().replace("res-01: 4", "res-01: yes")
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "res-01: yes" in row)
    col = text.splitlines()[line - 1].index("yes") + 1
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path)
    assert str(caught.value).startswith(f"{path}:{line}:{col}: answers.res-01: yes is not")
