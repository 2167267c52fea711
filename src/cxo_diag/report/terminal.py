"""The diagnosis as a rich terminal report (also what `--format terminal --out` writes).

Every text from a bank or a respondent goes in as a ``Text`` object after ``clean``,
never as markup, so ``[bold red]`` shows literally and escape sequences cannot act.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cxo_diag.report import audience as aud
from cxo_diag.report import theme
from cxo_diag.report.audience import Audience
from cxo_diag.report.console import capture
from cxo_diag.scoring.model import (
    Comparison,
    Diagnosis,
    DimensionResult,
    ItemGap,
    NormsSection,
    QuestionNotes,
    RankedPractice,
    RoleInfo,
    RoleScore,
)
from cxo_diag.text import clean, one_line


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _header(console: Console, diagnosis: Diagnosis, audience: Audience) -> None:
    h = diagnosis.header
    title = Text(aud.title(h), style="bold")
    title.append(" · cxo-diag diagnosis", style="")
    console.print(title)
    subtitle = aud.subtitle(h)
    if subtitle:
        console.print(Text(subtitle))
    bank = Text("Bank: ")
    bank.append(one_line(h.bank_title))
    bank.append(f" ({h.bank_id} {h.bank_version}, {h.bank_hash})")
    console.print(bank)
    console.print(
        Text(
            f"Round {h.round} · answers up to {theme.fmt_date(h.answered_at)}"
            + (f" · generated {theme.fmt_date(h.generated_at)}" if h.generated_at else "")
        )
    )
    if aud.is_solo(diagnosis):
        r = h.respondents[0]
        console.print(Text(f"You answered as {theme.who(r.role)}: {theme.answered_summary(r)}"))
        return
    if not aud.shows_people(diagnosis, audience):
        console.print(Text(f"Respondents: {aud.people_line(h)}"))
        return
    observers = {r.id for r in h.roles if r.observer}
    if not h.respondents:
        console.print("Respondents: none")
    for r in h.respondents:
        line = Text("  • ")
        line.append(one_line(r.name), style="bold")
        role = theme.who(r.role) + (", observer" if r.role in observers else "")
        line.append(f" ({role}): ")
        line.append(theme.answered_summary(r))
        console.print(line)


def _role_cell(score: RoleScore, bar_width: int) -> Text:
    if not score.asked:
        return Text("not asked", style="dim")
    if score.score is None:
        return Text("not enough\nanswers", style="dim")
    style = theme.terminal_style(score.band)
    cell = Text()
    if bar_width:
        filled, empty = theme.bar(score.score, bar_width)
        cell.append(filled, style=style)
        cell.append(empty, style="dim")
        cell.append(" ")
    cell.append(f"{theme.fmt_score(score.score):>{_SCORE_WIDTH}}")
    cell.append("\n")
    cell.append(one_line(score.band.label if score.band else ""), style=style)
    if score.ci is not None:
        cell.append(f"\n{theme.fmt_interval(score)}", style="dim")
    if score.agreement is not None:
        cell.append(f"\nrwg {score.agreement:.2f}", style="dim")
    if score.spread is not None:
        cell.append(f"\nspread {theme.fmt_score(score.spread)}, n={score.n}", style="dim")
    return cell


#: a score is at most "83.3" or "100": four cells, never wrapped
_SCORE_WIDTH = 4
#: below this a bar says too little to be worth its cells
_MIN_BAR = 3
_DIMENSION_MIN = 10
_DIMENSION_WORD_MAX = 16


@dataclass(frozen=True)
class _Layout:
    """Column widths of the Dimensions table for one terminal width."""

    dimension_width: int
    role_width: int
    bar_width: int
    gap_width: int


def _gap_cell(dim: DimensionResult) -> Text:
    if dim.gap is None:
        return Text(theme.fmt_score(None))
    gap = Text(theme.fmt_score(dim.gap.value), style="bold" if dim.gap.beyond_error else "")
    if dim.gap.value > 0:
        gap.append(f"\n{theme.who(dim.gap.high)}>{theme.who(dim.gap.low)}", style="dim")
    gap.append(f"\n{'beyond' if dim.gap.beyond_error else 'within'}", style="dim")
    gap.append(f"\nerror {theme.fmt_score(dim.gap.critical)}", style="dim")
    return gap


def _layout(diagnosis: Diagnosis, width: int, gaps: list[Text]) -> _Layout:
    """Widths that fit ``width``: the gap column whole, role columns shrunk bar first.

    Each column costs its content plus two cells of padding and one of border (one more
    border closes the table). The dimension title wraps into what is left; below about 60
    columns the bars go and only the numbers remain, folded cells rather than cropped ones.
    """
    roles = max(1, len(diagnosis.header.roles))
    gap_width = max([len("Gap")] + [len(line) for gap in gaps for line in gap.plain.split("\n")])
    overhead = 3 * (len(diagnosis.header.roles) + 2) + 1
    left = width - overhead - gap_width
    titles = [one_line(d.title) for d in diagnosis.dimensions]
    # room for the longest word of a title, so titles wrap between words, not inside them
    longest_word = max([len(word) for title in titles for word in title.split()] + [0])
    dimension_min = max(_DIMENSION_MIN, min(longest_word, _DIMENSION_WORD_MAX))
    role_width = max(
        _SCORE_WIDTH, min(_natural_role_width(diagnosis), (left - dimension_min) // roles)
    )
    bar_width = min(theme.BAR_WIDTH, role_width - 1 - _SCORE_WIDTH)
    widths = [len("Dimension")] + [len(title) for title in titles]
    dimension_width = max(1, min(max(widths), left - role_width * roles))
    return _Layout(
        dimension_width, role_width, bar_width if bar_width >= _MIN_BAR else 0, gap_width
    )


def _natural_role_width(diagnosis: Diagnosis) -> int:
    """The widest role cell line (a full bar and score, a band, a spread) and heading."""
    full = theme.BAR_WIDTH + 1 + _SCORE_WIDTH
    lines = [_role_heading(role, full) for role in diagnosis.header.roles]
    for dim in diagnosis.dimensions:
        for score in dim.roles:
            lines.extend(_role_cell(score, theme.BAR_WIDTH).plain.split("\n"))
    return max([full] + [len(line) for line in lines])


def _role_heading(role: RoleInfo, width: int) -> str:
    if not role.observer:
        return theme.who(role.id)
    return theme.who(role.id) + (" (observer)" if width >= len("(observer)") else " (obs.)")


def _dimension_table(diagnosis: Diagnosis, width: int) -> Table:
    roles = diagnosis.header.roles
    solo = aud.is_solo(diagnosis)
    gaps = [_gap_cell(dim) for dim in diagnosis.dimensions]
    layout = _layout(diagnosis, width, gaps)
    table = Table(show_lines=True, expand=False)
    table.add_column("Dimension", width=layout.dimension_width, overflow="fold")
    for role in roles:
        heading = "You" if solo else _role_heading(role, layout.role_width)
        table.add_column(heading, width=layout.role_width, overflow="fold")
    if not solo:
        table.add_column("Gap", justify="right", no_wrap=True, width=layout.gap_width)
    for dim, gap in zip(diagnosis.dimensions, gaps, strict=True):
        cells = [_role_cell(s, layout.bar_width) for s in dim.roles]
        table.add_row(_t(one_line(dim.title)), *cells, *([] if solo else [gap]))
    return table


def _blind_spots(console: Console, diagnosis: Diagnosis) -> None:
    rows = theme.blind_spot_rows(diagnosis)
    if not rows:
        return
    _heading(
        console, "Blind spots: how each leader sees their own conduct, and how the others see it"
    )
    table = Table()
    for column in ("Dimension", "Leader", "Own view", "Others' view", "Blind spot"):
        table.add_column(column, justify="left" if column in ("Dimension", "Leader") else "right")
    for dim, spot in rows:
        table.add_row(
            _t(one_line(dim.title)),
            theme.who(spot.role),
            theme.fmt_score(spot.self_score),
            theme.fmt_score(spot.others_view),
            theme.fmt_score(spot.gap),
        )
    console.print(table)


def _grid() -> Table:
    """Two columns, label and value, so that wrapped values keep their indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    return grid


