"""A facilitation agenda for the joint workshop, in Markdown, from a Diagnosis.

The leaders meet to talk about what they see differently, so the agenda opens with the
largest perception gaps (with the items behind them and the probes to ask), then the blind
spots, then the top practices to decide on, and ends with commitments. It reads only the
Diagnosis and the bank (for the probes of each dimension), like every report.
"""

from __future__ import annotations

from cxo_diag.bank.model import Bank
from cxo_diag.report import audience as aud
from cxo_diag.report import theme
from cxo_diag.report.audience import Audience
from cxo_diag.report.markdown import md, md_lines
from cxo_diag.scoring.model import Diagnosis, DimensionResult, ItemGap, Note, RankedPractice

TOP_PRACTICES = 3
"""How many practices the workshop decides on: more than three rarely get started."""

MAX_PROBES_PER_DIMENSION = 3


def gaps_largest_first(diagnosis: Diagnosis) -> list[DimensionResult]:
    """Dimensions with a measured gap, largest first (ties in bank order)."""
    measured = [d for d in diagnosis.dimensions if d.gap is not None and d.gap.value > 0]
    order = {d.id: i for i, d in enumerate(diagnosis.dimensions)}
    return sorted(measured, key=lambda d: (-(d.gap.value if d.gap else 0.0), order[d.id]))


def _who_sees_more(result: DimensionResult) -> str:
    scores = " · ".join(
        f"{theme.who(r.role)} {theme.fmt_score(r.score)}"
        + (f" ({md(r.band.label)})" if r.band else "")
        for r in result.roles
        if r.asked
    )
    gap = result.gap
    if gap is not None and gap.value > 0:
        verdict = (
            "beyond measurement error"
            if gap.beyond_error
            else "within measurement error: talk about it, do not argue about the number"
        )
        return (
            f"{scores}. {theme.who(gap.high)} sees more friction than "
            f"{theme.who(gap.low)}, {verdict} ({theme.fmt_score(gap.critical)})."
        )
    return f"{scores}."


def _item_lines(item: ItemGap, people: bool, notes: list[Note]) -> list[str]:
    lines = [f"- `{item.question}` (gap {theme.fmt_score(item.gap)}):"]
    if not people:
        for roles, wording in theme.shared_wordings([(v.role, v.wording) for v in item.views]):
            readers = ", ".join(theme.who(role) for role in roles)
            lines.append(f"  - {readers} read \u201c{md(wording)}\u201d")
        lines.append(f"  - {md(aud.anonymous_gap(item))}")
    for view in item.views if people else []:
        answer = theme.answer_text(view.answer, view.answer_label)
        lines.append(
            f"  - {theme.who(view.role)} read \u201c{md(view.wording)}\u201d and answered "
            f"{md(answer)}"
        )
    if item.probe:
        lines.append(f"  - **Ask:** {md(item.probe)}")
    lines += [f"  - *Note* ({md(n.respondent)}, {theme.who(n.role)}): {md(n.text)}" for n in notes]
    return lines


def _dimension_section(
    number: int,
    result: DimensionResult,
    diagnosis: Diagnosis,
    bank: Bank,
    minutes: int,
    *,
    audience: Audience,
) -> list[str]:
    lines = [
        f"### 2.{number} {md(result.title)}: gap "
        f"{theme.fmt_score(result.gap.value if result.gap else None)} points ({minutes} minutes)",
        "",
        _who_sees_more(result),
        "",
    ]
    items = [i for i in diagnosis.disagreements if i.dimension == result.id]
    if items:
        lines += ["The answers furthest apart:", ""]
        people = aud.shows_people(diagnosis, audience)
        notes = {q.question: q.notes for q in diagnosis.notes}
        if not aud.shows_notes(diagnosis, audience):
            notes = {}
        for item in items:
            lines += _item_lines(item, people, notes.get(item.question, []))
        lines.append("")
    shown = {i.question for i in items}
    probes = [
        q.probe
        for q in bank.questions
        if q.dimension == result.id and q.probe and q.id not in shown
    ][:MAX_PROBES_PER_DIMENSION]
    if probes:
        lines += ["More questions to ask:", ""]
        lines += [f"- {md(probe)}" for probe in probes]
        lines.append("")
    lines += _open_lines(diagnosis, audience, result.id)
    return lines


def _open_lines(diagnosis: Diagnosis, audience: Audience, dimension: str | None) -> list[str]:
    """The open answers of one dimension (``None``: of every dimension without a section),
    verbatim and escaped; the client's copy only the shareable ones, unattributed."""
    lines: list[str] = []
    for title, questions in aud.open_answers_by_dimension(diagnosis, audience):
        here = (
            questions if dimension is None else [q for q in questions if q.dimension == dimension]
        )
        if not here:
            continue
        lines += [f"In their own words{'' if dimension else ' (' + md(title) + ')'}:", ""]
        for q in here:
            lines.append(f"- `{q.question}` \u201c{md(q.wording)}\u201d")
            for answer in q.answers:
                label = aud.open_answer_label(answer, diagnosis)
                text = md_lines(answer.text).replace("\n  ", "\n    ")
                lines.append(f"  - {f'**{md(label)}**: ' if label else ''}{text}")
        lines.append("")
    return lines


