"""`progress:` in a bank: which items show each practice's progress sign, and what validation
points at.

PI001 an entry naming a practice of the bank and its scale items: no finding.
PI002 an unknown practice or item is a dangling reference (E104), at that id.
PI003 an open question, an item named twice, or a practice listed twice: E121, with the reason.
PI004 once a bank declares progress, a recommended practice without an entry is W215, at the
      first rule that recommends it; a bank that declares none gets no such warning.
PI005 the built-in banks name items for every practice they recommend (validate --strict).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxo_diag.bank.validate import validate_file

TINY = Path(__file__).parents[2] / "fixtures" / "banks" / "valid" / "tiny.yaml"


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    return [(f.code, f.line, f.col, f.message) for f in validate_file(path).findings]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _bank(entries: str) -> str:
    return TINY.read_text() + "progress:\n" + entries


def test_an_entry_of_the_bank_s_own_items__ok(tmp_path: Path) -> None:  # PI001
    assert findings(tmp_path, _bank("  - {practice: joint-allocation, items: [res-01]}\n")) == []


@pytest.mark.parametrize(
    ("entry", "fragment", "message"),
    [
        (
            "  - {practice: shared-kpis, items: [res-01]}\n",
            "shared-kpis",
            "practice 'shared-kpis' is not defined (in progress)",
        ),
        (
            "  - {practice: joint-allocation, items: [res-01, res-09]}\n",
            "res-09",
            "question 'res-09' is not defined (in the progress of 'joint-allocation'); "
            "did you mean 'res-03'?",
        ),
    ],
)
def test_unknown_ids_are_dangling_references(
    tmp_path: Path, entry: str, fragment: str, message: str
) -> None:  # PI002
    text = _bank(entry)
    got = [f for f in findings(tmp_path, text) if f[0] == "E104"]
    line = line_of(text, entry)
    assert got == [("E104", line, entry.index(fragment) + 1, message)]


def test_an_item_named_twice_is_e121(tmp_path: Path) -> None:  # PI003
    entry = "  - {practice: joint-allocation, items: [res-01, res-01]}\n"
    [(code, _, col, message)] = findings(tmp_path, _bank(entry))
    assert (code, col) == ("E121", entry.rindex("res-01") + 1)
    assert message == "progress of practice 'joint-allocation': 'res-01' is named twice"


def test_an_open_question_has_no_score_to_move(tmp_path: Path) -> None:  # PI003
    open_item = (
        "  - id: res-open\n    type: open\n    dimension: resources\n"
        "    text: What would you change?\n    probe: Why?\n"
    )
    text = _bank("  - {practice: joint-allocation, items: [res-open]}\n").replace(
        "practices:", open_item + "practices:", 1
    )
    [(code, _, _, message)] = findings(tmp_path, text)
    assert code == "E121"
    assert message.endswith("'res-open' is an open question: free text has no score to move")


def test_a_recommended_practice_without_items_is_w215(tmp_path: Path) -> None:  # PI004
    text = TINY.read_text().replace(
        "rules:\n",
        "  - id: neutral-facilitator\n    title: A facilitator\n    addresses: [resources]\n"
        "    why: Fair turns.\n    first_steps: [One, Two, Three]\n    owner: ceo\n"
        "    cadence: monthly\n    progress_sign: Both rate the meeting fair.\n"
        "rules:\n  - id: gap\n    when: {gap: {dimension: resources, at_least: 10}}\n"
        "    recommend: neutral-facilitator\n",
    )
    assert [f[0] for f in findings(tmp_path, text)] == []  # no progress declared: no warning
    tracked = text + "progress:\n  - {practice: joint-allocation, items: [res-01]}\n"
    [(code, line, _, message)] = findings(tmp_path, tracked)
    assert (code, line) == ("W215", line_of(tracked, "    recommend: neutral-facilitator"))
    assert message == (
        "practice 'neutral-facilitator' is recommended here but names no items for its "
        "progress sign"
    )


@pytest.mark.parametrize("bank_id", ["coo-cmo", "cio-cmo", "mini"])
def test_built_in_banks_track_every_recommended_practice(bank_id: str) -> None:  # PI005
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(bank_id)
    assert validate_file(resolved.path).findings == []
    tracked = {entry.practice for entry in resolved.bank.progress}
    assert tracked == {rule.recommend for rule in resolved.bank.rules}
    scale_items = {q.id for q in resolved.bank.questions}
    assert all(set(entry.items) <= scale_items for entry in resolved.bank.progress)