def _list(items: list[Text], numbered: bool = False) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, start=1):
        grid.add_row(f"{number}." if numbered else "•", item)
    return grid


def _indented(renderable: Table) -> Padding:
    return Padding(renderable, (0, 0, 0, 3), expand=False)


def _owner(owner: str) -> str:
    return {
        "both": "both leaders",
        "ceo": "the CEO",
        "blind-spot": "the leader with the blind spot",
    }.get(owner, theme.who(owner))


def _practice(console: Console, ranked: RankedPractice, people: bool) -> None:
    p = ranked.practice
    title = Text(f"{ranked.rank}. ", style="bold")
    title.append(one_line(p.title), style="bold")
    title.append(f"  (evidence {theme.fmt_weight(ranked.score)})", style="dim")
    console.print(title)
    evidence = []
    for e in ranked.evidence:
        line = _t(aud.evidence_text(e, people))
        line.append(f" [{theme.rule_tag(e.rule, e.kind, e.weight)}]", style="dim")
        evidence.append(line)
    grid = _grid()
    grid.add_row("Owner", _t(f"{_owner(p.owner)}, {one_line(p.cadence)}"))
    grid.add_row("Why", _t(p.why))
    grid.add_row("Evidence", _list(evidence))
    grid.add_row("First steps", _list([_t(step) for step in p.first_steps], numbered=True))
    grid.add_row("Progress", _t(p.progress_sign))
    console.print(_indented(grid))


