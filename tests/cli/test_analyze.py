"""`cxo-diag pilot` and `cxo-diag analyze` as a user runs them: files, exit codes, output."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.cli import app
from cxo_diag.store.engine import Store
from tests.helpers import runner

BANK = """\
schema_version: 1
id: pilot-demo
version: 1.0.0
title: Pilot demo
roles:
  - {id: coo, title: COO}
  - {id: cmo, title: CMO}
scales:
  - id: agree5
    points:
      - {value: 1, label: Strongly disagree}
      - {value: 2, label: Disagree}
      - {value: 3, label: Neither agree nor disagree}
      - {value: 4, label: Agree}
      - {value: 5, label: Strongly agree}
dimensions:
  - id: resources
    title: Resources
    bands: [{id: all, label: All, from: 0, to: 100}]
  - id: trust
    title: Trust
    bands: [{id: all, label: All, from: 0, to: 100}]
questions:
  - {id: res-01, dimension: resources, scale: agree5,
    text: Budget talks end badly., probe: How?}
  - {id: res-02, dimension: resources, scale: agree5,
    keyed: harmony, text: We share costs., probe: How?}
  - {id: res-03, dimension: resources, scale: agree5,
    text: Spending fights reach the CEO., probe: How?}
  - {id: tru-01, dimension: trust, scale: agree5,
    text: Meetings turn personal., probe: How?}
  - {id: tru-02, dimension: trust, scale: agree5,
    keyed: harmony, text: We stay calm., probe: How?}
  - {id: tru-03, dimension: trust, scale: agree5,
    text: Old disputes come back., probe: How?}
practices:
  - id: p
    title: P
    addresses: [resources, trust]
    why: Why.
    first_steps: [One, Two, Three]
    owner: both
    cadence: monthly
    progress_sign: Better.
rules:
  - {id: r1, when: {gap: {dimension: resources, at_least: 10}}, recommend: p}
  - {id: r2, when: {gap: {dimension: trust, at_least: 10}}, recommend: p}
