"""The shipped example answers: they fit their banks, and each situation gets its own advice.

EX01  Every file under examples/ loads and fits the current built-in bank (id, version, hash,
      role, questions, scale), so `cxo-diag demo` and the README commands work.
EX02  Each situation has one answers file per leader of its bank (the CEO may add one as an
      observer); each respondent answers every question their role is asked (a few "n/a"
      allowed, none skipped), with a note or two.
EX03  The answers read like a person's: no straight-lining or contradiction flags.
EX04  Scored, each situation's summary starts with the practices it calls for (the "start
      here" lists are pinned, the reasoning is in examples/README.md), and the three
      summaries differ: different findings, different "start here" lists, each with a
      practice no other situation starts with.
EX05  scripts/stamp_examples.py rewrites a stale bank hash in place and leaves the rest alone.

The expected scores in EX04 are worked out by hand from the answers (1..5 gives friction
0, 25, 50, 75, 100; reverse-keyed items flip) and cited in the comments.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.helpers import REPO

from cxo_diag.answers import AnswerSet, check_fits_bank, read_answers_file
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.resources import builtin_banks_dir, examples_dir
from cxo_diag.scoring import Diagnosis, diagnose

SITUATIONS = ("budget-war", "style-clash", "trust-breakdown")
EXAMPLE_FILES = sorted(examples_dir().glob("*/*.yaml"))
STAMP_SCRIPT = REPO / "scripts" / "stamp_examples.py"


def _bank(bank_id: str) -> ResolvedBank:
    return open_bank(str(builtin_banks_dir() / f"{bank_id}.yaml"))


def _answer_sets(situation: str) -> list[AnswerSet]:
    return [read_answers_file(p) for p in sorted((examples_dir() / situation).glob("*.yaml"))]


def _diagnosis(situation: str) -> Diagnosis:
    sets = _answer_sets(situation)
    return diagnose(_bank(sets[0].bank.id).bank, sets)


def _start(situation: str) -> list[str]:
    return _diagnosis(situation).summary.start_here


def _findings(situation: str) -> list[tuple[str, str]]:
    return [(f.kind, f.dimension) for f in _diagnosis(situation).summary.findings]


def _score(diagnosis: Diagnosis, dimension: str, role: str) -> float | None:
    result = next(d for d in diagnosis.dimensions if d.id == dimension)
    role_score = result.role_score(role)
    return role_score.score if role_score is not None else None


# --- EX01 ------------------------------------------------------------------------------------


def test_ex01_every_situation_folder_is_shipped() -> None:
    folders = sorted(p.name for p in examples_dir().iterdir() if p.is_dir())
    assert folders == sorted(SITUATIONS)
    assert (examples_dir() / "README.md").is_file()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ex01_example_file_fits_the_current_bank(path: Path) -> None:
    answer_set = read_answers_file(path)
    resolved = _bank(answer_set.bank.id)
    check_fits_bank(answer_set, resolved.bank, resolved.hash, str(path))
    assert answer_set.respondent.role == path.stem


# --- EX02 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("situation", SITUATIONS)
def test_ex02_one_file_per_leader_of_the_bank(situation: str) -> None:
    sets = _answer_sets(situation)
    banks = {s.bank.id for s in sets}
    assert len(banks) == 1
    bank: Bank = _bank(banks.pop()).bank
    roles = [s.respondent.role for s in sets]
    leaders = [r.id for r in bank.leader_roles]
    assert sorted(r for r in roles if r in leaders) == sorted(leaders)
    assert all(bank.role(r).observer for r in roles if r not in leaders)
    assert len(roles) == len(set(roles))
    assert len({s.engagement for s in sets}) == 1


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ex02_every_asked_question_is_answered_with_a_note_or_two(path: Path) -> None:
    answer_set = read_answers_file(path)
    bank = _bank(answer_set.bank.id).bank
    asked = [q.id for q in bank.questions_for(answer_set.respondent.role)]
    assert sorted(answer_set.answers) == sorted(asked)
    values = list(answer_set.answers.values())
    assert None not in values
    assert values.count("n/a") <= 3
    assert 1 <= len(answer_set.notes) <= 5
    assert set(answer_set.notes) <= set(asked)


# --- EX03 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("situation", SITUATIONS)
def test_ex03_answers_raise_no_quality_flags(situation: str) -> None:
    assert [(f.respondent, f.kind) for f in _diagnosis(situation).quality] == []


# --- EX04 ------------------------------------------------------------------------------------


def test_ex04_budget_war_calls_for_a_joint_allocation_framework() -> None:
    diagnosis = _diagnosis("budget-war")
    # Resources, COO: res-01 5 (100), res-02 3 rev (50), res-03 2 rev (75), res-04 4 (75),
    # res-05 1 rev (100), res-06 4 (75), res-07 4 (75): 550/7 = 78.6, the friction band. The
    # CMO's answers also give 78.6.
    assert _score(diagnosis, "resources", "coo") == 78.6
    assert _score(diagnosis, "resources", "cmo") == 78.6
    # Shared vision, COO: vis-01 5 rev (0), vis-02 4 rev (25), vis-03 4 rev (25), vis-04 3
    # (50), vis-05 2 (25): mean 25, healthy: the two agree on where the company is going.
    assert _score(diagnosis, "shared-vision", "coo") == 25.0
    # Timelines, COO: tim-01 4 (75), tim-02 2 rev (75), tim-03 3 rev (50), tim-04 3 rev (50),
    # tim-05 4 (75), tim-06 2 (25), tim-07 2 (25): 375/7 = 53.6, strained; the CMO's tim-06
    # and tim-07 are 3 (50 each): 425/7 = 60.7, friction.
    assert _score(diagnosis, "timelines-metrics", "coo") == 53.6
    assert _score(diagnosis, "timelines-metrics", "cmo") == 60.7
    # Resources (78.6 each) and timelines: two findings, each reported by both, which names
    # both (even-handed), never "COO's score". No gap comes near its error (the widest is 7.1
    # against 32.1), so nothing calls for a facilitator.
    assert _findings("budget-war") == [("friction", "resources"), ("friction", "timelines-metrics")]
    first = diagnosis.summary.findings[0]
    assert first.sentence == "Both leaders report friction on Resource allocation."
    assert first.roles == ["coo", "cmo"]
    assert _start("budget-war") == ["joint-allocation", "shared-kpis"]
    assert not {"neutral-facilitator", "joint-workshop"} & set(diagnosis.summary.also_consider)
    every = {e.because for p in diagnosis.practices for e in p.evidence if e.kind == "score"}
    assert any(b.startswith("COO and CMO both score Resource allocation") for b in every)


def test_ex04_style_clash_calls_for_the_other_s_language() -> None:
    diagnosis = _diagnosis("style-clash")
    # Communication, COO: com-01 1 (0), com-02 4 rev (25), com-03 1 rev (100), com-04 4
    # (75), com-05 2 rev (75), com-06 5 (100): 375/6 = 62.5, friction. Trust, COO: tru-01 2
    # (25), tru-02 2 (25), tru-03 2 (25), tru-04 5 rev (0), tru-05 4 rev (25), tru-06 2 (25),
    # tru-07 5 rev (0): 125/7 = 17.9, healthy: good will.
    assert _score(diagnosis, "communication", "coo") == 62.5
    assert _score(diagnosis, "trust-climate", "coo") == 17.9
    communication = next(d for d in diagnosis.dimensions if d.id == "communication")
    # Each says they weigh the other's evidence (com-02 4 rev: 25) and do not discount it
    # (com-01 1: 0), 12.5 on their own conduct; the other, on the mirrors, disagrees on both
    # (com-03 1 rev: 100, com-06 5: 100). A blind spot of 87.5 on both sides. Six items: r =
    # .7 / (6 - 3.5) = .28, one item's error sqrt(1250 x .72) = 30; two pairs, so the critical
    # difference is 1.96 x sqrt 2 x 30 / sqrt 2 = 58.8. Beyond error (under 1.0.0, one pair
    # each, 75 against 80.9, it was not).
    assert [(b.role, b.gap, b.critical, b.beyond_error) for b in communication.blind_spots] == [
        ("coo", 87.5, 58.8, True),
        ("cmo", 87.5, 58.8, True),
    ]
    # The blind spot is the dimension's finding, worded for both: at stake is the others' view
    # (100), against the friction both report (62.5 each).
    assert _findings("style-clash") == [("blind_spot", "communication")]
    assert diagnosis.summary.findings[0].roles == ["coo", "cmo"]
    assert "COO and CMO each see their own conduct differently" in (
        diagnosis.summary.findings[0].sentence
    )
    # The pairs are the first talking points, like with like, about each leader.
    assert [(t.questions, t.about, t.gap) for t in diagnosis.disagreements[:4]] == [
        (["com-01", "com-06"], "coo", 100),
        (["com-01", "com-06"], "cmo", 100),
        (["com-02", "com-03"], "coo", 75),
        (["com-02", "com-03"], "cmo", 75),
    ]
    assert _start("style-clash") == ["blend-data-narrative"]
    assert "active-listening" in diagnosis.summary.also_consider


def test_ex04_trust_breakdown_calls_for_shared_measures_and_decision_rights() -> None:
    diagnosis = _diagnosis("trust-breakdown")
    # Trust, CMO: tru-01 5 (100), tru-02 3 (50), tru-03 4 (75), tru-04 4 rev (25), tru-05 1
    # rev (100), tru-06 4 (75), tru-07 1 rev (100): 525/7 = 75, friction (tru-02/03 are
    # friction-keyed since 2.0.0: "I answer sharply"). CIO: 3 (50), 1 (0), 4 (75), 5 rev (0),
    # 2 rev (75), 2 (25), 4 rev (25): 250/7 = 35.7, strained. The gap is 39.3.
    assert _score(diagnosis, "trust-climate", "cmo") == 75.0
    assert _score(diagnosis, "trust-climate", "cio") == 35.7
    # The CEO, observing, reads the climate as the CMO does: tru-01 5 (100), tru-06 3 (50),
    # tru-07 2 rev (75): 225/3 = 75. Observers are not a side, so the gap stays CIO-CMO.
    assert _score(diagnosis, "trust-climate", "ceo") == 75.0
    trust = next(d for d in diagnosis.dimensions if d.id == "trust-climate")
    assert trust.gap is not None
    assert (trust.gap.value, trust.gap.high, trust.gap.low) == (39.3, "cmo", "cio")
    # Seven items: r = .7 / (7 - 4.2) = .25, one item's error sqrt(1250 x .75) = 30.6; the
    # CMO's SE 30.6 / sqrt 7 = 11.6, the CIO's own spread is wider (s = 31.8): 12.0.
    # Critical 1.96 x sqrt(12.0² + 11.6²) = 32.7: beyond error.
    assert (trust.gap.critical, trust.gap.beyond_error) == (32.7, True)
    wide = [d.id for d in diagnosis.dimensions if d.gap is not None and d.gap.value >= 25]
    beyond = [d.id for d in diagnosis.dimensions if d.gap is not None and d.gap.beyond_error]
    assert len(wide) >= 6
    # Four gaps beyond error. Timelines (new in 2.0.0): the CIO answers 3 throughout (50), the
    # CMO puts all seven items at the friction end (100); 50 apart against 32.1. Roles: CIO
    # rol-01 3 rev (50), rol-02 4 rev (25), rol-03 1 rev (100), rol-04 2 (25), rol-05 4 (75),
    # rol-07 3 (50): 325/6 = 54.2; CMO 100, 50, 100, 0, 100, 100: 450/6 = 75.0 (she feels
    # outweighed, rol-07 5, and says her own voice does not carry more, rol-04 1: the two
    # statements exclude each other, a declared contradiction pair); 20.8 against 41.2.
    assert beyond == [
        "timelines-metrics",
        "communication",
        "trust-climate",
        "data-sharing",
    ]
    # Page one keeps three, by what is at stake (the high side's score, the CEO in the same
    # band as the CMO on all four): timelines (100), data (84.4), communication (83.3); trust
    # (75) is beyond error too, shown in the dimension table.
    assert _findings("trust-breakdown") == [
        ("gap", "timelines-metrics"),
        ("gap", "data-sharing"),
        ("gap", "communication"),
    ]
    assert "the CEO's view sides with the CMO" in diagnosis.summary.findings[1].sentence
    # Shared success measures answer the timelines gap; decision rights the data-sharing gap
    # (data ownership unsettled, dat-02); structured turns the communication gap.
    assert _start("trust-breakdown") == ["shared-kpis", "decision-rights", "structured-turns"]
    decision_rights = next(p for p in diagnosis.practices if p.practice.id == "decision-rights")
    assert "data-sharing" in decision_rights.dimensions
    assert "neutral-facilitator" in diagnosis.summary.also_consider


def test_ex04_the_three_summaries_differ() -> None:
    starts = {situation: frozenset(_start(situation)) for situation in SITUATIONS}
    assert all(starts.values())
    assert len(set(starts.values())) == len(SITUATIONS)
    # Each situation gets a practice to start with that no other gets. (Shared success
    # measures start both the budget war and the breakdown: both have timelines friction.)
    for situation in SITUATIONS:
        others = frozenset().union(*(starts[o] for o in SITUATIONS if o != situation))
        assert starts[situation] - others, situation
    assert starts["budget-war"] & starts["trust-breakdown"] == {"shared-kpis"}
    assert not starts["style-clash"] & (starts["budget-war"] | starts["trust-breakdown"])
    findings = {situation: tuple(_findings(situation)) for situation in SITUATIONS}
    assert len(set(findings.values())) == len(SITUATIONS)
    # In the breakdown, the CMO puts every source of friction in the friction band (60+):
    # agility is agi-01 2 (25), agi-02 4 rev (25), agi-03 1 rev (100), agi-05 1 rev (100),
    # agi-06 4 (75), agi-07 4 (75): 400/6 = 66.7. (Open debate, where a high score means too
    # little debate, is left out: fighting pairs debate.)
    breakdown = _diagnosis("trust-breakdown")
    sources = [d for d in breakdown.dimensions if d.id != "task-debate"]
    assert all((_score(breakdown, d.id, "cmo") or 0.0) >= 60 for d in sources)
    assert _score(breakdown, "agility-stability", "cmo") == 66.7


def test_ex04_only_the_trust_breakdown_shows_wide_perception_gaps() -> None:
    for situation in ("budget-war", "style-clash"):
        gaps = [d.gap.value for d in _diagnosis(situation).dimensions if d.gap is not None]
        assert max(gaps) < 10, situation


# --- EX05 ------------------------------------------------------------------------------------


def _stamp_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cxo_diag_stamp_examples", STAMP_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the module is being executed.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_ex05_stamp_rewrites_a_stale_hash_and_keeps_the_rest(tmp_path: Path) -> None:
    stamp = _stamp_module()
    source = examples_dir() / "budget-war" / "coo.yaml"
    target = tmp_path / "budget-war" / "coo.yaml"
    target.parent.mkdir()
    shutil.copyfile(source, target)
    original = source.read_text(encoding="utf-8")
    current = read_answers_file(source).bank.hash
    target.write_text(original.replace(current, "sha256:0000000000000000"), encoding="utf-8")

    assert stamp.main(["--check", str(tmp_path)]) == 1
    assert "sha256:0000000000000000" in target.read_text(encoding="utf-8")
    assert stamp.main([str(tmp_path)]) == 0
    assert target.read_text(encoding="utf-8") == original
    assert stamp.main(["--check", str(tmp_path)]) == 0


def test_ex05_shipped_examples_are_stamped() -> None:
    assert _stamp_module().main(["--check", str(examples_dir())]) == 0
