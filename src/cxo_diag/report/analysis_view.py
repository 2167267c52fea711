"""How a reliability analysis and local norms look: rich text, or JSON for scripts."""

from __future__ import annotations

from cxo_diag.quality.analysis import (
    SIMULATED_NOTE,
    DimensionReliability,
    FormReliability,
    ItemStats,
    ReliabilityReport,
)
from cxo_diag.quality.blocks import dimension_block, reliability_blocks
from cxo_diag.quality.norms import NormsReport
from cxo_diag.scoring.model import Norm
from cxo_diag.text import to_json

PER_FORM_NOTE = (
    "Each dimension is analysed per role: the items that role is asked, in its own wording, "
    "on its own respondents. Different wordings are different statements, and leaders of one "
    "company are not independent, so no figure pools two roles (docs/instrument-quality.md)."
)


def _shown(text: str) -> str:
    """Bank or store text for a rich console: control characters made visible, on one line,
    markup escaped."""
    from rich.markup import escape

    from cxo_diag.text import one_line

    return escape(one_line(text))


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _simulation_line(report: ReliabilityReport) -> str | None:
    if report.all_simulated:
        return SIMULATED_NOTE
    if report.simulated:
        return (
            f"{report.simulated} of {report.respondents} answers files are simulated "
            f"(cxo-diag pilot): mixing them with real answers makes the figures meaningless."
        )
    return None


def _shown_forms(dim: DimensionReliability) -> list[FormReliability]:
    """The forms to list: an observer's only when some observer answered."""
    return [f for f in dim.forms if f.gated or f.answered]


def _unanswered_observers(report: ReliabilityReport) -> list[str]:
    return sorted(
        {f.role.upper() for f in report.forms if not f.gated and not f.answered},
    )


def _people(respondents: int, companies: int) -> str:
    if companies == respondents:
        return f"{respondents} respondent(s)"
    return f"{respondents} respondent(s) from {companies} companies"