"""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = tmp_path / "pilot-demo.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


def _pilot(bank: Path, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["pilot", str(bank), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output


def test_pilot_writes_answers_files_and_the_latent_frictions(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    result = runner.invoke(app, ["pilot", str(bank), "-n", "12", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote 12 simulated answers files to {out}" in result.stdout
    assert f"cxo-diag analyze {bank} {out}" in result.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names[0] == "latent-friction.tsv"
    assert names[1:] == [f"simulated-{n:04d}.yaml" for n in range(1, 13)]


def test_pilot_refuses_to_overwrite_without_force(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out, "-n", "10")
    before = (out / "simulated-0001.yaml").read_text()
    result = runner.invoke(app, ["pilot", str(bank), "-n", "10", "--seed", "9", "--out", str(out)])
    assert result.exit_code == 1
    assert "already exists; add --force to overwrite it" in result.stderr
    assert (out / "simulated-0001.yaml").read_text() == before
    _pilot(bank, out, "-n", "10", "--seed", "9", "--force")
    assert (out / "simulated-0001.yaml").read_text() != before


def test_analyze_simulated_pilot__exit_0_and_says_it_is_simulated(
    bank: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out)
    result = runner.invoke(app, ["analyze", str(bank), str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "200 respondent(s)" in text
    assert "Resources (resources) As the COO reads it: alpha " in text
    assert "As the CMO reads it: alpha " in text
    assert "they prove the machinery works, not that the bank is reliable" in text


def test_min_alpha_passes_on_consistent_items__exit_0(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out)
    result = runner.invoke(app, ["analyze", str(bank), str(out), "--min-alpha", "0.7"])
    assert result.exit_code == 0, result.output
    assert "Every dimension reaches alpha 0.7 for every role." in result.stdout


def test_min_alpha_fails_on_shuffled_items__exit_1(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "shuffled"
    _pilot(bank, out, "--shuffle")
    result = runner.invoke(app, ["analyze", str(bank), str(out), "--min-alpha", "0.7"])
    assert result.exit_code == 1
    assert "2 dimension(s) below alpha 0.7: resources (COO, CMO), trust (COO, CMO)" in result.stdout


def test_too_few_respondents__exit_2_one_line(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out, "-n", "6")
    result = runner.invoke(app, ["analyze", str(bank), str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: 6 respondent(s) with answers; reliability needs at least 10 (--min-respondents)\n"
    )
    lowered = runner.invoke(app, ["analyze", str(bank), str(out), "--min-respondents", "5"])
    assert lowered.exit_code == 0, lowered.output


def test_json_format_states_the_gate(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out)
    result = runner.invoke(
        app, ["analyze", str(bank), str(out), "--min-alpha", "0.7", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert data["respondents"] == data["simulated"] == 200
    assert [d["id"] for d in data["dimensions"]] == ["resources", "trust"]
    forms = [f for d in data["dimensions"] for f in d["forms"]]
    assert [f["role"] for f in forms] == ["coo", "cmo", "coo", "cmo"]
    assert all(f["alpha"] > 0.7 and f["respondents"] == 100 for f in forms)


def test_answers_for_another_bank_are_refused_naming_the_file(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    _pilot(bank, out, "-n", "10")
    changed = tmp_path / "changed.yaml"
    changed.write_text(BANK.replace("Budget talks end badly.", "Budget talks end well."))
    result = runner.invoke(app, ["analyze", str(changed), str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {out / 'simulated-0001.yaml'}: bank pilot-demo 1.0.0")
    assert "changed since these answers were given" in result.stderr


def test_missing_answers_path__one_line(bank: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(bank), str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_no_answers_given__usage_error(bank: Path) -> None:
    result = runner.invoke(app, ["analyze", str(bank)])
    assert result.exit_code == 2
    assert "give answers files or folders, or --engagement NAME" in result.stderr


def test_answers_from_a_stored_engagement(bank: Path, tmp_path: Path) -> None:
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.engagements import bank_snapshot
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store import queries
    from cxo_diag.store.engine import open_store

    out = tmp_path / "pilot"
    _pilot(bank, out, "-n", "40")
    resolved = open_bank(str(bank))
    store_path = tmp_path / "store.sqlite"
    files = [(str(p), read_answers_file(p)) for p in sorted(out.glob("*.yaml"))]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with open_store(store_path) as store:
        with store.writing() as connection:
            row = queries.insert_engagement(
                connection,
                name="acme",
                organisation=None,
                bank=files[0][1].bank,
                bank_snapshot=bank_snapshot(resolved.bank),
                now=now,
            )
            queries.insert_round(connection, row.id, 1, now)
        import_answer_sets(store, "acme", files)
    result = runner.invoke(
        app, ["analyze", str(bank), "--store", str(store_path), "--engagement", "acme"]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "40 respondent(s)" in text
    assert "they prove the machinery works" in text  # still known as simulated by name
    missing = runner.invoke(
        app, ["analyze", str(bank), "--store", str(store_path), "--engagement", "nope"]
    )
    assert missing.exit_code == 1
    assert "nope" in missing.stderr


# --- local norms ---------------------------------------------------------------------------


def _answers_at(level: int, name: str, role: str, bank_ref: BankRef) -> AnswerSet:
    """Answers whose friction is (level - 1) * 25 on each dimension: friction items at
    ``level``, harmony items mirrored (6 - level). At the midpoint the two friction items
    straddle it (4 and 2), so the answers are not the same throughout (straight-lining is
    set aside)."""
    answers: dict[str, int | str | None] = {}
    for qid in ("res-01", "res-03", "tru-01", "tru-03"):
        answers[qid] = level
    for qid in ("res-02", "tru-02"):
        answers[qid] = 6 - level
    if level == 3:
        answers.update({"res-01": 4, "res-03": 2, "tru-01": 4, "tru-03": 2})
    return AnswerSet.model_validate(
        {
            "bank": bank_ref.model_dump(),
            "respondent": Respondent(name=name, role=role).model_dump(),
            "answers": answers,
        }
    )


def _stored_engagement(store: Store, bank: Path, name: str, level: int, day: int) -> None:
    from cxo_diag.app.engagements import bank_snapshot
    from cxo_diag.app.importing import import_answer_sets
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.store import queries

    resolved = open_bank(str(bank))
    ref = BankRef(id=resolved.bank.id, version=resolved.bank.version, hash=resolved.hash)
    now = datetime(2026, 1, day, tzinfo=UTC)
    with store.writing() as connection:
        row = queries.insert_engagement(
            connection,
            name=name,
            organisation=None,
            bank=ref,
            bank_snapshot=bank_snapshot(resolved.bank),
            now=now,
        )
        queries.insert_round(connection, row.id, 1, now)
    people = (
        [("simulated-0001", "coo"), ("simulated-0002", "cmo")]
        if "sim" in name
        else [
            ("Ann", "coo"),
            ("Bob", "cmo"),
        ]
    )
    files = []
    for person, role in people:
        files.append((f"{name}/{person}", _answers_at(level, person, role, ref)))
    import_answer_sets(store, name, files)


@pytest.fixture
def norms_store(bank: Path, tmp_path: Path) -> Path:
    """Five earlier engagements scoring 0, 25, 50, 50, 100 on every dimension and role; a
    simulated one before the target; the target at 75 on day 10; one more after it."""
    from cxo_diag.store.engine import open_store

    path = tmp_path / "norms.sqlite"
    with open_store(path) as store:
        for day, (name, level) in enumerate(
            [("a", 1), ("b", 2), ("c", 3), ("d", 3), ("e", 5), ("sim-x", 5)], start=1
        ):
            _stored_engagement(store, bank, name, level, day)
        _stored_engagement(store, bank, "target", 4, 10)
        _stored_engagement(store, bank, "later", 1, 20)
    return path


def test_norms_place_the_engagement_among_earlier_ones(norms_store: Path) -> None:
    result = runner.invoke(app, ["norms", "target", "--store", str(norms_store)])
    assert result.exit_code == 0, result.output
    assert "among 5 earlier engagement(s)" in result.stdout
    assert "1 simulated engagement(s) left out of the norms." in result.stdout
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith("Trust")]
    # 75 among 0, 25, 50, 50, 100: four below -> 80th percentile
    assert rows == [
        ["Trust", "COO", "75.0", "80", "among", "5"],
        ["Trust", "CMO", "75.0", "80", "among", "5"],
    ]


def test_norms_are_hidden_under_the_minimum_sample(norms_store: Path) -> None:
    result = runner.invoke(
        app, ["norms", "target", "--store", str(norms_store), "--min-sample", "6", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["references"] == 5
    assert {(n["percentile"], n["sample"]) for n in data["norms"]} == {(None, 5)}
    text = runner.invoke(
        app, ["norms", "target", "--store", str(norms_store), "--min-sample", "6"]
    ).stdout
    assert "hidden: 5 earlier engagement(s), 6 needed" in text


def test_norms_of_an_unknown_engagement__one_line(norms_store: Path) -> None:
    result = runner.invoke(app, ["norms", "nope", "--store", str(norms_store)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:")
    assert "nope" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# --- the README's instructions on the built-in banks ----------------------------------------


@pytest.mark.parametrize("bank_id", ["coo-cmo", "cio-cmo"])
def test_readme_pilot_then_analyze_on_each_built_in_bank(bank_id: str, tmp_path: Path) -> None:
    out = tmp_path / "pilot"
    made = runner.invoke(app, ["pilot", bank_id, "--respondents", "200", "--out", str(out)])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["analyze", bank_id, str(out), "--min-alpha", "0.7"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Every dimension reaches alpha 0.7 for every role." in text
    assert "they prove the machinery works, not that the bank is reliable" in text
