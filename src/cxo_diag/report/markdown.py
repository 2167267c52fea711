"""The diagnosis as Markdown (CommonMark with GitHub tables), the same content as the terminal.

Bank and respondent text is escaped with ``md``: Markdown punctuation and HTML are
backslash-escaped, so ``*bold*``, ``[link](x)`` or ``<script>`` show literally wherever the
file is rendered. GitHub-flavoured renderers also turn bare ``https://...``, ``www....`` and
``name@host.org`` into links. Escaping the ``:`` of ``://`` and the ``.`` after ``www``
stops the first two (a backslash-escaped character never starts an autolink); e-mail
addresses are found after escapes are resolved, so an empty HTML comment follows each ``@``
(``ana@<!-- -->host.org``), which no renderer shows and which ends the address for the
autolinker. Checked with GitHub's own cmark-gfm in the tests.
"""

from __future__ import annotations

import re

from cxo_diag.report import audience as aud
from cxo_diag.report import theme
from cxo_diag.report.audience import Audience
from cxo_diag.scoring.model import (
    Comparison,
    Diagnosis,
    ItemGap,
    NormsSection,
    QuestionNotes,
    RankedPractice,
    RoleScore,
)
from cxo_diag.text import one_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<![A-Za-z0-9])((?i:www))(\.)|(@)")


