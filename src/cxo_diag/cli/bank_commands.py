"""Commands about question banks: validate, schema, banks, show."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import CxoCommand, ListFormat, ListFormatOption
from cxo_diag.cli.output import color_wanted
from cxo_diag.text import to_json


class FindingsFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(cls=CxoCommand)
def validate(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Bank files or folders of banks.")
    ],
    output_format: Annotated[
        FindingsFormat,
        typer.Option("--format", "-f", help="text, json, or github (workflow annotations)."),
    ] = FindingsFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
) -> None:
    """Check banks: YAML, fields, references, bands, item quality.

    Also each dimension's coverage by questions and practices; every finding in one run.

    Exit 0 when clean, 1 on errors (or warnings with --strict), 2 when it could not run.
    """
    from cxo_diag.bank.validate import validate_paths
    from cxo_diag.errors import UsageError
    from cxo_diag.report import findings as render

    result, missing = validate_paths(paths)
    if missing:
        raise UsageError("no such file or directory", where=", ".join(missing))
    if not result.files:
        raise UsageError("no .yaml or .yml files found in " + ", ".join(map(str, paths)))
    if output_format is FindingsFormat.text:
        text = render.render_text(result, color=color_wanted(sys.stdout))
    else:
        text = render.RENDERERS[output_format.value](result)
    sys.stdout.write(text)
    raise typer.Exit(result.exit_code(strict=strict))


@app.command(cls=CxoCommand)
def explain(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", help="A finding code, such as E101 (all when left out)."),
    ] = None,
) -> None:
    """Explain a finding code: its meaning, an example and the fix.

    The same catalogue as validate's messages; without a code, every code with its name.
    """
    from cxo_diag.errors import UsageError
    from cxo_diag.explain import close_codes, explain_code, find_code, listing

    if code is None:
        sys.stdout.write(listing())
        return
    found = find_code(code)
    if found is None:
        close = close_codes(code)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UsageError(f"no finding code {code!r}; {hint}cxo-diag explain lists them all")
    sys.stdout.write(explain_code(found))


@app.command(cls=CxoCommand)
def schema() -> None:
    """Print the JSON Schema of the bank format (for editors, CI)."""
    from cxo_diag.bank.model import json_schema

    typer.echo(to_json(json_schema()))


@app.command(cls=CxoCommand)
def banks(
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """List the banks available: built in, and in ./questionnaires."""
    from cxo_diag.bank.registry import list_banks
    from cxo_diag.report import bank_view

    entries = list_banks()
    if output_format is ListFormat.json:
        typer.echo(bank_view.banks_json(entries))
    else:
        sys.stdout.write(bank_view.banks_text(entries, color=color_wanted(sys.stdout)))


@app.command(cls=CxoCommand)
def show(
    bank: Annotated[
        str, typer.Argument(metavar="BANK", help="A bank id (built in or local) or a path.")
    ],
    output_format: ListFormatOption = ListFormat.text,
) -> None:
    """Show a bank's dimensions, questions, practices and rules."""
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.report import bank_view

    resolved = open_bank(bank)
    if output_format is ListFormat.json:
        typer.echo(bank_view.bank_json(resolved.bank, resolved.hash))
    else:
        sys.stdout.write(
            bank_view.bank_text(resolved.bank, resolved.hash, color=color_wanted(sys.stdout))
        )
