"""Commands about stored engagements: engagements (the listing), report, agenda, export,
delete.

Each parses its options, calls the application layer (``cxo_diag.app``) and writes what it
gives back. SQLAlchemy, rich and the scoring engine load inside the commands that use them.
"""

from __future__ import annotations

import enum
import shlex
import sys
from typing import Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.norms_options import NormsMinSampleOption, NormsOption, add_norms
from cxo_diag.cli.options import (
    AudienceOption,
    BrandOption,
    CxoCommand,
    EngagementArgument,
    ForceOption,
    ListFormat,
    ListFormatOption,
    OutOption,
    Paper,
    PaperOption,
    ReportFormat,
    ReportFormatOption,
    RoundOption,
    StoreOption,
    audience_of,
)
from cxo_diag.cli.output import color_wanted, emit, report_width
from cxo_diag.text import clean, to_json


@app.command(cls=CxoCommand)
def engagements(
    output_format: ListFormatOption = ListFormat.text,
    every: Annotated[
        bool,
        typer.Option("--all", help="List every engagement, not only the 50 most recent."),
    ] = False,
    store: StoreOption = None,
) -> None:
    """List engagements: bank, rounds, respondents, completion.

    The bank and its version, the rounds, each respondent and how much they answered: the
    50 most recently started, by name (--all for every one); a line after them (on stderr
    with --format json) says how many more the store holds.
    """
    from cxo_diag.app.listing import saved_engagements
    from cxo_diag.report.engagements_view import engagements_json, engagements_text, more_line

    found = saved_engagements(store, every=every)
    more = more_line(found)
    if output_format is ListFormat.json:
        typer.echo(engagements_json(found))
        if more:
            typer.echo(more, err=True)
        return
    sys.stdout.write(engagements_text(found, color=color_wanted(sys.stdout), width=report_width()))
    if more:
        typer.echo(more)


@app.command(cls=CxoCommand)
def report(
    engagement: EngagementArgument,
    *,
    round_number: RoundOption = None,
    output_format: ReportFormatOption = ReportFormat.terminal,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
    norms: NormsOption = None,
    norms_min_sample: NormsMinSampleOption = None,
    audience: AudienceOption = None,
    paper: PaperOption = Paper.a4,
    brand: BrandOption = None,
) -> None:
    """An engagement's report: each role's view, gaps, practices.

    The comparative report, with the evidence for each practice. Round 2 and later also show
    the change since the round before. With --norms STORE each score is placed among the
    engagements of the same bank version created before this one.
    """
    from cxo_diag.app.engagements import get_engagement
    from cxo_diag.app.rounds import diagnose_round
    from cxo_diag.app.stores import open_named
    from cxo_diag.report.brand import find_brand
    from cxo_diag.report.render import render_document

    branding = find_brand(brand)
    opened, _ = open_named(store, create=False)
    with opened:
        found = get_engagement(opened, engagement)
        diagnosis = diagnose_round(opened, found, round_number)
    diagnosis = add_norms(
        diagnosis, found.bank, norms, norms_min_sample, before=found.row.created_at
    )
    color = out is None and color_wanted(sys.stdout)
    chosen = audience_of(audience)
    text = render_document(
        diagnosis,
        output_format.value,
        color=color,
        width=report_width(),
        audience=chosen,
        brand=branding,
        paper=paper.value,
    )
    emit(text, out, force)


@app.command(cls=CxoCommand)
def agenda(
    engagement: EngagementArgument,
    *,
    round_number: RoundOption = None,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
    audience: AudienceOption = None,
) -> None:
    """A Markdown agenda for the joint workshop, largest gaps first.

    The dimensions where the leaders' views differ most, with probes to ask, then the
    top practices to decide on. For the client (the default) nobody's answers are shown;
    --audience consultant adds them and the interview notes.
    """
    from cxo_diag.app.engagements import get_engagement
    from cxo_diag.app.rounds import diagnose_round
    from cxo_diag.app.stores import open_named
    from cxo_diag.report.agenda import render_agenda

    opened, _ = open_named(store, create=False)
    with opened:
        found = get_engagement(opened, engagement)
        diagnosis = diagnose_round(opened, found, round_number)
    emit(render_agenda(diagnosis, found.bank, audience_of(audience) or "client"), out, force)


class ExportFormat(enum.StrEnum):
    json = "json"
    csv = "csv"


@app.command(cls=CxoCommand)
def export(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="ENGAGEMENT...",
            help="Engagements; with --format csv, answers files too (an existing file).",
        ),
    ],
    *,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json (one engagement) or csv (a row per answer)."),
    ] = ExportFormat.json,
    pseudonymise: Annotated[
        bool, typer.Option("--pseudonymise", help="csv: a stable pseudonym for each name.")
    ] = False,
    bank: Annotated[
        str | None,
        typer.Option("--bank", "-b", metavar="BANK", help="csv: the bank of answers files."),
    ] = None,
    out: OutOption = None,
    force: ForceOption = False,
    store: StoreOption = None,
) -> None:
    """Export engagements: a JSON bundle, or every answer as CSV.

    json: one engagement, every respondent's answers file by round. csv: one row per answer
    (engagement, round, respondent, role, question, dimension, keyed, value, friction) of
    each engagement and answers file named, for R, pandas or a spreadsheet.
    """
    from cxo_diag.app.stores import open_named
    from cxo_diag.errors import UsageError

    if output_format is ExportFormat.csv:
        from cxo_diag.app.export_csv import csv_export

        text = csv_export(
            sources,
            lambda: open_named(store, create=False)[0],
            bank=bank,
            pseudonymise=pseudonymise,
        )
        emit(text, out, force)
        return
    if len(sources) != 1 or pseudonymise or bank is not None:
        raise UsageError(
            "a JSON export is one engagement's bundle; several engagements, answers files, "
            "--pseudonymise and --bank take --format csv"
        )
    from cxo_diag.app.engagements import export_bundle

    opened, _ = open_named(store, create=False)
    with opened:
        bundle = export_bundle(opened, sources[0])
    text = to_json(bundle) + "\n"
    emit(text, out, force)


@app.command(cls=CxoCommand)
def delete(
    engagement: EngagementArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    store: StoreOption = None,
) -> None:
    """Delete an engagement with its answers and notes (asks first).

    Everything of the engagement goes: every round, answer and note. --yes does not ask.
    """
    from cxo_diag.app.engagements import delete_engagement, deletion_preview
    from cxo_diag.app.stores import open_named
    from cxo_diag.errors import NoTerminal
    from cxo_diag.terminal_keys import confirm, has_terminal

    opened, _ = open_named(store, create=False)
    with opened:
        found, people = deletion_preview(opened, engagement)
        if not yes:
            if not has_terminal():
                raise NoTerminal(f"delete asks for confirmation; add --yes to delete {engagement}")
            confirmed = confirm(
                f"Delete engagement {clean(shlex.quote(found.name))} and the answers of "
                f"{people} respondent{'' if people == 1 else 's'}? This cannot be undone",
                cancelled="delete: cancelled; nothing was deleted",
            )
            if not confirmed:
                typer.echo("Nothing deleted.")
                raise typer.Exit(1)
        delete_engagement(opened, found.name)
    typer.echo(f"deleted {found.name}")
