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
from typing import TYPE_CHECKING, Annotated

import typer
from typer import _click
from typer.core import TyperCommand

if TYPE_CHECKING:
    from cxo_diag.report.audience import Audience


class ReportFormat(enum.StrEnum):
    """How a report is rendered."""

    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    json = "json"


class Paper(enum.StrEnum):
    """The paper a printed report is laid out for."""

    a4 = "a4"
    letter = "letter"


class AudienceChoice(enum.StrEnum):
    """Who reads the report: the client (no individual answers or notes) or the consultant."""

    client = "client"
    consultant = "consultant"


def audience_of(choice: AudienceChoice | None) -> Audience | None:
    """The renderers' audience for an --audience value (None: the format's default)."""
    if choice is None:
        return None
    return "client" if choice is AudienceChoice.client else "consultant"


class ListFormat(enum.StrEnum):
    """A listing for people, or JSON for scripts."""

    text = "text"
    json = "json"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="terminal, markdown, html (one printable file), pdf (needs cxo-diag[pdf]) or json.",
    ),
]
PaperOption = Annotated[
    Paper, typer.Option("--paper", help="a4 or letter: the page size of pdf and printed html.")
]
BrandOption = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        metavar="FILE",
        help="Branding YAML (firm, consultant, logo, accent); default: brand.yaml in your "
        "config folder, if there.",
    ),
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
AudienceOption = Annotated[
    AudienceChoice | None,
    typer.Option(
        "--audience",
        help=(
            "client: no individual answers, notes or per-person figures (default for html, "
            "pdf and markdown); consultant: everything, with the interview notes (default for "
            "the terminal and json)."
        ),
    ),
]
OrganisationOption = Annotated[
    str | None,
    typer.Option("--organisation", metavar="ORG", help="The client's name, shown on page one."),
]
ClientOption = Annotated[
    str | None,
    typer.Option("--organisation", metavar="ORG", help="The client (for a new engagement)."),
]
RoundOption = Annotated[
    int | None,
    typer.Option("--round", min=1, metavar="N", help="Which round (default: the latest)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the --out file.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="STORE",
        help="The store: a file path, or postgresql://USER@HOST:PORT/DB for the team store "
        "(default: your data folder; or set CXO_DIAG_STORE).",
        show_default=False,
    ),
]
TakeOverOption = Annotated[
    bool,
    typer.Option(
        "--take-over",
        help="Take the respondent over from another session that holds them (one that is "
        "gone for good: its next answer is refused).",
    ),
]
EngagementArgument = Annotated[
    str, typer.Argument(metavar="ENGAGEMENT", help="The engagement's name.")
]


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