def _talking_point(console: Console, number: int, item: ItemGap, people: bool) -> None:
    title = Text(f"{number}. {item.question}", style="bold")
    title.append(" · ")
    title.append(one_line(item.dimension_title))
    title.append(f" · {theme.PERSPECTIVE_WORDS[item.perspective.value]} · gap ")
    title.append(theme.fmt_score(item.gap), style="bold")
    console.print(title)
    grid = _grid()
    wordings = theme.shared_wordings([(v.role, v.wording) for v in item.views])
    for roles, wording in wordings:
        label = "Statement" if len(wordings) == 1 else ", ".join(map(theme.who, roles)) + " read"
        grid.add_row(label, _t(f"\u201c{wording}\u201d", "italic"))
    if not people:
        grid.add_row("Apart", _t(aud.anonymous_gap(item)))
    for view in item.views if people else []:
        line = Text(theme.answer_text(view.answer, view.answer_label))
        line.append(f" → friction {theme.fmt_score(view.friction)}", style="dim")
        if view.n > 1:
            line.append(f" (mean of {view.n})", style="dim")
        grid.add_row(theme.who(view.role), line)
    if item.probe:
        grid.add_row("Ask", _t(item.probe))
    console.print(_indented(grid))


def _comparison(console: Console, diagnosis: Diagnosis, comparison: Comparison) -> None:
    _heading(
        console,
        f"Since round {comparison.previous_round} "
        f"(bank version {comparison.previous_bank_version}; negative = less friction)",
    )
    table = Table()
    table.add_column("Dimension")
    for role in diagnosis.header.roles:
        table.add_column(theme.who(role.id), justify="right")
    table.add_column("Gap", justify="right")
    for change in comparison.dimensions:
        cells = [theme.fmt_role_change(r) for r in change.roles]
        gap = theme.fmt_change(change.gap_before, change.gap_after, change.gap_delta)
        table.add_row(_t(one_line(change.title)), *cells, gap)
    console.print(table)
    if comparison.practices:
        _progress(console, comparison)


def _progress(console: Console, comparison: Comparison) -> None:
    _heading(console, theme.progress_heading(comparison.previous_round))
    console.print(Text(theme.PROGRESS_INTRO))
    for progress in comparison.practices:
        items = ", ".join(progress.items)
        line = _t(f"• {one_line(progress.title)} ({items}): ", "bold")
        line.append(theme.progress_verdict(progress))
        console.print(line)
        console.print(_t(f"  Sign: {one_line(progress.sign)}", "dim"))
        if progress.roles:
            console.print(_t(f"  {theme.progress_changes(progress)}"))


def _norms(console: Console, norms: NormsSection) -> None:
    _heading(console, theme.NORMS_HEADING)
    simulated = theme.norms_simulated(norms)
    if norms.hidden:
        console.print(Text(theme.norms_hidden(norms)))
        if simulated:
            console.print(Text(simulated, style="dim"))
        return
    console.print(Text(theme.norms_intro(norms)))
    if simulated:
        console.print(Text(simulated, style="dim"))
    table = Table()
    for column in ("Dimension", "Role", "Score", "Percentile", "Sample"):
        table.add_column(column, justify="right" if column in ("Score", "Percentile") else "left")
    for row in norms.rows:
        table.add_row(
            _t(one_line(row.title)),
            Text(theme.who(row.role)),
            theme.fmt_score(row.score),
            Text(theme.fmt_percentile(row), style="bold" if row.percentile is not None else "dim"),
            theme.norms_sample(row, norms),
        )
    console.print(table)


def _notes(console: Console, diagnosis: Diagnosis, notes: list[QuestionNotes]) -> None:
    solo = aud.is_solo(diagnosis)
    _heading(console, aud.SOLO_NOTES_HEADING if solo else aud.NOTES_HEADING)
    for index, q in enumerate(notes):
        if index:
            console.print()
        title = Text(q.question, style="bold")
        title.append(" · ")
        title.append(one_line(q.dimension_title))
        console.print(title)
        grid = _grid()
        grid.add_row("Statement", _t(f"\u201c{q.wording}\u201d", "italic"))
        for n in q.notes:
            label = "Note" if solo else f"{one_line(n.respondent)} ({theme.who(n.role)})"
            grid.add_row(Text(label), _t(n.text))
        console.print(_indented(grid))


