"""Print a report and read the pages back: headless Chromium and the PDF engine, pdftotext.

``chromium_pdf`` prints an HTML file the way a consultant's browser would (Debian's
chromium, headless, no browser header or footer, a fresh profile, a network log);
``pages`` splits a PDF's text into pages of lines with pdftotext (poppler-utils).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)
FOOTER = re.compile(r"^Page \d+ of \d+$")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("chromium is not installed: .ci/run installs it (apt-get chromium)")
    return found


@dataclass(frozen=True)
class Printed:
    pdf: Path
    requested: list[str]
    """Every URL the browser asked for while printing (from its network log)."""


def _requested_urls(net_log: Path) -> list[str]:
    """The URLs the printed page asked for. The browser's own calls home (updates, time)
    have no initiating origin ("not an origin"); anything the page loads has one."""
    log = json.loads(net_log.read_text(encoding="utf-8") or "{}")
    start = log.get("constants", {}).get("logEventTypes", {}).get("URL_REQUEST_START_JOB")
    urls = []
    for event in log.get("events", []):
        params = event.get("params", {})
        if event.get("type") != start or params.get("initiator") == "not an origin":
            continue
        if isinstance(params.get("url"), str):
            urls.append(params["url"])
    return urls


def chromium_pdf(html: Path, folder: Path) -> Printed:
    """``html`` printed to PDF by headless Chromium, with the URLs it requested."""
    pdf = folder / (html.stem + ".chromium.pdf")
    net_log = folder / (html.stem + ".netlog.json")
    profile = folder / "chromium-profile"
    subprocess.run(
        [
            chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={net_log}",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Printed(pdf, _requested_urls(net_log))


def pages(pdf: Path) -> list[list[str]]:
    """The PDF's text, page by page, as non-blank lines (pdftotext keeps reading order)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]
    return [page for page in found if page]


def body_lines(page: list[str], organisation: str) -> list[str]:
    """A page's lines without the running header and the page number."""
    return [
        line
        for line in page
        if not FOOTER.match(line) and line not in (organisation, "Confidential")
    ]


def squash(text: str) -> str:
    return " ".join(text.split())
