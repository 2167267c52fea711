"""Opening a store: the file (created 0600), the engine, pragmas, migrations, and errors.

``open_store`` is the one place that knows what a location is. A path means an SQLite file
in WAL mode; a ``postgresql://`` URL means the team store on a PostgreSQL server (see
``postgres.py``). Both get the same schema, migrations and queries; only how a transaction
starts and how a failure is put into words differ, and :class:`Backend` holds exactly that.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from cxo_diag.errors import StoreError
from cxo_diag.store import migrations, recognition
from cxo_diag.store.location import expand_path, is_postgres_url, is_url, mask_password
from cxo_diag.store.schema import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process (another terminal) to finish its write."""

BUSY_TIMEOUT_ENV = "CXO_DIAG_BUSY_TIMEOUT"
"""Seconds to wait instead of BUSY_TIMEOUT_MS (longer for a slow shared disk, shorter in tests)."""


def busy_timeout_ms() -> int:
    """How long a writer waits for the store: ``CXO_DIAG_BUSY_TIMEOUT`` seconds, if set."""
    value = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not value:
        return BUSY_TIMEOUT_MS
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise StoreError(
            f"{BUSY_TIMEOUT_ENV} must be a number of seconds from 0 to 3600, not {value!r}"
        )
    return round(seconds * 1000)


_WRITE = "cxo_diag_write"


def _nothing(_connection: Connection) -> None:
    """SQLite starts its transactions in the engine's begin event instead."""


@dataclass(frozen=True)
class Backend:
    """What differs between SQLite and PostgreSQL once the engine exists."""

    explain: Callable[[BaseException | None], str]
    """A driver error as one line for people."""
    start_reading: Callable[[Connection], None] = _nothing
    """Runs first in every read transaction."""
    start_writing: Callable[[Connection], None] = _nothing
    """Runs first in every write transaction."""


class Store:
    """An open store: an engine plus transactions that turn database errors into StoreError.

    Reads and writes each get their own short transaction; a write transaction takes the
    write lock at once (BEGIN IMMEDIATE on SQLite) so that two processes queue instead of
    failing half-way.
    """

    def __init__(self, engine: Engine, where: str, backend: Backend | None = None) -> None:
        self.engine = engine
        self.where = where
        self.backend = backend or Backend(explain=_database_reason)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with (
            translate_errors(self.where, self.backend.explain),
            self.engine.connect() as connection,
            connection.begin(),
        ):
            self.backend.start_reading(connection)
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with (
            translate_errors(self.where, self.backend.explain),
            self.engine.connect() as connection,
        ):
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                self.backend.start_writing(connection)
                yield connection

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(location: str | Path, *, create: bool = True) -> Store:
    """Open (and, for a file, create) the store at ``location`` and migrate its schema.

    ``location`` is a file path or a ``postgresql://`` URL. With ``create=False`` a missing
    file is a StoreError instead of a new empty store (for read-only commands); a
    PostgreSQL database always exists already, and gets its tables on first use.
    """
    if is_url(location):
        store = _open_url(str(location))
    else:
        shown = expand_path(str(location))
        path = _create_private_file(shown, create=create)
        store = Store(_sqlite_engine(path), str(shown))
    try:
        _bring_up_to_date(store)
    except BaseException:
        store.close()
        raise
    return store


def _open_url(url: str) -> Store:
    where = mask_password(url)
    if url.lower().startswith("sqlite:"):
        raise StoreError("give an SQLite store as a file path, not a URL", where=where)
    if not is_postgres_url(url):
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"cxo-diag stores engagements in SQLite (a file path) or PostgreSQL "
            f"(postgresql://...), not {scheme}",
            where=where,
        )
    from cxo_diag.store import postgres

    timeout = busy_timeout_ms()
    engine, target = postgres.postgres_engine(url, where)
    backend = Backend(
        explain=lambda error: postgres.explain(error, target, timeout),
        start_reading=postgres.start_reading,
        start_writing=lambda connection: postgres.start_writing(connection, timeout),
    )
    return Store(engine, where, backend)