def _unlink(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\:"
    if match.group(4):
        return "@<!-- -->"
    return f"{match.group(2)}\\."


def md(text: str) -> str:
    """Text from a bank or respondent, safe inside a Markdown paragraph, heading or cell:
    no markup, no HTML, no autolink."""
    return _AUTOLINK.sub(_unlink, _SPECIAL.sub(r"\\\1", one_line(text)))


def _cell(score: RoleScore) -> str:
    if not score.asked:
        return "not asked"
    if score.score is None:
        return "not enough answers"
    text = f"**{theme.fmt_score(score.score)}** {md(score.band.label) if score.band else ''}"
    if score.ci is not None:
        text += f" ({theme.fmt_interval(score)})"
    if score.agreement is not None:
        text += f" rwg {score.agreement:.2f}"
    if score.spread is not None:
        text += f" (spread {theme.fmt_score(score.spread)}, n={score.n})"
    return text


def _header(diagnosis: Diagnosis, audience: Audience) -> list[str]:
    h = diagnosis.header
    observers = {r.id for r in h.roles if r.observer}
    subtitle = aud.subtitle(h)
    lines = [
        f"# {md(aud.title(h))} · cxo-diag diagnosis",
        "",
        *([f"- **{md(subtitle)}**"] if subtitle else []),
        f"- **Bank:** {md(h.bank_title)} (`{h.bank_id}` {h.bank_version}, `{h.bank_hash}`)",
        f"- **Round:** {h.round} · answers up to {theme.fmt_date(h.answered_at)}"
        + (f" · generated {theme.fmt_date(h.generated_at)}" if h.generated_at else ""),
    ]
    if aud.is_solo(diagnosis):
        r = h.respondents[0]
        return [*lines, f"- **You answered as {theme.who(r.role)}:** {theme.answered_summary(r)}"]
    if not aud.shows_people(diagnosis, audience):
        return [*lines, f"- **Respondents:** {md(aud.people_line(h))}"]
    lines.append("- **Respondents:**" + (" none" if not h.respondents else ""))
    for r in h.respondents:
        role = theme.who(r.role) + (", observer" if r.role in observers else "")
        summary = theme.answered_summary(r)
        lines.append(f"  - {md(r.name)} ({role}): {summary}")
    return lines


def _dimensions(diagnosis: Diagnosis) -> list[str]:
    roles = diagnosis.header.roles
    heads = [theme.who(r.id) + (" (observer)" if r.observer else "") for r in roles]
    if aud.is_solo(diagnosis):
        lines = [f"## {aud.SOLO_DIMENSIONS_HEADING}", "", "| Dimension | You |", "|---|---|"]
        lines += [
            f"| {md(dim.title)} | " + " | ".join(_cell(s) for s in dim.roles) + " |"
            for dim in diagnosis.dimensions
        ]
        return lines
    lines = [
        f"## {aud.DIMENSIONS_HEADING}",
        "",
        "| Dimension | " + " | ".join(heads) + " | Gap |",
        "|---|" + "---|" * len(heads) + "--:|",
    ]
    for dim in diagnosis.dimensions:
        gap = theme.fmt_score(dim.gap.value if dim.gap else None)
        if dim.gap is not None:
            if dim.gap.value > 0:
                gap += f" ({theme.who(dim.gap.high)}>{theme.who(dim.gap.low)})"
            gap += f", {theme.gap_verdict(dim.gap)}"
            if dim.gap.beyond_error:
                gap = f"**{gap}**"
        cells = " | ".join(_cell(s) for s in dim.roles)
        lines.append(f"| {md(dim.title)} | {cells} | {gap} |")
    return lines


def _blind_spots(diagnosis: Diagnosis) -> list[str]:
    rows = theme.blind_spot_rows(diagnosis)
    if not rows:
        return []
    lines = [
        "## Blind spots: how each leader sees their own conduct, and how the others see it",
        "",
        "| Dimension | Leader | Own view | Others' view | Blind spot |",
        "|---|---|--:|--:|--:|",
    ]
    for dim, spot in rows:
        lines.append(
            f"| {md(dim.title)} | {theme.who(spot.role)} | {theme.fmt_score(spot.self_score)} "
            f"| {theme.fmt_score(spot.others_view)} | {theme.fmt_score(spot.gap)} |"
        )
    return lines


def _comparison(diagnosis: Diagnosis, comparison: Comparison) -> list[str]:
    heads = [theme.who(r.id) for r in diagnosis.header.roles]
    lines = [
        f"## Since round {comparison.previous_round}",
        "",
        f"Bank version then: {comparison.previous_bank_version}. "
        "A negative change means less friction.",
        "",
        "| Dimension | " + " | ".join(heads) + " | Gap |",
        "|---|" + "--:|" * len(heads) + "--:|",
    ]
    for change in comparison.dimensions:
        cells = [theme.fmt_role_change(r) for r in change.roles]
        gap = theme.fmt_change(change.gap_before, change.gap_after, change.gap_delta)
        lines.append(f"| {md(change.title)} | " + " | ".join(cells) + f" | {gap} |")
    if comparison.practices:
        lines += ["", f"### {theme.progress_heading(comparison.previous_round)}", ""]
        lines += [md(theme.PROGRESS_INTRO), ""]
        for progress in comparison.practices:
            items = ", ".join(progress.items)
            lines.append(
                f"- **{md(progress.title)}** ({md(items)}): {md(theme.progress_verdict(progress))}"
                f"  \n  Sign: {md(progress.sign)}"
                + (f"  \n  {md(theme.progress_changes(progress))}" if progress.roles else "")
            )
    return lines


def _norms(norms: NormsSection) -> list[str]:
    lines = [f"## {theme.NORMS_HEADING}", ""]
    simulated = theme.norms_simulated(norms)
    if norms.hidden:
        lines.append(md(theme.norms_hidden(norms)))
        return lines + ([] if simulated is None else ["", md(simulated)])
    lines.append(md(theme.norms_intro(norms)))
    if simulated:
        lines += ["", md(simulated)]
    lines += ["", "| Dimension | Role | Score | Percentile | Sample |", "|---|---|--:|--:|---|"]
    for row in norms.rows:
        percentile = theme.fmt_percentile(row)
        if row.percentile is not None:
            percentile = f"**{percentile}**"
        lines.append(
            f"| {md(row.title)} | {md(theme.who(row.role))} | {theme.fmt_score(row.score)} "
            f"| {percentile} | {md(theme.norms_sample(row, norms))} |"
        )
    return lines


def _owner(owner: str) -> str:
    return {
        "both": "both leaders",
        "ceo": "the CEO",
        "blind-spot": "the leader with the blind spot",
    }.get(owner, theme.who(owner))


def _practice(ranked: RankedPractice, people: bool) -> list[str]:
    p = ranked.practice
    lines = [
        f"### {ranked.rank}. {md(p.title)} (evidence {theme.fmt_weight(ranked.score)})",
        "",
        f"**Owner:** {md(_owner(p.owner))}, {md(p.cadence)}  ",
        f"**Why:** {md(p.why)}",
        "",
        "**Evidence**",
        "",
    ]
    lines += [
        f"- {md(aud.evidence_text(e, people))} *({theme.rule_tag(e.rule, e.kind, e.weight)})*"
        for e in ranked.evidence
    ]
    lines += ["", "**First steps**", ""]
    lines += [f"{n}. {md(step)}" for n, step in enumerate(p.first_steps, start=1)]
    lines += ["", f"**Sign of progress:** {md(p.progress_sign)}"]
    return lines


def _talking_point(number: int, item: ItemGap, people: bool) -> list[str]:
    lines = [
        f"### {number}. `{item.question}` · {md(item.dimension_title)} · "
        f"{theme.PERSPECTIVE_WORDS[item.perspective.value]} · gap {theme.fmt_score(item.gap)}",
        "",
    ]
    wordings = theme.shared_wordings([(v.role, v.wording) for v in item.views])
    for roles, wording in wordings:
        label = "" if len(wordings) == 1 else ", ".join(map(theme.who, roles)) + " read: "
        lines.append(f"> {label}\u201c{md(wording)}\u201d  ")
    if not people:
        lines += ["", md(aud.anonymous_gap(item))]
    else:
        lines += ["", "| Role | Answer | Friction |", "|---|---|--:|"]
    for view in item.views if people else []:
        answer = md(theme.answer_text(view.answer, view.answer_label))
        if view.n > 1:
            answer += f" (mean of {view.n})"
        lines.append(f"| {theme.who(view.role)} | {answer} | {theme.fmt_score(view.friction)} |")
    if item.probe:
        lines += ["", f"**Ask:** {md(item.probe)}"]
    return lines


def _notes(diagnosis: Diagnosis, notes: list[QuestionNotes]) -> list[str]:
    solo = aud.is_solo(diagnosis)
    lines = [f"## {aud.SOLO_NOTES_HEADING if solo else aud.NOTES_HEADING}"]
    for q in notes:
        lines += ["", f"### `{q.question}` · {md(q.dimension_title)}", ""]
        lines += [f"> \u201c{md(q.wording)}\u201d", ""]
        for n in q.notes:
            who = "" if solo else f"**{md(n.respondent)}** ({theme.who(n.role)}): "
            lines.append(f"- {who}{md(n.text)}")
    return lines


def _open_answers(diagnosis: Diagnosis, audience: Audience) -> list[str]:
    """The answers to open questions, by dimension: each line escaped, line breaks kept."""
    groups = aud.open_answers_by_dimension(diagnosis, audience)
    if not groups:
        return []
    lines = [f"## {aud.open_heading(diagnosis, audience)}"]
    for title, questions in groups:
        lines += ["", f"### {md(title)}"]
        for q in questions:
            lines += ["", f"`{q.question}` \u201c{md(q.wording)}\u201d", ""]
            for answer in q.answers:
                label = aud.open_answer_label(answer, diagnosis)
                lines.append(f"- {f'**{md(label)}**: ' if label else ''}{md_lines(answer.text)}")
    return lines


_LINE_START = re.compile(r"^([#>+=\-]|\d+[.)])")
"""What would open a block at the start of a line (heading, quote, list, setext rule)."""


def md_lines(text: str) -> str:
    """``md`` for text of several lines, in a list item: each line escaped (also what would
    start a block there: a heading, quote or list), joined by hard line breaks (a backslash
    at the end of a line), continuation lines indented."""
    # Only newlines break a line: other line separators (NEL, \x1c) are shown, as md shows them.
    lines = [md(line) for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return "\\\n  ".join(_LINE_START.sub(_escape_start, line) for line in lines)


def _escape_start(match: re.Match[str]) -> str:
    found = match.group(1)
    return found[:-1] + "\\" + found[-1]


def _summary(diagnosis: Diagnosis) -> list[str]:
    summary = diagnosis.summary
    lines = [f"## {theme.SUMMARY_HEADING}", ""]
    if not summary.findings:
        lines.append(theme.NO_FINDINGS)
    for number, finding in enumerate(summary.findings, start=1):
        lines.append(f"{number}. **{md(finding.sentence)}** {md(finding.evidence)}")
    lines += ["", "**Start here:**", ""]
    start = theme.practice_titles(diagnosis, summary.start_here)
    lines += [f"{n}. {md(t)}" for n, t in enumerate(start, start=1)] or [theme.NO_START]
    also = theme.practice_titles(diagnosis, summary.also_consider)
    if also:
        lines += ["", "**Also consider:** " + "; ".join(md(t) for t in also)]
    if summary.caveats:
        lines += ["", f"**{theme.CAVEATS_HEADING}:**", ""]
        lines += [f"- {md(c.message)}" for c in summary.caveats]
    return lines


def render_markdown(diagnosis: Diagnosis, audience: Audience = "client") -> str:
    """The whole report as one Markdown document, for ``audience``."""
    people = aud.shows_people(diagnosis, audience)
    blocks: list[list[str]] = [_header(diagnosis, audience), _summary(diagnosis)]
    blocks.append(_dimensions(diagnosis))
    blocks.append(_blind_spots(diagnosis))
    if diagnosis.comparison is not None:
        blocks.append(_comparison(diagnosis, diagnosis.comparison))
    if diagnosis.norms is not None:
        blocks.append(_norms(diagnosis.norms))
    practices = ["## Recommended practices: start here, then also consider"]
    if not diagnosis.practices:
        practices += ["", "No practice to recommend from these answers."]
    for ranked in diagnosis.practices:
        practices += ["", *_practice(ranked, people)]
    blocks.append(practices)
    if not aud.is_solo(diagnosis):
        talking = ["## Talking points: where the leaders' answers are furthest apart"]
        if not diagnosis.disagreements:
            talking += ["", "No item with answers from two or more leaders differs."]
        for number, item in enumerate(diagnosis.disagreements, start=1):
            talking += ["", *_talking_point(number, item, people)]
        blocks.append(talking)
    if aud.shows_notes(diagnosis, audience):
        blocks.append(_notes(diagnosis, diagnosis.notes))
    blocks.append(_open_answers(diagnosis, audience))
    quality = ["## Answer quality", ""]
    if not diagnosis.quality:
        quality.append(theme.NO_QUALITY_CONCERNS)
    quality += [
        f"- **{theme.QUALITY_WORDS[f.kind]}** — "
        + (
            f"{md(f.respondent)} ({theme.who(f.role)}) {md(f.message)}"
            if people
            else md(aud.client_quality(f))
        )
        for f in diagnosis.quality
    ]
    blocks.append(quality)
    blocks.append([f"*{md(aud.footnote(diagnosis))}*"])
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
