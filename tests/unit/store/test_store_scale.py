"""The store at the scale of a consultancy's history: `norms` and `engagements` cost the same
number of SQL statements however many engagements the store holds, and the round summaries
that make this possible always give the figures re-scoring every engagement would.

Each test runs on SQLite and on the test PostgreSQL server (``store_location``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.app import engagements, importing, interviews, listing
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.errors import StoreError
from cxo_diag.quality import norms
from cxo_diag.quality import summaries as round_summaries
from cxo_diag.scoring import SCORING_VERSION, diagnose
from cxo_diag.store import schema
from cxo_diag.store.engine import Store, open_store
from cxo_diag.store.summaries import Among

REPO = Path(__file__).resolve().parents[3]
MINI = REPO / "questionnaires" / "mini.yaml"
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def mini() -> ResolvedBank:
    return open_bank(str(MINI))


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with open_store(store_location) as opened:
        yield opened


def answers_for(bank: ResolvedBank, role: str, rng: random.Random) -> dict[str, int | str | None]:
    return {q.id: rng.randint(1, 5) for q in bank.bank.questions_for(role)}


def fill(store: Store, bank: ResolvedBank, count: int, *, seed: int = 7) -> list[str]:
    """``count`` engagements, a day apart, each with a COO and a CMO who answered everything."""
    rng = random.Random(seed)
    ref = BankRef(id=bank.bank.id, version=bank.bank.version, hash=bank.hash)
    names = []
    for index in range(count):
        name = f"client-{index:04d}"
        day = START + timedelta(days=index)
        engagements.ensure_engagement(store, name, bank=bank, clock=lambda day=day: day)  # type: ignore[misc]
        files = [
            (
                f"{name}-{role}.yaml",
                AnswerSet(
                    bank=ref,
                    respondent=Respondent(name=f"{role} of {name}", role=role),
                    answers=answers_for(bank, role, rng),
                ),
            )
            for role in ("coo", "cmo")
        ]
        importing.import_answer_sets(store, name, files, clock=lambda day=day: day)  # type: ignore[misc]
        names.append(name)
    return names


@contextmanager
def counting(store: Store) -> Iterator[list[str]]:
    """Every statement reading or writing rows while the block runs (not the transaction
    set-up, BEGIN or SET, which differs between the backends)."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        if args[2].lstrip().split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            statements.append(args[2])

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def statements_for_norms_and_listing(store: Store, latest: str) -> tuple[int, int]:
    norms.engagement_norms(store, latest)  # the first call may still fill summaries
    with counting(store) as for_norms:
        report = norms.engagement_norms(store, latest)
    with counting(store) as for_listing:
        shown = listing.engagements(store)
    assert report.references == int(latest.split("-")[1])  # every earlier engagement
    assert len(shown.engagements) == min(shown.total, listing.RECENT)
    return len(for_norms), len(for_listing)


def test_norms_and_engagements_issue_as_many_statements_for_200_engagements_as_for_10(
    store_location: str, tmp_path: Path, mini: ResolvedBank
) -> None:
    counts = []
    with _another(store_location, tmp_path) as bigger:
        for size, location in ((10, store_location), (200, bigger)):
            with open_store(location) as opened:
                names = fill(opened, mini, size)
                counts.append(statements_for_norms_and_listing(opened, names[-1]))
    assert counts[0] == counts[1], counts
    assert counts[0][1] == 1  # the listing is one query