def _blind_spot_lines(diagnosis: Diagnosis) -> list[str]:
    lines: list[str] = []
    for result in diagnosis.dimensions:
        for spot in result.blind_spots:
            if spot.gap is None or spot.gap <= 0:
                continue
            lines.append(
                f"- {md(result.title)}: {theme.who(spot.role)} rates itself "
                f"{theme.fmt_score(spot.self_score)}, the others see "
                f"{theme.fmt_score(spot.others_view)} (gap {theme.fmt_score(spot.gap)}). "
                f"Ask {theme.who(spot.role)} to describe the last time it came up, then the "
                "others."
            )
    return lines


def _owner(owner: str) -> str:
    named = {
        "both": "both leaders",
        "ceo": "the CEO",
        "blind-spot": "the leader with the blind spot",
    }
    return named.get(owner) or md(theme.who(owner))


def _practice_lines(number: int, ranked: RankedPractice, people: bool) -> list[str]:
    practice = ranked.practice
    lines = [
        f"### 4.{number} {md(practice.title)}",
        "",
        f"Owner: {_owner(practice.owner)} · cadence: {md(practice.cadence)}",
        "",
        f"Why: {md(practice.why)}",
        "",
        "Because:",
        "",
    ]
    lines += [f"- {md(aud.evidence_text(e, people))}" for e in ranked.evidence]
    lines += ["", "First steps to agree on:", ""]
    lines += [f"{i}. {md(step)}" for i, step in enumerate(practice.first_steps, start=1)]
    lines += ["", f"Sign of progress: {md(practice.progress_sign)}", ""]
    return lines


OPENING_MINUTES = 10
BLIND_SPOT_MINUTES = 10
COMMITMENT_MINUTES = 10


def _gap_minutes(number: int) -> int:
    """The largest gap gets 20 minutes, the next two 15, the others 10."""
    return 20 if number == 1 else 15 if number <= 3 else 10


def render_agenda(diagnosis: Diagnosis, bank: Bank, audience: Audience = "client") -> str:
    """The workshop agenda as one Markdown document (deterministic for the same answers).

    For the client (the default: the leaders see it together) no one's answers are shown;
    the consultant's copy has each answer and the interview notes under their questions.
    """
    header = diagnosis.header
    people = (
        ", ".join(f"{md(r.name)} ({theme.who(r.role)})" for r in header.respondents) or "nobody yet"
    )
    gaps = gaps_largest_first(diagnosis)
    subtitle = aud.subtitle(header)
    gap_minutes = [_gap_minutes(number) for number in range(1, len(gaps) + 1)]
    total = OPENING_MINUTES + sum(gap_minutes) + BLIND_SPOT_MINUTES + COMMITMENT_MINUTES
    lines = [
        f"# Joint workshop agenda: {md(aud.title(header))}",
        "",
        f"*{md(subtitle) + ' · ' if subtitle else ''}"
        f"{md(header.bank_title)} ({md(header.bank_id)} {md(header.bank_version)}) · "
        f"round {header.round} · from the answers of {people}*",
        "",
        "Purpose: see where each of you feels friction, understand the points you see "
        "differently, and choose the first practices to start together.",
        "",
        f"Time: {total} minutes across the timed sections, plus section 4 (practices to "
        "decide on), which is not timed.",
        "",
        f"## 1. Opening ({OPENING_MINUTES} minutes)",
        "",
        "- The facilitator states the purpose and the ground rules: one voice at a time; "
        "paraphrase the other before answering; talk about the next plan, not the last fight.",
        "- Each leader says in two sentences what would make today worthwhile.",
        "",
        "## 2. Where you see things differently (largest gaps first)",
        "",
    ]
    if not gaps:
        lines += ["No perception gap could be measured (one role only, or too few answers).", ""]
    for number, (result, minutes) in enumerate(zip(gaps, gap_minutes, strict=True), start=1):
        lines += _dimension_section(number, result, diagnosis, bank, minutes, audience=audience)
    sections = {result.id for result in gaps}
    leftover = diagnosis.model_copy(
        update={"open_answers": [q for q in diagnosis.open_answers if q.dimension not in sections]}
    )
    lines += _open_lines(leftover, audience, None)
    blind = _blind_spot_lines(diagnosis)
    lines += [f"## 3. Blind spots ({BLIND_SPOT_MINUTES} minutes)", ""]
    lines += blind or ["No blind spot stands out."]
    lines += ["", "## 4. Practices to decide on", ""]
    top = diagnosis.practices[:TOP_PRACTICES]
    if not top:
        lines += ["No rule of the bank recommended a practice for these answers.", ""]
    for number, ranked in enumerate(top, start=1):
        lines += _practice_lines(number, ranked, aud.shows_people(diagnosis, audience))
    lines += [
        f"## 5. Commitments ({COMMITMENT_MINUTES} minutes)",
        "",
        "- For each practice chosen: who owns it, the first step and its date, and the sign "
        "of progress you will check.",
        "- Agree the date of the re-assessment (a new round of the same questions), so you "
        "can see what changed.",
        "",
    ]
    return "\n".join(lines)
