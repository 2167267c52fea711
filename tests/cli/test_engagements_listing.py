"""`cxo-diag engagements` on a store with a long history: the 50 most recent by default,
every one with --all, and JSON on stdout alone for scripts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cxo_diag.app import interviews
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.store.engine import open_store
from tests.helpers import runner

MINI = Path(__file__).resolve().parents[2] / "questionnaires" / "mini.yaml"
START = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def clock_at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def store_of(tmp_path: Path, count: int) -> str:
    """``count`` engagements started a day apart, named so that names do not sort by date."""
    location = str(tmp_path / "history.sqlite")
    bank = open_bank(str(MINI))
    with open_store(location) as store:
        for index in range(count):
            day = START + timedelta(days=index)
            name = f"{'zy'[index % 2]}-client-{index:03d}"
            interviews.start_interview(
                store, name, bank=bank, respondent="Ana", role="coo", clock=clock_at(day)
            )
    return location


def test_the_50_most_recent_are_listed_by_name_with_a_line_for_the_rest(tmp_path: Path) -> None:
    store = store_of(tmp_path, 53)
    code, out, err = run("engagements", "--format", "json", "--store", store)
    assert code == 0, err
    names = [e["name"] for e in json.loads(out)]
    assert len(names) == 50 and names == sorted(names)
    assert not any(name.endswith(("-000", "-001", "-002")) for name in names)  # the oldest
    assert err == "50 most recent of 53 engagements shown; --all lists every one\n"
    code, text, _ = run("engagements", "--store", store)
    assert code == 0
    assert text.endswith("50 most recent of 53 engagements shown; --all lists every one\n")
    assert "z-client-052" in text and "z-client-000" not in text


def test_all_lists_every_engagement_and_says_nothing_more(tmp_path: Path) -> None:
    store = store_of(tmp_path, 53)
    code, out, err = run("engagements", "--all", "--format", "json", "--store", store)
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert len(listed) == 53
    assert listed[0]["bank_title"] == open_bank(str(MINI)).bank.title
    assert listed[0]["respondents"][0]["percent"] == 0


def test_a_store_of_fewer_than_50_lists_them_all_without_the_line(tmp_path: Path) -> None:
    store = store_of(tmp_path, 3)
    code, out, err = run("engagements", "--store", store)
    assert (code, err) == (0, "")
    assert "most recent" not in out and out.count("client-") == 3
