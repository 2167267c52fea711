"""Contradiction pairs declared in a bank (`contradictions:`), and the flag they drive.

CP001 a pair of two scale items one role answers: no finding.
CP002 an id that names no question is a dangling reference (E104), at that id.
CP003 an open question, the same item twice, a pair declared twice, or two items no role
      answers both of: E120 at the pair, with the reason.
CP004 a bank that declares no pair keeps its content hash (stored engagements still match).
CP005 full agreement with both items of a declared pair is a contradiction flag (kept, not
      set aside), naming the pair; full agreement with one of them is not.
CP006 two opposite-keyed items at the top of the scale are no contradiction unless declared:
      both can be true.
CP007 a pair is only flagged for a respondent who answered both at the top of their scales.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxo_diag.answers import Answer, AnswerSet, BankRef, Respondent
from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.load import load_bank
from cxo_diag.bank.validate import validate_file
from cxo_diag.scoring import diagnose

TINY = Path(__file__).parents[2] / "fixtures" / "banks" / "valid" / "tiny.yaml"

US_ITEM = """  - id: res-04
    dimension: resources
    scale: agree5
    keyed: harmony
    text: We settle budget disputes between the two of us.
    probe: When did one last reach the CEO?
"""


def _bank(pairs: str) -> str:
    text = TINY.read_text().replace("practices:", US_ITEM + "practices:", 1)
    return text + f"contradictions:\n{pairs}" if pairs else text


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    return [(f.code, f.line, f.col, f.message) for f in validate_file(path).findings]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_pair_of_items_one_role_answers__ok(tmp_path: Path) -> None:  # CP001
    assert findings(tmp_path, _bank("  - [res-01, res-04]\n")) == []


def test_an_unknown_id_is_a_dangling_reference_at_the_id(tmp_path: Path) -> None:  # CP002
    text = _bank("  - [res-01, res-99]\n")
    [(code, line, col, message)] = findings(tmp_path, text)
    assert (code, line, col) == ("E104", line_of(text, "  - [res-01, res-99]"), 14)
    assert message == "question 'res-99' is not defined (in contradictions); did you mean 'res-04'?"


@pytest.mark.parametrize(
    ("pairs", "detail"),
    [
        ("  - [res-01, res-01]\n", "an item cannot be paired with itself"),
        (
            "  - [res-01, res-04]\n  - [res-04, res-01]\n",
            "declared already on line {first}",
        ),
    ],
)
def test_a_pair_that_cannot_flag_anyone_is_e120(
    tmp_path: Path, pairs: str, detail: str
) -> None:  # CP003
    text = _bank(pairs)
    first = line_of(text, "  - [res-01")
    got = findings(tmp_path, text)
    assert [(c, m.split(": ", 1)[1]) for c, _, _, m in got] == [
        ("E120", detail.format(first=first))
    ]
    assert got[0][1] == line_of(text, pairs.splitlines()[-1])


def test_two_items_no_role_answers_both_is_e120(tmp_path: Path) -> None:  # CP003
    text = _bank("  - [res-01, res-04]\n").replace(
        "    text: We settle budget", "    roles: [ceo]\n    text: We settle budget"
    )
    text = text.replace(
        "  - {id: cmo, title: Chief Marketing Officer}",
        "  - {id: cmo, title: Chief Marketing Officer}\n"
        "  - {id: ceo, title: Chief Executive Officer, observer: true}",
    ).replace("    text: Budget talks between", "    roles: [coo, cmo]\n    text: Budget talks")
    [(_, line, col, message)] = [f for f in findings(tmp_path, text) if f[0] == "E120"]
    assert (line, col) == (line_of(text, "  - [res-01, res-04]"), 5)
    assert message == (
        "contradiction pair 'res-01' and 'res-04': no role answers both "
        "(res-01: coo, cmo; res-04: ceo), so no one could contradict themself"
    )


def test_an_open_question_cannot_be_half_of_a_pair(tmp_path: Path) -> None:  # CP003
    open_item = (
        "  - id: res-open\n    type: open\n    dimension: resources\n"
        "    text: What would you change?\n    probe: Why?\n"
    )
    text = _bank("  - [res-open, res-04]\n").replace("practices:", open_item + "practices:", 1)
    [(code, _, col, message)] = findings(tmp_path, text)
    assert (code, col) == ("E120", 6)
    assert message.endswith("'res-open' is an open question, answered in free text")


def test_no_pairs_keeps_the_content_hash(tmp_path: Path) -> None:  # CP004
    path = tmp_path / "bank.yaml"
    path.write_text(_bank(""))
    plain = content_hash(load_bank(path).bank)  # type: ignore[arg-type]
    path.write_text(_bank("") + "contradictions: []\n")
    assert content_hash(load_bank(path).bank) == plain  # type: ignore[arg-type]
    path.write_text(_bank("  - [res-01, res-04]\n"))
    assert content_hash(load_bank(path).bank) != plain  # type: ignore[arg-type]


# --- the flag ---------------------------------------------------------------------------------


def _answers(tmp_path: Path, pairs: str, given: dict[str, Answer]) -> list[AnswerSet]:
    path = tmp_path / "bank.yaml"
    path.write_text(_bank(pairs))
    bank = load_bank(path).bank
    assert bank is not None
    ref = BankRef(id=bank.id, version=bank.version, hash=content_hash(bank))
    return [AnswerSet(bank=ref, respondent=Respondent(name="Ana", role="coo"), answers=given)]


def _flags(tmp_path: Path, pairs: str, given: dict[str, Answer]) -> list[tuple[str, list[str]]]:
    sets = _answers(tmp_path, pairs, given)
    bank = load_bank(tmp_path / "bank.yaml").bank
    assert bank is not None
    return [(f.kind, f.questions) for f in diagnose(bank, sets).quality]


def test_full_agreement_with_both_items_of_a_pair_is_a_contradiction(tmp_path: Path) -> None:
    # CP005: "one side feels it lost" (5) and "we settle disputes between us" (5)
    given: dict[str, Answer] = {"res-01": 5, "res-02": 2, "res-03": 3, "res-04": 5}
    sets = _answers(tmp_path, "  - [res-01, res-04]\n", given)
    bank = load_bank(tmp_path / "bank.yaml").bank
    assert bank is not None
    [flag] = diagnose(bank, sets).quality
    assert (flag.kind, flag.questions, flag.set_aside) == (
        "contradiction",
        ["res-01", "res-04"],
        False,
    )
    assert flag.message == (
        "agreed as strongly as the scale allows with statements that cannot both be true: "
        "res-01 and res-04"
    )
    one_side: dict[str, Answer] = {**given, "res-04": 4}
    assert _flags(tmp_path, "  - [res-01, res-04]\n", one_side) == []  # CP005


def test_opposite_keyed_items_at_the_top_are_no_contradiction_unless_declared(
    tmp_path: Path,
) -> None:  # CP006
    given: dict[str, Answer] = {"res-01": 5, "res-02": 5, "res-03": 3, "res-04": 5}
    assert _flags(tmp_path, "", given) == []
    assert _flags(tmp_path, "  - [res-01, res-02]\n", given) == [
        ("contradiction", ["res-01", "res-02"])
    ]


def test_a_pair_half_answered_is_not_flagged(tmp_path: Path) -> None:  # CP007
    given: dict[str, Answer] = {"res-01": 5, "res-02": 2, "res-03": 3, "res-04": None}
    assert _flags(tmp_path, "  - [res-01, res-04]\n", given) == []


# --- the built-in banks -------------------------------------------------------------------------

BUILT_IN_PAIRS = [
    ("rol-04", "rol-07"),
    ("agi-02", "agi-06"),
    ("agi-03", "agi-07"),
    ("deb-01", "deb-04"),
]


@pytest.mark.parametrize("bank_id", ["coo-cmo", "cio-cmo"])
def test_built_in_pairs_exclude_each_other_and_tru_01_tru_07_is_not_one(bank_id: str) -> None:
    """CP005/CP006 on the shipped banks: "an old dispute comes up" and "the next day we work
    together as usual" can both be true, so agreeing fully with both is no contradiction;
    "my voice carries more weight" and "the other leader's voice carries more weight" cannot."""
    from cxo_diag.bank.registry import open_bank

    resolved = open_bank(bank_id)
    bank = resolved.bank
    assert bank.contradictions == BUILT_IN_PAIRS
    leader = bank.leader_roles[0].id
    ref = BankRef(id=bank.id, version=bank.version, hash=resolved.hash)
    # a varied respondent (no straight-lining), at the top of tru-01 and tru-07 both
    given: dict[str, Answer] = {
        q.id: [2, 4, 3, 1][i % 4] for i, q in enumerate(bank.questions_for(leader))
    }
    given.update({"tru-01": 5, "tru-07": 5})
    resilient = AnswerSet(bank=ref, respondent=Respondent(name="Ana", role=leader), answers=given)
    assert [f.kind for f in diagnose(bank, [resilient]).quality] == []
    given.update({"rol-04": 5, "rol-07": 5})
    both_louder = resilient.model_copy(update={"answers": given})
    [flag] = diagnose(bank, [both_louder]).quality
    assert (flag.kind, flag.questions) == ("contradiction", ["rol-04", "rol-07"])
