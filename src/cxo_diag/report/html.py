"""The diagnosis as one self-contained HTML file: inline CSS, an inline SVG chart, printable.

The page comes from ``templates/report.html.j2`` rendered by jinja2 with autoescaping on, so
every bank or respondent text is HTML-escaped; the chart is built here with every text
escaped by ``markupsafe.escape``. A consultant can mail the file: it loads nothing.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from cxo_diag.report import audience as aud
from cxo_diag.report import theme
from cxo_diag.report.audience import Audience
from cxo_diag.report.brand import NO_BRAND, Brand
from cxo_diag.report.change_chart import change_chart_svg, tested
from cxo_diag.report.glance import glance, severe_line
from cxo_diag.scoring.model import Diagnosis, RoleScore
from cxo_diag.text import clean, one_line

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Chart geometry, in SVG user units (pixels at 100%).
ROLE_W = 150
BAR_X = 160
BAR_W = 320
VALUE_X = BAR_X + BAR_W + 8
CHART_W = VALUE_X + 150
TITLE_H = 22
ROW_H = 18
BAR_H = 12
GROUP_GAP = 14
AXIS_H = 24
TITLE_CHARS = 80


def _short(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _role_label(diagnosis: Diagnosis, role_id: str) -> str:
    info = diagnosis.role(role_id)
    observer = info is not None and info.observer
    return theme.who(role_id) + (" (observer)" if observer else "")


def _bar(diagnosis: Diagnosis, score: RoleScore, y: int) -> list[str]:
    label = escape(_role_label(diagnosis, score.role))
    parts = [
        f'<text class="role" x="{BAR_X - 8}" y="{y + BAR_H - 2}" text-anchor="end">{label}</text>',
        f'<rect class="track" x="{BAR_X}" y="{y}" width="{BAR_W}" height="{BAR_H}"/>',
    ]
    if score.score is None:
        why = "not asked" if not score.asked else "not enough answers"
        parts.append(f'<text class="none" x="{BAR_X + 6}" y="{y + BAR_H - 2}">{why}</text>')
        return parts
    info = diagnosis.role(score.role)
    opacity = theme.HTML_OBSERVER_OPACITY if info is not None and info.observer else "1"
    width = round(score.score * BAR_W / 100, 1)
    band = escape(one_line(score.band.label)) if score.band else ""
    value = theme.fmt_score(score.score)
    parts += [
        f'<rect class="bar" x="{BAR_X}" y="{y}" width="{width:g}" height="{BAR_H}" '
        f'fill="{theme.html_colour(score.band)}" fill-opacity="{opacity}">'
        f"<title>{label}: {value} ({band})</title></rect>",
        f'<text class="value" x="{VALUE_X}" y="{y + BAR_H - 2}">{value} {band}</text>',
    ]
    return parts


def chart_svg(diagnosis: Diagnosis) -> str:
    """A standalone SVG: for each dimension, one bar per role, coloured by its band."""
    body: list[str] = []
    y = 0
    for dim in diagnosis.dimensions:
        title = escape(_short(dim.title, TITLE_CHARS))
        body.append(f'<text class="dim" x="0" y="{y + 15}">{title}</text>')
        y += TITLE_H
        for score in dim.roles:
            body += _bar(diagnosis, score, y)
            y += ROW_H
        y += GROUP_GAP
    axis_y = y
    for tick in (0, 25, 50, 75, 100):
        x = BAR_X + tick * BAR_W / 100
        body.append(
            f'<line class="grid" x1="{x:g}" y1="0" x2="{x:g}" y2="{axis_y:g}"/>'
            f'<text class="tick" x="{x:g}" y="{axis_y + 14:g}" text-anchor="middle">{tick}</text>'
        )
    height = axis_y + AXIS_H
    style = (
        "text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;"
        "fill:#222}.dim{font-weight:600;font-size:13px}.role,.tick{fill:#555}"
        ".none{fill:#777;font-style:italic}.track{fill:#f1f1f1}"
        ".grid{stroke:#ccc;stroke-width:1;stroke-dasharray:2 3}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {CHART_W} {height:g}" width="{CHART_W}" height="{height:g}" '
        'aria-labelledby="chart-title">'
        '<title id="chart-title">Friction per dimension and role, 0 calm to 100 severe</title>'
        f"<style>{style}</style>" + "".join(body) + "</svg>"
    )


PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def _prepared_by(brand: Brand) -> str | None:
    names = [one_line(n) for n in (brand.consultant, brand.firm) if n]
    return ", ".join(names) or None


def render_html(
    diagnosis: Diagnosis,
    audience: Audience = "client",
    *,
    brand: Brand = NO_BRAND,
    paper: str = "a4",
) -> str:
    """The report page for ``audience``, branded, laid out for ``paper`` (a4 or letter)
    when printed; the same diagnosis always gives the same bytes."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = clean
    env.filters["line"] = one_line
    env.filters["score"] = theme.fmt_score
    env.filters["delta"] = theme.fmt_delta
    env.filters["weight"] = theme.fmt_weight
    env.filters["date"] = theme.fmt_date
    env.filters["who"] = theme.who
    env.filters["colour"] = theme.html_colour
    template = env.get_template("report.html.j2")
    h = diagnosis.header
    solo = aud.is_solo(diagnosis)
    comparison = diagnosis.comparison
    return template.render(
        d=diagnosis,
        h=h,
        g=glance(diagnosis),
        severe_line=severe_line,
        brand=brand,
        accent=brand.accent,
        page_size=PAGE_SIZES[paper],
        prepared_by=_prepared_by(brand),
        audience_words=aud.audience_words(diagnosis, audience),
        title=aud.title(h),
        subtitle=aud.subtitle(h),
        solo=solo,
        people=aud.shows_people(diagnosis, audience),
        people_line=aud.people_line(h),
        notes_shown=aud.shows_notes(diagnosis, audience),
        notes_heading=aud.SOLO_NOTES_HEADING if solo else aud.NOTES_HEADING,
        open_groups=aud.open_answers_by_dimension(diagnosis, audience),
        open_heading=aud.open_heading(diagnosis, audience),
        open_label=aud.open_answer_label,
        dimensions_heading=aud.SOLO_DIMENSIONS_HEADING if solo else aud.DIMENSIONS_HEADING,
        anonymous_gap=aud.anonymous_gap,
        client_quality=aud.client_quality,
        evidence_text=aud.evidence_text,
        chart=Markup(chart_svg(diagnosis)),
        change_chart=Markup(change_chart_svg(comparison)) if comparison else "",
        change_tested=comparison is not None and tested(comparison),
        observers={r.id for r in h.roles if r.observer},
        perspective_words=theme.PERSPECTIVE_WORDS,
        quality_words=theme.QUALITY_WORDS,
        no_quality_concerns=theme.NO_QUALITY_CONCERNS,
        owner_words={
            "both": "both leaders",
            "ceo": "the CEO",
            "blind-spot": "the leader with the blind spot",
        },
        item_wordings=lambda item: theme.shared_wordings([(v.role, v.wording) for v in item.views]),
        blind_spot_rows=theme.blind_spot_rows(diagnosis),
        answered_summary=theme.answered_summary,
        answer_text=theme.answer_text,
        rule_tag=theme.rule_tag,
        norms_heading=theme.NORMS_HEADING,
        norms_intro=theme.norms_intro,
        norms_hidden=theme.norms_hidden,
        norms_simulated=theme.norms_simulated,
        fmt_percentile=theme.fmt_percentile,
        norms_sample=theme.norms_sample,
        level=theme.level,
        interval=theme.fmt_interval,
        gap_verdict=theme.gap_verdict,
        role_change=theme.fmt_role_change,
        progress_heading=theme.progress_heading,
        progress_intro=theme.PROGRESS_INTRO,
        progress_verdict=theme.progress_verdict,
        progress_changes=theme.progress_changes,
        practice_titles=lambda ids: theme.practice_titles(diagnosis, ids),
        summary_heading=theme.SUMMARY_HEADING,
        caveats_heading=theme.CAVEATS_HEADING,
        no_findings=theme.NO_FINDINGS,
        no_start=theme.NO_START,
        notes=aud.footnote(diagnosis),
    )
