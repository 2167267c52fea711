"""What every report medium shares: band colours, number formats, and text neutralising.

Colours are named once here so the terminal, HTML and the chart agree. ``clean`` is applied
to every text that came from a bank or a respondent before any medium-specific escaping:
it turns control characters (ANSI escape sequences included) into visible ``\\x1b``-style
text, so nothing a bank author or respondent typed can move the cursor or recolour a
terminal.
"""

from __future__ import annotations

from datetime import datetime

from cxo_diag.scoring.model import (
    BandInfo,
    BlindSpot,
    Diagnosis,
    DimensionResult,
    Gap,
    NormRow,
    NormsSection,
    PracticeProgress,
    RespondentInfo,
    RoleChange,
    RoleScore,
)
from cxo_diag.text import one_line
from cxo_diag.text import who as _who

#: rich styles for the three severity levels (calm, middle, severe)
TERMINAL_LEVEL_STYLES = ("green", "yellow", "red")
#: the same levels for HTML and SVG, dark enough to print in greyscale distinctly
HTML_LEVEL_COLOURS = ("#2e7d32", "#c77700", "#c62828")
HTML_OBSERVER_OPACITY = "0.55"
NO_SCORE_COLOUR = "#9e9e9e"

BAR_WIDTH = 10


def level(band: BandInfo) -> int:
    """0 for the first (calmest) band, 2 for the last (most severe), 1 for any in between."""
    if band.index == 0:
        return 0
    return 2 if band.index == band.count - 1 else 1


def terminal_style(band: BandInfo | None) -> str:
    return "dim" if band is None else TERMINAL_LEVEL_STYLES[level(band)]


def html_colour(band: BandInfo | None) -> str:
    return NO_SCORE_COLOUR if band is None else HTML_LEVEL_COLOURS[level(band)]


def fmt_score(value: float | None) -> str:
    """A score as reports show it: 62.5, or 75 when whole; an en dash when missing."""
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def fmt_delta(value: float | None) -> str:
    """A change with its sign: +12.5, −5, 0 (negative means less friction)."""
    if value is None:
        return "–"
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "\u2212"
    return sign + fmt_score(abs(value))


def fmt_weight(value: float) -> str:
    return f"{value:g}"


def fmt_date(value: datetime | None) -> str:
    if value is None:
        return "–"
    return (
        value.strftime("%Y-%m-%d %H:%M %Z").strip()
        if value.tzinfo
        else value.strftime("%Y-%m-%d %H:%M")
    )


def bar(score: float | None, width: int = BAR_WIDTH) -> tuple[str, str]:
    """A text bar for a 0..100 score: (filled part, empty part), one cell per 100/width."""
    if score is None:
        return "", "·" * width
    filled = min(width, max(0, round(score * width / 100)))
    return "█" * filled, "░" * (width - filled)


PERSPECTIVE_WORDS = {
    "self": "about themselves",
    "counterpart": "about the other leader",
    "us": "about the relationship",
}
QUALITY_WORDS = {
    "straight-lining": "Same answer throughout",
    "contradiction": "Contradictory answers",
    "too-fast": "Answered very fast",
    "mostly-n/a": "Mostly not applicable",
    "no-usable-answers": "No usable answers",
}
NO_QUALITY_CONCERNS = (
    "No concerns: no straight-lining, contradictions, rushed or mostly n/a answers found."
)


def blind_spot_rows(diagnosis: Diagnosis) -> list[tuple[DimensionResult, BlindSpot]]:
    """The blind spots worth a line: both views known and some distance between them."""
    return [
        (dim, spot)
        for dim in diagnosis.dimensions
        for spot in dim.blind_spots
        if spot.gap is not None and spot.gap > 0
    ]


who = _who  # reports name roles as the evidence sentences do (defined once, in text.py)


def title_of(engagement: str | None) -> str:
    return one_line(engagement) if engagement else "Untitled engagement"


def answered_summary(respondent: RespondentInfo) -> str:
    """``5 of 43 answered, 1 n/a, 2 skipped, 35 not reached``: a skip is a question passed
    over on purpose, "not reached" one the answers do not mention (an interview in progress)."""
    r = respondent
    parts = [f"{r.answered} of {r.asked} answered"]
    if r.not_applicable:
        parts.append(f"{r.not_applicable} n/a")
    if r.skipped:
        parts.append(f"{r.skipped} skipped")
    if r.not_reached:
        parts.append(f"{r.not_reached} not reached")
    return ", ".join(parts) + (f" · {SET_ASIDE}" if r.set_aside else "")


