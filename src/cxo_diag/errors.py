"""The errors cxo-diag raises for people to read.

The core raises these; the CLI catches them in one place, prints one line to stderr and
exits with the class's ``exit_code``. Anything else that escapes is a bug.
"""

from __future__ import annotations


class CxoDiagError(Exception):
    """Base of every error whose text is meant for the user."""

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UsageError(CxoDiagError):
    """An option or argument that cannot be used as given."""

    exit_code = 2


class BankError(CxoDiagError):
    """A question bank that cannot be loaded or used."""


class AnswersFileError(CxoDiagError):
    """An answers file that cannot be read, or that does not fit its bank."""


class StoreError(CxoDiagError):
    """The engagement store cannot be opened, read or written."""


class NotFound(CxoDiagError):
    """A bank, engagement or respondent that does not exist."""


class NoTerminal(CxoDiagError):
    """An interactive command run without a terminal."""

    exit_code = 2


class OutputError(CxoDiagError):
    """A report or export cannot be written where asked."""


class Interrupted(CxoDiagError):
    """The user stopped a prompt (Ctrl-C, end of input) before anything was asked.

    It carries no answers: an interview saves each answer as it is given and ends with its
    own message, so by the time this is raised there is nothing unsaved to hand on.
    """

    exit_code = 130
