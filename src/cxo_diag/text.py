"""Text that came from a bank or a respondent, made safe to show.

``clean`` runs before any medium-specific escaping (rich markup, HTML, Markdown): control
characters, ANSI escape sequences included, become visible ``\\x1b``-style text, so nothing a
bank author or respondent typed can move the cursor, recolour or retitle a terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Make control characters visible (``\\x1b``) instead of letting them act; tabs kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """``clean`` and fold newlines to spaces, for table cells and headings."""
    return " ".join(clean(text).split())
