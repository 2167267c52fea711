"""Copy engagements between stores (a laptop's SQLite file and the team's PostgreSQL server).

Rows are read with the same Core tables on both sides and written to the destination in one
transaction, with new ids: either every engagement named arrives whole, or nothing does.
An engagement that already exists at the destination with the same content is left as it
is; one with the same name and different content is refused, never overwritten. The counts
written are read back inside the transaction and compared before it commits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from cxo_diag.errors import NotFound, StoreError
from cxo_diag.store import banks, bulk, schema, summaries
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
    open_answers: int = 0
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
    open_answers: list[dict[str, Any]] = field(default_factory=list)

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
            tuple(  # in id order: a rewritten open answer is a later row, the earlier kept
                (people[o["respondent_id"]], o["question_id"], o["text"], o["written_at"])
                for o in self.open_answers
            ),
        )


BATCH = 100
"""Engagements read and written per batch: each table's rows go in one statement a batch,
and memory stays bounded (a bank copy is tens of kB) however many engagements are copied."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: ``done`` more engagements of ``total`` are copied."""


def _rows(
    connection: Connection, table: Table, column: Any, ids: Sequence[Any]
) -> list[dict[str, Any]]:
    """The rows whose ``column`` is one of ``ids``, in primary-key order: respondents and
    notes keep the order they were added in, which reports show."""
    if not ids:
        return []
    query = select(table).where(column.in_(ids)).order_by(*table.primary_key.columns)
    return [checked(table, row) for row in connection.execute(query)]


def _read_trees(connection: Connection, names: Sequence[str]) -> dict[str, _Tree]:
    """The engagements called ``names`` that exist, each with everything under it, in one
    query per table."""
    found = _rows(connection, schema.engagements, schema.engagements.c.name, names)
    rounds = _rows(
        connection, schema.rounds, schema.rounds.c.engagement_id, [e["id"] for e in found]
    )
    people = _rows(
        connection, schema.respondents, schema.respondents.c.round_id, [r["id"] for r in rounds]
    )
    person_ids = [p["id"] for p in people]
    answers = _rows(connection, schema.answers, schema.answers.c.respondent_id, person_ids)
    notes = _rows(connection, schema.notes, schema.notes.c.respondent_id, person_ids)
    opened = _rows(connection, schema.open_answers, schema.open_answers.c.respondent_id, person_ids)
    trees = {e["id"]: _Tree(e, [], [], [], []) for e in found}
    owner_of_round = {r["id"]: r["engagement_id"] for r in rounds}
    owner_of_person = {p["id"]: owner_of_round[p["round_id"]] for p in people}
    for r in rounds:
        trees[r["engagement_id"]].rounds.append(r)
    for p in people:
        trees[owner_of_person[p["id"]]].respondents.append(p)
    for a in answers:
        trees[owner_of_person[a["respondent_id"]]].answers.append(a)
    for n in notes:
        trees[owner_of_person[n["respondent_id"]]].notes.append(n)
    for o in opened:
        trees[owner_of_person[o["respondent_id"]]].open_answers.append(o)
    return {tree.engagement["name"]: tree for tree in trees.values()}


