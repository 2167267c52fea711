"""The engagement store: file, schema, migrations, sessions, and errors a user can hit.

Every test that takes ``store`` or ``store_location`` runs twice: on an SQLite file and on a
fresh database of the test PostgreSQL server (the ``store_location`` fixture in
tests/conftest.py). The rest are about the SQLite file itself.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, event, inspect, text
from tests.helpers import REPO

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.app import engagements, importing, interviews
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.errors import AnswersFileError, BankError, NotFound, StoreError, UsageError
from cxo_diag.store import answer_queries, migrations, schema
from cxo_diag.store import engine as store_engine
from cxo_diag.store.engine import Store, open_store
from cxo_diag.store.location import is_url
from cxo_diag.store.postgres import WRITE_LOCK_KEY

MINI = REPO / "questionnaires" / "mini.yaml"
FIXED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED


@pytest.fixture
def mini() -> ResolvedBank:
    return open_bank(str(MINI))


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with open_store(store_location) as opened:
        yield opened


@contextmanager
def raw(location: str) -> Iterator[Connection]:
    """A plain SQLAlchemy connection to the store's database, outside cxo-diag's own code,
    in one transaction committed at the end."""
    if is_url(location):
        url = location.replace("postgresql://", "postgresql+psycopg://", 1)
    else:
        url = f"sqlite+pysqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def start(
    store: Store,
    bank: ResolvedBank | None,
    who: str = "Ana",
    role: str = "coo",
    *,
    organisation: str | None = None,
    new_round: bool = False,
) -> interviews.InterviewTarget:
    return interviews.start_interview(
        store,
        "acme",
        bank=bank,
        respondent=who,
        role=role,
        organisation=organisation,
        new_round=new_round,
        clock=fixed_clock,
    )


def test_store_file_is_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite"
    previous = os.umask(0)
    try:
        open_store(path).close()
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_store_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_store_has_the_current_schema_version(store_location: str) -> None:
    open_store(store_location).close()
    with raw(store_location) as connection:
        versions = connection.execute(text("SELECT version FROM schema_version")).all()
    assert versions == [(schema.SCHEMA_VERSION,)]


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.reading() as connection:
        inspector = inspect(connection)
        for table in schema.metadata.sorted_tables:
            found = {c["name"] for c in inspector.get_columns(table.name)}
            assert found == {c.name for c in table.columns}, table.name
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            declared = {i.name for i in table.indexes}
            assert {i for i in indexes if str(i).startswith("ix_")} == declared, table.name


V1_SQLITE_DDL = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE engagements (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL UNIQUE,
  organisation VARCHAR(200), bank_id VARCHAR(64) NOT NULL,
  bank_version VARCHAR(32) NOT NULL, bank_hash VARCHAR(80) NOT NULL,
  bank_snapshot TEXT NOT NULL, created_at DATETIME NOT NULL);
CREATE TABLE rounds (id INTEGER PRIMARY KEY, engagement_id INTEGER NOT NULL
  REFERENCES engagements(id) ON DELETE CASCADE, number INTEGER NOT NULL,
  started_at DATETIME NOT NULL, UNIQUE (engagement_id, number));
CREATE TABLE respondents (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL
  REFERENCES rounds(id) ON DELETE CASCADE, name VARCHAR(200) NOT NULL,
  role VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL, UNIQUE (round_id, name));
CREATE TABLE answers (respondent_id INTEGER NOT NULL REFERENCES respondents(id)
  ON DELETE CASCADE, question_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,
  value INTEGER, answered_at DATETIME NOT NULL,
  PRIMARY KEY (respondent_id, question_id));
CREATE TABLE notes (id INTEGER PRIMARY KEY, respondent_id INTEGER NOT NULL
  REFERENCES respondents(id) ON DELETE CASCADE, question_id VARCHAR(64) NOT NULL,
  text TEXT NOT NULL, written_at DATETIME NOT NULL);
"""

V1_ROWS = [
    "INSERT INTO schema_version (version) VALUES (1)",
    "INSERT INTO engagements (name, organisation, bank_id, bank_version, bank_hash, "
    "bank_snapshot, created_at) VALUES ('old', 'Acme', 'mini', :version, :hash, :snapshot, "
    "'2025-01-02 10:00:00.000000')",
    "INSERT INTO rounds (engagement_id, number, started_at) "
    "VALUES (1, 1, '2025-01-02 10:00:00.000000')",
    "INSERT INTO respondents (round_id, name, role, created_at) "
    "VALUES (1, 'Ana', 'coo', '2025-01-02 10:00:00.000000')",
    "INSERT INTO answers (respondent_id, question_id, kind, value, answered_at) "
    "VALUES (1, 'res-01', 'answered', 4, '2025-01-02 10:01:00.000000')",
    "INSERT INTO notes (respondent_id, question_id, text, written_at) "
    "VALUES (1, 'res-01', 'said it twice', '2025-01-02 10:01:00.000000')",
]


