"""The command line: a thin shell that parses options, calls the core and renders.

The app object lives in ``cxo_diag.cli.app``; command modules register themselves on it and
are imported here. Only typer and the standard library are imported at start-up; each command
imports what it needs when it runs.
"""

from __future__ import annotations

import sys

import typer

from cxo_diag import __version__
from cxo_diag.cli.app import app

__all__ = ["app", "main"]


def _register() -> None:
    from cxo_diag.cli import (
        analysis_commands,  # noqa: F401
        assess_commands,  # noqa: F401
        bank_commands,  # noqa: F401
        engagement_commands,  # noqa: F401
        form_commands,  # noqa: F401
        interview_commands,  # noqa: F401
        report_commands,  # noqa: F401
        store_commands,  # noqa: F401
    )


_register()


def _tolerant_output() -> None:
    """Characters a stream's encoding lacks become '?' instead of a traceback.

    A report piped to a file under a legacy locale (Latin-1, cp1252) cannot encode box
    drawing or bullets; nor can any encoding a stray surrogate from an undecodable file name.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main() -> None:
    from cxo_diag.cli.app import say_error
    from cxo_diag.cli.arguments import check_arguments
    from cxo_diag.cli.streams import guard_standard_output
    from cxo_diag.errors import CxoDiagError

    guard_standard_output()
    _tolerant_output()
    try:
        check_arguments(sys.argv[1:])
        # `--version` alone is answered before typer builds the click command of every
        # subcommand, which is most of the start-up time a script checking the version pays.
        if sys.argv[1:] == ["--version"]:
            typer.echo(f"cxo-diag {__version__}")
            return
        app()
    except CxoDiagError as error:  # outside a command: --help, --version, the arguments
        raise SystemExit(say_error(error)) from None
    except BrokenPipeError:
        raise SystemExit(1) from None
