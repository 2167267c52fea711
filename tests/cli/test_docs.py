"""Docs stay in step with the code: every finding code and every command is documented."""

from __future__ import annotations

import typer.main

from cxo_diag.cli import app
from cxo_diag.findings import Code
from tests.helpers import REPO

DOCS = REPO / "docs"


def test_every_code_has_a_docs_anchor() -> None:
    text = (DOCS / "bank-format.md").read_text()
    missing = [code.name for code in Code if f"\n### {code.name}\n" not in text]
    assert missing == []


def test_every_command_has_help_and_a_section_in_cli_docs() -> None:
    text = (DOCS / "cli.md").read_text()
    pending = list(getattr(typer.main.get_command(app), "commands", {}).items())
    assert pending
    while pending:
        name, command = pending.pop()
        assert command.help, f"{name} has no help text"
        assert f"\n## `cxo-diag {name}" in text, f"docs/cli.md lacks a section for {name}"
        subcommands = getattr(command, "commands", {})
        pending += [(f"{name} {sub}", cmd) for sub, cmd in subcommands.items()]


def every_command_path() -> list[list[str]]:
    found: list[list[str]] = []
    pending = [([name], cmd) for name, cmd in typer.main.get_command(app).commands.items()]  # type: ignore[attr-defined]
    while pending:
        words, command = pending.pop()
        found.append(words)
        pending += [([*words, sub], cmd) for sub, cmd in getattr(command, "commands", {}).items()]
    return found


# Python type names, typer's braces, and a --no-... twin of a plain flag.
LEAKED = ("list[", "<str>", "<int", "<float", "<path>", "{", " / --no-")


def test_help_names_arguments_for_people_not_python_types() -> None:
    from tests.helpers import runner

    leaks: dict[str, list[str]] = {}
    for words in every_command_path():
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0, (words, result.output)
        lines = [line for line in result.output.splitlines() if any(x in line for x in LEAKED)]
        if lines:
            leaks[" ".join(words)] = lines
    assert leaks == {}
