"""Opening a store: the file (created 0600), the engine, pragmas, migrations, and errors.

``open_store`` is the one place that knows what a location is. A path means an SQLite file
in WAL mode; a URL (``postgresql://...``) goes to SQLAlchemy as it is, so the team store can
plug in here without touching the queries.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from cxo_diag.errors import StoreError
from cxo_diag.store import migrations
from cxo_diag.store.location import is_url, mask_password
from cxo_diag.store.schema import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process (another terminal) to finish its write."""

_WRITE = "cxo_diag_write"


class Store:
    """An open store: an engine plus transactions that turn database errors into StoreError.

    Reads and writes each get their own short transaction; a write transaction takes the
    write lock at once (BEGIN IMMEDIATE on SQLite) so that two processes queue instead of
    failing half-way.
    """

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with (
            translate_errors(self.where),
            self.engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with translate_errors(self.where), self.engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(location: str | Path, *, create: bool = True) -> Store:
    """Open (and, for a file, create) the store at ``location`` and migrate its schema.

    ``location`` is a file path or a database URL. With ``create=False`` a missing file is
    NotFound-like StoreError instead of a new empty store (for read-only commands).
    """
    if is_url(location):
        url = str(location)
        where = mask_password(url)
        if url.startswith("sqlite:"):
            raise StoreError("give an SQLite store as a file path, not a URL", where=where)
        if url.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver cxo-diag ships with (the "postgres" extra).
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        try:
            with translate_errors(where):
                engine = create_engine(url, pool_pre_ping=True)
        except ImportError as error:
            raise StoreError(
                f"the database driver is missing ({error.name}); for PostgreSQL install "
                "cxo-diag[postgres]",
                where=where,
            ) from None
    else:
        path = Path(location).expanduser()
        where = str(path)
        _create_private_file(path, create=create)
        engine = _sqlite_engine(path)
    store = Store(engine, where)
    try:
        _bring_up_to_date(store)
    except BaseException:
        store.close()
        raise
    return store


def _create_private_file(path: Path, *, create: bool) -> None:
    """Create the store file with mode 0600 before SQLite opens it: answers are confidential.

    SQLite gives its -wal and -shm files the mode of the database file, so they stay
    private too.
    """
    where = str(path)
    if path.is_dir():
        raise StoreError("is a directory, not a store file", where=where)
    if path.exists():
        return
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
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago
    except OSError as error:
        raise StoreError(f"cannot create the store: {_os_reason(error)}", where=where) from None
    os.close(descriptor)


def _os_reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or str(error)


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself, rather than the driver's
        # implicit transactions, so a write transaction can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
        version = migrations.stored_version(connection)
    migrations.check_not_newer(version, store.where)
    if version == SCHEMA_VERSION:
        return
    with store.writing() as connection:
        migrations.migrate(connection, store.where)


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Database and file-system failures become one StoreError line saying what happened."""
    try:
        yield
    except DBAPIError as error:
        raise StoreError(_database_reason(error.orig), where=where) from None
    except SQLAlchemyError as error:
        raise StoreError(f"database error: {_first_line(str(error))}", where=where) from None
    except OSError as error:
        raise StoreError(_os_reason(error), where=where) from None


def _database_reason(original: BaseException | None) -> str:
    text = _first_line(str(original)) if original is not None else "unknown database error"
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return (
            "the store is busy: another cxo-diag has held it for "
            f"{BUSY_TIMEOUT_MS // 1000} s; nothing was lost, try again"
        )
    if "disk is full" in lowered or "disk full" in lowered:
        return "the disk is full; answers saved before this one are kept"
    if "readonly" in lowered or "read-only" in lowered:
        return "the store is read-only here; check the file's and folder's permissions"
    if "not a database" in lowered:
        return "is not a cxo-diag store (not an SQLite database)"
    if "unable to open" in lowered:
        return "cannot open the store file; check the folder exists and is writable"
    return f"database error: {text}"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
