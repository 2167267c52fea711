"""Commands that score answers files without a store: score, demo.

They read the files, find the bank, let the scoring engine build the diagnosis and write
the rendered report. The report is deterministic: no clock is read, so the same files give
the same bytes (the header shows when the answers were given).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.norms_options import NormsMinSampleOption, NormsOption, add_norms
from cxo_diag.cli.options import (
    CxoCommand,
    ForceOption,
    OutOption,
    ReportFormat,
    ReportFormatOption,
)
from cxo_diag.cli.output import color_wanted, emit, report_width

if TYPE_CHECKING:
    from cxo_diag.answers import AnswerSet
    from cxo_diag.bank.registry import ResolvedBank

DEMO_ENGAGEMENT = "budget-war"


def _read_all(files: list[Path]) -> list[tuple[Path, AnswerSet]]:
    from cxo_diag.answers import read_answers_file
    from cxo_diag.errors import AnswersFileError

    read = [(path, read_answers_file(path)) for path in files]
    seen: dict[tuple[str, str], Path] = {}
    for path, answer_set in read:
        key = (answer_set.respondent.role, answer_set.respondent.name)
        if key in seen:
            raise AnswersFileError(
                f"{key[1]} ({key[0]}) already answered in {seen[key]}; give each respondent once",
                where=str(path),
            )
        seen[key] = path
    return read


def _bank_for(read: list[tuple[Path, AnswerSet]], bank: str | None) -> ResolvedBank:
    """The bank named by --bank, or the one bank every file names."""
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.errors import AnswersFileError, NotFound

    if bank is not None:
        return open_bank(bank)
    named = sorted({answer_set.bank.id for _, answer_set in read})
    if len(named) > 1:
        listing = "; ".join(
            f"{bank_id}: " + ", ".join(str(p) for p, s in read if s.bank.id == bank_id)
            for bank_id in named
        )
        # a problem with the input, like a file for the wrong --bank: exit 1, not 2
        raise AnswersFileError(f"the files are for different banks ({listing}); score them apart")
    try:
        return open_bank(named[0])
    except NotFound as error:  # say which file named the bank nobody has
        first = next(path for path, _ in read)
        raise NotFound(f"answers for an unknown bank: {error.message}", where=str(first)) from None


def _report(
    files: list[Path],
    bank: str | None,
    fmt: ReportFormat,
    out: Path | None,
    *,
    norms: str | None = None,
    norms_min_sample: int | None = None,
) -> str:
    from cxo_diag.answers import check_fits_bank
    from cxo_diag.report.render import render
    from cxo_diag.scoring import diagnose

    read = _read_all(files)
    resolved = _bank_for(read, bank)
    for path, answer_set in read:
        check_fits_bank(answer_set, resolved.bank, resolved.hash, str(path))
    answer_sets = [answer_set for _, answer_set in read]
    diagnosis = diagnose(resolved.bank, answer_sets)
    diagnosis = add_norms(diagnosis, resolved.bank, norms, norms_min_sample, answers=answer_sets)
    to_screen = out is None
    color = to_screen and fmt is ReportFormat.terminal and color_wanted(sys.stdout)
    return render(diagnosis, fmt.value, color=color, width=report_width() if to_screen else 100)


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
) -> None:
    """Score answers files as one engagement and print the report.

    Every file must fit the bank: the same id, version and content hash. A file for another
    bank or a changed bank is refused, never mis-scored. With --norms STORE each score is
    placed among the stored engagements of the same bank version (never these answers).
    """
    report = _report(
        files, bank, output_format, out, norms=norms, norms_min_sample=norms_min_sample
    )
    emit(report, out, force)


@app.command(cls=CxoCommand)
def demo(
    output_format: ReportFormatOption = ReportFormat.terminal,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Show the report of a bundled example engagement (a COO and a CMO in a budget war)."""
    from cxo_diag import resources
    from cxo_diag.errors import NotFound

    folder = resources.examples_dir() / DEMO_ENGAGEMENT
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise NotFound("the bundled example engagement is missing", where=str(folder))
    emit(_report(files, None, output_format, out), out, force)
