"""copy_engagements: rows get new ids at the destination yet keep who answered what, the
order of notes and respondents, and nothing is written unless all of it verifies.

The source is an SQLite file; the destination is each backend in turn (``store_location``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection
from tests.helpers import MINI

from cxo_diag.answers import AnswerSet
from cxo_diag.app import engagements, interviews
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.errors import NotFound, StoreError
from cxo_diag.store import copy as store_copy
from cxo_diag.store.engine import Store, open_store

FIXED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED


@pytest.fixture
def mini() -> ResolvedBank:
    return open_bank(str(MINI))


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "source.sqlite") as opened:
        yield opened


@pytest.fixture
def destination(store_location: str) -> Iterator[Store]:
    with open_store(store_location) as opened:
        yield opened


def join(store: Store, engagement: str, who: str, role: str, bank: ResolvedBank | None) -> int:
    target = interviews.start_interview(
        store, engagement, bank=bank, respondent=who, role=role, clock=fixed_clock
    )
    return target.respondent.id


def everything(store: Store, engagement: str) -> list[AnswerSet]:
    found = engagements.get_engagement(store, engagement)
    return [
        answer_set
        for number in engagements.round_numbers(store, found)
        for answer_set in engagements.answer_sets(store, found, number)
    ]


def fill_interleaved(store: Store, bank: ResolvedBank) -> None:
    """Two engagements whose respondents were added turn about, so their ids interleave."""
    ana_a = join(store, "alpha", "Ana", "coo", bank)
    ana_b = join(store, "beta", "Ana", "coo", bank)
    bo_a = join(store, "alpha", "Bo", "cmo", None)
    for who, value in ((ana_a, 1), (ana_b, 5), (bo_a, 3)):
        interviews.record_answer(store, who, "res-01", value, seconds=value / 4, clock=fixed_clock)
    for text in ("first", "second", "third"):
        interviews.record_note(store, ana_a, "res-01", text, clock=fixed_clock)
    interviews.record_note(store, ana_b, "res-02", "beta's own", clock=fixed_clock)
    interviews.record_finished(store, bo_a, clock=fixed_clock)


def test_copied_rows_keep_who_answered_what_after_new_ids(
    source: Store, destination: Store, mini: ResolvedBank
) -> None:
    join(destination, "gamma", "Cy", "cmo", mini)  # ids at the destination are taken
    fill_interleaved(source, mini)
    result = store_copy.copy_engagements(source, destination)
    assert [(e.name, e.respondents, e.answers, e.notes) for e in result.copied] == [
        ("alpha", 2, 2, 3),
        ("beta", 1, 1, 1),
    ]
    for name in ("alpha", "beta"):
        assert everything(destination, name) == everything(source, name)
    alpha = everything(destination, "alpha")
    assert [s.respondent.name for s in alpha] == ["Ana", "Bo"]
    assert alpha[0].notes == {"res-01": "first\nsecond\nthird"}
    assert alpha[1].answers == {"res-01": 3}
    assert alpha[1].seconds == {"res-01": 0.75}
    assert [s.row.name for s in engagements.summaries(destination)] == ["alpha", "beta", "gamma"]
    done = interviews.resume_target(destination, "alpha", "Bo").respondent.finished_at
    assert done == FIXED


def test_only_the_named_engagements_are_copied_each_once(
    source: Store, destination: Store, mini: ResolvedBank
) -> None:
    fill_interleaved(source, mini)
    result = store_copy.copy_engagements(source, destination, ["beta", "beta"])
    assert [e.name for e in result.engagements] == ["beta"]
    assert [s.row.name for s in engagements.summaries(destination)] == ["beta"]


def test_a_name_missing_from_the_source_copies_nothing(
    source: Store, destination: Store, mini: ResolvedBank
) -> None:
    fill_interleaved(source, mini)
    with pytest.raises(NotFound, match=r"no engagement called 'zeta' .*alpha, beta"):
        store_copy.copy_engagements(source, destination, ["alpha", "zeta"])
    assert engagements.summaries(destination) == []


def test_the_same_answers_with_another_note_is_a_different_engagement(
    source: Store, destination: Store, mini: ResolvedBank
) -> None:
    fill_interleaved(source, mini)
    store_copy.copy_engagements(source, destination, ["alpha"])
    ana = interviews.resume_target(source, "alpha", "Ana").respondent.id
    interviews.record_note(source, ana, "res-02", "added after the copy", clock=fixed_clock)
    with pytest.raises(StoreError, match="a different engagement called 'alpha'") as caught:
        store_copy.copy_engagements(source, destination)
    assert caught.value.where == destination.where
    assert [s.row.name for s in engagements.summaries(destination)] == ["alpha"]  # no beta
    assert "res-02" not in everything(destination, "alpha")[0].notes


def test_a_copy_that_does_not_read_back_the_same_is_rolled_back(
    source: Store, destination: Store, mini: ResolvedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_interleaved(source, mini)
    write_trees = store_copy._write_trees

    def losing_the_notes(
        connection: Connection,
        trees: list[store_copy._Tree],
        summaries: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    ) -> None:
        write_trees(connection, [dataclasses.replace(t, notes=[]) for t in trees], summaries)

    monkeypatch.setattr(store_copy, "_write_trees", losing_the_notes)
    with pytest.raises(
        StoreError, match=r"copy of 'alpha' did not verify .* nothing was written"
    ) as caught:
        store_copy.copy_engagements(source, destination)
    assert caught.value.where == destination.where
    assert engagements.summaries(destination) == []
