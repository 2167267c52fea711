"""Long-format CSV export for analysis in R, pandas or a spreadsheet (issue 21).

XC001 `export ENGAGEMENT --format csv`: a header, then one row per answer of every round
      and respondent, with the value as given and its friction as the report scores it
      (reverse-keyed items flipped; n/a and skips without friction).
XC002 Answers files export the same way, without a store.
XC003 --pseudonymise replaces each name with a pseudonym, stable across exports and
      rounds, different for different people; no name is left in the file.
XC004 A cell a spreadsheet would run as a formula (= + - @) starts with an apostrophe.
XC005 A JSON export is one engagement's bundle: several engagements, or --pseudonymise,
      are refused in one line pointing at --format csv.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.app.export_csv import COLUMNS
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.helpers import MINI, runner


def _answers(path: Path, name: str, role: str, answers: dict[str, object], rnd: int = 1) -> Path:
    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    answer_set = AnswerSet.model_validate(
        {"bank": ref, "respondent": Respondent(name=name, role=role), "answers": answers,
         "round": rnd}
    )  # fmt: skip
    write_answers_file(answer_set, path)
    return path


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def _engagement(tmp_path: Path) -> str:
    store = str(tmp_path / "store.sqlite")
    ana = _answers(tmp_path / "ana.yaml", "Ana Ruiz", "coo", {"res-01": 4, "res-02": 2})
    bo = _answers(tmp_path / "bo.yaml", "Bo", "cmo", {"res-01": "n/a", "res-02": None})
    for path in (ana, bo):
        args = ["interview", "acme", "--bank", str(MINI), "--answers", str(path)]
        result = runner.invoke(app, [*args, "--store", store])
        assert result.exit_code == 0, result.stderr
    again = _answers(tmp_path / "ana2.yaml", "Ana Ruiz", "coo", {"res-01": 1}, rnd=2)
    result = runner.invoke(app, ["import", "acme", str(again), "--new-round", "--store", store])
    assert result.exit_code == 0, result.stderr
    return store


def test_xc001_one_row_per_answer_with_value_and_friction(tmp_path: Path) -> None:
    store = _engagement(tmp_path)
    result = runner.invoke(app, ["export", "acme", "--format", "csv", "--store", store])
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    seen = [(r["round"], r["respondent"], r["question"], r["value"], r["friction"]) for r in rows]
    assert seen == [
        ("1", "Ana Ruiz", "res-01", "4", "75"),  # keyed friction: 4 of 1..5 is 75
        ("1", "Ana Ruiz", "res-02", "2", "75"),  # keyed harmony: flipped, 100 - 25
        ("1", "Bo", "res-01", "n/a", ""),
        ("1", "Bo", "res-02", "", ""),  # skipped
        ("2", "Ana Ruiz", "res-01", "1", "0"),
    ]
    first = rows[0]
    assert (first["engagement"], first["bank"], first["role"], first["dimension"]) == (
        "acme", "mini", "coo", "resources"
    )  # fmt: skip
    assert (first["keyed"], rows[1]["keyed"]) == ("friction", "harmony")


def test_xc002_answers_files_export_without_a_store(tmp_path: Path) -> None:
    ana = _answers(tmp_path / "ana.yaml", "Ana Ruiz", "coo", {"res-01": 5})
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = runner.invoke(app, ["export", str(ana), "--format", "csv"], env=home)
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "data").exists(), "no store is made for answers files"
    (row,) = _rows(result.stdout)
    assert (row["engagement"], row["respondent"], row["value"], row["friction"]) == (
        "", "Ana Ruiz", "5", "100"
    )  # fmt: skip


def test_xc003_pseudonyms_are_stable_and_names_are_gone(tmp_path: Path) -> None:
    store = _engagement(tmp_path)
    args = ["export", "acme", "--format", "csv", "--pseudonymise", "--store", store]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    assert "Ana" not in first.stdout and "Bo," not in first.stdout
    people = {(r["round"], r["role"]): r["respondent"] for r in _rows(first.stdout)}
    assert people[("1", "coo")] == people[("2", "coo")]  # the same person in both rounds
    assert people[("1", "coo")] != people[("1", "cmo")]
    assert all(p.startswith("p-") for p in people.values())


def test_xc004_formula_cells_are_neutralised(tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]
    files = [
        _answers(tmp_path / f"{i}.yaml", name, "coo" if i % 2 else "cmo", {"res-01": 3})
        for i, name in enumerate(names)
    ]
    result = runner.invoke(app, ["export", *map(str, files), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert [r["respondent"] for r in _rows(result.stdout)] == [f"'{name}" for name in names]
    assert [r["friction"] for r in _rows(result.stdout)] == ["50"] * 4


def test_xc005_a_json_export_is_one_engagement(tmp_path: Path) -> None:
    store = _engagement(tmp_path)
    for args in (["acme", "acme"], ["acme", "--pseudonymise"]):
        result = runner.invoke(app, ["export", *args, "--store", store])
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ") and "--format csv" in result.stderr
        assert len(result.stderr.splitlines()) == 1
