"""The store at the scale of a consultancy's history: SQLite and PostgreSQL, 10 to 10,000
engagements.

Run: .venv/bin/python benchmarks/store.py [--runs N] [--sizes 10,1000,10000]

For each size it builds a store of that many engagements on the built-in coo-cmo bank (a COO
and a CMO who answered every question, seeded random answers), on SQLite, then copies it
to a throwaway PostgreSQL server (started like the tests do, tests/pg_server.py) with
`cxo-diag store copy`. It then times, as a user runs them (wall time of the command), the
commands whose cost used to grow with the store: `engagements`, `report` and `norms` of the
latest engagement, each as a ratio to its time on the 10-engagement store of the same
backend; and `store copy` of 1,000 engagements to PostgreSQL against the same copy to a
new SQLite file. Prints a table with the targets and exits 1 if one is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection, Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import CXO, Figure  # noqa: E402

SIZES = (10, 1_000, 10_000)
COPY_SIZE = 1_000
START = datetime(2020, 1, 6, 9, 0, tzinfo=UTC)
BATCH = 500


def build(location: str, count: int, *, seed: int = 20) -> str:
    """A store of ``count`` engagements, written in batches straight through the store's
    tables (as `store copy` writes them); returns the latest engagement's name."""
    from sqlalchemy import insert

    from cxo_diag.app.engagements import bank_snapshot
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store import banks, schema
    from cxo_diag.store.engine import open_store

    resolved = open_bank("coo-cmo")
    bank = resolved.bank
    snapshot = bank_snapshot(bank)
    asked = {role: [q.id for q in bank.questions_for(role)] for role in ("coo", "cmo")}
    rng = random.Random(seed)
    with open_store(location) as store, store.writing() as connection:
        banks.remember(connection, bank, resolved.hash)
        for start in range(0, count, BATCH):
            indexes = range(start, min(count, start + BATCH))
            when = {i: START + timedelta(hours=6 * i) for i in indexes}
            engagement_rows: list[dict[str, Any]] = [
                {
                    "name": f"client-{i:05d}",
                    "organisation": f"Organisation {i}",
                    "bank_id": bank.id,
                    "bank_version": bank.version,
                    "bank_hash": resolved.hash,
                    "bank_snapshot": snapshot,
                    "created_at": when[i],
                }
                for i in indexes
            ]
            engagement_ids = _insert_ids(connection, schema.engagements, engagement_rows)
            round_ids = _insert_ids(
                connection,
                schema.rounds,
                [
                    {"engagement_id": e, "number": 1, "started_at": when[i]}
                    for i, e in zip(indexes, engagement_ids, strict=True)
                ],
            )
            people: list[dict[str, Any]] = [
                {
                    "round_id": r,
                    "name": f"{role.upper()} of client {i}",
                    "role": role,
                    "created_at": when[i],
                    "finished_at": when[i] + timedelta(minutes=40),
                }
                for i, r in zip(indexes, round_ids, strict=True)
                for role in ("coo", "cmo")
            ]
            person_ids = _insert_ids(connection, schema.respondents, people)
            connection.execute(
                insert(schema.answers),
                [
                    {
                        "respondent_id": p,
                        "question_id": q,
                        "kind": "answered",
                        "value": rng.randint(1, 5),
                        "seconds": rng.uniform(3, 30),
                        "answered_at": person["created_at"] + timedelta(minutes=1),
                    }
                    for p, person in zip(person_ids, people, strict=True)
                    for q in asked[person["role"]]
                ],
            )
    return f"client-{count - 1:05d}"


