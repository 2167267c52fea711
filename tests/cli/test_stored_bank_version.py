"""SB01 An engagement started on version 1.0.0 of a built-in bank keeps working from the copy
stored with it after the bank moves to 2.0.0: a report scores it on 1.0.0 (agi-04, gone from
2.0.0, still counts), and an answers file for 2.0.0 is refused for it in one line.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.app import interviews
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.cli import app
from cxo_diag.store.engine import open_store
from tests.helpers import FIXTURES, runner

SNAPSHOT = FIXTURES / "sessions" / "coo-cmo-1.0.0.snapshot.json"


def test_sb01_engagement_on_1_0_0__reports_from_its_own_copy(tmp_path: Path) -> None:
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    old = Bank.model_validate(json.loads(stored["snapshot"]))
    assert open_bank("coo-cmo").bank.version == "2.0.0"
    store_path = str(tmp_path / "store.sqlite")
    with open_store(store_path) as store:
        for name, role in (("Ana", "coo"), ("Ben", "cmo")):
            target = interviews.start_interview(
                store,
                "acme",
                bank=ResolvedBank(old, Path("coo-cmo.yaml"), stored["hash"]),
                respondent=name,
                role=role,
            )
            for number, question in enumerate(old.questions_for(role)):
                # Agility: agi-04 at 5, the others at 3. Elsewhere 2, 3, 4 in turn: answers
                # that are all one value would be set aside as straight-lining.
                if question.dimension == "agility-stability":
                    value = 5 if question.id == "agi-04" else 3
                else:
                    value = 2 + number % 3
                interviews.record_answer(store, target.respondent.id, question.id, value)
    result = runner.invoke(app, ["report", "acme", "--format", "json", "--store", store_path])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["header"]["bank_version"] == "1.0.0"
    agility = next(d for d in report["dimensions"] if d["id"] == "agility-stability")
    # agi-04 is friction-keyed in 1.0.0: 5 gives 100, the four 3s give 50: 300/5 = 60.
    assert {r["role"]: r["score"] for r in agility["roles"]} == {"coo": 60.0, "cmo": 60.0}
    assert "task-debate" not in {d["id"] for d in report["dimensions"]}

    new = open_bank("coo-cmo")
    later = AnswerSet(
        bank=BankRef(id="coo-cmo", version=new.bank.version, hash=content_hash(new.bank)),
        respondent=Respondent(name="Cy", role="coo"),
        answered_at=datetime(2026, 12, 1, tzinfo=UTC),
        answers={"deb-01": 4},
    )
    answers_file = tmp_path / "cy.yaml"
    write_answers_file(later, answers_file)
    refused = runner.invoke(app, ["import", "acme", str(answers_file), "--store", store_path])
    assert refused.exit_code != 0
    assert "1.0.0" in refused.stderr and refused.stderr.count("\n") == 1
