"""Render validation findings as text (rich), JSON, or GitHub workflow annotations.

Sibling renderers picked by name; each returns a string and prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from cxo_diag.bank.validate import FileResult, ValidationResult
from cxo_diag.findings import Finding
from cxo_diag.text import clean, to_json

FORMATS = ("text", "json", "github")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: ValidationResult) -> str:
    return (
        f"{_plural(len(result.files), 'file')} checked: {_plural(result.errors, 'error')}, "
        f"{_plural(result.warnings, 'warning')}"
    )


def _file_status(file: FileResult) -> tuple[str, str]:
    """The plain and the rich-markup status of one file: ok, or its counts."""
    if not file.findings:
        return "ok", "[green]ok[/]"
    plain = _plural(file.errors, "error")
    markup = f"[red]{plain}[/]"
    if file.warnings:
        plain += f", {_plural(file.warnings, 'warning')}"
        markup += f", [yellow]{_plural(file.warnings, 'warning')}[/]"
    return plain, markup


def _explain(finding: Finding) -> str:
    """The command that explains the finding's code (its meaning, an example, the fix)."""
    return f"cxo-diag explain {finding.code}"


def _finding_lines(finding: Finding) -> tuple[str, str, str]:
    where = f"  {clean(finding.file)}:{finding.line}:{finding.col}: "
    label = f"{finding.severity.value} {finding.code}"
    fix = f"      fix: {finding.hint} ({_explain(finding)})"
    return where, label, fix


def render_text(result: ValidationResult, *, color: bool = False, width: int = 100) -> str:
    """Findings grouped by file. Plain text unless ``color``; rich loads only for colour."""
    if not color:
        lines = []
        for file in result.files:
            lines.append(f"{clean(file.file)} ({file.kind}): {_file_status(file)[0]}")
            for finding in file.findings:
                where, label, fix = _finding_lines(finding)
                lines.extend([f"{where}{label} {finding.message}", fix])
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"
    from rich.markup import escape
    from rich.text import Text

    from cxo_diag.report.console import capture

    with capture(color=True, width=width) as (console, buffer):
        for file in result.files:
            name = escape(clean(file.file))  # a file name can hold control characters too
            console.print(f"[bold]{name}[/] ({file.kind}): {_file_status(file)[1]}")
            for finding in file.findings:
                where, label, fix = _finding_lines(finding)
                line = Text(where)
                line.append(label, style="red" if finding.is_error else "yellow")
                line.append(f" {finding.message}")
                console.print(line, soft_wrap=True)
                console.print(Text(fix, style="dim"), soft_wrap=True)
        console.print(summary_line(result))
    return buffer.getvalue()


def finding_dict(finding: Finding) -> dict[str, object]:
    return {
        "file": finding.file,
        "line": finding.line,
        "col": finding.col,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "hint": finding.hint,
        "explain": _explain(finding),
        "docs": finding.anchor,
    }


def render_json(result: ValidationResult) -> str:
    payload = {
        "schema_version": 1,
        "summary": {
            "files": len(result.files),
            "errors": result.errors,
            "warnings": result.warnings,
        },
        "files": [
            {"file": f.file, "kind": f.kind, "findings": [finding_dict(x) for x in f.findings]}
            for f in result.files
        ],
    }
    return to_json(payload) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: ValidationResult) -> str:
    """GitHub Actions workflow commands: one ``::error file=..,line=..,col=..::msg`` a finding.

    The message's second line is the fix and the command that explains the code: GitHub
    shows the message, so the annotation says how to fix it too.
    """
    lines = [
        f"::{f.severity.value} file={_escape_property(clean(f.file))},line={f.line},col={f.col}::"
        + _escape_data(f"{f.code} {f.message}\nfix: {f.hint} ({_explain(f)})")
        for f in result.findings
    ]
    return "".join(line + "\n" for line in lines)


RENDERERS: dict[str, Callable[[ValidationResult], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