def _create_private_file(given: Path, *, create: bool) -> Path:
    """The store file to open, created with mode 0600 before SQLite opens it: answers are
    confidential. Returns the real path (symlinks resolved), which is what SQLite opens.

    A symlink, dangling or not, is resolved first, so a new store is created 0600 where the
    link points (not through it by SQLite with the default mode), and SQLite's -wal and
    -shm files, which take the database file's mode, sit beside the real file. An existing
    file is recognised as a cxo-diag store before anything writes to it
    (``recognition.py``).
    """
    where = str(given)
    path = Path(os.path.realpath(given))
    if path.is_dir():
        raise StoreError("is a directory, not a store file", where=where)
    if path.exists() and not path.is_file():  # /dev/null, a pipe: SQLite would call it a disk error
        raise StoreError("is not a regular file, so it cannot be a store", where=where)
    if path.exists():
        recognition.check_sqlite_file(path, where)
        return path
    if not create:
        raise StoreError("no store here yet (nothing has been saved to it)", where=where)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError:
        raise StoreError(
            f"cannot create the store: {path.parent} is not a folder", where=where
        ) from None
    except OSError as error:
        raise StoreError(f"cannot create the store: {_os_reason(error)}", where=where) from None
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        # Another process created it a moment ago, or planted a link: only a regular file
        # is opened, and only if it is a store.
        if path.is_symlink() or not path.is_file():
            raise StoreError(
                "cannot create the store: something other than a file appeared at its path",
                where=where,
            ) from None
        recognition.check_sqlite_file(path, where)
        return path
    except OSError as error:
        raise StoreError(f"cannot create the store: {_os_reason(error)}", where=where) from None
    os.close(descriptor)
    return path


def _os_reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or str(error)


def _sqlite_engine(path: Path) -> Engine:
    timeout = busy_timeout_ms()
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": timeout / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself, rather than the driver's
        # implicit transactions, so a write transaction can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _bring_up_to_date(store: Store) -> None:
    """Migrate when needed; the common case (up to date) takes no write lock."""
    with store.reading() as connection:
        recognition.check_tables(connection, store.where)
        version = migrations.stored_version(connection, store.where)
    migrations.check_not_newer(version, store.where)
    if version == SCHEMA_VERSION:
        return
    with store.writing() as connection:
        migrations.migrate(connection, store.where)


@contextmanager
def translate_errors(
    where: str, explain: Callable[[BaseException | None], str] | None = None
) -> Iterator[None]:
    """Database and file-system failures become one StoreError line saying what happened."""
    try:
        yield
    except DBAPIError as error:
        raise StoreError((explain or _database_reason)(error.orig), where=where) from None
    except SQLAlchemyError as error:
        raise StoreError(f"database error: {_first_line(str(error))}", where=where) from None
    except OSError as error:
        raise StoreError(_os_reason(error), where=where) from None
    except UnicodeDecodeError:
        # sqlite3 raises this instead of its own error when SQLite's message quotes bytes
        # from a damaged file ("malformed database schema (\x8b...)").
        raise StoreError(
            "is not a cxo-diag store or a damaged one (SQLite cannot read its schema)",
            where=where,
        ) from None


def _database_reason(original: BaseException | None) -> str:
    text = _first_line(str(original)) if original is not None else "unknown database error"
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return (
            "the store is busy: another cxo-diag has held it for "
            f"{busy_timeout_ms() / 1000:g} s; nothing was lost, try again"
        )
    if "disk is full" in lowered or "disk full" in lowered:
        return "the disk is full; answers saved before this one are kept"
    if "disk i/o error" in lowered:
        return (
            "could not write to the disk (disk I/O error: full, over a size limit or failing); "
            "answers saved before this one are kept"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return "the store is read-only here; check the file's and folder's permissions"
    if "no such table" in lowered or "no such column" in lowered:
        return f"is not a cxo-diag store or a damaged one ({text})"
    if "not a database" in lowered:
        return "is not a cxo-diag store (not an SQLite database)"
    if "unable to open" in lowered:
        return "cannot open the store file; check the folder exists and is writable"
    return f"database error: {text}"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
