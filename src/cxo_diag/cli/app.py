"""The typer app object and its one exit path, apart so command modules import it freely.

``cxo_diag.cli`` imports every command module, and each of them registers on ``app`` here:
importing this module never imports a command, so there is no import cycle.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from cxo_diag import __version__
from cxo_diag.errors import CxoDiagError
from cxo_diag.text import one_line

#: The order of ``--help``: the main jobs first, then sessions, banks, and bank quality.
COMMAND_ORDER = (
    "form", "assess", "template", "demo", "score",
    "interview", "resume", "import", "engagements", "report", "agenda", "export", "delete",
    "store",
    "banks", "show", "validate", "explain", "schema",
    "analyze", "pilot", "norms",
)  # fmt: skip


class CxoGroup(TyperGroup):
    """One exit path: a CxoDiagError becomes one line on stderr and its exit code.

    The line may quote a file's content or an option's value, so control characters are
    made visible and line breaks folded: one line, and nothing a terminal would obey.
    """

    def list_commands(self, ctx: _click.Context) -> list[str]:
        def position(name: str) -> tuple[int, str]:
            known = name in COMMAND_ORDER
            return (COMMAND_ORDER.index(name) if known else len(COMMAND_ORDER), name)

        return sorted(super().list_commands(ctx), key=position)

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CxoDiagError as error:
            raise typer.Exit(say_error(error)) from None
        except _click.exceptions.UsageError as error:
            raise _usage_exit(error) from None
        except BrokenPipeError:
            # The reader went away (| head): quiet, like other Unix tools (cli/streams.py).
            raise typer.Exit(1) from None

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: _click.Context | None = None,
        **extra: Any,
    ) -> _click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _click.exceptions.UsageError as error:
            raise _usage_exit(error) from None


def say_error(error: CxoDiagError) -> int:
    """The one line an error is to a person (on stderr), and the exit code it ends with."""
    typer.echo(f"error: {one_line(str(error))}", err=True)
    return error.exit_code


def _usage_exit(error: _click.exceptions.UsageError) -> typer.Exit:
    """A bad option or argument as one line, like every other error (plus where help is).

    Click would print the usage, a hint and the message on three lines; the help screen that
    a bare ``cxo-diag`` shows is left as it is.
    """
    if isinstance(error, _click.exceptions.NoArgsIsHelpError):
        raise error
    where = error.ctx.command_path if error.ctx is not None else "cxo-diag"
    message = error.format_message().replace("Value error, ", "").rstrip(".")
    typer.echo(f"error: {one_line(f'{where}: {message}')} (see {where} --help)", err=True)
    return typer.Exit(error.exit_code)


app = typer.Typer(
    cls=CxoGroup,
    name="cxo-diag",
    help="Diagnose conflict between C-suite leaders and recommend practices, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxo-diag {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Diagnose conflict between C-suite leaders and recommend practices, with evidence."""
