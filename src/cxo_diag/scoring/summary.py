"""Page one: at most three findings, one to three practices to start with, a few to also
consider, and the caveats a reader must know first.

A *finding* is friction a leader reports (a score in the dimension's worst band), a gap
between the leaders beyond measurement error, or a blind spot beyond it. Each dimension gives
at most one, its strongest, so three findings name three different problems. "Start here"
covers the worst findings: for each in turn, the strongest practice with evidence on that
dimension, unless a practice already chosen has evidence there too. "Also consider" is the
next strongest, at most five. Practices without evidence of their own are never listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxo_diag.bank.model import Bank
from cxo_diag.scoring import error
from cxo_diag.scoring.dimensions import low_agreement
from cxo_diag.scoring.engagement import Engagement, who
from cxo_diag.scoring.model import (
    Caveat,
    DimensionResult,
    Finding,
    QualityFlag,
    RankedPractice,
    Summary,
)
from cxo_diag.scoring.ranking import AGREEMENT_BOOST, practice_order
from cxo_diag.scoring.rules import Context, sides_with

MAX_FINDINGS = 3
MAX_START_HERE = 3
MAX_ALSO_CONSIDER = 5

DISAGREEMENT_PREMIUM = 0.5
"""A gap beyond error weighs half again the friction at stake: it is two problems at once,
the friction one leader reports and the other's not seeing it."""


def _names(roles: Sequence[str]) -> str:
    named = [who(r) for r in roles]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _friction(ctx: Context, dim: DimensionResult) -> Finding | None:
    """Friction a leader reports in the dimension's worst band, with everyone above the
    calmest band named beside them (observers too), and the leaders who report none."""
    leaders = {r.id for r in ctx.eng.present_leaders}
    # A role whose members disagree has no shared view to report (a caveat says so).
    hot = [
        rs
        for rs in dim.roles
        if rs.score is not None
        and rs.band
        and rs.band.index > 0
        and low_agreement(ctx.eng, rs.role, dim.id) is None
    ]
    hot_leaders = [rs for rs in hot if rs.role in leaders]
    # Page one is for what is severe: a leader in the dimension's worst band. Milder bands
    # still bring evidence and practices, below the summary.
    if not any(rs.band and rs.band.index == rs.band.count - 1 for rs in hot_leaders):
        return None
    top = max(hot_leaders, key=lambda rs: rs.score or 0.0)
    worst = top.band.index if top.band else 0
    # Agreement counts the people who put the dimension in the top leader's band or worse:
    # "strained" beside "friction" is not the same report.
    alike = [rs for rs in hot if rs.band is not None and rs.band.index >= worst]
    severity = (top.score or 0.0) / 100 * (1 + AGREEMENT_BOOST * (len(alike) - 1))
    shown = ", ".join(
        f"{who(rs.role)} {rs.score:g} ({rs.band.label if rs.band else ''})" for rs in hot
    )
    scored = [rs for rs in dim.roles if rs.role in leaders and rs.score is not None]
    calm = [rs for rs in scored if rs not in hot]
    if len(hot_leaders) == 2 and not calm:
        subject = f"Both leaders report friction on {dim.title}"
    elif len(hot_leaders) == 1:
        subject = f"The {who(hot_leaders[0].role)} reports friction on {dim.title}"
    else:
        subject = f"The {_names([rs.role for rs in hot_leaders])} report friction on {dim.title}"
    observers = [rs.role for rs in hot if rs.role not in leaders]
    sentence = subject + (f", and the {_names(observers)} sees it too" if observers else "")
    if calm:
        verb = "does" if len(calm) == 1 else "do"
        sentence += f"; the {_names([rs.role for rs in calm])} {verb} not ("
        sentence += ", ".join(f"{rs.score:g}" for rs in calm) + ")"
    return Finding(
        kind="friction",
        dimension=dim.id,
        roles=[rs.role for rs in hot],
        sentence=sentence + ".",
        evidence=f"Friction out of 100: {shown}.",
        severity=round(severity, 3),
    )


