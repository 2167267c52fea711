"""`cxo-diag store copy SRC DST` as a user runs it: a laptop's SQLite file to the team's
PostgreSQL server and back.

The engagement "acme" (two-gaps bank) has two rounds of Ana (COO) and Bo (CMO), four
answers each, so 2 rounds, 4 respondents, 16 answers; Ana leaves 2 notes in round 1 and
Bo 1 in round 2: 3 notes. "beta" has one round with Ana alone: 1 round, 1 respondent,
4 answers, no note.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent, write_answers_file
from cxo_diag.bank.registry import open_bank
from cxo_diag.cli import app
from cxo_diag.store.engine import open_store
from tests import pg_server
from tests.helpers import runner

BANK = Path(__file__).resolve().parents[1] / "fixtures" / "sessions" / "two-gaps.yaml"

Given = dict[str, int | str | None]
ROUND_1: dict[tuple[str, str], Given] = {
    ("Ana", "coo"): {"style-01": 3, "style-02": 3, "money-01": 5, "money-02": 1},
    ("Bo", "cmo"): {"style-01": 2, "style-02": 4, "money-01": 1, "money-02": "n/a"},
}
ROUND_2: dict[tuple[str, str], Given] = {
    ("Ana", "coo"): {"style-01": 3, "style-02": None, "money-01": 3, "money-02": 3},
    ("Bo", "cmo"): {"style-01": 2, "style-02": 4, "money-01": 2, "money-02": 4},
}
NOTES = {
    (1, "Ana"): {"money-01": "lost the Q3 budget fight\nand said so twice", "style-01": "sighs"},
    (2, "Bo"): {"money-02": "better since the joint review"},
}
SECONDS = {"style-01": 4.25, "money-01": 12.0}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_round(
    folder: Path, number: int, answers: dict[tuple[str, str], Given], engagement: str = "acme"
) -> list[Path]:
    resolved = open_bank(str(BANK))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for (name, role), given in answers.items():
        path = folder / f"{engagement}-{number}-{name.lower()}.yaml"
        answer_set = AnswerSet(
            bank=ref,
            respondent=Respondent(name=name, role=role),
            answers=given,
            notes=NOTES.get((number, name), {}) if engagement == "acme" else {},
            seconds=SECONDS,
        )
        write_answers_file(answer_set, path)
        paths.append(path)
    return paths


def make_engagements(store: str, folder: Path) -> None:
    """acme (two rounds, notes, timings) and beta (Ana alone) in ``store``."""
    first = write_round(folder, 1, ROUND_1)
    second = write_round(folder, 2, ROUND_2)
    beta = write_round(folder, 1, {("Ana", "coo"): ROUND_1[("Ana", "coo")]}, "beta")
    steps = [
        ["interview", "acme", "--bank", str(BANK), "--answers", str(first[0])],
        ["import", "acme", str(first[1])],
        ["import", "acme", *map(str, second), "--new-round"],
        ["interview", "beta", "--bank", str(BANK), "--answers", str(beta[0])],
    ]
    for step in steps:
        code, _, err = run(*step, "--store", store)
        assert code == 0, err


def everything_shown(store: str) -> dict[str, str]:
    """What a user reads of the store: every report format, both rounds, the agenda, the
    export and the list of engagements (a pipe: width 100, no colour)."""
    shown = {}
    commands = {
        f"report {fmt} round {number}": [
            "report",
            "acme",
            "--format",
            fmt,
            "--round",
            str(number),
        ]
        for fmt in ("terminal", "markdown", "html", "json")
        for number in (1, 2)
    }
    commands |= {
        "report beta": ["report", "beta"],
        "agenda": ["agenda", "acme"],
        "export": ["export", "acme"],
        "engagements": ["engagements", "--format", "json"],
    }
    for what, command in commands.items():
        code, out, err = run(*command, "--store", store)
        assert code == 0, f"{what}: {err}"
        shown[what] = out
    return shown


@pytest.fixture
def team_url(postgres: pg_server.PgServer) -> str:
    """A fresh database on the test PostgreSQL server, as a URL with its password."""
    return pg_server.create_database(postgres, f"cxo_copy_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def laptop(tmp_path: Path) -> str:
    """An SQLite store holding acme and beta."""
    store = str(tmp_path / "laptop.sqlite")
    make_engagements(store, tmp_path / "answers")
    return store


ACME = "copied acme: 2 rounds, 4 respondents, 16 answers, 3 notes"
BETA = "copied beta: 1 round, 1 respondent, 4 answers, 0 notes"


def test_sqlite_to_postgresql_and_back_shows_the_same_reports_byte_for_byte(
    laptop: str, team_url: str, tmp_path: Path
) -> None:
    back = str(tmp_path / "back.sqlite")
    code, out, err = run("store", "copy", laptop, team_url)
    assert (code, err) == (0, "")
    masked = team_url.replace(f":{pg_server.PASSWORD}@", ":***@")
    assert out.splitlines() == [
        ACME,
        BETA,
        f"verified: the counts read back from {masked} match the source (2 engagements copied)",
    ]
    assert pg_server.PASSWORD not in out
    code, out, err = run("store", "copy", team_url, back)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [ACME, BETA]
    original = everything_shown(laptop)
    assert everything_shown(team_url) == original
    assert everything_shown(back) == original
    export = json.loads(original["export"])
    assert [len(r["answer_sets"]) for r in export["rounds"]] == [2, 2]


def test_only_the_named_engagement_is_copied(
    laptop: str, store_location: str, tmp_path: Path
) -> None:
    code, out, err = run("store", "copy", laptop, store_location, "--engagement", "beta")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == BETA
    assert "(1 engagement copied)" in out
    code, out, _ = run("engagements", "--format", "json", "--store", store_location)
    assert [e["name"] for e in json.loads(out)] == ["beta"]


def test_copying_again_finds_the_engagements_identical_and_writes_nothing(
    laptop: str, store_location: str
) -> None:
    assert run("store", "copy", laptop, store_location)[0] == 0
    code, out, err = run("store", "copy", laptop, store_location)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == [
        "already there, identical: acme (2 rounds, 4 respondents, 16 answers, 3 notes)",
        "already there, identical: beta (1 round, 1 respondent, 4 answers, 0 notes)",
    ]
    assert lines[2].startswith("nothing new to copy: ")
    code, out, _ = run("engagements", "--format", "json", "--store", store_location)
    assert [e["name"] for e in json.loads(out)] == ["acme", "beta"]


def test_a_different_engagement_of_the_same_name_is_refused_and_nothing_is_copied(
    laptop: str, store_location: str, tmp_path: Path
) -> None:
    (other,) = write_round(tmp_path / "other", 1, {("Cy", "cmo"): ROUND_2[("Bo", "cmo")]})
    code, _, err = run(
        "interview", "acme", "--bank", str(BANK), "--answers", str(other), "--store", store_location
    )
    assert code == 0, err
    before = everything_shown_at(store_location, "acme")
    code, out, err = run("store", "copy", laptop, store_location)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "a different engagement called 'acme' is already there; nothing was copied" in err
    code, out, _ = run("engagements", "--format", "json", "--store", store_location)
    assert [e["name"] for e in json.loads(out)] == ["acme"]  # beta did not arrive either
    assert everything_shown_at(store_location, "acme") == before


def everything_shown_at(store: str, engagement: str) -> str:
    code, out, err = run("export", engagement, "--store", store)
    assert code == 0, err
    return out


def test_an_engagement_not_in_the_source_is_named_with_those_there(
    laptop: str, tmp_path: Path
) -> None:
    destination = tmp_path / "dst.sqlite"
    code, out, err = run("store", "copy", laptop, str(destination), "-e", "acme", "-e", "gamma")
    assert code == 1
    assert out == ""
    assert err == (
        f"error: {laptop}: no engagement called 'gamma' to copy (engagements: acme, beta); "
        "nothing was copied\n"
    )


def test_a_missing_source_creates_nothing(tmp_path: Path) -> None:
    source, destination = tmp_path / "none.sqlite", tmp_path / "dst.sqlite"
    code, _, err = run("store", "copy", str(source), str(destination))
    assert code == 1
    assert err == f"error: {source}: no store here yet (nothing has been saved to it)\n"
    assert not source.exists() and not destination.exists()


def test_an_empty_source_has_nothing_to_copy(tmp_path: Path) -> None:
    source, destination = tmp_path / "empty.sqlite", tmp_path / "dst.sqlite"
    open_store(source).close()
    code, out, err = run("store", "copy", str(source), str(destination))
    assert (code, err) == (0, "")
    assert out == f"{source} has no engagements; nothing to copy\n"
    assert not destination.exists()


def test_the_same_store_on_both_sides_is_refused(laptop: str) -> None:
    code, _, err = run("store", "copy", laptop, str(Path(laptop).parent / "." / "laptop.sqlite"))
    assert code == 2
    assert err == f"error: SRC and DST are the same store ({laptop})\n"
