"""Open answers in the store, on both backends (the ``store_location`` fixture).

OA01 each open answer is committed as given; writing it again adds a row, the earlier text is
     kept in the store and the latest is the answer.
OA02 an imported answers file's open answers come back in the engagement's answer sets and
     its export, verbatim.
OA03 copying an engagement to another store carries its open answers, history included.
OA04 a store at schema version 5 (before open answers) is migrated: it keeps its answers and
     takes open answers; deleting an engagement removes its open answers too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from tests.helpers import MINI
from tests.unit.store.test_store import raw

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.app import engagements, importing, interviews
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.store import copy as store_copy
from cxo_diag.store import migrations, schema
from cxo_diag.store.engine import Store, open_store

HOSTILE = "<script>alert(1)</script> **x** [red]y[/] `z`\nline two"


@pytest.fixture
def mini() -> ResolvedBank:
    return open_bank(str(MINI))


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with open_store(store_location) as opened:
        yield opened


def _texts(store: Store, respondent_id: int) -> list[str]:
    table = schema.open_answers
    with store.reading() as connection:
        rows = connection.execute(
            select(table.c.text).where(table.c.respondent_id == respondent_id).order_by(table.c.id)
        )
        return [row.text for row in rows]


def _bo(mini: ResolvedBank, words: str) -> AnswerSet:
    return AnswerSet(
        bank=BankRef(id="mini", version=mini.bank.version, hash=mini.hash),
        respondent=Respondent(name="Bo", role="cmo"),
        answers={"res-01": 2},
        open_answers={"res-open-keep": words},
    )


def test_oa01_rewriting_an_open_answer_keeps_the_first(store: Store, mini: ResolvedBank) -> None:
    target = interviews.start_interview(store, "acme", bank=mini, respondent="Ana", role="coo")
    assert target.open_answers == {}
    interviews.record_open_answer(store, target.respondent.id, "res-open", "first thought")
    interviews.record_open_answer(store, target.respondent.id, "res-open", HOSTILE)
    again = interviews.resume_target(store, "acme", "Ana")
    assert again.open_answers == {"res-open": HOSTILE}
    assert _texts(store, target.respondent.id) == ["first thought", HOSTILE]
    claimed, lease = interviews.claim(store, again)
    assert claimed.open_answers == {"res-open": HOSTILE}
    interviews.release(store, lease)


def test_oa02_imported_open_answers_come_back_verbatim(store: Store, mini: ResolvedBank) -> None:
    interviews.start_interview(store, "acme", bank=mini, respondent="Ana", role="coo")
    importing.import_answer_sets(store, "acme", [("bo.yaml", _bo(mini, HOSTILE))])
    engagement = engagements.get_engagement(store, "acme")
    sets = {s.respondent.name: s for s in engagements.answer_sets(store, engagement, 1)}
    assert sets["Bo"].open_answers == {"res-open-keep": HOSTILE}
    assert sets["Ana"].open_answers == {}
    bundle = engagements.export_bundle(store, "acme")
    exported = bundle["rounds"][0]["answer_sets"]  # type: ignore[index]
    assert [s["open_answers"] for s in exported if s["respondent"]["name"] == "Bo"] == [
        {"res-open-keep": HOSTILE}
    ]


def test_oa03_copy_carries_open_answers(store: Store, mini: ResolvedBank, tmp_path: Path) -> None:
    target = interviews.start_interview(store, "acme", bank=mini, respondent="Ana", role="coo")
    interviews.record_open_answer(store, target.respondent.id, "res-open", "first thought")
    interviews.record_open_answer(store, target.respondent.id, "res-open", HOSTILE)
    with open_store(str(tmp_path / "copy.sqlite")) as destination:
        result = store_copy.copy_engagements(store, destination, ["acme"])
        assert [e.open_answers for e in result.engagements] == [2]
        copied = interviews.resume_target(destination, "acme", "Ana")
        assert copied.open_answers == {"res-open": HOSTILE}
        assert _texts(destination, copied.respondent.id) == ["first thought", HOSTILE]


def test_oa04_a_version_5_store_takes_open_answers(store_location: str, mini: ResolvedBank) -> None:
    with open_store(store_location) as store:
        target = interviews.start_interview(store, "acme", bank=mini, respondent="Ana", role="coo")
        interviews.record_answer(store, target.respondent.id, "res-01", 4)
    with raw(store_location) as connection:  # back to what version 5 wrote
        connection.execute(text("DROP TABLE open_answers"))
        connection.execute(text("UPDATE schema_version SET version = 5"))
    assert len(migrations.MIGRATIONS) == schema.SCHEMA_VERSION == 6  # the step from 5
    with open_store(store_location) as store:
        with store.reading() as connection:
            version = connection.exec_driver_sql("SELECT version FROM schema_version").scalar()
        assert version == 6
        again = interviews.resume_target(store, "acme", "Ana")
        interviews.record_open_answer(store, again.respondent.id, "res-open", HOSTILE)
        engagement = engagements.get_engagement(store, "acme")
        (answer_set,) = engagements.answer_sets(store, engagement, 1)
        assert answer_set.answers == {"res-01": 4}
        assert answer_set.open_answers == {"res-open": HOSTILE}
        engagements.delete_engagement(store, "acme")
        with store.reading() as connection:
            left = connection.exec_driver_sql("SELECT count(*) FROM open_answers").scalar()
        assert left == 0