def render_text(
    report: ReliabilityReport,
    *,
    min_alpha: float | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    """The report for a terminal: per dimension, one table of items per role, then what to
    look at."""
    from rich.markup import escape

    from cxo_diag.report.console import capture

    with capture(color=color, width=width) as (console, buffer):
        console.print(
            f"[bold]Reliability of {escape(report.bank_id)} {escape(report.bank_version)}[/] "
            f"({escape(report.bank_hash)}): {_people(report.respondents, report.companies)}"
        )
        simulation = _simulation_line(report)
        if simulation:
            console.print(f"[bold yellow]{escape(simulation)}[/]")
        console.print(escape(PER_FORM_NOTE))
        unanswered = _unanswered_observers(report)
        if unanswered:
            console.print(
                f"No answers from {escape(', '.join(unanswered))}: their items are not analysed."
            )
        for dim in report.dimensions:
            console.print()
            console.print(f"[bold]{_shown(dim.title)}[/] ({escape(dim.dimension)})")
            for form in _shown_forms(dim):
                console.print(_form_heading(form, min_alpha))
                if form.items:
                    console.print(_item_table(form))
        console.print()
        console.print(_summary(report, min_alpha))
        blocks = reliability_blocks(report)
        if blocks:
            console.print()
            console.print("To paste into the bank, under each dimension (docs/bank-format.md):")
            for block in blocks:
                console.print(f"  {escape(block.dimension)}:", soft_wrap=True)
                console.print(f"    {escape(block.yaml())}", soft_wrap=True)
        if simulation:
            console.print(f"[bold yellow]{escape(simulation)}[/]")
    return buffer.getvalue()


def _item_table(form: FormReliability) -> object:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for name, justify in (
        ("item", "left"),
        ("mean", "right"),
        ("sd", "right"),
        ("item-total r", "right"),
        ("alpha if deleted", "right"),
        ("", "left"),
        ("wording", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for item in form.items:
        table.add_row(
            escape(item.question),
            f"{item.mean:.1f}",
            f"{item.sd:.1f}",
            _fmt(item.item_total),
            _fmt(item.alpha_if_deleted),
            _item_flag(item),
            _shown(item.wording),
        )
    return Padding(table, (0, 0, 0, 2), expand=False)


def _form_heading(form: FormReliability, min_alpha: float | None) -> str:
    from rich.markup import escape

    role = f"  As the {escape(form.role.upper())} reads it"
    counts = "n=" + _people(form.respondents, form.companies).replace(" respondent(s)", "")
    if form.left_out:
        counts += f", {form.left_out} left out"
    if form.alpha is None:
        return f"{role}: no alpha, {escape(form.reason or '')} ({counts})"
    verdict = ""
    if min_alpha is not None and form.gated:
        verdict = " [green]ok[/]" if form.alpha >= min_alpha else f" [red]below {min_alpha:g}[/]"
    return f"{role}: alpha {form.alpha:.2f} ({counts}){verdict}"


def _item_flag(item: ItemStats) -> str:
    if item.constant:
        return "everyone answers the same"
    if item.raises_alpha:
        return "alpha rises without it"
    return ""


def _failing(forms: list[FormReliability]) -> str:
    """resources (COO, CMO), trust (CMO): the failing forms, grouped by dimension."""
    grouped: dict[str, list[str]] = {}
    for form in forms:
        grouped.setdefault(form.dimension, []).append(form.role.upper())
    return ", ".join(f"{dim} ({', '.join(roles)})" for dim, roles in grouped.items())


def _summary(report: ReliabilityReport, min_alpha: float | None) -> str:
    from rich.markup import escape

    lines = []
    constant = [q for d in report.dimensions for q in d.constant_items]
    lowering = [q for d in report.dimensions for q in d.items_lowering_alpha]
    if constant:
        lines.append("Items everyone answers the same way: " + escape(", ".join(constant)))
    if lowering:
        lines.append("Items whose deletion raises alpha: " + escape(", ".join(lowering)))
    if min_alpha is not None:
        failing = report.below(min_alpha)
        if failing:
            dims = len({f.dimension for f in failing})
            lines.append(
                f"[red]{dims} dimension(s) below alpha {min_alpha:g}: "
                f"{escape(_failing(failing))}[/]"
            )
        else:
            lines.append(f"[green]Every dimension reaches alpha {min_alpha:g} for every role.[/]")
    return "\n".join(lines) if lines else "No item stands out."


def _form_dict(form: FormReliability) -> dict[str, object]:
    return {
        "role": form.role,
        "items_asked": form.items_asked,
        "respondents": form.respondents,
        "companies": form.companies,
        "left_out": form.left_out,
        "alpha": form.alpha,
        "sd": form.sd,
        "gated": form.gated,
        "reason": form.reason,
        "items": [
            {
                "question": i.question,
                "wording": i.wording,
                "mean": i.mean,
                "sd": i.sd,
                "item_total": i.item_total,
                "alpha_if_deleted": i.alpha_if_deleted,
                "constant": i.constant,
                "raises_alpha": i.raises_alpha,
            }
            for i in form.items
        ],
    }


def report_dict(report: ReliabilityReport, *, min_alpha: float | None = None) -> dict[str, object]:
    """The report as plain data, for ``--format json``."""
    dimensions = []
    for dim in report.dimensions:
        block = dimension_block(report, dim)
        dimensions.append(
            {
                "id": dim.dimension,
                "title": dim.title,
                "reliability": None
                if block is None
                else {
                    "alpha": block.alpha,
                    "sd": block.sd,
                    "n": block.n,
                    "source": block.source,
                    "role": block.role,
                },
                "forms": [_form_dict(form) for form in dim.forms],
            }
        )
    return {
        "schema_version": 2,
        "bank": {"id": report.bank_id, "version": report.bank_version, "hash": report.bank_hash},
        "respondents": report.respondents,
        "companies": report.companies,
        "simulated": report.simulated,
        "note": _simulation_line(report),
        "min_respondents": report.min_respondents,
        "min_alpha": min_alpha,
        "passed": None if min_alpha is None else not report.below(min_alpha),
        "dimensions": dimensions,
    }


def render_json(report: ReliabilityReport, *, min_alpha: float | None = None) -> str:
    return to_json(report_dict(report, min_alpha=min_alpha)) + "\n"


def render_norms_text(report: NormsReport, *, color: bool = False, width: int = 100) -> str:
    """One table: dimension, role, score, percentile among n earlier engagements."""
    from rich.markup import escape
    from rich.table import Table

    from cxo_diag.report.console import capture

    with capture(color=color, width=width) as (console, buffer):
        who = f"{_shown(report.engagement)}: " if report.engagement else ""
        console.print(
            f"[bold]Local norms[/] {who}among {report.references} earlier engagement(s) of "
            f"{escape(report.bank_id)} {escape(report.bank_version)} in the store "
            f"({escape(report.bank_hash)})"
        )
        if report.simulated_skipped:
            console.print(
                f"{report.simulated_skipped} simulated engagement(s) left out of the norms."
            )
        table = Table(box=None, pad_edge=False, show_edge=False)
        for column, justify in (
            ("dimension", "left"),
            ("role", "left"),
            ("score", "right"),
            ("percentile", "right"),
            ("", "left"),
        ):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for norm in report.norms:
            table.add_row(
                _shown(norm.title),
                escape(norm.role.upper()),
                _fmt(norm.score, 1),
                "-" if norm.percentile is None else f"{norm.percentile:.0f}",
                _norm_note(norm, report),
            )
        console.print(table)
        console.print(
            "Percentile: among those earlier engagements with a score for the dimension and "
            "role, the share with a lower score (ties count half); higher means more friction "
            f"than usual. Hidden when fewer than {report.min_sample} have a score."
        )
    return buffer.getvalue()


def _norm_note(norm: Norm, report: NormsReport) -> str:
    """The sample behind a percentile, counted against the header's earlier engagements:
    a row says so when only some of them have a score for its dimension and role."""
    if norm.score is None:
        return "no score"
    role = _shown(norm.role.upper())
    if norm.percentile is None:
        if norm.sample == report.references:
            return f"hidden: {norm.sample} earlier engagement(s), {report.min_sample} needed"
        verb = "has" if norm.sample == 1 else "have"
        return (
            f"hidden: only {norm.sample} of them {verb} a {role} score here "
            f"({report.min_sample} needed)"
        )
    if norm.sample == report.references:
        return f"among {norm.sample}"
    return f"among {norm.sample} of them, those with a {role} score here"


def norms_dict(report: NormsReport) -> dict[str, object]:
    return {
        "schema_version": 1,
        "engagement": report.engagement,
        "bank": {"id": report.bank_id, "version": report.bank_version, "hash": report.bank_hash},
        "references": report.references,
        "simulated_skipped": report.simulated_skipped,
        "min_sample": report.min_sample,
        "norms": [
            {
                "dimension": n.dimension,
                "role": n.role,
                "score": n.score,
                "sample": n.sample,
                "percentile": n.percentile,
            }
            for n in report.norms
        ],
    }
