"""The team store on PostgreSQL: the engine, its transactions, and its errors in words.

Imported only when a ``postgresql://`` location is given, so neither SQLAlchemy's
PostgreSQL dialect nor psycopg loads for an SQLite store. Credentials are left to libpq:
a URL without a password makes libpq look in PGPASSWORD, ~/.pgpass (or PGPASSFILE) and the
service file (PGSERVICE), exactly as psql does. The tool never stores or prints a password.

Transactions match the SQLite store's guarantees:

- a write takes a transaction-level advisory lock first, so writes queue one after another
  as on SQLite (``BEGIN IMMEDIATE``), each read-then-write (a new round, a new respondent,
  a migration) sees everything committed before it, and two processes migrating the same
  old store at once migrate it once;
- a read runs in REPEATABLE READ, so a report reads one consistent snapshot while
  consultants keep answering.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, func, select

from cxo_diag.errors import StoreError
from cxo_diag.store.pg_url import AMBIGUOUS, split_url

WRITE_LOCK_KEY = 0x6378_6F64_6961_6701
"""The advisory lock every write takes (one per database, so one per store)."""

CONNECT_TIMEOUT_S = 10
"""How long to wait for a server that does not answer, unless the URL or PGCONNECT_TIMEOUT
says otherwise: libpq alone would wait for the operating system's TCP timeout."""

INSTALL_HINT = "pip install 'cxo-diag[postgres]'"


_PASSWORD_SETTING = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """Who connects to what, for error messages: never holds the password."""

    host: str
    database: str
    user: str

    def describe(self) -> str:
        return f"database {self.database!r} on {self.host}"


def scrub(text: str) -> str:
    """Driver text with any ``password=...`` setting masked.

    libpq's messages do not quote the password, but a message quoting a connection string
    would; masking the setting rather than the password's letters never garbles a message
    (or hints at a short password by where the stars fall).
    """
    return _PASSWORD_SETTING.sub(r"\1***", text)


def _target(settings: Mapping[str, object]) -> Target:
    """Host, database and user as libpq will resolve them: the URL's settings (as libpq
    parsed them), then the PG* variables."""

    def setting(key: str, env: str) -> str | None:
        value = settings.get(key)
        return (str(value) if value not in (None, "") else None) or os.environ.get(env)

    service = setting("service", "PGSERVICE")
    host = setting("host", "PGHOST")
    port = setting("port", "PGPORT")
    if host is None:
        host = f"service {service}" if service else "the local socket"
    elif port:
        host = f"{host}:{port}"
    user = setting("user", "PGUSER") or _login_name()
    database = setting("dbname", "PGDATABASE") or (f"(from service {service})" if service else user)
    return Target(host=host, database=database, user=user)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "(your login name)"


def postgres_engine(location: str, where: str) -> tuple[Engine, Target]:
    """An engine for a PostgreSQL URL, with psycopg 3 as the driver.

    The URL goes to libpq as it is (``pg_url.py``): libpq alone parses it, so the host
    connected to and the password sent are exactly what libpq reads, and a URL libpq and a
    reader could split differently is refused first.
    """
    split = split_url(location)
    if split is None or split.ambiguous:
        raise StoreError(AMBIGUOUS if split is not None else "is not a URL", where=where)
    conninfo = split.for_libpq()
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as error:
        raise StoreError(
            f"the PostgreSQL driver is missing ({error.name or 'psycopg'}); install it with: "
            f"{INSTALL_HINT}",
            where=where,
        ) from None
    try:
        settings = conninfo_to_dict(conninfo)
    except psycopg.Error:
        # libpq's words may quote the URL, password included: never shown.
        raise StoreError(
            "is not a valid PostgreSQL URL (postgresql://USER@HOST:PORT/DATABASE; "
            "percent-encode special characters)",
            where=where,
        ) from None
    extra: dict[str, Any] = {}
    if "connect_timeout" not in settings and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in settings and not os.environ.get("PGAPPNAME"):
        extra["application_name"] = "cxo-diag"

    def connect() -> Any:
        return psycopg.connect(conninfo, **extra)

    engine = create_engine("postgresql+psycopg://", pool_pre_ping=True, creator=connect)
    return engine, _target(settings)


