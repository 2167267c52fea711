"""Open answers in reports and the agenda: who may read which, and how they are shown.

OR01 The consultant's report (terminal, Markdown, HTML, PDF, JSON) and agenda show every open
     answer verbatim under its dimension, with who wrote it.
OR02 The client's report and agenda show none of the questions the bank does not mark
     ``shareable``, in any medium; nor the words of one person alone.
OR03 A shareable question answered by two people or more reaches the client unattributed: no
     name, no role, in the order of the texts (not the order of the respondents).
OR04 A self-assessment's report shows the respondent's own open answers ("your own words").
OR05 Open answers are never scored: the same scale answers with and without them give the
     same scores, findings and practices.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

import pytest
from pypdf import PdfReader

from cxo_diag.answers import AnswerSet, BankRef, Respondent
from cxo_diag.app.context import with_context
from cxo_diag.bank.registry import ResolvedBank, open_bank
from cxo_diag.report.agenda import render_agenda
from cxo_diag.report.render import render, render_document
from cxo_diag.scoring import Diagnosis, diagnose

PRIVATE = "Ana-private: the CMO hides the campaign costs"  # res-open, not shareable
KEEP = "Bo-keep: the monthly check-in"  # res-open-keep, not shareable
ANA_SHARED = "Zeta criterion: payback within a year"  # res-open-criteria, shareable
BO_SHARED = "Alpha criterion: customer value first"


@pytest.fixture(scope="module")
def mini() -> ResolvedBank:
    return open_bank("mini")


def answer_sets(mini: ResolvedBank, bo_shares: bool = True) -> list[AnswerSet]:
    ref = BankRef(id="mini", version=mini.bank.version, hash=mini.hash)
    bo_words = {"res-open-keep": KEEP} | ({"res-open-criteria": BO_SHARED} if bo_shares else {})
    return [
        AnswerSet(
            bank=ref,
            respondent=Respondent(name="Ana Ruiz", role="coo"),
            answers={"res-01": 5, "res-02": 2, "res-03": 1},
            open_answers={"res-open": PRIVATE, "res-open-criteria": ANA_SHARED},
        ),
        AnswerSet(
            bank=ref,
            respondent=Respondent(name="Bo Lind", role="cmo"),
            answers={"res-01": 2, "res-02": 4, "res-03": 3},
            open_answers=bo_words,
        ),
    ]


def diagnosis_of(mini: ResolvedBank, sets: Sequence[AnswerSet]) -> Diagnosis:
    return with_context(diagnose(mini.bank, list(sets)), mini.bank, sets)


def media(diagnosis: Diagnosis, mini: ResolvedBank, audience: str) -> dict[str, str]:
    """Every medium's text for ``audience``: the PDF read back as text."""
    shown = {
        fmt: render(diagnosis, fmt, width=200, audience=audience)  # type: ignore[arg-type]
        for fmt in ("terminal", "markdown", "html", "json")
    }
    pdf = render_document(diagnosis, "pdf", audience=audience)  # type: ignore[arg-type]
    assert isinstance(pdf, bytes)
    reader = PdfReader(io.BytesIO(pdf))
    shown["pdf"] = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    shown["agenda"] = render_agenda(diagnosis, mini.bank, audience)  # type: ignore[arg-type]
    return shown


def test_or01_the_consultant_reads_every_open_answer_with_its_author(mini: ResolvedBank) -> None:
    diagnosis = diagnosis_of(mini, answer_sets(mini))
    for medium, text in media(diagnosis, mini, "consultant").items():
        flat = " ".join(text.split())
        for words in (PRIVATE, KEEP, ANA_SHARED, BO_SHARED):
            assert words in flat, (medium, words)
        if medium != "json":
            assert "Ana Ruiz" in flat and "Resource allocation" in flat, medium
    markdown = render(diagnosis, "markdown", audience="consultant")
    section = markdown[markdown.index("## In their own words") :]
    assert section.index("### Resource allocation") < section.index(PRIVATE)  # its dimension
    assert f"- **Ana Ruiz (COO)**: {PRIVATE}" in section
    agenda = render_agenda(diagnosis, mini.bank, "consultant")
    dimension = agenda[agenda.index("### 2.1 Resource allocation") : agenda.index("## 3.")]
    assert f"  - **Ana Ruiz (COO)**: {PRIVATE}" in dimension
    data = json.loads(render(diagnosis, "json", audience="consultant"))
    (private,) = [q for q in data["open_answers"] if q["question"] == "res-open"]
    assert private["answers"] == [{"respondent": "Ana Ruiz", "role": "coo", "text": PRIVATE}]


def test_or02_and_or03_a_client_reads_only_shared_questions_unattributed(
    mini: ResolvedBank,
) -> None:
    diagnosis = diagnosis_of(mini, answer_sets(mini))
    for medium, text in media(diagnosis, mini, "client").items():
        flat = " ".join(text.split())
        assert PRIVATE not in flat and KEEP not in flat, medium
        assert ANA_SHARED in flat and BO_SHARED in flat, medium
        # Sorted by text: Alpha (Bo's) before Zeta (Ana's), whatever the respondents' order.
        assert flat.index(BO_SHARED) < flat.index(ANA_SHARED), medium
        around = flat[flat.index(BO_SHARED) - 40 : flat.index(ANA_SHARED) + len(ANA_SHARED) + 20]
        assert "Ana" not in around.replace(ANA_SHARED, "") and "Bo " not in around, medium
        assert "COO" not in around and "CMO" not in around, (medium, around)
    data = json.loads(render(diagnosis, "json", audience="client"))
    assert data["open_answers"][0]["answers"] == [
        {"respondent": "", "role": "", "text": BO_SHARED},
        {"respondent": "", "role": "", "text": ANA_SHARED},
    ]


def test_or02_one_person_s_shared_answer_alone_stays_with_the_consultant(
    mini: ResolvedBank,
) -> None:
    diagnosis = diagnosis_of(mini, answer_sets(mini, bo_shares=False))
    for medium, text in media(diagnosis, mini, "client").items():
        flat = " ".join(text.split())
        assert ANA_SHARED not in flat and PRIVATE not in flat, medium
        assert "In their own words" not in flat, medium
    assert ANA_SHARED in render(diagnosis, "markdown", audience="consultant")


def test_or04_a_self_assessment_shows_your_own_words(mini: ResolvedBank) -> None:
    (ana, _) = answer_sets(mini)
    diagnosis = diagnosis_of(mini, [ana])
    for fmt in ("terminal", "markdown", "html"):
        text = " ".join(render(diagnosis, fmt, width=200, audience="client").split())
        assert "In your own words" in text and PRIVATE in text, fmt
        assert "Ana Ruiz (COO)" not in text[text.index("In your own words") :], fmt


def test_or05_open_answers_are_never_scored(mini: ResolvedBank) -> None:
    sets = answer_sets(mini)
    silent = [s.model_copy(update={"open_answers": {}}) for s in sets]
    worded, plain = diagnose(mini.bank, sets), diagnose(mini.bank, silent)
    assert worded.model_dump(exclude={"header"}) == plain.model_dump(exclude={"header"})
