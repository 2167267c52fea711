"""Copy engagements between stores (a laptop's SQLite file and the team's PostgreSQL server).

Rows are read with the same Core tables on both sides and written to the destination in one
transaction, with new ids: either every engagement named arrives whole, or nothing does.
An engagement that already exists at the destination with the same content is left as it
is; one with the same name and different content is refused, never overwritten. The counts
written are read back inside the transaction and compared before it commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, select

from cxo_diag.errors import NotFound, StoreError
from cxo_diag.store import schema
from cxo_diag.store.engine import Store
from cxo_diag.store.rows import checked

_ENGAGEMENT_FIELDS = (
    "name",
    "organisation",
    "bank_id",
    "bank_version",
    "bank_hash",
    "bank_snapshot",
    "created_at",
)


@dataclass
class EngagementCopy:
    """One engagement: the counts read back at the destination, or, when it was already
    there with the same content, the counts of what is there."""

    name: str
    rounds: int = 0
    respondents: int = 0
    answers: int = 0
    notes: int = 0
    skipped_identical: bool = False


@dataclass
class CopyResult:
    """Every engagement asked for, in order: copied (and verified) or found identical."""

    engagements: list[EngagementCopy] = field(default_factory=list)

    @property
    def copied(self) -> list[EngagementCopy]:
        return [e for e in self.engagements if not e.skipped_identical]


@dataclass
class _Tree:
    """One engagement's rows, with source ids, in parent-before-child order."""

    engagement: dict[str, Any]
    rounds: list[dict[str, Any]]
    respondents: list[dict[str, Any]]
    answers: list[dict[str, Any]]
    notes: list[dict[str, Any]]

    def fingerprint(self) -> tuple[Any, ...]:
        """The content, independent of ids: equal fingerprints mean the same engagement.

        Everything a report, an export or a resumed interview shows is in it, including
        the order respondents were added in and the order of each respondent's notes.
        """
        round_numbers = {r["id"]: r["number"] for r in self.rounds}
        people = {p["id"]: (round_numbers[p["round_id"]], p["name"]) for p in self.respondents}
        note_order: dict[int, int] = {}
        notes = []
        for n in self.notes:  # in id order: the order they were written
            position = note_order[n["respondent_id"]] = note_order.get(n["respondent_id"], -1) + 1
            notes.append(
                (people[n["respondent_id"]], position, n["question_id"], n["text"], n["written_at"])
            )
        return (
            tuple(self.engagement[k] for k in _ENGAGEMENT_FIELDS),
            tuple(sorted((r["number"], r["started_at"]) for r in self.rounds)),
            tuple(
                (people[p["id"]], p["role"], p["created_at"], p["finished_at"])
                for p in self.respondents  # in id order, the order reports list them in
            ),
            tuple(
                sorted(
                    (
                        people[a["respondent_id"]],
                        a["question_id"],
                        a["kind"],
                        a["value"],
                        a["seconds"],
                        a["answered_at"],
                    )
                    for a in self.answers
                )
            ),
            tuple(notes),
        )


def _rows(
    connection: Connection, table: Table, column: Any, ids: list[int]
) -> list[dict[str, Any]]:
    """The rows whose ``column`` is one of ``ids``, in primary-key order: respondents and
    notes keep the order they were added in, which reports show."""
    if not ids:
        return []
    query = select(table).where(column.in_(ids)).order_by(*table.primary_key.columns)
    return [checked(table, row) for row in connection.execute(query)]


def _read_tree(connection: Connection, name: str) -> _Tree | None:
    table = schema.engagements
    row = connection.execute(select(table).where(table.c.name == name)).first()
    if row is None:
        return None
    engagement = checked(table, row)
    rounds = _rows(connection, schema.rounds, schema.rounds.c.engagement_id, [engagement["id"]])
    respondents = _rows(
        connection, schema.respondents, schema.respondents.c.round_id, [r["id"] for r in rounds]
    )
    people = [p["id"] for p in respondents]
    answers = _rows(connection, schema.answers, schema.answers.c.respondent_id, people)
    notes = _rows(connection, schema.notes, schema.notes.c.respondent_id, people)
    return _Tree(engagement, rounds, respondents, answers, notes)