def _insert_returning_ids(
    connection: Connection, table: Table, rows: list[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` in one batch and give back their new ids, in the order given."""
    if not rows:
        return []
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    values = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    ids = [int(row[0]) for row in connection.execute(statement, values)]
    if len(ids) != len(rows):
        raise StoreError("the destination gave no id for a new row")
    return ids


def _write_trees(
    connection: Connection,
    trees: list[_Tree],
    summaries: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    """Every row of these engagements, one batch per table, with new ids; then the banks'
    listing facts and the round summaries that came with them."""
    engagement_ids = dict(
        zip(
            [t.engagement["id"] for t in trees],
            _insert_returning_ids(connection, schema.engagements, [t.engagement for t in trees]),
            strict=True,
        )
    )
    rounds = [r for t in trees for r in t.rounds]
    round_ids = dict(
        zip(
            [r["id"] for r in rounds],
            _insert_returning_ids(
                connection,
                schema.rounds,
                [{**r, "engagement_id": engagement_ids[r["engagement_id"]]} for r in rounds],
            ),
            strict=True,
        )
    )
    people = [p for t in trees for p in t.respondents]
    person_ids = dict(
        zip(
            [p["id"] for p in people],
            _insert_returning_ids(
                connection,
                schema.respondents,
                [{**p, "round_id": round_ids[p["round_id"]]} for p in people],
            ),
            strict=True,
        )
    )
    answers = [
        {**a, "respondent_id": person_ids[a["respondent_id"]]} for t in trees for a in t.answers
    ]
    bulk.insert_rows(connection, schema.answers, answers)
    notes = [
        {k: v for k, v in n.items() if k != "id"}
        | {"respondent_id": person_ids[n["respondent_id"]]}
        for t in trees
        for n in t.notes
    ]
    bulk.insert_rows(connection, schema.notes, notes)
    opened = [
        {k: v for k, v in o.items() if k != "id"}
        | {"respondent_id": person_ids[o["respondent_id"]]}
        for t in trees
        for o in t.open_answers
    ]
    bulk.insert_rows(connection, schema.open_answers, opened)
    for table, rows in zip((schema.round_summaries, schema.round_scores), summaries, strict=True):
        kept = [
            {**s, "round_id": round_ids[s["round_id"]]} for s in rows if s["round_id"] in round_ids
        ]
        bulk.insert_rows(connection, table, kept)


def _counts(tree: _Tree, *, skipped_identical: bool = False) -> EngagementCopy:
    return EngagementCopy(
        name=tree.engagement["name"],
        rounds=len(tree.rounds),
        respondents=len(tree.respondents),
        answers=len(tree.answers),
        notes=len(tree.notes),
        open_answers=len(tree.open_answers),
        skipped_identical=skipped_identical,
    )


def _verify(connection: Connection, trees: list[_Tree], where: str) -> list[EngagementCopy]:
    """Read back what was written, in the same transaction, and compare the counts and the
    content with the source."""
    written = _read_trees(connection, [t.engagement["name"] for t in trees])
    results = []
    for tree in trees:
        name = tree.engagement["name"]
        back = written.get(name)
        if back is None:
            raise StoreError(
                f"engagement {name!r} is missing after the copy; nothing was written",
                where=where,
            )
        result = _counts(back)
        expected = (
            len(tree.rounds),
            len(tree.respondents),
            len(tree.answers),
            len(tree.notes),
            len(tree.open_answers),
        )
        got = (result.rounds, result.respondents, result.answers, result.notes, result.open_answers)
        if got != expected or back.fingerprint() != tree.fingerprint():
            raise StoreError(
                f"copy of {name!r} did not verify (expected rounds, respondents, answers, "
                f"notes, open answers {expected}, found {got}); nothing was written",
                where=where,
            )
        results.append(result)
    return results


def _present(connection: Connection) -> list[str]:
    table = schema.engagements
    return [row.name for row in connection.execute(select(table.c.name).order_by(table.c.name))]


def copy_engagements(
    source: Store,
    destination: Store,
    names: list[str] | None = None,
    *,
    progress: Progress | None = None,
) -> CopyResult:
    """Copy the named engagements (all when ``names`` is None) in one destination transaction.

    The source is read in one transaction too, so the copy is one consistent moment of it
    even while consultants keep answering. Engagements go over in batches, each table's rows
    of a batch in one statement, so a copy to a server costs a few round trips a batch
    rather than one per answer.
    """
    result = CopyResult()
    with source.reading() as reading:
        present = _present(reading)
        wanted = present if names is None else list(dict.fromkeys(names))
        known = set(present)
        for name in wanted:
            if name not in known:
                listed = ", ".join(present[:10]) + (", ..." if len(present) > 10 else "")
                raise NotFound(
                    f"no engagement called {name!r} to copy (engagements: {listed or 'none'}); "
                    "nothing was copied",
                    where=source.where,
                )
        with destination.writing() as writing:
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                result.engagements.extend(_copy_batch(reading, writing, batch, destination.where))
                if progress is not None:
                    progress(len(batch), len(wanted))
    return result


def _copy_batch(
    reading: Connection, writing: Connection, names: list[str], where: str
) -> list[EngagementCopy]:
    trees = _read_trees(reading, names)
    existing = _read_trees(writing, names)
    entries: dict[str, EngagementCopy] = {}
    new: list[_Tree] = []
    for name in names:
        tree, there = trees[name], existing.get(name)
        if there is None:
            new.append(tree)
        elif there.fingerprint() != tree.fingerprint():
            raise StoreError(
                f"a different engagement called {name!r} is already there; nothing "
                "was copied (rename or delete one of them first)",
                where=where,
            )
        else:
            entries[name] = _counts(there, skipped_identical=True)
    if new:
        round_ids = [r["id"] for t in new for r in t.rounds]
        hashes = sorted({t.engagement["bank_hash"] for t in new})
        banks.insert_missing(writing, banks.rows_for(reading, hashes))
        _write_trees(writing, new, summaries.rows_for(reading, round_ids))
        for entry in _verify(writing, new, where):
            entries[entry.name] = entry
    return [entries[name] for name in names]
