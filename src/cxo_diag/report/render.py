"""Pick a renderer by name: one diagnosis, four media, the same content."""

from __future__ import annotations

from cxo_diag.errors import UsageError
from cxo_diag.report.model import Diagnosis

FORMATS = ("terminal", "markdown", "html", "json")


def render(diagnosis: Diagnosis, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The report as text in ``fmt`` (terminal, markdown, html or json).

    ``color`` and ``width`` matter only for the terminal; the other formats are the same
    bytes whatever the terminal.
    """
    if fmt == "terminal":
        from cxo_diag.report.terminal import render_terminal

        return render_terminal(diagnosis, color=color, width=width)
    if fmt == "markdown":
        from cxo_diag.report.markdown import render_markdown

        return render_markdown(diagnosis)
    if fmt == "html":
        from cxo_diag.report.html import render_html

        return render_html(diagnosis)
    if fmt == "json":
        from cxo_diag.report.json_report import render_json

        return render_json(diagnosis)
    raise UsageError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
