"""Text that came from a bank or a respondent, made safe to show.

``clean`` runs before any medium-specific escaping (rich markup, HTML, Markdown): control
characters, ANSI escape sequences included, become visible ``\\x1b``-style text, so nothing a
bank author or respondent typed can move the cursor, recolour or retitle a terminal. The same
set covers C1 controls (U+009B is an 8-bit CSI), the bidirectional marks, embeddings,
overrides and isolates that make text read otherwise than it is, and zero-width and other
invisible format characters. ``to_json`` escapes the same set in JSON output (``\\u009b``), so
the data stays whole and nothing reaches a terminal that ``cat``s or ``jq``s the file.
``check_name`` refuses a name no one could have meant before it is stored or written.
"""

from __future__ import annotations

import re
import unicodedata

from cxo_diag.errors import UsageError

MAX_NAME = 200

# C0 and C1 controls (ESC starts every ANSI sequence); bidirectional marks, embeddings,
# overrides and isolates; zero-width and other invisible format characters; line and
# paragraph separators.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# In JSON: the same, and tab and newline are escaped by json.dumps itself.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


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


def to_json(data: object, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """JSON text with every character ``clean`` makes visible escaped as ``\\uXXXX``.

    json.dumps escapes C0 controls but leaves C1, bidirectional and zero-width characters
    raw when ``ensure_ascii`` is off; they only ever occur inside strings, so escaping them
    in the output keeps the data exactly as it was.
    """
    import json

    text = json.dumps(data, indent=indent, ensure_ascii=False, sort_keys=sort_keys)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