def shared_wordings(views: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """Group (role, wording) pairs by wording, keeping first-seen order: one line per wording."""
    groups: list[tuple[list[str], str]] = []
    for role, wording in views:
        for roles, text in groups:
            if text == wording:
                roles.append(role)
                break
        else:
            groups.append(([role], wording))
    return groups


def answer_text(answer: float, label: str | None) -> str:
    if not label:
        return f"mean answer {fmt_score(answer)}"
    return f"{one_line(label)} ({fmt_score(answer)})"  # a scale label is bank text


def rule_tag(rule: str, kind: str, weight: float) -> str:
    return f"{rule} ({kind.replace('_', ' ')}, weight {fmt_weight(weight)})"


NOTES = (
    "Friction runs from 0 (calm) to 100 (severe); under each score its 95% interval. A "
    "dimension answered below {floor:.0%} of its weight shows 'not enough answers', never a "
    "number. The gap is the distance between the leaders' scores, a finding only beyond the "
    "error shown with it; observers are shown but are not a side of it. A role shared by "
    "several respondents shows spread, agreement and item answers only from {group} of them."
)

SUMMARY_HEADING = "Summary"
SET_ASIDE = "set aside: answer quality (see the caveats)"
NO_FINDINGS = "No finding stands out beyond measurement error in these answers."
NO_START = "Nothing to start on: these answers cannot support a recommendation."
CAVEATS_HEADING = "Caveats"


NORMS_HEADING = "Local norms: each score among earlier engagements of the same bank version"


def _engagements(count: int) -> str:
    return f"{count} earlier engagement{'' if count == 1 else 's'}"


def norms_intro(norms: NormsSection) -> str:
    """What the percentiles are measured against: the engagements in the store, and for
    each row those of them with a score there (the Sample column says how many)."""
    return (
        f"{_engagements(norms.references)} of {norms.bank_id} {norms.bank_version} in the "
        "norms store. Each percentile is the share of those with a score for that dimension "
        "and role that scored lower, ties counting half; higher means more friction than "
        "usual."
    )


def norms_hidden(norms: NormsSection) -> str:
    """Why no percentile is shown: too few engagements to compare with."""
    return (
        f"Hidden: {_engagements(norms.references)} of {norms.bank_id} "
        f"{norms.bank_version} in the norms store, at least {norms.min_sample} needed; a "
        "percentile from so few could point at one client."
    )


def norms_simulated(norms: NormsSection) -> str | None:
    """Simulated engagements never count; say how many were left out, if any."""
    count = norms.simulated_skipped
    if not count:
        return None
    return f"{count} simulated engagement{'' if count == 1 else 's'} left out."


def fmt_percentile(row: NormRow) -> str:
    return "hidden" if row.percentile is None else f"{row.percentile:.0f}"


def norms_sample(row: NormRow, norms: NormsSection) -> str:
    """The sample behind one percentile, or why it is hidden, counted against the earlier
    engagements the intro names: ``among 5``, or ``among 4 of 5 with a CMO score``, or
    ``only 0 of 1 has a CMO score (1 needed)``."""
    references = norms.references
    with_score = f"{row.sample} of {references}"
    verb = "has" if row.sample == 1 else "have"
    if row.percentile is None:
        return f"only {with_score} {verb} a {who(row.role)} score ({norms.min_sample} needed)"
    if row.sample == references:
        return f"among {row.sample}"
    return f"among {with_score} with a {who(row.role)} score"


def fmt_change(before: float | None, after: float | None, delta: float | None) -> str:
    """A score's change between rounds: ``62.5 → 40 (-22.5)``."""
    return f"{fmt_score(before)} → {fmt_score(after)} ({fmt_delta(delta)})"


def fmt_role_change(change: RoleChange) -> str:
    """A role's change with whether it is beyond error: ``58.3 → 41.7 (−16.6, reliable)``."""
    text = fmt_change(change.before, change.after, change.delta)
    if change.delta is None:
        return text
    if change.basis == "different":
        verdict = "other people"
    elif change.reliable:
        verdict = "reliable"
    else:
        verdict = "within error"
    if change.basis == "overlap":
        verdict += ", same people only"
    return text[:-1] + f", {verdict})"


def progress_heading(previous_round: int) -> str:
    return f"Progress signs since round {previous_round}"


PROGRESS_INTRO = (
    "For each practice recommended in the earlier round, the change in friction over the "
    "items its progress sign names, per role: the same people in both rounds, a change only "
    "beyond measurement error. A negative change means less friction."
)


def progress_verdict(progress: PracticeProgress) -> str:
    """Whether the sign's items moved: beyond error for whom, within error, or not tested."""
    less = [who(r.role) for r in progress.roles if r.reliable and (r.delta or 0) < 0]
    more = [who(r.role) for r in progress.roles if r.reliable and (r.delta or 0) > 0]
    if less or more:
        said = []
        if less:
            said.append(f"less friction for {' and '.join(less)}")
        if more:
            said.append(f"more friction for {' and '.join(more)}")
        return "moved beyond measurement error: " + "; ".join(said)
    if any(r.rci is not None for r in progress.roles):
        return "no change beyond measurement error"
    if any(r.basis == "different" for r in progress.roles):
        return "not tested: different people answered in the two rounds"
    return "not tested: no score on these items in one of the rounds"


def progress_changes(progress: PracticeProgress) -> str:
    """``COO 62.5 → 37.5 (−25, reliable) · CMO 50 → 45 (−5, within error)``."""
    return " · ".join(f"{who(r.role)} {fmt_role_change(r)}" for r in progress.roles)


def fmt_interval(score: RoleScore) -> str:
    """The 95% interval of a score: ``54–100``; empty without one."""
    if score.ci is None:
        return ""
    return f"{fmt_score(score.ci[0])}–{fmt_score(score.ci[1])}"


def gap_verdict(gap: Gap) -> str:
    """``beyond error (27)`` or ``within error (27)``: the gap against its critical difference."""
    word = "beyond" if gap.beyond_error else "within"
    return f"{word} error ({fmt_score(gap.critical)})"


def spot_verdict(spot: BlindSpot) -> str:
    if spot.critical is None:
        return ""
    word = "beyond" if spot.beyond_error else "within"
    return f"{word} error ({fmt_score(spot.critical)})"


def practice_titles(diagnosis: Diagnosis, ids: list[str]) -> list[str]:
    """The titles of the summary's practices, in its order."""
    titles = []
    for practice_id in ids:
        ranked = diagnosis.practice(practice_id)
        titles.append(one_line(ranked.practice.title) if ranked is not None else practice_id)
    return titles
