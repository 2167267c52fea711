"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, loopback port.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` user (runuser). Password authentication is on, so tests can also check what a
wrong password does. Set CXO_DIAG_TEST_PG_URL to use an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
PASSWORD = "cxo-test-secret"


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    password: str
    data_dir: Path | None = None

    def url(self, database: str = "postgres", *, password: bool = True) -> str:
        secret = f":{self.password}" if password else ""
        return f"postgresql://{self.user}{secret}@{self.host}:{self.port}/{database}"


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SUPERUSER, "--", *command]


def start() -> PgServer:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL is not installed (initdb and pg_ctl not found)")
    root = Path(tempfile.mkdtemp(prefix="cxo-pg-"))
    data = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, SUPERUSER)
        shutil.chown(pwfile, SUPERUSER)
    os.chmod(root, 0o700)
    subprocess.run(
        _as_postgres(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    subprocess.run(
        _as_postgres(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    server = PgServer("127.0.0.1", port, SUPERUSER, PASSWORD, data)
    _wait_until_ready(server)
    return server


def _wait_until_ready(server: PgServer, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((server.host, server.port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not start on port {server.port}")


def stop(server: PgServer) -> None:
    if server.data_dir is None:
        return
    pg_ctl = find_bin("pg_ctl")
    if pg_ctl:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(server.data_dir), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
    shutil.rmtree(server.data_dir.parent, ignore_errors=True)


def from_environment() -> PgServer | None:
    """A server given by CXO_DIAG_TEST_PG_URL (postgresql://user:password@host:port)."""
    url = os.environ.get("CXO_DIAG_TEST_PG_URL")
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return PgServer(
        parts.hostname or "127.0.0.1",
        parts.port or 5432,
        parts.username or "",
        parts.password or "",
    )


def create_database(server: PgServer, name: str) -> str:
    """A fresh database on the server; returns its URL."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)