def create_v1_store(location: str) -> None:
    """A store as version 1 of cxo-diag wrote it: no timings, no finished_at.

    The SQLite file is built from hand-written DDL; on PostgreSQL (where version 1 never
    shipped alone) from the frozen first migration step.
    """
    resolved = open_bank(str(MINI))
    values = {
        "version": resolved.bank.version,
        "hash": resolved.hash,
        "snapshot": engagements.bank_snapshot(resolved.bank),
    }
    if not is_url(location):
        file = sqlite3.connect(location)
        file.executescript(textwrap.dedent(V1_SQLITE_DDL))
        file.close()
    with raw(location) as connection:
        if is_url(location):
            migrations.MIGRATIONS[0](connection)
        for statement in V1_ROWS:
            connection.execute(text(statement), values if ":hash" in statement else {})


def test_a_version_1_store_is_migrated_and_keeps_its_answers(store_location: str) -> None:
    create_v1_store(store_location)
    with open_store(store_location) as store:
        with store.reading() as connection:
            version = connection.exec_driver_sql("SELECT version FROM schema_version").scalar()
        target = interviews.resume_target(store, "old", "Ana")
        interviews.record_answer(store, target.respondent.id, "res-02", 2, seconds=3.5)
        (answer_set,) = engagements.answer_sets(store, target.engagement, 1)
    assert version == schema.SCHEMA_VERSION
    assert answer_set.answers == {"res-01": 4, "res-02": 2}
    assert answer_set.seconds == {"res-02": 3.5}
    assert answer_set.notes == {"res-01": "said it twice"}


def test_a_store_from_a_newer_cxo_diag_is_refused(store_location: str) -> None:
    open_store(store_location).close()
    with raw(store_location) as connection:
        connection.execute(text("UPDATE schema_version SET version = 99"))
    with pytest.raises(StoreError, match="newer than this cxo-diag"):
        open_store(store_location)


def test_interview_creates_engagement_round_and_respondent(
    store: Store, mini: ResolvedBank
) -> None:
    target = start(store, mini, organisation="Acme Ltd")
    assert target.engagement.row.bank == BankRef(id="mini", version="0.2.0", hash=mini.hash)
    assert target.engagement.row.organisation == "Acme Ltd"
    assert (target.respondent.name, target.respondent.role) == ("Ana", "coo")
    assert target.respondent.round_number == 1
    assert target.answers == {}


def test_answers_and_notes_are_kept_and_an_answer_can_be_changed(
    store: Store, mini: ResolvedBank
) -> None:
    who = start(store, mini).respondent.id
    interviews.record_answer(store, who, "res-01", 2, seconds=4.0)
    interviews.record_answer(store, who, "res-02", "n/a")
    interviews.record_answer(store, who, "res-03", None)
    interviews.record_answer(store, who, "res-01", 5, seconds=1.5)
    interviews.record_note(store, who, "res-01", "budget fight in March")
    interviews.record_note(store, who, "res-01", "mentions the CFO")
    again = start(store, None)
    assert {q: a.value for q, a in again.answers.items()} == {
        "res-01": 5,
        "res-02": "n/a",
        "res-03": None,
    }
    assert again.answers["res-01"].seconds == 1.5
    assert again.notes == {"res-01": ["budget fight in March", "mentions the CFO"]}


def test_a_note_with_a_nul_character_is_refused_and_the_others_kept(
    store: Store, mini: ResolvedBank
) -> None:
    who = start(store, mini).respondent.id
    interviews.record_note(store, who, "res-01", "kept")
    with pytest.raises(UsageError, match="NUL character"):
        interviews.record_note(store, who, "res-01", "cut\x00here")
    assert start(store, None).notes == {"res-01": ["kept"]}


def test_an_answers_file_with_a_nul_in_a_note_imports_nothing(
    store: Store, mini: ResolvedBank
) -> None:
    start(store, mini)
    given = answer_set("Bo", "cmo", {"res-01": 2}, mini).model_copy(
        update={"notes": {"res-01": "a\x00b"}}
    )
    with pytest.raises(AnswersFileError, match=r"note on res-01 contains a NUL") as caught:
        importing.import_answer_sets(store, "acme", [("bo.yaml", given)])
    assert str(caught.value).startswith("bo.yaml: ")
    engagement = engagements.get_engagement(store, "acme")
    assert [s.respondent.name for s in engagements.answer_sets(store, engagement, 1)] == ["Ana"]


