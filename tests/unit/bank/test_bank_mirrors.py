"""`mirrors` and `reliability` in a bank: what validation accepts and what it points at.

MR001 a counterpart item mirrors a self item of the same dimension and scale: no finding.
MR002 every other pairing is E118 at the `mirrors:` value, with the reason.
MR003 a mirror naming no question is a dangling reference (E104).
MR004 a counterpart item without `mirrors` is a warning (W211): blind spots leave it out.
MR005 a bank that uses neither field keeps its content hash (stored engagements still match).
MR006 `reliability` takes alpha in (0, 1), sd in (0, 100], n >= 2 and a source.
MR007 a `sequence` names practices of the bank (E104 otherwise).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxo_diag.bank.content_hash import content_hash
from cxo_diag.bank.load import load_bank
from cxo_diag.bank.validate import validate_file

TINY = Path(__file__).parents[2] / "fixtures" / "banks" / "valid" / "tiny.yaml"

RES_02 = """  - id: res-02
    dimension: resources
    scale: agree5
    perspective: self
"""


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    return [(f.code, f.line, f.col, f.message) for f in validate_file(path).findings]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_mirror_of_a_self_item__ok(tmp_path: Path) -> None:  # MR001
    assert findings(tmp_path, TINY.read_text()) == []


TWO_DIMENSIONS = """  - id: trust
    title: Trust
    bands:
      - {id: low, label: Low, from: 0, to: 50}
      - {id: high, label: High, from: 50, to: 100}
"""


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace("mirrors: res-02", "mirrors: res-01"), "it is a 'us' item"),
        (
            lambda t: (
                t.replace(RES_02, RES_02.replace("dimension: resources", "dimension: trust"))
                .replace("questions:", TWO_DIMENSIONS + "questions:")
                .replace(
                    "rules:",
                    "rules:\n  - {id: t, when: {gap: {dimension: trust, at_least: 9}},"
                    " recommend: joint-allocation}",
                )
            ),
            "it measures 'trust', not 'resources'",
        ),
        (
            lambda t: t.replace(RES_02, RES_02.replace("scale: agree5", "scale: yes-no")).replace(
                "dimensions:",
                "  - id: yes-no\n    points: [{value: 0, label: 'No'}, {value: 1, label: 'Yes'}]\n"
                "dimensions:",
            ),
            "it is answered on scale 'yes-no', not 'agree5'",
        ),
    ],
    ids=["us-item", "other-dimension", "other-scale"],
)
def test_mirror_of_an_unlike_item__error_at_the_mirrors_value(  # MR002
    tmp_path: Path, change: object, reason: str
) -> None:
    text = change(TINY.read_text())  # type: ignore[operator]
    found = [f for f in findings(tmp_path, text) if f[0] == "E118"]
    assert len(found) == 1, findings(tmp_path, text)
    _code, line, col, message = found[0]
    assert line == line_of(text, "    mirrors: ") and col == 14
    assert message.startswith("question 'res-03' cannot mirror") and reason in message


def test_only_a_counterpart_item_mirrors__and_only_once(tmp_path: Path) -> None:  # MR002
    text = TINY.read_text().replace(
        "    perspective: self\n", "    perspective: self\n    mirrors: res-02\n"
    )
    messages = [f[3] for f in findings(tmp_path, text) if f[0] == "E118"]
    assert messages == [
        "question 'res-02' cannot mirror 'res-02': only a 'counterpart' item mirrors, "
        "and this one is 'self'"
    ]
    twice = TINY.read_text().replace(
        "practices:",
        "  - id: res-04\n    dimension: resources\n    scale: agree5\n"
        "    perspective: counterpart\n    mirrors: res-02\n    text: The other leader weighs"
        " it.\n    probe: When?\npractices:",
    )
    messages = [f[3] for f in findings(tmp_path, twice) if f[0] == "E118"]
    assert messages == ["question 'res-04' cannot mirror 'res-02': 'res-03' already mirrors it"]


def test_mirror_of_no_question__dangling_reference(tmp_path: Path) -> None:  # MR003
    text = TINY.read_text().replace("mirrors: res-02", "mirrors: res-99")
    found = [f for f in findings(tmp_path, text) if f[0] == "E104"]
    assert [f[3] for f in found] == [
        "question 'res-99' is not defined (question 'res-03'); did you mean 'res-02'?"
    ]


def test_counterpart_without_mirror__warning(tmp_path: Path) -> None:  # MR004
    text = TINY.read_text().replace("    mirrors: res-02\n", "")
    found = findings(tmp_path, text)
    assert [(f[0], f[1]) for f in found] == [("W211", line_of(text, "  - id: res-03"))]
    assert "blind spots leave it out" in found[0][3]


def test_unused_new_fields_keep_the_content_hash(tmp_path: Path) -> None:  # MR005
    without = TINY.read_text().replace("    mirrors: res-02\n", "")
    path = tmp_path / "bank.yaml"
    path.write_text(without)
    bank = load_bank(path).bank
    assert bank is not None
    dumped = bank.model_dump(mode="json", by_alias=True, exclude={"include"})
    assert all("mirrors" in q for q in dumped["questions"])  # the model has the field ...
    path.write_text(TINY.read_text())
    mirrored = load_bank(path).bank
    assert mirrored is not None
    assert content_hash(mirrored) != content_hash(bank)  # ... and it counts when set
    # ... but unset it is left out: the hash is what the format without the field gave.
    import hashlib
    import json

    dumped.pop("open_questions", None)  # later fields too, left out at their defaults
    dumped.pop("sequence", None)
    dumped.pop("contradictions", None)
    dumped.pop("progress", None)
    for question in dumped["questions"]:
        del question["mirrors"]
    for dimension in dumped["dimensions"]:
        del dimension["reliability"]
    canonical = json.dumps(dumped, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert content_hash(bank) == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


RELIABILITY = (
    "    reliability: {alpha: 0.78, sd: 21.5, n: 212, source: Pilot 2026 of 212 leaders}\n"
)


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (RELIABILITY, None),
        (RELIABILITY.replace("0.78", "1.2"), "alpha"),
        (RELIABILITY.replace("21.5", "0"), "sd"),
        (RELIABILITY.replace("212,", "1,"), "n"),
        (RELIABILITY.replace(", source: Pilot 2026 of 212 leaders", ""), "source"),
    ],
    ids=["ok", "alpha-above-1", "sd-zero", "n-one", "no-source"],
)
def test_reliability_block(tmp_path: Path, block: str, problem: str | None) -> None:  # MR006
    text = TINY.read_text().replace("    bands:\n", block + "    bands:\n", 1)
    found = findings(tmp_path, text)
    if problem is None:
        assert found == []
        bank = load_bank(tmp_path / "bank.yaml").bank
        assert bank is not None and bank.dimensions[0].reliability is not None
        assert bank.dimensions[0].reliability.alpha == 0.78
    else:
        assert [f[0] for f in found] in (["E103"], ["E102"])
        assert found[0][1] == line_of(text, "    reliability:")
        assert problem in found[0][3]


def test_sequence_names_practices_of_the_bank(tmp_path: Path) -> None:  # MR007
    text = TINY.read_text() + "sequence: [joint-allocation, nope]\n"
    found = findings(tmp_path, text)
    assert [(f[0], f[3]) for f in found] == [
        ("E104", "practice 'nope' is not defined (sequence)"),
    ]
    assert found[0][1] == line_of(text, "sequence:")
