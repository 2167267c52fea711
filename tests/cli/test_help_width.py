"""`--help` in an 80-column terminal (issue 21): every command's one-line help is whole.

HW001 The command list of cxo-diag and of each group shows each one-line help in full (no
      "..." where click cut it) and no line is wider than 80 columns.
"""

from __future__ import annotations

import typer.main

from cxo_diag.cli import app
from tests.helpers import runner


def _groups() -> list[list[str]]:
    found: list[list[str]] = [[]]
    pending = [([name], cmd) for name, cmd in typer.main.get_command(app).commands.items()]  # type: ignore[attr-defined]
    while pending:
        words, command = pending.pop()
        subcommands = getattr(command, "commands", {})
        if subcommands:
            found.append(words)
            pending += [([*words, sub], cmd) for sub, cmd in subcommands.items()]
    return found


def test_hw001_every_one_line_help_fits_80_columns() -> None:
    cut: dict[str, list[str]] = {}
    for words in _groups():
        result = runner.invoke(app, [*words, "--help"], terminal_width=80)
        assert result.exit_code == 0, result.output
        listing = result.output.split("Commands:\n", 1)[1].splitlines()
        rows = [line for line in listing if line.startswith("  ")]
        assert rows, result.output
        bad = [row for row in rows if row.endswith(("...", "…")) or len(row) > 80]
        bad += [line for line in result.output.splitlines() if len(line) > 80]
        if bad:
            cut[" ".join(["cxo-diag", *words])] = bad
    assert cut == {}