def _open_answers(console: Console, diagnosis: Diagnosis, audience: Audience) -> None:
    """The answers to open questions, verbatim (controls made visible), by dimension."""
    groups = aud.open_answers_by_dimension(diagnosis, audience)
    if not groups:
        return
    _heading(console, aud.open_heading(diagnosis, audience))
    for index, (title, questions) in enumerate(groups):
        if index:
            console.print()
        console.print(_t(one_line(title), "bold"))
        for q in questions:
            grid = _grid()
            grid.add_row(q.question, _t(f"\u201c{q.wording}\u201d", "italic"))
            for answer in q.answers:
                grid.add_row(
                    Text(aud.open_answer_label(answer, diagnosis) or "\u2014"), _t(answer.text)
                )
            console.print(_indented(grid))


def _summary(console: Console, diagnosis: Diagnosis) -> None:
    summary = diagnosis.summary
    _heading(console, theme.SUMMARY_HEADING)
    if not summary.findings:
        console.print(theme.NO_FINDINGS)
    findings = []
    for finding in summary.findings:
        line = _t(finding.sentence, "bold")
        line.append("\n")
        line.append(clean(finding.evidence), style="dim")
        findings.append(line)
    if findings:
        console.print(_list(findings, numbered=True))
    grid = _grid()
    start = theme.practice_titles(diagnosis, summary.start_here)
    grid.add_row(
        "Start here",
        _list([_t(t) for t in start], numbered=True) if start else Text(theme.NO_START),
    )
    also = theme.practice_titles(diagnosis, summary.also_consider)
    if also:
        grid.add_row("Also consider", _list([_t(t) for t in also]))
    console.print(grid)
    if summary.caveats:
        console.print(Text(theme.CAVEATS_HEADING, style="bold"))
        console.print(_list([_t(c.message) for c in summary.caveats]))


def render_terminal(
    diagnosis: Diagnosis,
    *,
    color: bool = False,
    width: int = 100,
    audience: Audience = "consultant",
) -> str:
    """The whole report as text for a terminal: ANSI colours only when ``color``."""
    people = aud.shows_people(diagnosis, audience)
    solo = aud.is_solo(diagnosis)
    with capture(color=color, width=width) as (console, buffer):
        _header(console, diagnosis, audience)
        _summary(console, diagnosis)
        _heading(console, aud.SOLO_DIMENSIONS_HEADING if solo else aud.DIMENSIONS_HEADING)
        console.print(_dimension_table(diagnosis, width))
        _blind_spots(console, diagnosis)
        if diagnosis.comparison is not None:
            _comparison(console, diagnosis, diagnosis.comparison)
        if diagnosis.norms is not None:
            _norms(console, diagnosis.norms)
        _heading(console, "Recommended practices: start here, then also consider")
        if not diagnosis.practices:
            console.print("No practice to recommend from these answers.")
        for index, ranked in enumerate(diagnosis.practices):
            if index:
                console.print()
            _practice(console, ranked, people)
        if not solo:
            _heading(console, "Talking points: where the leaders' answers are furthest apart")
            if not diagnosis.disagreements:
                console.print("No item with answers from two or more leaders differs.")
            for number, item in enumerate(diagnosis.disagreements, start=1):
                if number > 1:
                    console.print()
                _talking_point(console, number, item, people)
        if aud.shows_notes(diagnosis, audience):
            _notes(console, diagnosis, diagnosis.notes)
        _open_answers(console, diagnosis, audience)
        _heading(console, "Answer quality")
        if not diagnosis.quality:
            console.print(theme.NO_QUALITY_CONCERNS)
        notes = []
        for flag in diagnosis.quality:
            line = Text(theme.QUALITY_WORDS[flag.kind], style="bold yellow")
            line.append(" — ")
            if people:
                line.append(one_line(flag.respondent))
                line.append(f" ({theme.who(flag.role)}) ")
                line.append(clean(flag.message))
            else:
                line.append(aud.client_quality(flag))
            notes.append(line)
        if notes:
            console.print(_list(notes))
        console.print()
        console.print(Text(aud.footnote(diagnosis), style="dim"))
    return _strip_trailing_spaces(buffer.getvalue())


def _strip_trailing_spaces(text: str) -> str:
    """rich pads wrapped lines; trailing spaces only add noise to files and diffs."""
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())