@contextmanager
def _another(store_location: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty store on the same backend as ``store_location`` (dropped after)."""
    if "://" not in store_location:
        yield str(tmp_path / "bigger.sqlite")
        return
    import psycopg

    base, _, database = store_location.rpartition("/")
    name = f"{database}_big"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rescored_reference(store: Store, names: list[str]) -> list[norms.RoleScores]:
    """The reference the old `norms` built: every engagement re-scored from its answers."""
    found = []
    for name in names:
        engagement = engagements.get_engagement(store, name)
        sets = engagements.answer_sets(store, engagement, 1)
        found.append(norms.role_scores(diagnose(engagement.bank, sets, engagement=name)))
    return found


def test_norms_from_summaries_equal_re_scoring_every_engagement(
    store: Store, mini: ResolvedBank
) -> None:
    names = fill(store, mini, 8)
    report = norms.engagement_norms(store, names[-1], min_sample=1)
    assert report == norms_by_re_scoring(store, mini, names)
    assert any(n.percentile not in (None, 0.0, 50.0, 100.0) for n in report.norms)


def norms_by_re_scoring(store: Store, bank: ResolvedBank, names: list[str]) -> norms.NormsReport:
    """What `norms` of the last of ``names`` must say: every engagement re-scored."""
    latest = engagements.get_engagement(store, names[-1])
    current = norms.role_scores(
        diagnose(latest.bank, engagements.answer_sets(store, latest, 1), engagement=names[-1])
    )
    reference = norms.Reference(rescored_reference(store, names[:-1]))
    return norms.place(bank.bank, bank.hash, current, reference, engagement=names[-1], min_sample=1)


def test_a_changed_answer_changes_the_norms_of_later_engagements(
    store: Store, mini: ResolvedBank
) -> None:
    names = fill(store, mini, 6)
    assert norms.engagement_norms(store, names[-1], min_sample=1) == norms_by_re_scoring(
        store, mini, names
    )
    (scores_before,) = rescored_reference(store, names[:1])
    first = interviews.resume_target(store, names[0], f"coo of {names[0]}")
    for question_id in first.answers:
        interviews.record_answer(store, first.respondent.id, question_id, 1)
    assert rescored_reference(store, names[:1]) != [scores_before]
    assert norms.engagement_norms(store, names[-1], min_sample=1) == norms_by_re_scoring(
        store, mini, names
    )


def test_summaries_from_another_scoring_version_are_recomputed_not_used(
    store: Store, mini: ResolvedBank
) -> None:
    names = fill(store, mini, 6)
    honest = norms.engagement_norms(store, names[-1], min_sample=1)
    table = schema.round_summaries
    with store.writing() as connection:
        connection.execute(update(table).values(scoring_version="0-old"))
        connection.execute(update(schema.round_scores).values(score=99.0))
    assert norms.engagement_norms(store, names[-1], min_sample=1) == honest
    with store.reading() as connection:
        versions = set(connection.execute(select(table.c.scoring_version)).scalars())
    assert versions == {SCORING_VERSION}


def test_a_store_that_cannot_be_written_still_gets_the_right_norms(
    store: Store, mini: ResolvedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = fill(store, mini, 6)
    honest = norms.engagement_norms(store, names[-1], min_sample=1)
    with store.writing() as connection:
        connection.execute(schema.round_scores.delete())
        connection.execute(schema.round_summaries.delete())

    def refused(self: Store) -> Iterator[Any]:
        raise StoreError("the store is read-only here")

    monkeypatch.setattr(Store, "writing", contextmanager(refused))
    assert norms.engagement_norms(store, names[-1], min_sample=1) == honest


def test_refresh_fills_every_missing_summary_once(store: Store, mini: ResolvedBank) -> None:
    fill(store, mini, 5)
    with store.writing() as connection:
        connection.execute(schema.round_scores.delete())
        connection.execute(schema.round_summaries.delete())
    done: list[tuple[int, int]] = []
    assert round_summaries.refresh(store, progress=lambda n, total: done.append((n, total))) == 5
    assert done == [(5, 5)]
    assert round_summaries.refresh(store) == 0


def test_engagements_lists_the_50_most_recent_by_name_and_counts_the_rest(
    store: Store, mini: ResolvedBank
) -> None:
    names = fill(store, mini, 53)
    shown = listing.engagements(store)
    assert shown.total == 53
    assert [e.row.name for e in shown.engagements] == names[3:]
    entry = shown.engagements[0]
    assert entry.bank is not None and entry.bank.title == mini.bank.title
    assert [(p.respondent.role, p.percent) for p in entry.respondents] == [
        ("coo", 100),
        ("cmo", 100),
    ]
    assert len(listing.engagements(store, limit=None).engagements) == 53


def test_an_older_store_is_migrated_with_its_banks_listed_and_summaries_filled_on_use(
    store_location: str, mini: ResolvedBank
) -> None:
    from tests.unit.store.test_store import create_v1_store

    create_v1_store(store_location)
    with open_store(store_location) as migrated:
        (entry,) = listing.engagements(migrated).engagements
        assert entry.bank is not None and entry.bank.title == mini.bank.title
        assert [(p.respondent.name, p.questions, p.answered) for p in entry.respondents] == [
            ("Ana", len(mini.bank.questions_for("coo")), 1)
        ]
        with migrated.reading() as connection:
            assert connection.execute(select(schema.round_summaries)).all() == []
        assert round_summaries.refresh(migrated) == 1
        found = round_summaries.stored_reference(migrated, Among(entry.row.bank))
        assert (found.counted, found.simulated) == (1, 0)
        assert found.histogram == {}  # one answer of three: below the coverage floor


def test_a_copy_carries_the_summaries_to_the_right_rounds(
    store: Store, mini: ResolvedBank, tmp_path: Path
) -> None:
    from cxo_diag.store.copy import copy_engagements

    names = fill(store, mini, 6)
    expected = norms.engagement_norms(store, names[-1], min_sample=1)
    with open_store(tmp_path / "copy.sqlite") as copied:
        other = open_bank(str(REPO / "tests" / "fixtures" / "answers" / "report" / "bank.yaml"))
        for index in range(3):  # so that round ids at the destination differ from the source
            interviews.start_interview(
                copied, f"other-{index}", bank=other, respondent="Ana", role="coo"
            )
        copy_engagements(store, copied)
        with copied.reading() as connection:
            kept = connection.execute(select(schema.round_summaries.c.round_id)).scalars().all()
        with store.reading() as connection:
            source_ids = connection.execute(select(schema.round_summaries.c.round_id)).scalars()
            assert len(kept) == 5 and sorted(kept) != sorted(source_ids)  # the earlier five
        with counting(copied) as statements:
            assert norms.engagement_norms(copied, names[-1], min_sample=1) == expected
        assert not any(s.startswith("INSERT") for s in statements)  # nothing recomputed
        assert expected == norms_by_re_scoring(copied, mini, names)
