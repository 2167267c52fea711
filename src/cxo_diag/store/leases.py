"""Respondent leases: one interview session holds a respondent at a time, on both backends.

Two terminals resuming the same respondent (a consultant's laptop and a shared screen) would
otherwise both save answers, the later one silently replacing the earlier. A session takes a
lease on the respondent when it starts (a row in ``leases`` with who holds it: login name,
host, process id, when), and every answer, note and "finished" it saves first checks, in the
same write transaction, that it still holds that lease. So:

- a second session is refused before it shows a question, in one line naming the holder;
- a lease whose process is provably gone (same host, no such process) is taken over on its
  own: that is a session killed or crashed on this machine;
- any other lease (another machine, or a process still running) is taken over only when asked
  (``--take-over``), and the session that lost it is refused at its next answer, so nothing
  it had acknowledged is replaced behind its back.
"""

from __future__ import annotations

import getpass
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update

from cxo_diag.errors import StoreError
from cxo_diag.store import schema
from cxo_diag.text import clean

TAKE_OVER_HINT = "--take-over"


@dataclass(frozen=True)
class Holder:
    """Who holds (or asks for) a lease: enough for a person to find that session."""

    user: str
    host: str
    pid: int

    def describe(self) -> str:
        return f"{self.user}@{self.host}, process {self.pid}"


@dataclass(frozen=True)
class Lease:
    """A lease this process holds: the token every save presents."""

    respondent_id: int
    token: str
    holder: Holder
    took_over: Holder | None = None
    """The holder whose stale lease this one replaced, if any (to tell the user)."""


@dataclass(frozen=True)
class HeldLease:
    holder: Holder
    taken_at: datetime
    seen_at: datetime


def this_process() -> Holder:
    """The holder this process is: login name, host name and process id."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Holder(user=user[:60], host=socket.gethostname()[:120], pid=os.getpid())


def process_is_gone(holder: Holder, here: Holder) -> bool:
    """Whether the holder's process provably no longer runs: it ran on this host and no live
    process has its id (a zombie, killed but not yet reaped, counts as gone)."""
    if holder.host != here.host:
        return False
    if holder.pid == here.pid:
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    except OSError:
        return False
    return _is_zombie(holder.pid)


def _is_zombie(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return False
    return bool(fields) and fields[0] == "Z"


def _held(connection: Connection, respondent_id: int) -> tuple[str, HeldLease] | None:
    table = schema.leases
    row = connection.execute(select(table).where(table.c.respondent_id == respondent_id)).first()
    if row is None:
        return None
    holder = Holder(user=str(row.user_name), host=str(row.host), pid=int(row.pid))
    return str(row.token), HeldLease(holder, row.taken_at, row.seen_at)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def acquire(
    connection: Connection,
    respondent_id: int,
    respondent: str,
    *,
    here: Holder,
    now: datetime,
    take_over: bool = False,
) -> Lease:
    """Take the lease on a respondent inside the caller's write transaction.

    Refused (StoreError) when another session holds it, unless that session's process is
    provably gone or ``take_over`` is given.
    """
    found = _held(connection, respondent_id)
    took_over: Holder | None = None
    if found is not None:
        _, held = found
        if not (take_over or process_is_gone(held.holder, here)):
            raise StoreError(
                f"{clean(respondent)} is already being interviewed in another session "
                f"({clean(held.holder.describe())}, since {_stamp(held.taken_at)}, last saved "
                f"{_stamp(held.seen_at)}); finish or quit it there, or if that session is gone "
                f"for good, run this again with {TAKE_OVER_HINT}"
            )
        took_over = held.holder
        connection.execute(
            delete(schema.leases).where(schema.leases.c.respondent_id == respondent_id)
        )
    token = uuid.uuid4().hex
    connection.execute(
        insert(schema.leases).values(
            respondent_id=respondent_id,
            token=token,
            user_name=here.user,
            host=here.host,
            pid=here.pid,
            taken_at=now,
            seen_at=now,
        )
    )
    return Lease(respondent_id, token, here, took_over)


def confirm(connection: Connection, lease: Lease, now: datetime) -> None:
    """Refuse a save from a session that no longer holds its lease (it was taken over)."""
    table = schema.leases
    result = connection.execute(
        update(table)
        .where(table.c.respondent_id == lease.respondent_id, table.c.token == lease.token)
        .values(seen_at=now)
    )
    if result.rowcount == 1:
        return
    found = _held(connection, lease.respondent_id)
    by = f" by {clean(found[1].holder.describe())}" if found is not None else ""
    raise StoreError(
        f"this interview was taken over{by}; this answer was not saved, and the answers "
        "saved before it are kept"
    )


def release(connection: Connection, lease: Lease) -> None:
    """Give the lease back (only if still ours: a takeover's lease stays)."""
    table = schema.leases
    connection.execute(
        delete(table).where(
            table.c.respondent_id == lease.respondent_id, table.c.token == lease.token
        )
    )
