"""CC: the chart of change since the last round.

CC001 a change beyond measurement error is a solid bar marked *, one within it an outline
CC002 less friction grows left of zero in green, more friction right in red
CC003 dimension titles are escaped; a role missing from a round says so
CC004 the HTML report of a later round embeds the chart and says whether changes were tested
"""

from __future__ import annotations

import re

from tests.golden.engagement import golden_diagnosis

from cxo_diag.report.change_chart import LESS, MORE, ZERO_X, change_chart_svg
from cxo_diag.report.render import render
from cxo_diag.scoring.model import Comparison, DimensionChange, RoleChange


def comparison(*changes: RoleChange, title: str = "Resource allocation") -> Comparison:
    return Comparison(
        previous_round=1,
        previous_bank_version="1.0.0",
        previous_answered_at=None,
        dimensions=[
            DimensionChange(
                dimension="res",
                title=title,
                roles=list(changes),
                gap_before=None,
                gap_after=None,
                gap_delta=None,
            )
        ],
    )


def rects(svg: str) -> list[str]:
    return re.findall(r"<rect [^>]*>", svg)


def test_cc001_beyond_error_is_solid_within_is_an_outline__ok() -> None:
    svg = change_chart_svg(
        comparison(
            RoleChange(role="coo", before=80, after=40, delta=-40, beyond_error=True),
            RoleChange(role="cmo", before=50, after=40, delta=-10, beyond_error=False),
        )
    )
    solid, outline = rects(svg)
    assert f'fill="{LESS}"' in solid and 'fill="none"' not in solid
    assert 'fill="none"' in outline and f'stroke="{LESS}"' in outline
    assert "\u221240 *</text>" in svg and "\u221210</text>" in svg
    assert "COO: \u221240 (beyond measurement error)" in svg
    assert "CMO: \u221210 (within measurement error)" in svg


def test_cc002_less_friction_left_more_right__ok() -> None:
    svg = change_chart_svg(
        comparison(
            RoleChange(role="coo", before=40, after=20, delta=-20, beyond_error=True),
            RoleChange(role="cmo", before=20, after=40, delta=20, beyond_error=True),
        )
    )
    less, more = rects(svg)
    x_less = float(re.search(r'x="([\d.]+)"', less).group(1))  # type: ignore[union-attr]
    x_more = float(re.search(r'x="([\d.]+)"', more).group(1))  # type: ignore[union-attr]
    assert x_less < ZERO_X and x_more == ZERO_X
    assert MORE in more and LESS in less


def test_cc003_titles_are_escaped_and_missing_roles_said__ok() -> None:
    svg = change_chart_svg(
        comparison(
            RoleChange(role="ceo", before=None, after=60, delta=None),
            title="<script>alert(1)</script>",
        )
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "not in both" in svg
    assert rects(svg) == []


def test_cc004_the_html_report_embeds_the_chart__ok() -> None:
    page = render(golden_diagnosis(), "html")
    since = page[page.index('<section id="since">') :]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart change-chart"' in since
    # Scoring tests each change (the reliable change index): the CMO's trust, 75 -> 25, is
    # beyond error and drawn solid; the untested-changes note is gone.
    assert "No change was tested against measurement error" not in since
    assert "beyond measurement error" in since
