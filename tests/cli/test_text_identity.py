"""Text from people in every JSON output, and who a respondent is (text.to_json, identity.py).

TI001 a C1 control or bidi mark in a name, a note or a bank's text reaches no JSON output raw
      (score, report, export, engagements, show), and the JSON still holds the text exactly
TI002 "José", "José" + a zero-width space and "Jose" + a combining accent are one person:
      an import of the second into the round of the first is refused, as is scoring both
TI003 --respondent finds a respondent whatever the normal form typed
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.app import engagements, interviews
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.store.engine import open_store
from tests.helpers import MINI, runner

RAW = re.compile("[\x80-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

NAME = "Ana\x9b2J\u200e"
NOTE = "said\x9d0;pwned\x9c so"


def answers_file(folder: Path, name: str, role: str = "coo", bank: Bank | None = None) -> Path:
    if bank is None:
        resolved = open_bank(str(MINI))
        ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    else:
        ref = BankRef(id=bank.id, version=bank.version, hash=content_hash(bank))
    path = folder / f"{len(list(folder.glob('*.yaml')))}.yaml"
    answer_set = AnswerSet(
        bank=ref,
        respondent=Respondent(name=name, role=role),
        answers={"res-01": 4, "res-02": 2, "res-03": 3},
        notes={"res-01": NOTE},
    )
    write_answers_file(answer_set, path)
    return path


def ok(args: list[str], **kwargs: Any) -> str:
    done = runner.invoke(app, args, **kwargs)
    assert done.exit_code == 0, (args, done.stderr)
    return str(done.stdout)


def test_TI001_json_outputs_escape_c1_and_bidi_and_keep_the_text(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    ana = answers_file(tmp_path, NAME)
    bo = answers_file(tmp_path, "Bo", "cmo")
    ok(["interview", "acme", "--bank", str(MINI), "--answers", str(ana), "--store", store])
    ok(["import", "acme", str(bo), "--store", store])
    outputs = {
        "score": ok(["score", str(ana), str(bo), "--format", "json"]),
        "report": ok(["report", "acme", "--format", "json", "--store", store]),
        "export": ok(["export", "acme", "--store", store]),
        "engagements": ok(["engagements", "--format", "json", "--store", store]),
    }
    for command, output in outputs.items():
        assert not RAW.search(output), (command, RAW.findall(output))
        assert NAME in json.dumps(json.loads(output), ensure_ascii=False), command
    exported = json.loads(outputs["export"])
    (ana_set, _) = exported["rounds"][0]["answer_sets"]
    assert ana_set["respondent"]["name"] == NAME
    assert ana_set["notes"] == {"res-01": NOTE}


def test_TI001_show_json_escapes_a_banks_c1_text(tmp_path: Path) -> None:
    data = yaml.safe_load(MINI.read_text())
    data["title"] = "Mini\x9b2J\u202e bank"
    (tmp_path / "practices.yaml").write_text((MINI.parent / "practices.yaml").read_text())
    bank_file = tmp_path / "mini.yaml"
    bank_file.write_text(yaml.safe_dump(data, allow_unicode=True))
    output = ok(["show", str(bank_file), "--format", "json"])
    assert not RAW.search(output)
    assert json.loads(output)["title"] == "Mini\x9b2J\u202e bank"


LOOK_ALIKES = ["Jos\u00e9\u200b", "Jose\u0301", "Jos\u00e9\u2060 ", "Jos\u00e9\u200e"]


@pytest.mark.parametrize("twin", LOOK_ALIKES, ids=["zwsp", "nfd", "word-joiner", "lrm"])
def test_TI002_a_look_alike_respondent_is_the_same_person(tmp_path: Path, twin: str) -> None:
    store = str(tmp_path / "store.sqlite")
    first = answers_file(tmp_path, "Jos\u00e9")
    second = answers_file(tmp_path, twin)
    ok(["interview", "acme", "--bank", str(MINI), "--answers", str(first), "--store", store])
    refused = runner.invoke(app, ["import", "acme", str(second), "--store", store])
    assert refused.exit_code == 1
    assert "already has answers in round 1" in refused.stderr
    scored = runner.invoke(app, ["score", str(first), str(second)])
    assert scored.exit_code == 1
    assert "already answered in" in scored.stderr
    with open_store(store) as opened:
        assert [p.respondent.name for p in engagements.summaries(opened)[0].respondents] == [
            "Jos\u00e9"
        ]


def test_TI003_resume_finds_the_respondent_in_any_normal_form(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    first = answers_file(tmp_path, "Jos\u00e9")
    ok(["interview", "acme", "--bank", str(MINI), "--answers", str(first), "--store", store])
    with open_store(store) as opened:
        target = interviews.resume_target(opened, "acme", "Jose\u0301")
    assert target.respondent.name == "Jos\u00e9"
