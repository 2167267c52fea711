"""Page one's "At a glance": where friction is worst, and the practices to start with.

It reads only what scoring already decided: the bank's own bands (a dimension in its most
severe band for a leader) and the practices in their ranked order. It claims no finding of
its own: no gap is called one here, since a gap means something only beyond measurement
error, which the diagnosis states where it tests it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxo_diag.report import theme
from cxo_diag.scoring.model import Diagnosis, RankedPractice
from cxo_diag.text import one_line

START_WITH = 3
"""Practices on page one: more than three rarely get started."""


@dataclass(frozen=True)
class Severe:
    """A dimension in its most severe band for one or more leaders."""

    title: str
    band: str
    roles: list[tuple[str, float]]


@dataclass(frozen=True)
class Glance:
    severe: list[Severe]
    start_with: list[RankedPractice]


def glance(diagnosis: Diagnosis) -> Glance:
    """The dimensions in their worst band (bank order) and the summary's "start here"."""
    observers = {r.id for r in diagnosis.header.roles if r.observer}
    severe = []
    for dim in diagnosis.dimensions:
        worst = [
            (s.role, s.score)
            for s in dim.roles
            if s.band is not None
            and s.score is not None
            and s.role not in observers
            and theme.level(s.band) == 2
        ]
        if worst:
            band = next(s.band.label for s in dim.roles if s.band and theme.level(s.band) == 2)
            severe.append(Severe(one_line(dim.title), one_line(band), worst))
    start = [p for p in diagnosis.practices if p.practice.id in diagnosis.summary.start_here]
    return Glance(severe, start[:START_WITH])


def severe_line(item: Severe, solo: bool) -> str:
    """``Resource allocation: Friction for COO (80) and CMO (80)``; for one person
    ``Resource allocation: Friction (80)``."""
    if solo:
        return f"{item.title}: {item.band} ({theme.fmt_score(item.roles[0][1])})"
    who = [f"{theme.who(role)} ({theme.fmt_score(score)})" for role, score in item.roles]
    joined = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
    return f"{item.title}: {item.band} for {joined}"
