"""What the commands share on their command line: the help layout that names each value for
people (FILE..., ENGAGEMENT), never by its Python type.

Typer shows an argument as ``FILE <list[Path]>`` and ``{engagement}`` in the usage line
whatever its metavar; ``CxoCommand`` shows the metavar alone (upper-cased name without
one), ``[...]`` around an optional argument and ``...`` after one that takes several.
Options show their metavar already: every option that takes a value names one.
"""

from __future__ import annotations

from typer import _click
from typer.core import TyperCommand


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