def start_reading(connection: Connection) -> None:
    """One snapshot for the whole read, whatever commits meanwhile."""
    connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def start_writing(connection: Connection, busy_timeout_ms: int) -> None:
    """Queue behind any other write to this store, for at most ``busy_timeout_ms``.

    READ COMMITTED (whatever the server's default) so each statement after the lock sees
    what the writer before committed.
    """
    connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_timeout_ms)}")
    connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


def explain(original: BaseException | None, target: Target, busy_timeout_ms: int) -> str:
    """A driver error as one line for people: what failed, on which host and database."""
    text = scrub(_first_line(str(original))) if original is not None else ""
    lowered = text.lower()
    sqlstate = getattr(original, "sqlstate", None)
    where = target.describe()
    if sqlstate == "55P03" or "lock timeout" in lowered:
        return (
            f"the store is busy: another cxo-diag has held it for {busy_timeout_ms / 1000:g} s; "
            "nothing was lost, try again"
        )
    if "no password supplied" in lowered:
        return (
            f"{where} asks a password of user {target.user!r} and none was found; set "
            "PGPASSWORD or add a line to ~/.pgpass (see docs/team-store.md)"
        )
    if "password authentication failed" in lowered or "authentication failed" in lowered:
        return (
            f"{where} refused the password of user {target.user!r}; check PGPASSWORD or "
            "~/.pgpass (the password is never shown)"
        )
    if "permission denied for database" in lowered or "connect privilege" in lowered:
        return (
            f"user {target.user!r} may not connect to {where} (no CONNECT privilege); "
            "ask the server's administrator for the grants in docs/team-store.md"
        )
    if sqlstate == "42501" or "permission denied" in lowered:
        return (
            f"user {target.user!r} lacks a privilege on {where}: {_detail(text)}; "
            "nothing was written; the grants are in docs/team-store.md"
        )
    if "does not exist" in lowered and "database" in lowered:
        return f"there is no {where}; create it first (docs/team-store.md)"
    if "does not exist" in lowered and "role" in lowered:
        return f"the server of {where} has no user {target.user!r}"
    if "pg_hba.conf" in lowered:
        return f"{where} does not accept user {target.user!r} from this machine (pg_hba.conf)"
    if _unreachable(lowered):
        return (
            f"cannot reach the PostgreSQL server for {where}: {_reach_reason(lowered)}; "
            "check the host, the port and that the server is running"
        )
    if "server closed the connection" in lowered or "terminating connection" in lowered:
        return (
            f"the connection to {where} was lost; the unfinished change was rolled back, try again"
        )
    return f"database error on {where}: {text or 'unknown error'}"


def _unreachable(lowered: str) -> bool:
    signs = (
        "connection refused",
        "could not connect",
        "failed to resolve host",
        "could not translate host name",
        "timeout expired",
        "no route to host",
        "network is unreachable",
        "connection timed out",
        "no such file or directory",  # the local socket is not there
    )
    return any(sign in lowered for sign in signs)


def _reach_reason(lowered: str) -> str:
    if "connection refused" in lowered:
        return "connection refused"
    if "resolve host" in lowered or "translate host name" in lowered:
        return "host name not found"
    if "timeout" in lowered or "timed out" in lowered:
        return "no answer in time"
    if "no such file" in lowered:
        return "no server socket here"
    return "no route to the server"


def _detail(text: str) -> str:
    """The server's own words without libpq's prefix ("FATAL:  ...")."""
    return text.split("FATAL:", 1)[-1].strip() if "FATAL:" in text else text


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