def test_answer_sets_carry_what_scoring_needs(store: Store, mini: ResolvedBank) -> None:
    ana = start(store, mini).respondent.id
    bo = start(store, None, who="Bo", role="cmo").respondent.id
    interviews.record_answer(store, ana, "res-01", 4, clock=fixed_clock)
    interviews.record_answer(store, bo, "res-01", 1, clock=fixed_clock)
    interviews.record_note(store, bo, "res-01", "laughs")
    engagement = engagements.get_engagement(store, "acme")
    sets = engagements.answer_sets(store, engagement, 1)
    assert [(s.respondent.name, s.respondent.role) for s in sets] == [
        ("Ana", "coo"),
        ("Bo", "cmo"),
    ]
    assert sets[1].answers == {"res-01": 1}
    assert sets[1].notes == {"res-01": "laughs"}
    assert sets[0].answered_at == FIXED
    assert all(s.engagement == "acme" and s.round == 1 for s in sets)


def test_an_engagement_refuses_a_changed_bank(
    store: Store, mini: ResolvedBank, tmp_path: Path
) -> None:
    start(store, mini)
    edited = tmp_path / "bank"
    edited.mkdir()
    shutil.copy(REPO / "questionnaires" / "practices.yaml", edited)
    text = MINI.read_text(encoding="utf-8").replace("version: 0.2.0", "version: 0.3.0")
    (edited / "mini.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError, match=r"started with bank mini 0\.2\.0"):
        start(store, open_bank(str(edited / "mini.yaml")), who="Bo", role="cmo")


def test_the_engagement_keeps_its_own_copy_of_the_bank(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    assert engagements.get_engagement(store, "acme").bank == mini.bank


def test_unknown_role_is_refused_with_the_bank_roles(store: Store, mini: ResolvedBank) -> None:
    with pytest.raises(UsageError, match=r"no role 'cfo' \(roles: coo, cmo\)"):
        start(store, mini, role="cfo")


def test_a_new_engagement_needs_a_bank(store: Store) -> None:
    with pytest.raises(UsageError, match="give --bank"):
        start(store, None)


def test_same_respondent_with_another_role_is_refused(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    with pytest.raises(UsageError, match="already in round 1 as coo"):
        start(store, None, role="cmo")


def test_new_round_starts_round_two_with_fresh_answers(store: Store, mini: ResolvedBank) -> None:
    first = start(store, mini).respondent.id
    interviews.record_answer(store, first, "res-01", 5)
    second = start(store, None, new_round=True)
    assert second.respondent.round_number == 2
    assert second.answers == {}
    joined = start(store, None, who="Bo", role="cmo")
    assert joined.respondent.round_number == 2
    assert engagements.round_numbers(store, second.engagement) == [1, 2]


def test_resume_picks_the_only_unfinished_respondent(store: Store, mini: ResolvedBank) -> None:
    ana = start(store, mini).respondent.id
    start(store, None, who="Bo", role="cmo")
    interviews.record_finished(store, ana)
    assert interviews.resume_target(store, "acme", None).respondent.name == "Bo"


def test_resume_with_two_unfinished_names_them(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    start(store, None, who="Bo", role="cmo")
    with pytest.raises(UsageError, match=r"Ana \(coo\), Bo \(cmo\).*--respondent"):
        interviews.resume_target(store, "acme", None)


def test_missing_engagement_is_not_found_and_lists_the_others(
    store: Store, mini: ResolvedBank
) -> None:
    start(store, mini)
    with pytest.raises(NotFound, match=r"no engagement called 'acne' \(engagements: acme\)"):
        engagements.get_engagement(store, "acne")


def answer_set(
    name: str, role: str, answers: dict[str, int | str | None], bank: ResolvedBank
) -> AnswerSet:
    return AnswerSet(
        bank=BankRef(id=bank.bank.id, version=bank.bank.version, hash=bank.hash),
        respondent=Respondent(name=name, role=role),
        answers=answers,
        answered_at=FIXED,
    )


def test_import_is_all_or_nothing(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    good = answer_set("Bo", "cmo", {"res-01": 2}, mini)
    taken = answer_set("Ana", "coo", {"res-01": 3}, mini)
    with pytest.raises(AnswersFileError, match="'Ana' already has answers"):
        importing.import_answer_sets(store, "acme", [("bo.yaml", good), ("ana.yaml", taken)])
    engagement = engagements.get_engagement(store, "acme")
    names = [s.respondent.name for s in engagements.answer_sets(store, engagement, 1)]
    assert names == ["Ana"]


def test_import_refuses_answers_for_another_bank_version(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    other = answer_set("Bo", "cmo", {"res-01": 2}, mini).model_copy(
        update={"bank": BankRef(id="mini", version="0.9.9", hash="sha256:0")}
    )
    with pytest.raises(AnswersFileError, match=r"version 0\.9\.9"):
        importing.import_answer_sets(store, "acme", [("bo.yaml", other)])


def test_imported_answers_come_back_identical(store: Store, mini: ResolvedBank) -> None:
    start(store, mini)
    given = answer_set("Bo", "cmo", {"res-01": 2, "res-02": "n/a", "res-03": None}, mini)
    importing.import_answer_sets(store, "acme", [("bo.yaml", given)])
    engagement = engagements.get_engagement(store, "acme")
    (_, back) = engagements.answer_sets(store, engagement, 1)
    assert back.answers == given.answers
    assert back.respondent == given.respondent


def test_summaries_count_completion_without_skips(store: Store, mini: ResolvedBank) -> None:
    who = start(store, mini).respondent.id
    interviews.record_answer(store, who, "res-01", 2)
    interviews.record_answer(store, who, "res-02", None)
    (summary,) = engagements.summaries(store)
    (progress,) = summary.respondents
    assert (progress.questions, progress.answered, progress.skipped) == (3, 1, 1)
    assert progress.percent == 33
    assert summary.rounds == 1


def test_delete_removes_everything_of_the_engagement(store: Store, mini: ResolvedBank) -> None:
    who = start(store, mini).respondent.id
    interviews.record_answer(store, who, "res-01", 2)
    interviews.record_note(store, who, "res-01", "x")
    engagements.delete_engagement(store, "acme")
    with store.reading() as connection:
        for table in ("engagements", "rounds", "respondents", "answers", "notes"):
            count = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            assert count == 0, table


def test_export_bundle_holds_every_round(store: Store, mini: ResolvedBank) -> None:
    who = start(store, mini).respondent.id
    interviews.record_answer(store, who, "res-01", 2)
    start(store, None, new_round=True)
    bundle = engagements.export_bundle(store, "acme")
    rounds = bundle["rounds"]
    assert isinstance(rounds, list)
    assert [r["number"] for r in rounds] == [1, 2]
    assert rounds[0]["answer_sets"][0]["answers"] == {"res-01": 2}
    assert AnswerSet.model_validate(rounds[0]["answer_sets"][0]).respondent.name == "Ana"


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_a_store_under_a_file_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the store"):
        open_store(blocker / "store.sqlite")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are not the answers you are looking for\n" * 100)
    with pytest.raises(StoreError, match="not a cxo-diag store"):
        open_store(path)


@contextmanager
def another_writer(location: str) -> Iterator[None]:
    """Another process's write transaction in progress on the store."""
    if is_url(location):
        import psycopg

        with psycopg.connect(location) as holder:
            holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            yield
            holder.rollback()
        return
    file = sqlite3.connect(location, isolation_level=None)
    file.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        file.execute("ROLLBACK")
        file.close()


def test_a_store_held_by_another_writer_is_a_clear_busy_error(
    store_location: str, mini: ResolvedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(store_location) as first:
        who = start(first, mini).respondent.id
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 50)
    with (
        another_writer(store_location),
        open_store(store_location) as second,
        pytest.raises(StoreError, match=r"store is busy: .* held it for 0.05 s; nothing was lost"),
    ):
        interviews.record_answer(second, who, "res-01", 3)
    with open_store(store_location) as third:
        interviews.record_answer(third, who, "res-01", 3)
        assert {q: a.value for q, a in start(third, None).answers.items()} == {"res-01": 3}


WRITER = """
import sys
from cxo_diag.store.engine import open_store
from cxo_diag.app import engagements, importing, interviews
store = open_store(sys.argv[1])
who = int(sys.argv[2])
for round_trip in range(int(sys.argv[3])):
    interviews.record_answer(store, who, f"q-{round_trip}", round_trip % 5 + 1)
    interviews.record_note(store, who, f"q-{round_trip}", f"note {round_trip}")
"""


def check_snapshot(answer_sets: list[AnswerSet]) -> int:
    """What a reader sees while the writers run is one moment of the store: each writer
    saves an answer, then its note, so no note can be seen without its answer and at most
    one answer without its note. Returns the answers seen."""
    for answer_set in answer_sets:
        answered, noted = set(answer_set.answers), set(answer_set.notes)
        assert noted <= answered, answer_set.respondent.name
        assert len(answered) - len(noted) in (0, 1), answer_set.respondent.name
    return sum(len(a.answers) for a in answer_sets)


def test_two_processes_writing_at_once_lose_nothing_while_a_third_reads(
    store_location: str, mini: ResolvedBank
) -> None:
    with open_store(store_location) as store:
        ana = start(store, mini).respondent.id
        bo = start(store, None, who="Bo", role="cmo").respondent.id
    count = 60
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, store_location, str(who), str(count)])
        for who in (ana, bo)
    ]
    seen: list[int] = []
    with open_store(store_location) as reader:
        engagement = engagements.get_engagement(reader, "acme")
        while any(w.poll() is None for w in writers):
            seen.append(check_snapshot(engagements.answer_sets(reader, engagement, 1)))
        assert [w.wait(timeout=120) for w in writers] == [0, 0]
        seen.append(check_snapshot(engagements.answer_sets(reader, engagement, 1)))
    assert seen == sorted(seen)  # a later read never sees fewer answers
    assert seen[-1] == 2 * count
    with open_store(store_location) as store, store.reading() as connection:
        for who in (ana, bo):
            answers = answer_queries.answers_of(connection, who)
            assert len(answers) == count
            assert answers["q-7"].value == 3
            assert len(answer_queries.notes_of(connection, who)) == count


JOINER = """
import sys, time
from pathlib import Path
from cxo_diag.bank.registry import open_bank
from cxo_diag.app import engagements, importing, interviews
from cxo_diag.store.engine import open_store
location, folder, who, role = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
bank = open_bank(sys.argv[5])
with open_store(location) as store:
    (folder / f"ready-{who}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    target = interviews.start_interview(store, "acme", bank=bank, respondent=who, role=role)
    interviews.record_answer(store, target.respondent.id, "res-01", 4)
"""


def test_consultants_starting_the_same_new_engagement_at_once_both_join_it(
    store_location: str, tmp_path: Path
) -> None:
    """Both find no engagement "acme" and create it at the same moment: the writes queue,
    so the second joins the one the first created instead of failing."""
    open_store(store_location).close()
    people = [("Ana", "coo"), ("Bo", "cmo"), ("Cy", "cmo")]
    joiners = [
        subprocess.Popen(
            [sys.executable, "-c", JOINER, store_location, str(tmp_path), who, role, str(MINI)]
        )
        for who, role in people
    ]
    while len(list(tmp_path.glob("ready-*"))) < len(people) and all(
        j.poll() is None for j in joiners
    ):
        time.sleep(0.01)
    (tmp_path / "go").touch()
    assert [j.wait(timeout=120) for j in joiners] == [0] * len(people)
    with open_store(store_location) as store:
        (summary,) = engagements.summaries(store)
        sets = engagements.answer_sets(store, engagements.get_engagement(store, "acme"), 1)
    assert summary.rounds == 1
    assert sorted((s.respondent.name, s.answers["res-01"]) for s in sets) == [
        ("Ana", 4),
        ("Bo", 4),
        ("Cy", 4),
    ]


def test_a_full_disk_is_one_clear_error_and_earlier_answers_stay(
    tmp_path: Path, mini: ResolvedBank
) -> None:
    path = tmp_path / "full.sqlite"
    with open_store(path) as store:
        who = start(store, mini).respondent.id
        interviews.record_answer(store, who, "res-01", 4)

        @event.listens_for(store.engine, "connect")
        def _no_room_to_grow(dbapi_connection: Any, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        store.engine.dispose()
        with pytest.raises(StoreError, match="the disk is full"):
            for _ in range(50):
                interviews.record_note(store, who, "res-01", "x" * 4000)
    with open_store(path) as store:
        assert {q: a.value for q, a in start(store, None).answers.items()} == {"res-01": 4}


def test_a_postgresql_url_without_the_driver_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"driver is missing") as caught:
        open_store("postgresql://ana:secret@db.example/cxo")
    assert "secret" not in str(caught.value)
    assert str(caught.value) == (
        "postgresql://ana:***@db.example/cxo: the PostgreSQL driver is missing (psycopg); "
        "install it with: pip install 'cxo-diag[postgres]'"
    )


def test_a_database_other_than_sqlite_or_postgresql_is_refused_with_its_password_masked() -> None:
    with pytest.raises(StoreError, match=r"not mysql") as caught:
        open_store("mysql://ana:secret@db.example/cxo")
    assert "secret" not in str(caught.value)
    assert str(caught.value).startswith("mysql://ana:***@db.example/cxo: ")
