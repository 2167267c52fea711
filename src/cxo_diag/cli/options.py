"""What the commands share on their command line: the formats, --out and --force, defined
once; and the help layout that names each value for people (FILE..., ENGAGEMENT), never by
its Python type.

Typer shows an argument as ``FILE <list[Path]>`` and ``{engagement}`` in the usage line
whatever its metavar; ``CxoCommand`` shows the metavar alone (upper-cased name without
one), ``[...]`` around an optional argument and ``...`` after one that takes several.
Options show their metavar already: every option that takes a value names one.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from typer import _click
from typer.core import TyperCommand


class ReportFormat(enum.StrEnum):
    """How a report is rendered."""

    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


class ListFormat(enum.StrEnum):
    """A listing for people, or JSON for scripts."""

    text = "text"
    json = "json"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="terminal, markdown, html (one printable file) or json."),
]
ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="text, or json for scripts.")
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", metavar="FILE", help="Write to this file (mode 0600) instead of the screen."
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")]


def _argument_name(param: _click.Parameter) -> str:
    name = param.metavar or (param.name or "").upper()
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


class CxoCommand(TyperCommand):
    """A command whose help names its arguments by metavar only."""

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)