def _insert_ids(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return [int(row[0]) for row in connection.execute(statement, list(rows))]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return elapsed


def median_wall(command: list[str], runs: int) -> float:
    wall(command)  # warm the file cache (and fill what a first run fills)
    return statistics.median(wall(command) for _ in range(runs))


@contextmanager
def postgres() -> Iterator[object]:
    from tests import pg_server

    existing = pg_server.from_environment()
    if existing is not None:
        yield existing
        return
    server = pg_server.start()
    try:
        yield server
    finally:
        pg_server.stop(server)


def interleaved(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, the commands run in turn so that load on the
    machine weighs on each alike (the ratios are what the targets judge)."""
    for command in commands:
        wall(command)  # warm the file cache (and fill what a first run fills)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(wall(command))
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median kept)")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="store sizes in engagements, smallest first (default 10,1000,10000)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from tests import pg_server

    figures: list[Figure] = []
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as folder, postgres() as server:
        work = Path(folder)
        stores: dict[str, list[str]] = {"SQLite": [], "PostgreSQL": []}
        latest: list[str] = []
        for size in sizes:
            sqlite = str(work / f"store-{size}.sqlite")
            started = time.perf_counter()
            latest.append(build(sqlite, size))
            built = time.perf_counter() - started
            team = pg_server.create_database(server, f"bench_{size}")  # type: ignore[arg-type]
            copy_time = wall([*CXO, "store", "copy", sqlite, team])
            fills = [wall([*CXO, "norms", latest[-1], "--store", s]) for s in (sqlite, team)]
            lines.append(
                f"{size:,} engagements: built on SQLite in {built:.1f} s "
                f"({os.path.getsize(sqlite) / 1e6:,.0f} MB), copied to PostgreSQL in "
                f"{copy_time:.1f} s; the first norms, which computes every round summary: "
                f"{fills[0]:.2f} s on SQLite, {fills[1]:.2f} s on PostgreSQL"
            )
            stores["SQLite"].append(sqlite)
            stores["PostgreSQL"].append(team)
        for backend, locations in stores.items():
            for name in ("engagements", "report", "norms"):
                commands = []
                for location, last in zip(locations, latest, strict=True):
                    command = [*CXO, name] if name == "engagements" else [*CXO, name, last]
                    commands.append([*command, "--store", location])
                times = interleaved(commands, args.runs)
                lines.append(
                    f"  {backend:<10} {name:<12} "
                    + ", ".join(f"{t:.3f} s at {n:,}" for t, n in zip(times, sizes, strict=True))
                )
                for size, seconds in list(zip(sizes, times, strict=True))[1:]:
                    figures.append(
                        Figure(
                            f"{name} on {backend}: {size:,} / {sizes[0]:,} engagements",
                            seconds / times[0],
                            1.5,
                            "x",
                        )
                    )
        copy_size = min(COPY_SIZE, sizes[-1])
        source = str(work / f"store-{copy_size}.sqlite")
        if not os.path.exists(source):
            build(source, copy_size)
        to_sqlite, to_postgres = [], []
        for run in range(max(3, args.runs // 2)):
            target = str(work / f"copy-{run}.sqlite")
            to_sqlite.append(wall([*CXO, "store", "copy", source, target]))
            team = pg_server.create_database(server, f"bench_copy_{run}")  # type: ignore[arg-type]
            to_postgres.append(wall([*CXO, "store", "copy", source, team]))
        sqlite_copy, postgres_copy = statistics.median(to_sqlite), statistics.median(to_postgres)
        lines.append(
            f"store copy of {copy_size:,} engagements: to SQLite {sqlite_copy:.2f} s, "
            f"to PostgreSQL {postgres_copy:.2f} s"
        )
        figures.append(
            Figure(
                f"store copy of {copy_size:,} engagements: to PostgreSQL / to SQLite",
                postgres_copy / sqlite_copy,
                1.5,
                "x",
            )
        )
    print(
        f"cxo-diag store benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, median of {args.runs}"
    )
    print()
    for line in lines:
        print(line)
    print()
    print("| case | measured | target | |")
    print("|---|---|---|---|")
    for figure in figures:
        print(figure.row())
    missed = [f.case for f in figures if not f.ok]
    if missed:
        print(f"\n{len(missed)} target(s) missed", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
