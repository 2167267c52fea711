"""Pick a renderer by name: one diagnosis, several media, the same content."""

from __future__ import annotations

from cxo_diag.errors import UsageError
from cxo_diag.report.audience import Audience, default_audience
from cxo_diag.report.brand import NO_BRAND, Brand
from cxo_diag.scoring.model import Diagnosis

FORMATS = ("terminal", "markdown", "html", "json")
"""The text formats; ``render_document`` adds pdf (bytes)."""


def render(
    diagnosis: Diagnosis,
    fmt: str,
    *,
    color: bool = False,
    width: int = 100,
    audience: Audience | None = None,
    brand: Brand = NO_BRAND,
    paper: str = "a4",
) -> str:
    """The report as text in ``fmt`` (terminal, markdown, html or json) for ``audience``
    (default: client for html and markdown, consultant for the terminal and json).

    ``color`` and ``width`` matter only for the terminal, ``brand`` and ``paper`` only for
    html; the other formats are the same bytes whatever the terminal.
    """
    chosen = audience or default_audience(fmt)
    if fmt == "terminal":
        from cxo_diag.report.terminal import render_terminal

        return render_terminal(diagnosis, color=color, width=width, audience=chosen)
    if fmt == "markdown":
        from cxo_diag.report.markdown import render_markdown

        return render_markdown(diagnosis, chosen)
    if fmt == "html":
        from cxo_diag.report.html import render_html

        return render_html(diagnosis, chosen, brand=brand, paper=paper)
    if fmt == "json":
        from cxo_diag.report.json_report import render_json

        return render_json(diagnosis, chosen)
    raise UsageError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def render_document(
    diagnosis: Diagnosis,
    fmt: str,
    *,
    color: bool = False,
    width: int = 100,
    audience: Audience | None = None,
    brand: Brand = NO_BRAND,
    paper: str = "a4",
) -> str | bytes:
    """Like ``render``, and ``pdf`` too: the html report printed by the PDF engine."""
    if fmt != "pdf":
        return render(
            diagnosis, fmt, color=color, width=width, audience=audience, brand=brand, paper=paper
        )
    from cxo_diag.report.html import render_html
    from cxo_diag.report.pdf import render_pdf

    html = render_html(diagnosis, audience or default_audience(fmt), brand=brand, paper=paper)
    return render_pdf(html)
