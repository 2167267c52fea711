"""Respondent leases on both backends (store/leases.py): who may save a respondent's answers.

The pseudo-terminal cases are in tests/e2e/test_leases.py; these cover holders that a test
cannot start for real: another machine, and a process that ended long ago.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from tests.helpers import REPO

from cxo_diag.app import engagements, interviews
from cxo_diag.bank.registry import open_bank
from cxo_diag.errors import StoreError
from cxo_diag.store.engine import Store, open_store
from cxo_diag.store.leases import Holder, this_process

MINI = REPO / "questionnaires" / "mini.yaml"


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    with open_store(store_location) as opened:
        yield opened


def ana(store: Store) -> interviews.InterviewTarget:
    return interviews.start_interview(
        store, "acme", bank=open_bank(str(MINI)), respondent="Ana", role="coo"
    )


def ended_process() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_a_lease_held_on_another_machine_is_refused_without_take_over(store: Store) -> None:
    target = ana(store)
    laptop = Holder(user="carol", host="carols-laptop.example", pid=4242)
    interviews.claim(store, target, here=laptop)
    with pytest.raises(StoreError) as refused:
        interviews.claim(store, target)
    message = str(refused.value)
    assert "Ana is already being interviewed in another session" in message
    assert "carol@carols-laptop.example, process 4242" in message
    assert "\n" not in message


def test_take_over_replaces_the_lease_and_the_old_session_cannot_save(store: Store) -> None:
    target = ana(store)
    laptop = Holder(user="carol", host="carols-laptop.example", pid=4242)
    _, old = interviews.claim(store, target, here=laptop)
    interviews.record_answer(store, target.respondent.id, "res-01", 4, lease=old)
    _, new = interviews.claim(store, target, take_over=True)
    assert new.took_over == laptop
    with pytest.raises(StoreError, match="this interview was taken over by"):
        interviews.record_answer(store, target.respondent.id, "res-01", 1, lease=old)
    with pytest.raises(StoreError, match="taken over"):
        interviews.record_note(store, target.respondent.id, "res-01", "late", lease=old)
    with pytest.raises(StoreError, match="taken over"):
        interviews.record_finished(store, target.respondent.id, lease=old)
    resumed = interviews.resume_target(store, "acme", "Ana")
    assert {q: a.value for q, a in resumed.answers.items()} == {"res-01": 4}
    assert resumed.notes == {}
    assert resumed.respondent.finished_at is None


def test_a_lease_of_an_ended_process_on_this_host_is_taken_over_by_itself(store: Store) -> None:
    target = ana(store)
    here = this_process()
    gone = Holder(user=here.user, host=here.host, pid=ended_process())
    interviews.claim(store, target, here=gone)
    _, lease = interviews.claim(store, target)
    assert lease.took_over == gone


def test_a_lease_given_back_frees_the_respondent(store: Store) -> None:
    target = ana(store)
    laptop = Holder(user="carol", host="carols-laptop.example", pid=4242)
    _, lease = interviews.claim(store, target, here=laptop)
    interviews.release(store, lease)
    _, again = interviews.claim(store, target)
    assert again.took_over is None


def test_deleting_an_engagement_with_a_held_respondent_deletes_the_lease(store: Store) -> None:
    target = ana(store)
    interviews.claim(store, target)
    engagements.delete_engagement(store, "acme")
    assert engagements.summaries(store) == []
