"""AV01 A polite, avoidant pair (no complaints, no open debate about the work) is not read as
Healthy: open debate (task conflict) is its own dimension, where too little debate is
friction, and the report says so and recommends making room for disagreement.
See docs/conflict-model.md.
"""

from __future__ import annotations

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.bank.model import Keyed
from cxo_diag.bank.registry import open_bank
from cxo_diag.report.markdown import render_markdown
from cxo_diag.scoring import diagnose


def _polite_avoidant(role: str, name: str) -> AnswerSet:
    resolved = open_bank("coo-cmo")
    bank = resolved.bank
    answers: dict[str, int | str | None] = {}
    for q in bank.questions_for(role):
        if q.dimension == "task-debate":
            # "We argue out our differences ...": disagree. "We leave doubts unsaid": disagree
            # too (a polite pair does not complain about itself either).
            answers[q.id] = 2
        else:
            # No complaint anywhere: agree with the harmony items, disagree with the others.
            answers[q.id] = 4 if q.keyed is Keyed.HARMONY else 2
    return AnswerSet(
        bank=BankRef(id=bank.id, version=bank.version, hash=resolved.hash),
        respondent=Respondent(name=name, role=role),
        answers=answers,
    )


def test_av01_polite_avoidant_pair__not_healthy_and_the_report_says_why() -> None:
    bank = open_bank("coo-cmo").bank
    diagnosis = diagnose(bank, [_polite_avoidant("coo", "Ann"), _polite_avoidant("cmo", "Bo")])
    bands = {
        d.id: {r.role: r.band.label if r.band else None for r in d.roles if r.role != "ceo"}
        for d in diagnosis.dimensions
    }
    assert all(
        set(labels.values()) == {"Healthy"} for dim, labels in bands.items() if dim != "task-debate"
    ), bands
    assert set(bands["task-debate"].values()) == {"Guarded"}
    recommended = {p.practice.id: p for p in diagnosis.practices}
    assert "structured-turns" in recommended
    because = " ".join(e.because for e in recommended["structured-turns"].evidence)
    assert "Open debate about the work" in because and "Guarded" in because
    report = render_markdown(diagnosis)
    assert "Open debate about the work" in report
    assert "Guarded" in report
