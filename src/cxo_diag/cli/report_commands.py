"""Commands that score answers files without a store: score, demo.

``cxo_diag.app.score_files`` reads the files, finds the bank and diagnoses; these write the
rendered report.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.norms_options import NormsMinSampleOption, NormsOption, add_norms
from cxo_diag.cli.options import (
    AudienceChoice,
    AudienceOption,
    BrandOption,
    CxoCommand,
    ForceOption,
    OrganisationOption,
    OutOption,
    Paper,
    PaperOption,
    ReportFormat,
    ReportFormatOption,
    audience_of,
)
from cxo_diag.cli.output import color_wanted, emit, report_width

DEMO_ENGAGEMENT = "budget-war"
DEMO_ORGANISATION = "Harbor & Pine Foods"


def _report(
    files: list[Path],
    bank: str | None,
    fmt: ReportFormat,
    out: Path | None,
    *,
    norms: str | None = None,
    norms_min_sample: int | None = None,
    audience: AudienceChoice | None = None,
    organisation: str | None = None,
    paper: Paper = Paper.a4,
    brand: Path | None = None,
) -> str | bytes:
    from cxo_diag.app.score_files import score_files
    from cxo_diag.report.brand import find_brand
    from cxo_diag.report.render import render_document

    branding = find_brand(brand)
    scored = score_files(files, bank, organisation=organisation)
    diagnosis = add_norms(
        scored.diagnosis, scored.bank.bank, norms, norms_min_sample, answers=scored.answer_sets
    )
    to_screen = out is None
    color = to_screen and fmt is ReportFormat.terminal and color_wanted(sys.stdout)
    return render_document(
        diagnosis,
        fmt.value,
        color=color,
        width=report_width() if to_screen else 100,
        audience=audience_of(audience),
        brand=branding,
        paper=paper.value,
    )


@app.command(cls=CxoCommand)
def score(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Answers files (YAML or JSON), one per respondent."),
    ],
    *,
    bank: Annotated[
        str | None,
        typer.Option(
            metavar="BANK", help="The bank (id or path); default: the one the files name."
        ),
    ] = None,
    output_format: ReportFormatOption = ReportFormat.terminal,
    out: OutOption = None,
    force: ForceOption = False,
    norms: NormsOption = None,
    norms_min_sample: NormsMinSampleOption = None,
    audience: AudienceOption = None,
    organisation: OrganisationOption = None,
    paper: PaperOption = Paper.a4,
    brand: BrandOption = None,
) -> None:
    """Score answers files as one engagement and print the report.

    Every file must fit the bank: the same id, version and content hash. A file for another
    bank or a changed bank is refused, never mis-scored. With --norms STORE each score is
    placed among the stored engagements of the same bank version (never these answers).
    """
    report = _report(
        files,
        bank,
        output_format,
        out,
        norms=norms,
        norms_min_sample=norms_min_sample,
        audience=audience,
        organisation=organisation,
        paper=paper,
        brand=brand,
    )
    emit(report, out, force)


@app.command(cls=CxoCommand)
def demo(
    *,
    output_format: ReportFormatOption = ReportFormat.terminal,
    out: OutOption = None,
    force: ForceOption = False,
    audience: AudienceOption = None,
    paper: PaperOption = Paper.a4,
    brand: BrandOption = None,
) -> None:
    """Show the report of a bundled example engagement.

    A COO and a CMO in a budget war.
    """
    from cxo_diag import resources
    from cxo_diag.errors import NotFound

    folder = resources.examples_dir() / DEMO_ENGAGEMENT
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise NotFound("the bundled example engagement is missing", where=str(folder))
    report = _report(
        files,
        None,
        output_format,
        out,
        audience=audience,
        organisation=DEMO_ORGANISATION,
        paper=paper,
        brand=brand,
    )
    emit(report, out, force)
