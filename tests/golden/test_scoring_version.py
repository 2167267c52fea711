"""SCORING_VERSION changes whenever what scoring computes for a role changes.

The store keeps each round's role scores (round summaries) under the scoring version that
made them, and `norms` trusts a summary only from the current version. So a change to
scoring that moves any role's dimension score must come with a new SCORING_VERSION, or old
summaries would be mixed with new scores. This test scores a fixed bank with seeded answer
sets (skips, n/a, fast answers, observers, three or more in a role) and compares a digest
of the role scores with the one recorded for the current version in
tests/golden/scoring-version.json. `pytest tests/golden --update-golden` records a new
digest, and only once the version has changed.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.bank.registry import open_bank
from cxo_diag.quality.norms import role_scores
from cxo_diag.scoring import SCORING_VERSION, diagnose

HERE = Path(__file__).resolve().parent
RECORDED = HERE / "scoring-version.json"
BANK = HERE.parent / "fixtures" / "answers" / "report" / "bank.yaml"


def role_scores_digest() -> str:
    resolved = open_bank(str(BANK))
    bank = resolved.bank
    ref = BankRef(id=bank.id, version=bank.version, hash=resolved.hash)
    rng = random.Random(20)
    rounds = []
    for index in range(60):
        sets = []
        for role in bank.roles:
            for person in range(rng.choice((1, 1, 2, 3))):
                answers: dict[str, int | str | None] = {}
                seconds: dict[str, float] = {}
                for question in bank.questions_for(role.id):
                    draw = rng.random()
                    if draw < 0.08:
                        continue  # not reached
                    answers[question.id] = (
                        None if draw < 0.13 else "n/a" if draw < 0.18 else rng.randint(1, 5)
                    )
                    seconds[question.id] = rng.choice((0.5, 1.5, 4.0, 12.0))
                sets.append(
                    AnswerSet(
                        bank=ref,
                        respondent=Respondent(name=f"{role.id}-{person}", role=role.id),
                        engagement=f"round-{index}",
                        answers=answers,
                        seconds=seconds if index % 2 else {},
                    )
                )
        scores = role_scores(diagnose(bank, sets, engagement=f"round-{index}"))
        rounds.append(sorted([d, r, s] for (d, r), s in scores.items()))
    canonical = json.dumps(rounds, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def test_role_scores_change_only_with_the_scoring_version(update_golden: bool) -> None:
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    digest = role_scores_digest()
    same_version = recorded["scoring_version"] == SCORING_VERSION
    if same_version:
        assert digest == recorded["role_scores"], (
            "role scores changed but SCORING_VERSION did not: change it in cxo_diag.scoring "
            "(stored round summaries are then recomputed), then run "
            "`pytest tests/golden --update-golden`"
        )
    elif update_golden:
        RECORDED.write_text(
            json.dumps({"scoring_version": SCORING_VERSION, "role_scores": digest}, indent=2)
            + "\n",
            encoding="utf-8",
        )
    else:
        raise AssertionError(
            f"SCORING_VERSION is {SCORING_VERSION!r}, the recorded digest is for "
            f"{recorded['scoring_version']!r}: run `pytest tests/golden --update-golden`"
        )
