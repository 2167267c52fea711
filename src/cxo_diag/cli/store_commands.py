"""Commands about stores themselves: ``cxo-diag store copy SRC DST``.

A sub-app, so that later store commands (a check, a backup) sit beside ``copy``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cxo_diag.cli.app import app
from cxo_diag.cli.options import CxoCommand

if TYPE_CHECKING:
    from cxo_diag.store.copy import CopyResult, EngagementCopy

store_app = typer.Typer(
    name="store",
    help="Move engagements between stores (SQLite files, PostgreSQL).\n\n"
    "A laptop's SQLite file and the team's PostgreSQL server.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(store_app)

_LOCATION_HELP = "an SQLite file path, or postgresql://USER@HOST:PORT/DB."


@store_app.command("copy", cls=CxoCommand)
def copy_command(
    source: Annotated[
        str, typer.Argument(metavar="SRC", help="The store to copy from: " + _LOCATION_HELP)
    ],
    destination: Annotated[
        str, typer.Argument(metavar="DST", help="The store to copy to: " + _LOCATION_HELP)
    ],
    engagements: Annotated[
        list[str] | None,
        typer.Option(
            "--engagement",
            "-e",
            metavar="NAME",
            help="Copy only this engagement; repeat for several (default: all of them).",
        ),
    ] = None,
) -> None:
    """Copy engagements from SRC to DST: rounds, answers and notes.

    Every round, respondent, answer and note.

    Either side is an SQLite file or a postgresql:// URL. Everything is written in one
    transaction on DST and the counts are read back before it commits: all arrives, or
    nothing does. An engagement already in DST with the same content is left as it is; a
    different engagement of the same name is refused, and nothing is copied.
    """
    from cxo_diag.app.stores import copy_stores
    from cxo_diag.cli.progress import LONG_WORK, progress_bar
    from cxo_diag.store.location import mask_password

    with progress_bar("copying engagements", minimum=LONG_WORK) as advance:
        copied = copy_stores(source, destination, engagements, progress=advance)
    if copied is None:
        typer.echo(f"{mask_password(source)} has no engagements; nothing to copy")
        return
    typer.echo(_summary(*copied))


def _counts(entry: EngagementCopy) -> str:
    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    counts = [
        plural(entry.rounds, "round"),
        plural(entry.respondents, "respondent"),
        plural(entry.answers, "answer"),
        plural(entry.notes, "note"),
    ]
    if entry.open_answers:  # only banks with open questions have them
        counts.append(plural(entry.open_answers, "open answer"))
    return ", ".join(counts)


def _summary(result: CopyResult, where: str) -> str:
    """One line per engagement, then the verification; ``where`` is already masked."""
    lines = []
    for entry in result.engagements:
        if entry.skipped_identical:
            lines.append(f"already there, identical: {entry.name} ({_counts(entry)})")
        else:
            lines.append(f"copied {entry.name}: {_counts(entry)}")
    copied = len(result.copied)
    if copied:
        lines.append(
            f"verified: the counts read back from {where} match the source "
            f"({copied} engagement{'' if copied == 1 else 's'} copied)"
        )
    else:
        lines.append(f"nothing new to copy: {where} holds every engagement already")
    return "\n".join(lines)