def _gap(ctx: Context, dim: DimensionResult) -> Finding | None:
    gap = dim.gap
    if gap is None or not gap.beyond_error or gap.unsettled:
        return None
    high, low = dim.role_score(gap.high), dim.role_score(gap.low)
    assert high is not None and low is not None
    sentence = f"The {who(gap.high)} sees much more friction on {dim.title} than the {who(gap.low)}"
    evidence = (
        f"{who(gap.high)} {high.score:g} against {who(gap.low)} {low.score:g}: {gap.value:g} "
        f"points apart, where measurement error explains up to {gap.critical:g}."
    )
    side = sides_with(ctx, dim.id)
    if side is not None:
        observer, leader, score = side
        sentence += f"; the {who(observer)}'s view sides with the {who(leader)}"
        evidence += f" The {who(observer)} scores the items about the pair {score:g}."
    # Agreement, as for friction: the people who put the dimension in the high side's band
    # or worse (the low side cannot: the gap is beyond error).
    worst = high.band.index if high.band else 0
    reporting = sum(1 for rs in dim.roles if rs.band is not None and rs.band.index >= worst)
    severity = (high.score or 0.0) / 100 * (1 + AGREEMENT_BOOST * (reporting - 1))
    return Finding(
        kind="gap",
        dimension=dim.id,
        roles=[gap.high, gap.low],
        sentence=sentence + ".",
        evidence=evidence,
        severity=round(severity * (1 + DISAGREEMENT_PREMIUM), 3),
    )


def _blind_spot(dim: DimensionResult) -> Finding | None:
    spots = [s for s in dim.blind_spots if s.beyond_error and s.gap is not None]
    if not spots:
        return None
    widest = max(s.gap or 0.0 for s in spots)
    tied = [s for s in spots if s.gap == widest]  # every leader with the widest, even-handed
    at_stake = max(max(s.self_score or 0.0, s.others_view or 0.0) for s in tied) / 100
    if len(tied) == 1:
        spot = tied[0]
        direction = "more" if (spot.others_view or 0.0) > (spot.self_score or 0.0) else "less"
        sentence = (
            f"On {dim.title}, the others see {direction} friction in the {who(spot.role)}'s "
            f"conduct than the {who(spot.role)} does."
        )
    else:
        sentence = (
            f"On {dim.title}, {_names([s.role for s in tied])} each see their own conduct "
            "differently from how the others see it."
        )
    evidence = " ".join(
        f"The {who(s.role)} rates their own conduct {s.self_score:g}, the others rate it "
        f"{s.others_view:g} on the same statements ({', '.join(s.questions)}): {s.gap:g} "
        f"apart, where measurement error explains up to {s.critical:g}."
        for s in tied
    )
    return Finding(
        kind="blind_spot",
        dimension=dim.id,
        roles=[s.role for s in tied],
        sentence=sentence,
        evidence=evidence,
        severity=round(at_stake * (1 + DISAGREEMENT_PREMIUM), 3),
    )


def findings(ctx: Context, dims: Sequence[DimensionResult]) -> list[Finding]:
    """The strongest finding of each dimension, the three strongest of those, strongest first;
    ties by how many people they involve, then bank order."""
    order = {d.id: i for i, d in enumerate(dims)}
    best: list[Finding] = []
    for dim in dims:
        # A gap beyond error is the finding of its dimension: "both report friction" would
        # hide that they are further apart than error explains.
        gap = _gap(ctx, dim)
        candidates = [gap] if gap else [f for f in (_blind_spot(dim), _friction(ctx, dim)) if f]
        if candidates:
            best.append(max(candidates, key=lambda f: f.severity))  # first wins on a tie
    best.sort(key=lambda f: (-f.severity, -len(f.roles), order[f.dimension]))
    return best[:MAX_FINDINGS]


def choose(
    bank: Bank, found: Sequence[Finding], ranked: Sequence[RankedPractice]
) -> tuple[list[str], list[str]]:
    """Start here (covering the findings, then in the library's sequence) and also consider."""
    start: list[RankedPractice] = []
    for finding in found:
        if len(start) == MAX_START_HERE:
            break
        if any(finding.dimension in p.dimensions for p in start):
            continue
        match = next((p for p in ranked if finding.dimension in p.dimensions), None)
        if match is not None and match not in start:
            start.append(match)
    if not start and ranked:
        start.append(ranked[0])
    order = practice_order(bank)
    sequenced = sorted(start, key=lambda p: order[p.practice.id]) if _has_sequence(bank) else start
    rest = [p.practice.id for p in ranked if p not in start][:MAX_ALSO_CONSIDER]
    return [p.practice.id for p in sequenced], rest


def _has_sequence(bank: Bank) -> bool:
    return bool(bank.sequence)


