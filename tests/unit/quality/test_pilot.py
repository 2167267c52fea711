"""The simulated pilot: consistent items give a high alpha, shuffled items about zero.

These two facts, on data whose truth is known, are what show that ``analyze`` measures
internal consistency and not something else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.model import Bank
from cxo_diag.bank.registry import ResolvedBank
from cxo_diag.quality.analysis import SIMULATED_ENGAGEMENT, analyze_bank
from cxo_diag.quality.consistency import pearson
from cxo_diag.quality.pilot import latent_table, simulate


def _tiny_bank() -> Bank:
    """Two dimensions of 3 and 4 items, each with a reverse-keyed item; answered by coo and
    cmo, and an observer (ceo) who answers only the 'us' items."""
    agree = [{"value": v, "label": f"point {v}"} for v in range(1, 6)]
    bands = [{"id": "all", "label": "All", "from": 0, "to": 100}]

    def item(
        qid: str, dim: str, keyed: str = "friction", perspective: str = "self"
    ) -> dict[str, str]:
        return {
            "id": qid,
            "dimension": dim,
            "scale": "agree",
            "keyed": keyed,
            "perspective": perspective,
            "text": f"Item {qid}.",
        }

    return Bank.model_validate(
        {
            "schema_version": 1,
            "id": "tiny",
            "version": "1.0.0",
            "title": "Tiny",
            "roles": [
                {"id": "coo", "title": "COO"},
                {"id": "cmo", "title": "CMO"},
                {"id": "ceo", "title": "CEO", "observer": True},
            ],
            "scales": [{"id": "agree", "points": agree}],
            "dimensions": [
                {"id": "resources", "title": "Resources", "bands": bands},
                {"id": "trust", "title": "Trust", "bands": bands},
            ],
            "questions": [
                item("res-01", "resources", perspective="us"),
                item("res-02", "resources", "harmony"),
                item("res-03", "resources"),
                item("tru-01", "trust"),
                item("tru-02", "trust", "harmony", "counterpart"),
                item("tru-03", "trust", perspective="us"),
                item("tru-04", "trust", "harmony"),
            ],
            "rules": [
                {
                    "id": "r",
                    "when": {"gap": {"dimension": "trust", "at_least": 1}},
                    "recommend": "p",
                }
            ],
        }
    )


@pytest.fixture(scope="module")
def tiny() -> ResolvedBank:
    bank = _tiny_bank()
    return ResolvedBank(bank, Path("tiny.yaml"), content_hash(bank))


def _alphas(bank: Bank, bank_hash: str, *, seed: int, shuffle: bool) -> list[float]:
    generated = simulate(bank, bank_hash, 200, seed=seed, shuffle=shuffle)
    report = analyze_bank(bank, bank_hash, [r.answers for r in generated])
    alphas = [f.alpha for f in report.forms if f.gated]
    assert len(alphas) == 4  # two dimensions as the COO and as the CMO read them
    assert all(a is not None for a in alphas)
    return [a for a in alphas if a is not None]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_consistent_items_give_a_high_alpha(tiny: ResolvedBank, seed: int) -> None:
    assert min(_alphas(tiny.bank, tiny.hash, seed=seed, shuffle=False)) > 0.7


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_items_give_an_alpha_near_zero(tiny: ResolvedBank, seed: int) -> None:
    assert max(abs(a) for a in _alphas(tiny.bank, tiny.hash, seed=seed, shuffle=True)) < 0.3


def test_the_same_seed_gives_the_same_answers(tiny: ResolvedBank) -> None:
    first = simulate(tiny.bank, tiny.hash, 20, seed=7)
    again = simulate(tiny.bank, tiny.hash, 20, seed=7)
    other = simulate(tiny.bank, tiny.hash, 20, seed=8)
    assert [r.answers for r in first] == [r.answers for r in again]
    assert [r.answers for r in first] != [r.answers for r in other]


def test_answers_follow_the_latent_friction_with_reverse_keying(tiny: ResolvedBank) -> None:
    generated = simulate(tiny.bank, tiny.hash, 300, seed=3)
    latent = [r.latent["resources"] for r in generated]
    friction_item = [float(r.answers.answers["res-01"] or 0) for r in generated]
    harmony_item = [float(r.answers.answers["res-02"] or 0) for r in generated]
    r_friction = pearson(latent, friction_item)
    r_harmony = pearson(latent, harmony_item)
    assert r_friction is not None and r_friction > 0.6
    assert r_harmony is not None and r_harmony < -0.6


def test_shuffling_keeps_each_items_answers(tiny: ResolvedBank) -> None:
    plain = simulate(tiny.bank, tiny.hash, 50, seed=5)
    shuffled = simulate(tiny.bank, tiny.hash, 50, seed=5, shuffle=True)
    for question in tiny.bank.questions:
        before = sorted(str(r.answers.answers[question.id]) for r in plain)
        after = sorted(str(r.answers.answers[question.id]) for r in shuffled)
        assert before == after
    assert [r.answers for r in plain] != [r.answers for r in shuffled]


def test_generated_files_are_marked_simulated_and_fit_the_bank(tiny: ResolvedBank) -> None:
    from cxo_diag.answers import check_fits_bank

    generated = simulate(tiny.bank, tiny.hash, 4, seed=1)
    assert {r.answers.engagement for r in generated} == {SIMULATED_ENGAGEMENT}
    assert [r.answers.respondent.role for r in generated] == ["coo", "cmo", "coo", "cmo"]
    for r in generated:
        check_fits_bank(r.answers, tiny.bank, content_hash(tiny.bank), "pilot")


def test_latent_table_has_a_row_per_respondent(tiny: ResolvedBank) -> None:
    generated = simulate(tiny.bank, tiny.hash, 3, seed=1)
    lines = latent_table(generated, tiny.bank).splitlines()
    assert lines[0] == "respondent\trole\tresources\ttrust"
    assert [line.split("\t")[0] for line in lines[1:]] == [
        "simulated-0001",
        "simulated-0002",
        "simulated-0003",
    ]


def test_respondent_count_is_bounded(tiny: ResolvedBank) -> None:
    with pytest.raises(ValueError, match="between 1 and"):
        simulate(tiny.bank, tiny.hash, 0)
