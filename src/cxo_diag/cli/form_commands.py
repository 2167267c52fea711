"""Ways to answer without a terminal: form (an offline HTML questionnaire) and template (a
blank answers file to fill in by hand). Both write one file; import and score read the
answers that come back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import CxoCommand, ForceOption

BankOption = Annotated[
    str, typer.Option("--bank", "-b", metavar="BANK", help="Bank id or file.", show_default=False)
]
RoleOption = Annotated[
    str,
    typer.Option("--role", metavar="ROLE", help="The respondent's role id.", show_default=False),
]
EngagementOption = Annotated[
    str | None,
    typer.Option(
        "--engagement",
        metavar="NAME",
        help="The engagement the answers are for (written into the answers file).",
    ),
]
NameOption = Annotated[
    str | None,
    typer.Option("--name", metavar="NAME", help="The respondent's name, filled in already."),
]
RequiredOut = Annotated[
    Path,
    typer.Option(
        "--out", "-o", metavar="FILE", help="Write to this file (mode 0600).", show_default=False
    ),
]


@app.command(cls=CxoCommand)
def form(
    *,
    bank: BankOption,
    role: RoleOption,
    out: RequiredOut,
    engagement: EngagementOption = None,
    name: NameOption = None,
    force: ForceOption = False,
) -> None:
    """Write an offline questionnaire: one HTML file, no network.

    It opens in any browser. One question a screen, with the terminal's keys or the mouse;
    each answer is kept in the browser as given; at the end it downloads the answers file
    for cxo-diag import.
    """
    from cxo_diag.app.answer_forms import offline_form
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.paths import safe_output_path, write_output

    safe_output_path(out, force=force)
    page = offline_form(open_bank(bank), role, engagement=engagement, respondent=name)
    write_output(out, page, force=force, private=True)
    typer.echo(
        f"wrote {out}: send it to the respondent; the answers file it downloads goes to "
        "cxo-diag import ENGAGEMENT FILE (or cxo-diag score FILE)",
        err=True,
    )


@app.command(cls=CxoCommand)
def template(
    *,
    bank: BankOption,
    role: RoleOption,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write to this file (mode 0600), not the screen."
        ),
    ] = None,
    engagement: EngagementOption = None,
    name: NameOption = None,
    force: ForceOption = False,
) -> None:
    """Write a blank answers file to fill in with any text editor.

    Every question and its scale are comments; score or import the file when it is filled in.
    """
    from cxo_diag.app.answer_forms import blank_answers
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.cli.output import emit

    text = blank_answers(open_bank(bank), role, engagement=engagement, respondent=name)
    emit(text, out, force)
