"""Opening a store safely: through symlinks still private, URLs split by libpq's rules with no
password fragment printed or looked up, another application's database recognised and left
byte-identical, a damaged schema_version or an unknown ``~user`` one line.

SG001 a dangling symlink as the store: the store is created 0600 where it points
SG002 a symlink to an existing store opens that store
SG003 a raw '@' in a URL's password: one line, says to percent-encode, no fragment shown,
      no host name looked up
SG004 a percent-encoded '@' in a password connects (real server)
SG005 another application's SQLite database: refused, left byte-identical, no -wal/-shm
SG006 an SQLite file with another application id: refused, left byte-identical
SG007 a PostgreSQL database with another application's tables: refused, no table added
SG008 a new store carries cxo-diag's application id and marker table
SG009 garbage in schema_version: "not a cxo-diag store or a damaged one"
SG010 --store ~nosuchuser/x.sqlite: one line
"""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests import pg_server
from tests.helpers import MINI, runner
from tests.pg_server import PgServer

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.store.recognition import APPLICATION_ID


@pytest.fixture(autouse=True)
def no_store_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("CXO_DIAG_STORE", "PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGHOST", "PGUSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))


def answers(folder: Path, name: str = "Ana") -> Path:
    resolved = open_bank(str(MINI))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    answer_set = AnswerSet(
        bank=ref, respondent=Respondent(name=name, role="coo"), answers={"res-01": 4}
    )
    path = folder / f"{name}.yaml"
    write_answers_file(answer_set, path)
    return path


def interview_from_file(store: str, folder: Path) -> Any:
    return runner.invoke(
        app,
        ["interview", "acme", "--bank", str(MINI), "--answers", str(answers(folder))],
        env={"CXO_DIAG_STORE": store},
    )


def one_error_line(result: Any) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return str(lines[0])


def test_SG001_a_dangling_symlink_store_is_created_private_where_it_points(
    tmp_path: Path,
) -> None:
    link, target = tmp_path / "link.sqlite", tmp_path / "target.sqlite"
    link.symlink_to(target)
    result = interview_from_file(str(link), tmp_path)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.is_file()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for beside in tmp_path.glob("target.sqlite-*"):
        assert stat.S_IMODE(beside.stat().st_mode) == 0o600, beside
    listed = runner.invoke(app, ["engagements", "--store", str(target)])
    assert "Ana" in listed.stdout, listed.stderr


def test_SG002_a_symlink_to_an_existing_store_opens_that_store(tmp_path: Path) -> None:
    target = tmp_path / "real.sqlite"
    assert interview_from_file(str(target), tmp_path).exit_code == 0
    link = tmp_path / "link.sqlite"
    link.symlink_to(target)
    listed = runner.invoke(app, ["engagements", "--store", str(link)])
    assert listed.exit_code == 0 and "Ana" in listed.stdout, listed.stderr


AMBIGUOUS_URLS = [
    "postgresql://carol:p@ss#w0rd@127.0.0.1:25432/cxo",
    "postgresql://carol:pa/ss@w0rd@127.0.0.1:25432/cxo",
    "postgresql+psycopg://carol:p@ss#w0rd@db.example/cxo?sslmode=require",
]


@pytest.mark.parametrize("url", AMBIGUOUS_URLS)
def test_SG003_a_raw_at_sign_in_a_password_is_refused_without_showing_any_of_it(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[object] = []

    def no_lookup(host: object, *args: object, **kwargs: object) -> Any:
        looked_up.append(host)
        raise OSError("no lookups in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    for command in (["engagements"], ["report", "acme"], ["export", "acme"]):
        line = one_error_line(runner.invoke(app, [*command, "--store", url]))
        assert "percent-encode" in line and "%40" in line
        for fragment in ("ss#w0rd", "w0rd", "p@ss", "pa/ss", ":p@", "carol:p"):
            assert fragment not in line, line
    assert looked_up == []


def test_SG004_a_percent_encoded_at_sign_in_a_password_connects(postgres: PgServer) -> None:
    database = f"cxo_test_{uuid.uuid4().hex[:12]}"
    role = f"carol_{uuid.uuid4().hex[:8]}"
    pg_server.create_database(postgres, database)
    with psycopg.connect(postgres.url(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'p@ss#w0rd'")
        admin.execute(f'ALTER DATABASE "{database}" OWNER TO {role}')
    url = f"postgresql://{role}:p%40ss%23w0rd@{postgres.host}:{postgres.port}/{database}"
    listed = runner.invoke(app, ["engagements", "--store", url])
    assert listed.exit_code == 0, listed.stderr
    assert "w0rd" not in listed.stdout + listed.stderr


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.fixture
def foreign(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "other-app"
    folder.mkdir()
    path = folder / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO contacts (name) VALUES ('Dora')")
    connection.close()
    yield path


READ_AND_WRITE = [
    ["engagements"],
    ["report", "acme"],
    ["export", "acme"],
    ["agenda", "acme"],
    ["delete", "acme", "--yes"],
]


@pytest.mark.parametrize("command", READ_AND_WRITE, ids=lambda c: c[0])
def test_SG005_another_applications_database_is_refused_and_left_byte_identical(
    foreign: Path, command: list[str]
) -> None:
    before = fingerprint(foreign.parent)
    line = one_error_line(runner.invoke(app, [*command, "--store", str(foreign)]))
    assert "another application's tables (contacts)" in line
    assert fingerprint(foreign.parent) == before
    assert sorted(p.name for p in foreign.parent.iterdir()) == ["other.db"]


def test_SG005_an_import_into_another_applications_database_is_refused_too(
    foreign: Path, tmp_path: Path
) -> None:
    before = fingerprint(foreign.parent)
    one_error_line(interview_from_file(str(foreign), tmp_path))
    assert fingerprint(foreign.parent) == before
    with sqlite3.connect(foreign) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_SG006_an_sqlite_file_of_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tagged.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1196444487")  # GeoPackage
    connection.close()
    before = fingerprint(tmp_path)
    line = one_error_line(runner.invoke(app, ["engagements", "--store", str(path)]))
    assert "another application's SQLite database (application id 0x47504b47)" in line
    assert fingerprint(tmp_path) == before


def test_SG007_a_postgresql_database_of_another_application_is_refused(
    postgres: PgServer,
) -> None:
    database = f"cxo_test_{uuid.uuid4().hex[:12]}"
    url = pg_server.create_database(postgres, database)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
    line = one_error_line(runner.invoke(app, ["engagements", "--store", url]))
    assert "another application's tables (invoices)" in line
    with psycopg.connect(url) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


def test_SG008_a_new_store_is_marked_as_cxo_diags(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    assert interview_from_file(str(path), tmp_path).exit_code == 0
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("SELECT application FROM cxo_diag_store").fetchall() == [
            ("cxo-diag",)
        ]
    connection.close()


@pytest.mark.parametrize("garbage", ["'abc'", "-1", "2.5", "x'00ff'"])
def test_SG009_garbage_in_schema_version_is_one_line(tmp_path: Path, garbage: str) -> None:
    path = tmp_path / "store.sqlite"
    assert interview_from_file(str(path), tmp_path).exit_code == 0
    with sqlite3.connect(path) as connection:
        connection.execute(f"UPDATE schema_version SET version = {garbage}")
    connection.close()
    for command in (["engagements"], ["report", "acme"]):
        line = one_error_line(runner.invoke(app, [*command, "--store", str(path)]))
        assert "not a cxo-diag store or a damaged one" in line


def test_SG010_an_unknown_user_in_the_store_path_is_one_line() -> None:
    line = one_error_line(runner.invoke(app, ["engagements", "--store", "~nosuchuser/x.sqlite"]))
    assert "~nosuchuser" in line and "no such user" in line
    assert os.path.exists("~nosuchuser") is False