def _insert(connection: Connection, table: Table, row: dict[str, Any]) -> int:
    values = {k: v for k, v in row.items() if k != "id"}
    result = connection.execute(table.insert().values(**values))
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise StoreError("the destination gave no id for a new row")
    return int(key[0])


def _write_tree(connection: Connection, tree: _Tree) -> None:
    engagement_id = _insert(connection, schema.engagements, tree.engagement)
    round_ids = {
        r["id"]: _insert(connection, schema.rounds, {**r, "engagement_id": engagement_id})
        for r in tree.rounds
    }
    people = {
        p["id"]: _insert(
            connection, schema.respondents, {**p, "round_id": round_ids[p["round_id"]]}
        )
        for p in tree.respondents
    }
    if tree.answers:
        connection.execute(
            schema.answers.insert(),
            [{**a, "respondent_id": people[a["respondent_id"]]} for a in tree.answers],
        )
    if tree.notes:
        connection.execute(
            schema.notes.insert(),
            [
                {k: v for k, v in n.items() if k != "id"}
                | {"respondent_id": people[n["respondent_id"]]}
                for n in tree.notes
            ],
        )


def _count(connection: Connection, table: Table, column: Any, ids: list[int]) -> int:
    if not ids:
        return 0
    return int(
        connection.execute(
            select(func.count()).select_from(table).where(column.in_(ids))
        ).scalar_one()
    )


def _verify(connection: Connection, tree: _Tree, where: str) -> EngagementCopy:
    """Read back what was written, in the same transaction, and compare the counts and the
    content with the source."""
    written = _read_tree(connection, tree.engagement["name"])
    if written is None:
        raise StoreError(
            f"engagement {tree.engagement['name']!r} is missing after the copy; nothing was "
            "written",
            where=where,
        )
    people = [p["id"] for p in written.respondents]
    result = EngagementCopy(
        name=tree.engagement["name"],
        rounds=len(written.rounds),
        respondents=len(people),
        answers=_count(connection, schema.answers, schema.answers.c.respondent_id, people),
        notes=_count(connection, schema.notes, schema.notes.c.respondent_id, people),
    )
    expected = (len(tree.rounds), len(tree.respondents), len(tree.answers), len(tree.notes))
    got = (result.rounds, result.respondents, result.answers, result.notes)
    if got != expected or written.fingerprint() != tree.fingerprint():
        raise StoreError(
            f"copy of {result.name!r} did not verify (expected rounds, respondents, answers, "
            f"notes {expected}, found {got}); nothing was written",
            where=where,
        )
    return result


def copy_engagements(
    source: Store, destination: Store, names: list[str] | None = None
) -> CopyResult:
    """Copy the named engagements (all when ``names`` is None) in one destination transaction.

    The source is read in one transaction too, so the copy is one consistent moment of it
    even while consultants keep answering.
    """
    with source.reading() as connection:
        table = schema.engagements
        present = [
            row.name for row in connection.execute(select(table.c.name).order_by(table.c.name))
        ]
        wanted = present if names is None else list(dict.fromkeys(names))
        trees = []
        for name in wanted:
            tree = _read_tree(connection, name)
            if tree is None:
                listed = ", ".join(present[:10]) + (", ..." if len(present) > 10 else "")
                raise NotFound(
                    f"no engagement called {name!r} to copy (engagements: {listed or 'none'}); "
                    "nothing was copied",
                    where=source.where,
                )
            trees.append(tree)
    result = CopyResult()
    with destination.writing() as connection:
        for tree in trees:
            name = tree.engagement["name"]
            existing = _read_tree(connection, name)
            if existing is not None:
                if existing.fingerprint() != tree.fingerprint():
                    raise StoreError(
                        f"a different engagement called {name!r} is already there; nothing "
                        "was copied (rename or delete one of them first)",
                        where=destination.where,
                    )
                result.engagements.append(
                    EngagementCopy(
                        name=name,
                        rounds=len(existing.rounds),
                        respondents=len(existing.respondents),
                        answers=len(existing.answers),
                        notes=len(existing.notes),
                        skipped_identical=True,
                    )
                )
                continue
            _write_tree(connection, tree)
            result.engagements.append(_verify(connection, tree, destination.where))
    return result
