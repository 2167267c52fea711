"""The team store on PostgreSQL, as consultants meet it: credentials the libpq way, every
store command on a URL, one clear line for each way the server can say no (password never
shown, nothing half-written), migrations by several processes at once, and the setup that
docs/team-store.md gives to the server's administrator.

What both backends share (sessions, migrations, concurrency) is in test_store.py, run on
both through the ``store_location`` fixture.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests import pg_server
from tests.helpers import REPO, runner
from tests.pg_server import PgServer

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.app import engagements
from cxo_diag.app.stores import open_named
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.errors import StoreError
from cxo_diag.store.engine import open_store
from cxo_diag.store.location import mask_password, without_password
from cxo_diag.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import psycopg

BANK = REPO / "tests" / "fixtures" / "sessions" / "two-gaps.yaml"
DOCS = REPO / "docs" / "team-store.md"

# Hand-computed in tests/cli/test_sessions.py: style gap 25, money gap 100.
ANSWERS = {
    ("Ana", "coo"): {"style-01": 3, "style-02": 3, "money-01": 5, "money-02": 1},
    ("Bo", "cmo"): {"style-01": 2, "style-02": 4, "money-01": 1, "money-02": 5},
    ("Cy", "cmo"): {"style-01": 2, "style-02": 4, "money-01": 2, "money-02": 4},
}
LIBPQ_ENVIRONMENT = (
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
)


@pytest.fixture(autouse=True)
def no_libpq_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only what a test sets: no PG* variables, and a home without a ~/.pgpass."""
    for name in LIBPQ_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("CXO_DIAG_STORE", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def admin(server: PgServer, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
    import psycopg  # here, not at the top: without it, only the tests that need a server skip

    return psycopg.connect(server.url(database), autocommit=True)


@pytest.fixture
def database(postgres: PgServer) -> Iterator[str]:
    """The name of a fresh database on the test server."""
    name = unique("cxo_team")
    pg_server.create_database(postgres, name)
    yield name
    with admin(postgres) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url(
    server: PgServer, database: str, user: str | None = None, password: str | None = None
) -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://{user or server.user}{secret}@{server.host}:{server.port}/{database}"


def answers_file(folder: Path, name: str, role: str) -> Path:
    resolved = open_bank(str(BANK))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name.lower()}.yaml"
    answer_set = AnswerSet(
        bank=BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash),
        respondent=Respondent(name=name, role=role),
        answers=ANSWERS[(name, role)],
        notes={"money-01": f"{name}'s note"},
    )
    write_answers_file(answer_set, path)
    return path


def start_acme(store: str, folder: Path) -> None:
    """Engagement acme with Ana (COO) in round 1."""
    ana = answers_file(folder, "Ana", "coo")
    code, _, err = run(
        "interview", "acme", "--bank", str(BANK), "--answers", str(ana), "--store", store
    )
    assert code == 0, err


def respondents_in(server: PgServer, database: str) -> list[str]:
    with admin(server, database) as connection:
        rows = connection.execute("SELECT name FROM respondents ORDER BY id").fetchall()
    return [str(row[0]) for row in rows]


# --- credentials the libpq way ------------------------------------------------------------


def engagements_at(location: str) -> list[str]:
    with open_store(location) as store:
        return [s.row.name for s in engagements.summaries(store)]