def caveats(
    eng: Engagement,
    dims: Sequence[DimensionResult],
    quality: Sequence[QualityFlag],
    extra: Sequence[Caveat] = (),
) -> list[Caveat]:
    """What the reader must weigh before the findings, most serious first."""
    notes: list[Caveat] = []
    aside = [f for f in quality if f.set_aside]
    if aside:
        listed = "; ".join(
            f"{f.respondent} ({who(f.role)}): {f.kind.replace('-', ' ')}" for f in aside
        )
        notes.append(
            Caveat(
                kind="set-aside",
                message=(f"Set aside for answer quality, and counted in no figure: {listed}."),
            )
        )
    if not eng.present_leaders:
        notes.append(
            Caveat(
                kind="no-recommendation",
                message=(
                    "These answers cannot support a recommendation: no leader's answers are "
                    "usable. Re-interview before acting on anything here."
                ),
            )
        )
    for dim in dims:
        for rs in dim.roles:
            if rs.respondents < 2 or rs.score is None:
                continue
            rwg = low_agreement(eng, rs.role, dim.id)
            if rwg is None:
                continue
            figure = f" (rwg(j) {rwg:.2f})" if rs.respondents >= 3 else ""
            notes.append(
                Caveat(
                    kind="low-agreement",
                    message=(
                        f"The {rs.respondents} {who(rs.role)}s do not agree among themselves on "
                        f"{dim.title}{figure}, below {error.LOW_AGREEMENT:.2f}: their mean is "
                        "not a shared view, so no gap with it counts as a finding."
                    ),
                )
            )
    notes += _withheld(eng.bank, dims)
    if any(d.reliability == "default" for d in dims):
        notes.append(
            Caveat(
                kind="default-reliability",
                message=(
                    "The bank declares no pilot reliability for "
                    + (
                        "its dimensions"
                        if all(d.reliability == "default" for d in dims)
                        else ", ".join(d.title for d in dims if d.reliability == "default")
                    )
                    + ": errors use the conservative default (alpha 0.70), so only large "
                    "differences count. A pilot (cxo-diag analyze) narrows them."
                ),
            )
        )
    notes += list(extra)
    kept = [f for f in quality if not f.set_aside]
    if kept:
        listed = "; ".join(
            f"{f.respondent} ({who(f.role)}): {f.kind.replace('-', ' ')}" for f in kept
        )
        notes.append(Caveat(kind="answer-quality", message=f"Read with care (kept): {listed}."))
    return notes


MAX_LISTED = 4


def _withheld(bank: Bank, dims: Sequence[DimensionResult]) -> list[Caveat]:
    """Gaps and blind spots a rule would have fired on but measurement error withholds."""
    gap_floor: dict[str, float] = {}
    spot_floor: dict[str, float] = {}
    for rule in bank.rules:
        if rule.when.gap is not None:
            d = rule.when.gap.dimension
            gap_floor[d] = min(gap_floor.get(d, 100.0), rule.when.gap.at_least)
        if rule.when.blind_spot is not None:
            d = rule.when.blind_spot.dimension
            spot_floor[d] = min(spot_floor.get(d, 100.0), rule.when.blind_spot.at_least)
    said = [
        f"the gap on {d.title} ({d.gap.value:g} apart, error up to {d.gap.critical:g})"
        for d in dims
        if d.gap is not None
        and not d.gap.beyond_error
        and d.id in gap_floor
        and d.gap.value >= gap_floor[d.id]
    ]
    said += [
        f"{who(s.role)}'s blind spot on {d.title} ({s.gap:g} apart, error up to {s.critical:g})"
        for d in dims
        for s in d.blind_spots
        if s.gap is not None
        and s.critical is not None
        and not s.beyond_error
        and d.id in spot_floor
        and s.gap >= spot_floor[d.id]
    ]
    if not said:
        return []
    more = len(said) - MAX_LISTED
    listed = "; ".join(said[:MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")
    return [
        Caveat(
            kind="within-error",
            message=(
                "Large enough for a rule, but within measurement error, so not findings: "
                + listed
                + "."
            ),
        )
    ]


def summary(
    bank: Bank,
    ctx: Context,
    *,
    dims: Sequence[DimensionResult],
    ranked: Sequence[RankedPractice],
    quality: Sequence[QualityFlag],
    extra: Sequence[Caveat] = (),
) -> Summary:
    found = findings(ctx, dims) if ctx.eng.present_leaders else []
    start, also = choose(bank, found, ranked) if found or ranked else ([], [])
    if not ctx.eng.present_leaders:
        start, also = [], []
    return Summary(
        findings=found,
        start_here=start,
        also_consider=also,
        caveats=caveats(ctx.eng, dims, quality, extra),
    )
