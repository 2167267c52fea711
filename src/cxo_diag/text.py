"""Text that came from a bank or a respondent, made safe to show.

``clean`` runs before any medium-specific escaping (rich markup, HTML, Markdown): control
characters, ANSI escape sequences included, become visible ``\\x1b``-style text, so nothing a
bank author or respondent typed can move the cursor, recolour or retitle a terminal.
``check_name`` refuses a name no one could have meant before it is stored or written.
"""

from __future__ import annotations

import re
import unicodedata

from cxo_diag.errors import UsageError

MAX_NAME = 200

# C0 and C1 controls (ESC starts every ANSI sequence), and the bidirectional overrides that
# can make displayed text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Make control characters visible (``\\x1b``) instead of letting them act; tabs kept."""
    return _CONTROL.sub(lambda m: _visible(m.group()), text)


def one_line(text: str) -> str:
    """``clean`` and fold newlines to spaces, for table cells and headings."""
    return " ".join(clean(text).split())


def who(role_id: str) -> str:
    """How sentences, tables and reports name a role: its id in capitals (COO, CMO)."""
    return role_id.upper()


def check_name(value: str, what: str) -> str:
    """A name a person typed: trimmed, 1..200 characters, no control characters."""
    name = value.strip()
    if not name:
        raise UsageError(f"the {what} name is empty")
    if len(name) > MAX_NAME:
        raise UsageError(f"the {what} name is longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UsageError(f"the {what} name contains control characters")
    return name
