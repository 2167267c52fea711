"""An inline SVG of the change since the last round: per dimension, one bar per role.

A bar grows left of the zero line for less friction (green) and right for more (red). A
change the scoring marks as beyond measurement error is drawn solid; one within it, or one
not tested, is drawn as an outline only, so that a reader's eye goes to what really moved.
Every text is escaped by ``markupsafe.escape``; the chart loads nothing.
"""

from __future__ import annotations

from markupsafe import escape

from cxo_diag.report import theme
from cxo_diag.scoring.model import Comparison, RoleChange
from cxo_diag.text import one_line

LABEL_W = 230
HALF_W = 170
ZERO_X = LABEL_W + HALF_W
CHART_W = ZERO_X + HALF_W + 60
ROW_H = 15
BAR_H = 10
GROUP_GAP = 8
TITLE_H = 16
AXIS_H = 26
LESS, MORE = theme.HTML_LEVEL_COLOURS[0], theme.HTML_LEVEL_COLOURS[2]


def _scale(comparison: Comparison) -> float:
    """Points per half width: 25, 50 or 100, whichever holds the largest change."""
    largest = max(
        (abs(r.delta) for d in comparison.dimensions for r in d.roles if r.delta is not None),
        default=0.0,
    )
    return next(limit for limit in (25.0, 50.0, 100.0) if largest <= limit)


def _bar(change: RoleChange, y: int, scale: float) -> list[str]:
    label = escape(theme.who(change.role))
    parts = [f'<text class="role" x="{ZERO_X - HALF_W - 8}" y="{y + BAR_H - 1}" '
             f'text-anchor="end">{label}</text>']  # fmt: skip
    if change.delta is None:
        parts.append(f'<text class="none" x="{ZERO_X + 6}" y="{y + BAR_H - 1}">not in both</text>')
        return parts
    width = round(abs(change.delta) * HALF_W / scale, 1)
    x = ZERO_X - width if change.delta < 0 else ZERO_X
    colour = LESS if change.delta < 0 else MORE
    solid = change.beyond_error is True
    fill = f'fill="{colour}"' if solid else f'fill="none" stroke="{colour}" stroke-width="1.2"'
    verdict = "beyond measurement error" if solid else "within measurement error"
    value = theme.fmt_delta(change.delta)
    parts += [
        f'<rect x="{x:g}" y="{y}" width="{max(width, 0.5):g}" height="{BAR_H}" {fill}>'
        f"<title>{label}: {value} ({verdict})</title></rect>",
        f'<text class="value" x="{ZERO_X + HALF_W + 6}" y="{y + BAR_H - 1}">{value}'
        f"{' *' if solid else ''}</text>",
    ]
    return parts


def tested(comparison: Comparison) -> bool:
    """Whether scoring tested any change against measurement error."""
    return any(r.beyond_error is not None for d in comparison.dimensions for r in d.roles)


def change_chart_svg(comparison: Comparison) -> str:
    """The change per dimension and role since ``comparison.previous_round``."""
    scale = _scale(comparison)
    body: list[str] = []
    y = 0
    for dim in comparison.dimensions:
        title = escape(one_line(dim.title))
        body.append(f'<text class="dim" x="0" y="{y + 12}">{title}</text>')
        y += TITLE_H
        for change in dim.roles:
            body += _bar(change, y, scale)
            y += ROW_H
        y += GROUP_GAP
    for tick in (-scale, -scale / 2, 0.0, scale / 2, scale):
        x = ZERO_X + tick * HALF_W / scale
        body.append(
            f'<line class="{"zero" if tick == 0 else "grid"}" x1="{x:g}" y1="0" x2="{x:g}" '
            f'y2="{y}"/><text class="tick" x="{x:g}" y="{y + 12}" text-anchor="middle">'
            f"{theme.fmt_delta(tick)}</text>"
        )
    body.append(
        f'<text class="tick" x="{ZERO_X - 6}" y="{y + 24}" text-anchor="end">less friction</text>'
        f'<text class="tick" x="{ZERO_X + 6}" y="{y + 24}">more friction</text>'
    )
    height = y + AXIS_H + 4
    style = (
        "text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:11px;"
        "fill:#222}.dim{font-weight:600}.role,.tick{fill:#555}.none{fill:#777;"
        "font-style:italic}.grid{stroke:#ccc;stroke-dasharray:2 3}.zero{stroke:#555}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart change-chart" role="img" '
        f'viewBox="0 0 {CHART_W} {height}" width="{CHART_W}" height="{height}" '
        'aria-labelledby="change-title">'
        f'<title id="change-title">Change per dimension and role since round '
        f"{comparison.previous_round}; solid bars are beyond measurement error</title>"
        f"<style>{style}</style>" + "".join(body) + "</svg>"
    )
