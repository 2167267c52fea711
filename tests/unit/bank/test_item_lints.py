"""Item lints about whom and how often an item asks (bank/checks/item_lints.py).

IL01 W212 double-barrelled by actor: one answer for two people's conduct is flagged.
IL02 W213 no direction: an imbalance without saying which way is flagged.
IL03 W214 "how often" on an agreement scale is flagged; on a frequency scale it is not.
IL04 the v2 rewrites of the items these lints caught are quiet, and so are joint acts.
IL05 each finding carries its code, a hint and the line of the wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import FIXTURES

from cxo_diag.bank.english.actors import (
    double_barrelled_by_actor,
    frequency_wording,
    is_agreement_scale,
    no_direction,
)
from cxo_diag.bank.validate import validate_file

TINY = (FIXTURES / "banks" / "valid" / "tiny.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In meetings, we each discount the kind of evidence the other brings.", "'we each'"),
        ("We ask each other clarifying questions before we disagree.", "'each other'"),
        ("Each of them knows which decisions are theirs to make.", "'each of them'"),
        ("Each leader's yearly goals make the other's goals harder to reach.", "'each leader's'"),
        ("We both keep the other informed of changes.", "'we both'"),
    ],
)
def test_il01_two_actors_in_one_answer__flagged(text: str, found: str) -> None:
    assert double_barrelled_by_actor(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "In planning, one of our two voices carries more weight than the other.",
            "'one of our two voices'",
        ),
        ("Budget talks end with one side feeling it lost.", "'one side'"),
        ("In planning, one of us usually gets the final word.", "'one of us'"),
    ],
)
def test_il02_imbalance_without_direction__flagged(text: str, found: str) -> None:
    assert no_direction(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("How often do disagreements turn personal?", "'how often'"),
        ("The same dispute comes back at each quarterly review.", "'at each'"),
        ("Old disputes between us come up again when we decide.", "'come up again'"),
        ("We often leave meetings with different accounts.", "'often'"),
    ],
)
def test_il03_frequency_words__found(text: str, found: str) -> None:
    assert frequency_wording(text) == found


def test_il03_agreement_and_frequency_scales__told_apart() -> None:
    assert is_agreement_scale(
        ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
    )
    assert not is_agreement_scale(["Never", "Rarely", "Sometimes", "Often", "Always"])


@pytest.mark.parametrize(
    "text",
    [
        # v2 wordings of com-01, rol-04, res-01, vis-04, com-05 and a joint act
        "In meetings, I give a customer story less weight than a number.",
        "In planning, my voice carries more weight than the CMO's.",
        "Budget talks with the CMO end with my function feeling it lost out.",
        "The CMO's goals for this year make my goals harder to reach.",
        "In our meetings, a point is restated before anyone argues against it.",
        "The two of them disagree on how much change the business can absorb.",
        "Spending disputes between us end up with the CEO to settle.",
    ],
)
def test_il04_one_actor_or_the_pair__quiet(text: str) -> None:
    assert double_barrelled_by_actor(text) is None
    assert no_direction(text) is None
    assert frequency_wording(text) is None


def _bank_with(tmp_path: Path, text: str, scale_labels: list[str] | None = None) -> Path:
    bank = TINY.replace(
        "text: Budget talks between us end with my function feeling it lost out.", f"text: {text}"
    )
    if scale_labels is not None:
        old = [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ]
        for before, after in zip(old, scale_labels, strict=True):
            bank = bank.replace(f"label: {before}}}", f"label: {after}}}")
    path = tmp_path / "bank.yaml"
    path.write_text(bank, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We each weigh the budget requests we get.", "W212"),
        ("In planning, one of our two voices carries more weight.", "W213"),
        ("How often do budget talks end badly?", "W214"),
    ],
)
def test_il05_finding_names_code_hint_and_line(tmp_path: Path, text: str, code: str) -> None:
    path = _bank_with(tmp_path, text)
    findings = [f for f in validate_file(path).findings if f.code == code]
    assert len(findings) == 1, validate_file(path).findings
    finding = findings[0]
    assert "res-01" in finding.message
    assert finding.hint
    assert finding.anchor == f"docs/bank-format.md#{code.lower()}"
    assert (
        path.read_text(encoding="utf-8").splitlines()[finding.line - 1].strip().startswith("text:")
    )


def test_il03_frequency_on_a_frequency_scale__quiet(tmp_path: Path) -> None:
    path = _bank_with(
        tmp_path,
        "How often do budget talks end badly?",
        ["Never", "Rarely", "Sometimes", "Often", "Always"],
    )
    assert "W214" not in [f.code for f in validate_file(path).findings]
