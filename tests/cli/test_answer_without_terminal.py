"""Answering without a terminal: the blank answers file (template) and import creating the
engagement an answers file names.

AW001 `template` writes every question of the role, its scale and the bank reference; filled
      in with a text editor, it scores and imports as typed; left blank, every answer is a skip.
AW002 Bank text that tries to break out of its YAML comment (line breaks, a fake answers
      key, control characters) stays a comment.
AW003 `import` into a store or engagement that does not exist starts the engagement from the
      bank the file names (built in, or --bank FILE), with --organisation.
AW004 A file answered on another version of the bank is refused in one line; nothing is
      created. A refused file leaves no empty engagement behind.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import yaml
from typer.testing import Result

from cxo_diag.answers import AnswerSet, BankRef, Respondent, parse_answers, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from tests.helpers import runner

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def fill(text: str, name: str, answers: dict[str, str]) -> str:
    text = text.replace('name: ""', f'name: "{name}"', 1)
    for question_id, value in answers.items():
        text, count = re.subn(rf"^  {question_id}:$", f"  {question_id}: {value}", text, flags=re.M)
        assert count == 1, question_id
    return text


def test_aw001_a_filled_in_template_scores_and_imports_as_typed(tmp_path: Path) -> None:
    blank = tmp_path / "blank.yaml"
    made = run("template", "--bank", "coo-cmo", "--role", "cmo", "--out", str(blank))
    assert made.exit_code == 0, made.stderr
    assert stat.S_IMODE(blank.stat().st_mode) == 0o600
    text = blank.read_text()
    bank = open_bank("coo-cmo").bank
    asked = [q.id for q in bank.questions_for("cmo")]
    assert re.findall(r"^  ([a-z0-9-]+):$", text, flags=re.M) == asked
    assert "5 Strongly agree" in text and "n/a not applicable" in text
    assert bank.questions_for("cmo")[0].wording_for("cmo") in text
    left_blank = parse_answers(fill(text, "Kay", {}), "blank.yaml")
    assert left_blank.answers == dict.fromkeys(asked)  # every answer a skip
    filled = tmp_path / "kay.yaml"
    typed = {asked[0]: "4", asked[1]: "n/a", asked[2]: "1"}
    filled.write_text(fill(text, "Kay", typed), encoding="utf-8")
    assert run("score", str(filled), "--format", "json").exit_code == 0
    store = str(tmp_path / "store.sqlite")
    imported = run("import", "acme", str(filled), "--store", store)
    assert imported.exit_code == 0, imported.stderr
    exported = json.loads(run("export", "acme", "--store", store).stdout)
    answers = exported["rounds"][0]["answer_sets"][0]["answers"]
    assert {k: answers[k] for k in typed} == {asked[0]: 4, asked[1]: "n/a", asked[2]: 1}


def test_aw001_template_takes_the_name_and_engagement(tmp_path: Path) -> None:
    made = run("template", "--bank", "mini", "--role", "coo", "--name", "Ana Ruiz",
               "--engagement", "acme")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    data = yaml.safe_load(made.stdout)
    assert data["respondent"] == {"name": "Ana Ruiz", "role": "coo"}
    assert data["engagement"] == "acme"
    resolved = open_bank("mini")
    assert data["bank"] == {"id": "mini", "version": resolved.bank.version, "hash": resolved.hash}


def test_aw001_template_refuses_an_unknown_role_in_one_line() -> None:
    result = run("template", "--bank", "mini", "--role", "cfo")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "error: bank mini has no role 'cfo' (roles: coo, cmo); did you mean 'coo'?"
    )


def copy_practices(folder: Path) -> None:
    """The mini bank includes the practice library beside it."""
    practices = REPO / "questionnaires" / "practices.yaml"
    (folder / "practices.yaml").write_text(practices.read_text(), encoding="utf-8")


def test_aw002_hostile_bank_text_stays_a_yaml_comment(tmp_path: Path) -> None:
    copy_practices(tmp_path)
    source = (REPO / "questionnaires" / "mini.yaml").read_text()
    hostile = source.replace(
        "title: Sample bank, three questions to try the tool",
        'title: "Sample\\nanswers: {res-01: 5}\\n\\u001b[31mred"',
        1,
    )
    assert hostile != source
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    made = run("template", "--bank", str(path), "--role", "coo")
    assert made.exit_code == 0, made.stderr
    assert "\x1b" not in made.stdout
    data = yaml.safe_load(made.stdout)
    assert data["answers"] == {"res-01": None, "res-02": None, "res-03": None}


def mini_file(path: Path, name: str, **ref: str) -> Path:
    resolved = open_bank("mini")
    bank = {"id": "mini", "version": resolved.bank.version, "hash": resolved.hash} | ref
    answer_set = AnswerSet(
        bank=BankRef(**bank),
        respondent=Respondent(name=name, role="coo"),
        answers={"res-01": 4, "res-02": 2},
    )
    write_answers_file(answer_set, path)
    return path


def test_aw003_import_starts_a_missing_store_and_engagement(tmp_path: Path) -> None:
    store = tmp_path / "new" / "store.sqlite"
    ana = mini_file(tmp_path / "ana.yaml", "Ana")
    result = run("import", "acme", str(ana), "--organisation", "Acme", "--store", str(store))
    assert result.exit_code == 0, result.stderr
    version = open_bank("mini").bank.version
    assert result.stdout.splitlines()[0] == f"started engagement acme with bank mini {version}"
    assert "added Ana (coo) to round 1 of acme" in result.stdout
    listed = json.loads(run("engagements", "--store", str(store), "--format", "json").stdout)
    assert [(e["name"], e["organisation"]) for e in listed] == [("acme", "Acme")]
    bo = mini_file(tmp_path / "bo.yaml", "Bo")
    again = run("import", "acme", str(bo), "--store", str(store))
    assert again.exit_code == 0, again.stderr
    assert "started" not in again.stdout  # the second file joins the engagement


def test_aw003_import_starts_an_engagement_from_a_bank_file(tmp_path: Path) -> None:
    copy_practices(tmp_path)
    local = tmp_path / "local.yaml"
    local.write_text(
        (REPO / "questionnaires" / "mini.yaml").read_text().replace("id: mini\n", "id: local\n", 1)
    )
    resolved = open_bank(str(local))
    ana = mini_file(tmp_path / "ana.yaml", "Ana", id="local", hash=resolved.hash)
    store = str(tmp_path / "store.sqlite")
    without = run("import", "acme", str(ana), "--store", store)
    assert without.exit_code == 1
    assert "bank 'local' that" in without.stderr and "--bank FILE" in without.stderr
    assert not Path(store).exists()
    result = run("import", "acme", str(ana), "--bank", str(local), "--store", store)
    assert result.exit_code == 0, result.stderr
    assert "started engagement acme with bank local" in result.stdout


def test_aw004_another_bank_version_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    old = mini_file(tmp_path / "old.yaml", "Ana", version="0.0.9")
    store = tmp_path / "store.sqlite"
    result = run("import", "acme", str(old), "--store", str(store))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {old}: answers are for mini version 0.0.9, the bank is "
        f"{open_bank('mini').bank.version}"
    )
    assert not store.exists()


def test_aw004_a_refused_file_leaves_no_engagement_behind(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    first = mini_file(tmp_path / "first.yaml", "Ana")
    assert run("import", "other", str(first), "--store", store).exit_code == 0
    twice = mini_file(tmp_path / "twice.yaml", "Ana")
    result = run("import", "acme", str(first), str(twice), "--store", store)
    assert result.exit_code == 1
    assert "appears in more than one file" in result.stderr
    listed = json.loads(run("engagements", "--store", store, "--format", "json").stdout)
    assert [e["name"] for e in listed] == ["other"]


def test_aw001_open_questions_are_offered_as_comments_to_uncomment(tmp_path: Path) -> None:
    copy_practices(tmp_path)
    data = yaml.safe_load((REPO / "questionnaires" / "mini.yaml").read_text())
    data["questions"].append({"id": "open-01", "type": "open", "dimension": "resources",
                              "text": "What should the other start doing?"})  # fmt: skip
    bank = tmp_path / "open.yaml"
    bank.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    made = run("template", "--bank", str(bank), "--role", "coo", "--name", "Ana")
    assert made.exit_code == 0, made.stderr
    assert "What should the other start doing?" in made.stdout
    assert parse_answers(made.stdout, "t.yaml").open_answers == {}  # valid as it is
    typed = made.stdout.replace("# open_answers:", "open_answers:").replace(
        '#   open-01: ""', '  open-01: "Share the plan early"'
    )
    assert parse_answers(typed, "t.yaml").open_answers == {"open-01": "Share the plan early"}
