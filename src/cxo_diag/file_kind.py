"""What kind of cxo-diag file (or other file) a document is, to say so in plain words.

A user who gives ``score`` a report, an export bundle or the README deserves "this is a JSON
report, not an answers file", not the YAML parser's or the schema's complaint. Pure
functions over the file's name, text and parsed data; nothing is printed here.
"""

from __future__ import annotations

from pathlib import PurePath

#: A file's ``kind`` or ``format`` field, and what it is called for people.
_KNOWN_KINDS = {
    "cxo-diag-diagnosis": "a JSON report (from `--format json`)",
    "cxo-diag-engagement": "an export bundle (from `cxo-diag export`)",
    "practice-library": "a practice library",
}

_TEXT_SUFFIXES = {
    ".md": "a Markdown file",
    ".markdown": "a Markdown file",
    ".txt": "a text file",
    ".html": "an HTML file",
    ".htm": "an HTML file",
    ".pdf": "a PDF file",
    ".csv": "a CSV file",
    ".sqlite": "a store (an SQLite file)",
    ".db": "a database file",
}


def kind_of_data(data: object) -> str | None:
    """What a parsed document is when it is a cxo-diag file of another kind, else None."""
    if not isinstance(data, dict):
        return None
    for key in ("kind", "format"):
        named = data.get(key)
        if isinstance(named, str) and named in _KNOWN_KINDS:
            return _KNOWN_KINDS[named]
    if "questions" in data and "respondent" not in data:
        return "a question bank"
    return None


def kind_of_text(name: str, text: str) -> str | None:
    """What a file that is not YAML or JSON data seems to be: by its name, then its start."""
    suffix = PurePath(name).suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    start = text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")):
        return "an HTML file"
    if start.startswith("%pdf"):
        return "a PDF file"
    if start.startswith("sqlite format 3"):
        return "a store (an SQLite file)"
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if any(line.startswith(("```", "## ", "| ")) for line in lines):
        return "a Markdown file"
    return None


def what_to_do(kind: str, wanted: str) -> str:
    """The message: what the file is, what was wanted, and where such a file comes from."""
    advice = {
        "a JSON report (from `--format json`)": "score the answers files it was made from",
        "an export bundle (from `cxo-diag export`)": (
            "its rounds hold the answers files; to move an engagement between stores use "
            "`cxo-diag store copy`"
        ),
        "a question bank": "give it with --bank; answers files come from `cxo-diag assess --out`",
        "a practice library": "banks include it; answers files come from `cxo-diag assess --out`",
    }.get(kind, "answers files come from `cxo-diag assess --out FILE`")
    return f"this is {kind}, not {wanted}: {advice}"