def test_a_url_without_a_password_takes_it_from_pgpassword(
    postgres: PgServer, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = url(postgres, database)
    with pytest.raises(StoreError, match="none was found"):
        engagements_at(bare)
    monkeypatch.setenv("PGPASSWORD", postgres.password)
    assert engagements_at(bare) == []


def write_pgpass(path: Path, server: PgServer, database: str) -> None:
    path.write_text(f"{server.host}:{server.port}:{database}:{server.user}:{server.password}\n")
    path.chmod(0o600)  # libpq ignores a password file others can read


def test_a_url_without_a_password_takes_it_from_the_pgpass_file(
    postgres: PgServer, database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_pgpass(tmp_path / "pgpass", postgres, database)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    assert engagements_at(url(postgres, database)) == []


def test_a_url_without_a_password_takes_it_from_pgpass_in_the_home_folder(
    postgres: PgServer, database: str
) -> None:
    write_pgpass(Path(os.environ["HOME"]) / ".pgpass", postgres, database)
    assert engagements_at(url(postgres, database)) == []


def test_a_bare_url_connects_to_the_service_named_by_pgservice(
    postgres: PgServer, database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[cxo-team]\nhost={postgres.host}\nport={postgres.port}\n"
        f"dbname={database}\nuser={postgres.user}\n"
    )
    write_pgpass(tmp_path / "pgpass", postgres, database)
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.setenv("PGSERVICE", "cxo-team")
    with open_store("postgresql://") as store:
        engagements.ensure_engagement(store, "acme", bank=open_bank(str(BANK)))
    assert respondents_in(postgres, database) == []
    with admin(postgres, database) as connection:
        names = connection.execute("SELECT name FROM engagements").fetchall()
    assert names == [("acme",)]


# --- every store command on a URL ---------------------------------------------------------


def test_every_store_command_works_on_a_postgresql_url(
    postgres: PgServer, database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PGPASSWORD", postgres.password)
    team = url(postgres, database)  # no password in it: libpq takes PGPASSWORD
    start_acme(team, tmp_path / "files")
    bo, cy = (
        answers_file(tmp_path / "files", "Bo", "cmo"),
        answers_file(tmp_path / "files", "Cy", "cmo"),
    )
    assert run("import", "acme", str(bo), "--store", team)[:2] == (
        0,
        "added Bo (cmo) to round 1 of acme\n",
    )
    monkeypatch.setenv("CXO_DIAG_STORE", team)  # the other way to name the store
    assert run("import", "acme", str(cy))[0] == 0
    code, out, err = run("engagements", "--format", "json")
    assert code == 0, err
    (entry,) = json.loads(out)
    assert [(p["name"], p["percent"]) for p in entry["respondents"]] == [
        ("Ana", 100),
        ("Bo", 100),
        ("Cy", 100),
    ]
    code, out, err = run("report", "acme", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    money = next(d for d in report["dimensions"] if d["id"] == "money")
    assert {r["role"]: r["score"] for r in money["roles"]} == {"coo": 100, "cmo": 12.5}
    code, out, err = run("agenda", "acme")
    assert code == 0, err
    assert re.findall(r"^### 2\.\d (.+): gap", out, flags=re.MULTILINE)[0] == "Resource allocation"
    code, out, err = run("export", "acme")
    assert code == 0, err
    notes = [s["notes"] for s in json.loads(out)["rounds"][0]["answer_sets"]]
    assert notes == [
        {"money-01": "Ana's note"},
        {"money-01": "Bo's note"},
        {"money-01": "Cy's note"},
    ]
    code, out, err = run("norms", "acme", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["engagement"] == "acme"
    code, out, err = run("report", "acme", "--format", "json", "--norms", team)
    assert code == 0, err
    assert "norms" in json.loads(out)
    code, out, err = run(
        "analyze", str(BANK), "--engagement", "acme", "--min-respondents", "3", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["respondents"] == 3
    assert run("delete", "acme", "--yes")[:2] == (0, "deleted acme\n")
    assert run("engagements", "--format", "json")[1] == "[]\n"


def test_commands_printed_for_later_leave_the_password_out(
    postgres: PgServer, database: str
) -> None:
    store, store_text = open_named(url(postgres, database, password=postgres.password))
    store.close()
    assert store_text == url(postgres, database)


# --- the server says no: one line each, password never shown, nothing half-written --------


@pytest.fixture
def team(postgres: PgServer, database: str, tmp_path: Path) -> str:
    """acme with Ana, in ``database``, as the superuser created it."""
    start_acme(url(postgres, database, password=postgres.password), tmp_path / "files")
    return database


def create_role(server: PgServer, database: str, *grants: str) -> tuple[str, str]:
    """A login role with a password and only the given grants (formatted with role and
    database); returns name and password."""
    name, password = unique("consultant"), unique("secret")
    with admin(server) as connection:
        connection.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        connection.execute(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC')
    with admin(server, database) as connection:
        for grant in grants:
            connection.execute(grant.format(role=name, database=database))
    return name, password


def import_bo(store: str, folder: Path) -> tuple[int, str, str]:
    return run("import", "acme", str(answers_file(folder, "Bo", "cmo")), "--store", store)


def assert_one_line_naming(err: str, server: PgServer, user: str, database: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith(
        f"error: postgresql://{user}:***@{server.host}:{server.port}/{database}: "
    )
    assert f"database '{database}' on {server.host}:{server.port}" in err


def test_an_unreachable_server_is_one_line(team: str, tmp_path: Path) -> None:
    closed = PgServer("127.0.0.1", pg_server._free_port(), "ana", "unreachable-secret")
    code, out, err = import_bo(closed.url(team), tmp_path)
    assert (code, out) == (1, "")
    assert_one_line_naming(err, closed, "ana", team)
    assert "cannot reach the PostgreSQL server" in err and "connection refused" in err
    assert "unreachable-secret" not in err


def test_a_wrong_password_is_one_line_without_the_password(
    postgres: PgServer, team: str, tmp_path: Path
) -> None:
    code, out, err = import_bo(url(postgres, team, password="not-the-Secret-42"), tmp_path)
    assert (code, out) == (1, "")
    assert_one_line_naming(err, postgres, postgres.user, team)
    assert f"refused the password of user '{postgres.user}'" in err
    assert "not-the-Secret-42" not in err
    assert respondents_in(postgres, team) == ["Ana"]


def test_a_missing_database_is_one_line(postgres: PgServer, team: str, tmp_path: Path) -> None:
    code, _, err = import_bo(url(postgres, "no_such_db", password=postgres.password), tmp_path)
    assert code == 1
    assert_one_line_naming(err, postgres, postgres.user, "no_such_db")
    assert "there is no database 'no_such_db'" in err
    assert postgres.password not in err


def test_a_role_without_connect_privilege_is_one_line(
    postgres: PgServer, team: str, tmp_path: Path
) -> None:
    user, password = create_role(postgres, team)
    code, _, err = import_bo(url(postgres, team, user, password), tmp_path)
    assert code == 1
    assert_one_line_naming(err, postgres, user, team)
    assert f"user '{user}' may not connect" in err and "no CONNECT privilege" in err
    assert password not in err
    assert respondents_in(postgres, team) == ["Ana"]


def test_a_role_without_table_privileges_is_one_line(
    postgres: PgServer, team: str, tmp_path: Path
) -> None:
    user, password = create_role(postgres, team, 'GRANT CONNECT ON DATABASE "{database}" TO {role}')
    code, _, err = import_bo(url(postgres, team, user, password), tmp_path)
    assert code == 1
    assert_one_line_naming(err, postgres, user, team)
    assert f"user '{user}' lacks a privilege" in err
    assert "permission denied for table" in err
    assert password not in err
    assert respondents_in(postgres, team) == ["Ana"]


def test_a_role_that_may_not_create_the_tables_is_one_line_and_creates_none(
    postgres: PgServer, database: str
) -> None:
    user, password = create_role(
        postgres, database, 'GRANT CONNECT ON DATABASE "{database}" TO {role}'
    )
    code, _, err = run("engagements", "--store", url(postgres, database, user, password))
    assert code == 1
    assert_one_line_naming(err, postgres, user, database)
    assert "permission denied for schema public" in err
    with admin(postgres, database) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert tables == (0,)


def test_a_write_refused_half_way_leaves_nothing_half_written(
    postgres: PgServer, team: str, tmp_path: Path
) -> None:
    """This role may read everything and add a respondent, but not their answers: the
    import fails after the respondent is inserted, and the respondent is rolled back."""
    user, password = create_role(
        postgres,
        team,
        'GRANT CONNECT ON DATABASE "{database}" TO {role}',
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
        "GRANT INSERT, UPDATE ON respondents TO {role}",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    )
    reviewer = url(postgres, team, user, password)
    code, _, err = run("report", "acme", "--format", "json", "--store", reviewer)
    assert code == 0, err  # reading is allowed
    code, _, err = import_bo(reviewer, tmp_path)
    assert code == 1
    assert_one_line_naming(err, postgres, user, team)
    assert "permission denied for table answers; nothing was written" in err
    assert respondents_in(postgres, team) == ["Ana"]


# --- migrations by several processes at once ----------------------------------------------

OPEN_ON_SIGNAL = """
import sys, time
from pathlib import Path
from cxo_diag.store.engine import open_store
location, folder, me = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
(folder / f"ready-{me}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
open_store(location).close()
"""


def test_processes_opening_a_new_store_at_once_migrate_it_once(
    postgres: PgServer, database: str, tmp_path: Path
) -> None:
    """They start together: without the migration's lock, two would create the tables at
    once and one would fail."""
    location = url(postgres, database, password=postgres.password)
    count = 6
    openers = [
        subprocess.Popen([sys.executable, "-c", OPEN_ON_SIGNAL, location, str(tmp_path), str(n)])
        for n in range(count)
    ]
    while len(list(tmp_path.glob("ready-*"))) < count and all(p.poll() is None for p in openers):
        time.sleep(0.01)
    (tmp_path / "go").touch()
    assert [p.wait(timeout=120) for p in openers] == [0] * count
    with admin(postgres, database) as connection:
        versions = connection.execute("SELECT version FROM schema_version").fetchall()
    assert versions == [(SCHEMA_VERSION,)]


# --- the administrator's setup in docs/team-store.md --------------------------------------


def documented_sql(names: dict[str, str]) -> tuple[list[str], list[str]]:
    """The statements of the two SQL blocks of the setup (on the server; in the new
    database), psql's own commands left out, the documented names made unique."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 2, "docs/team-store.md gives the setup as two sql blocks"
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def statements(sql: str) -> list[str]:
        lines = [
            line
            for line in sql.splitlines()
            if line.strip() and not line.lstrip().startswith(("\\", "--"))
        ]
        renamed = pattern.sub(lambda m: names[m.group(1)], "\n".join(lines))
        return [s.strip() for s in renamed.split(";") if s.strip()]

    return statements(blocks[0]), statements(blocks[1])


def test_the_documented_setup_lets_consultants_share_and_a_partner_only_read(
    postgres: PgServer, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:8]
    names = {n: f"{n}_{suffix}" for n in ("cxo_team", "cxo", "ana", "ben", "partner")}
    on_server, in_database = documented_sql(names)
    assert len(on_server) == 10 and len(in_database) == 2
    with admin(postgres) as connection:
        for statement in on_server:
            connection.execute(statement.encode())
        for role in ("ana", "ben", "partner"):  # what \\password does
            connection.execute(f"ALTER ROLE {names[role]} PASSWORD 'pw-{role}'".encode())
    with admin(postgres, names["cxo"]) as connection:
        for statement in in_database:
            connection.execute(statement.encode())

    def as_(role: str) -> str:
        return url(postgres, names["cxo"], names[role], f"pw-{role}")

    start_acme(as_("ana"), tmp_path / "files")  # Ana's first run creates the tables
    assert import_bo(as_("ben"), tmp_path)[0] == 0  # Ben writes to the same tables
    code, out, err = run("engagements", "--format", "json", "--store", as_("partner"))
    assert code == 0, err
    assert [p["name"] for p in json.loads(out)[0]["respondents"]] == ["Ana", "Bo"]
    code, _, err = run(
        "import", "acme", str(answers_file(tmp_path, "Cy", "cmo")), "--store", as_("partner")
    )
    assert code == 1 and "permission denied" in err


# --- locations as shown -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "masked", "for_commands"),
    [
        (
            "postgresql://ana:s3cr:et@db.example:5432/cxo",
            "postgresql://ana:***@db.example:5432/cxo",
            "postgresql://ana@db.example:5432/cxo",
        ),
        (
            "postgresql://ana@db.example/cxo?sslmode=require&password=s3cret",
            "postgresql://ana@db.example/cxo?sslmode=require&password=***",
            "postgresql://ana@db.example/cxo?sslmode=require",
        ),
        ("postgresql://ana@db.example/cxo", "postgresql://ana@db.example/cxo", None),
        ("/home/ana/engagements.sqlite", "/home/ana/engagements.sqlite", None),
    ],
)
def test_a_location_is_shown_without_its_password(
    location: str, masked: str, for_commands: str | None
) -> None:
    assert mask_password(location) == masked
    assert without_password(location) == (for_commands or location)


# --- what loads when -----------------------------------------------------------------------

LOADED = """
import sys
from cxo_diag.cli import main
sys.argv = ["cxo-diag", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "psycopg"})
print(",".join(loaded), file=sys.stderr)
"""


def loaded_by(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", LOADED, *args], capture_output=True, text=True, check=True
    )
    return result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""


def test_neither_sqlalchemy_nor_psycopg_loads_at_start_up(tmp_path: Path) -> None:
    assert loaded_by("--help") == ""


def test_an_sqlite_store_never_loads_psycopg(tmp_path: Path) -> None:
    start_acme(str(tmp_path / "s.sqlite"), tmp_path / "files")
    assert loaded_by("report", "acme", "--store", str(tmp_path / "s.sqlite")) == "sqlalchemy"
