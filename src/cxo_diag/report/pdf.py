"""The report as a PDF: the HTML report laid out for print by WeasyPrint.

Why WeasyPrint rather than headless Chromium: it is a Python package (``pip install
'cxo-diag[pdf]'``), so a consultant needs no browser; it implements the CSS paged-media
features the print layout uses (page size, running header from the organisation, "Page N
of M", keeping headings with what follows); and it renders the same HTML the same way on
every machine. Chromium prints the same file well too, and the tests print it with both.

Nothing is fetched while rendering: the only URLs a report holds are ``data:`` URIs (the
brand's logo), and every other URL is refused.
"""

from __future__ import annotations

from cxo_diag.errors import CxoDiagError

EXTRA_HINT = "PDF needs the pdf extra: pip install 'cxo-diag[pdf]'"


class MissingExtra(CxoDiagError):
    """An optional dependency that is not installed."""

    exit_code = 2


class RefusedURL(CxoDiagError):
    """A URL the report tried to load; reports load nothing, so this is refused."""


def render_pdf(html: str) -> bytes:
    """The PDF of one report page (as ``render_html`` made it); only ``data:`` URLs load."""
    try:
        import weasyprint
        from weasyprint.urls import FatalURLFetchingError, URLFetcher
    except ImportError:
        raise MissingExtra(EXTRA_HINT) from None
    except OSError as error:  # the package is there, its system libraries (Pango) are not
        raise MissingExtra(f"{EXTRA_HINT} (and the Pango library: {error})") from None
    offline = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        pdf: bytes = weasyprint.HTML(string=html, url_fetcher=offline).write_pdf()
    except FatalURLFetchingError as error:
        raise RefusedURL(
            f"the report refers to an outside resource ({error}); nothing was written"
        ) from None
    return pdf
