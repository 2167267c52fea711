"""Who reads the report, and what that changes: the wording each medium shares.

``client`` is what a CEO may read: role scores, gaps, practices, and talking points told as
"one leader ... the other ...", but no individual answer, no interview note and no figure
about one person. ``consultant`` is everything, the notes under their questions and the open
answers under their dimensions included; a client sees an open question's answers only when
the bank marks it ``shareable``, unattributed, and only from two people on.
A report for one respondent (a self-assessment) speaks to "you" and is private to them.
"""

from __future__ import annotations

from typing import Literal

from cxo_diag.report import theme
from cxo_diag.scoring.model import (
    Diagnosis,
    Evidence,
    Header,
    ItemGap,
    OpenAnswer,
    OpenAnswers,
    QualityFlag,
)
from cxo_diag.text import one_line

Audience = Literal["client", "consultant"]
AUDIENCES: tuple[Audience, ...] = ("client", "consultant")

#: the formats that travel (sent, printed) show the client's report unless told otherwise
CLIENT_FIRST = ("html", "pdf", "markdown")


def default_audience(fmt: str) -> Audience:
    """client for the documents a consultant sends; consultant for the screen and JSON."""
    return "client" if fmt in CLIENT_FIRST else "consultant"


def is_solo(diagnosis: Diagnosis) -> bool:
    """One respondent: a self-assessment, with no other view to compare with."""
    return len(diagnosis.header.respondents) == 1


def shows_notes(diagnosis: Diagnosis, audience: Audience) -> bool:
    """The notes are the consultant's, or the one respondent's own."""
    return bool(diagnosis.notes) and (audience == "consultant" or is_solo(diagnosis))


MIN_SHARED_OPEN_ANSWERS = 2
"""A client report shows a shareable question's answers only from this many respondents:
one answer alone, even unattributed, is one identifiable person's words."""


def open_answers_for(diagnosis: Diagnosis, audience: Audience) -> list[OpenAnswers]:
    """The open answers this audience may read. The consultant (and a respondent reading
    their own report) gets every one, with who wrote it. A client gets only the questions
    the bank marks ``shareable``, answered by at least ``MIN_SHARED_OPEN_ANSWERS`` people,
    with no name or role and in the order of the texts, so nothing ties an answer to its
    author: not a label, not the order the respondents are listed in."""
    if shows_people(diagnosis, audience):
        return list(diagnosis.open_answers)
    shared = []
    for question in diagnosis.open_answers:
        people = {(a.respondent, a.role) for a in question.answers}
        if not question.shareable or len(people) < MIN_SHARED_OPEN_ANSWERS:
            continue
        unattributed = [OpenAnswer(respondent="", role="", text=a.text) for a in question.answers]
        unattributed.sort(key=lambda a: a.text)
        shared.append(question.model_copy(update={"answers": unattributed}))
    return shared


def open_answers_by_dimension(
    diagnosis: Diagnosis, audience: Audience
) -> list[tuple[str, list[OpenAnswers]]]:
    """``open_answers_for`` grouped under their dimension's title, in the bank's order."""
    shown = open_answers_for(diagnosis, audience)
    groups: list[tuple[str, list[OpenAnswers]]] = []
    for result in diagnosis.dimensions:
        here = [q for q in shown if q.dimension == result.id]
        if here:
            groups.append((result.title, here))
    placed = {q.question for _, here in groups for q in here}
    rest = [q for q in shown if q.question not in placed]  # a dimension not in the results
    for question in rest:
        groups.append((question.dimension_title, [question]))
    return groups


def open_answer_label(answer: OpenAnswer, diagnosis: Diagnosis) -> str:
    """Who wrote it, as a report shows it: empty for the client and for oneself."""
    if not answer.respondent or is_solo(diagnosis):
        return ""
    return f"{one_line(answer.respondent)} ({theme.who(answer.role)})"


def shows_people(diagnosis: Diagnosis, audience: Audience) -> bool:
    """Individual answers and per-person figures: for the consultant, or for oneself."""
    return audience == "consultant" or is_solo(diagnosis)


def audience_words(diagnosis: Diagnosis, audience: Audience) -> str:
    """Who a copy is for, on its first line, so a consultant's copy is never sent by mistake."""
    if is_solo(diagnosis):
        return "for you alone"
    if audience == "consultant":
        return "consultant's copy, with individual answers and notes: do not forward"
    return "client report"


def title(header: Header) -> str:
    """The organisation when known, else the engagement; a self-assessment says so."""
    if header.organisation:
        return one_line(header.organisation)
    if header.engagement:
        return one_line(header.engagement)
    if len(header.respondents) == 1:
        return "Your self-assessment"
    return theme.title_of(None)


def subtitle(header: Header) -> str | None:
    """The engagement's name beside the organisation's, when both are known and differ."""
    if header.organisation and header.engagement and header.engagement != header.organisation:
        return f"Engagement {one_line(header.engagement)}"
    return None


def people_line(header: Header) -> str:
    """The respondents by name and role, without figures: ``Ada (COO), Ben (CMO)``."""
    observers = {r.id for r in header.roles if r.observer}
    if not header.respondents:
        return "none"
    return ", ".join(
        f"{one_line(r.name)} ({theme.who(r.role)}{', observer' if r.role in observers else ''})"
        for r in header.respondents
    )


def anonymous_gap(item: ItemGap) -> str:
    """A talking point without anybody's answer: how far apart, never who said what."""
    gap = theme.fmt_score(item.gap)
    if len(item.views) == 2:
        return (
            f"One leader's answer signals far more friction here than the other's: "
            f"{gap} points apart on the 0-100 friction scale."
        )
    return f"The answers are up to {gap} points apart on the 0-100 friction scale."


def evidence_text(evidence: Evidence, people: bool) -> str:
    """Why a rule fired; for the client an answer rule names the question, not the answer."""
    if people or evidence.kind != "answer":
        return evidence.because
    question = f" to {evidence.question}" if evidence.question else ""
    return f"A leader's answer{question} met this rule's condition."


def client_quality(flag: QualityFlag) -> str:
    """A quality concern without the person's figures: which role, and what follows."""
    return (
        f"the answers of one respondent ({theme.who(flag.role)}) call for care in reading "
        "that role's scores; the consultant can explain."
    )


DIMENSIONS_HEADING = "Dimensions: friction per role (0 calm .. 100 severe) and the gap"
SOLO_DIMENSIONS_HEADING = "Dimensions: the friction you see (0 calm .. 100 severe)"
NOTES_HEADING = "Interview notes, under their questions"
SOLO_NOTES_HEADING = "Your notes, under their questions"
OPEN_HEADING = "In their own words: the open questions, by dimension"
SOLO_OPEN_HEADING = "In your own words: the open questions, by dimension"
CLIENT_OPEN_HEADING = "In their own words: shared open questions, by dimension, unattributed"


def open_heading(diagnosis: Diagnosis, audience: Audience) -> str:
    if is_solo(diagnosis):
        return SOLO_OPEN_HEADING
    return OPEN_HEADING if audience == "consultant" else CLIENT_OPEN_HEADING


SOLO_NOTES = (
    "Friction runs from 0 (calm) to 100 (severe). A dimension answered below {floor:.0%} of "
    "its weight shows 'not enough answers', never a number. This report is yours alone: it "
    "shows how you see the relationship, not how the others see it."
)


def footnote(diagnosis: Diagnosis) -> str:
    h = diagnosis.header
    text = SOLO_NOTES if is_solo(diagnosis) else theme.NOTES
    return text.format(floor=h.coverage_floor, group=h.min_group_size)
