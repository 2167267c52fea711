"""Command-line arguments that are not text: refused in one line before any command runs.

Python turns bytes that are not valid in the locale's encoding (``cxo-diag report
$'caf\\xe9'`` under UTF-8) into lone surrogates, which no database, file or terminal can take:
they used to end in a UnicodeEncodeError deep in the store. A name must be text; a path to a
file that exists may be any bytes the file system allows, so such an argument is let through.
"""

from __future__ import annotations

import os

from cxo_diag.errors import UsageError
from cxo_diag.text import one_line


def _undecodable(argument: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in argument)


def shown(argument: str) -> str:
    """The argument as one printable line: undecodable bytes as ``\\xe9``."""
    raw = os.fsencode(argument)
    return one_line(raw.decode("utf-8", errors="backslashreplace"))


def check_arguments(arguments: list[str]) -> None:
    """Refuse an argument holding bytes the locale cannot decode, unless it names a file
    that exists."""
    for argument in arguments:
        if _undecodable(argument) and not os.path.lexists(argument):
            raise UsageError(
                f"the argument '{shown(argument)}' is not valid text in this terminal's "
                "encoding (UTF-8 expected); type names as text"
            )
