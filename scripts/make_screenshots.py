"""Make the README pictures from the demo engagement (what `cxo-diag demo` shows).

    .venv/bin/python scripts/make_screenshots.py          # writes docs/images/*.svg
    .venv/bin/python scripts/make_screenshots.py --check  # exit 1 if they are out of date

docs/images/demo-terminal.svg is rich's own SVG export of the top of the terminal report
(header, the summary and the dimension table); docs/images/demo-chart.svg
is the chart exactly as the HTML report embeds it. Both are deterministic: the demo report
reads no clock.

With the pdf extra and poppler's pdftoppm installed, it also prints the demo to PDF, as the
client's and the consultant's report, and writes a page of each as PNG (page one of the
client's, the consultant's first page of interview notes, page one of a self-assessment)
for docs/reports.md. Those depend on the fonts installed, so --check leaves them out.
"""

from __future__ import annotations

import re
import sys
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxo_diag.scoring.model import Diagnosis

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
WIDTH = 100


def demo_diagnosis() -> Diagnosis:
    from cxo_diag.answers import check_fits_bank, read_answers_file
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.resources import examples_dir
    from cxo_diag.scoring import diagnose

    files = sorted((examples_dir() / "budget-war").glob("*.yaml"))
    sets = [read_answers_file(path) for path in files]
    resolved = open_bank(sets[0].bank.id)
    for path, answer_set in zip(files, sets, strict=True):
        check_fits_bank(answer_set, resolved.bank, resolved.hash, str(path))
    from cxo_diag.app.context import with_context
    from cxo_diag.cli.report_commands import DEMO_ORGANISATION

    diagnosis = diagnose(resolved.bank, sets)
    return with_context(diagnosis, resolved.bank, sets, organisation=DEMO_ORGANISATION)


def self_diagnosis() -> Diagnosis:
    """The COO's answers alone: the self-assessment report."""
    from cxo_diag.answers import read_answers_file
    from cxo_diag.app.context import with_context
    from cxo_diag.bank.registry import open_bank
    from cxo_diag.resources import examples_dir
    from cxo_diag.scoring import diagnose

    answer_set = read_answers_file(examples_dir() / "budget-war" / "coo.yaml")
    answer_set = answer_set.model_copy(update={"engagement": None})
    bank = open_bank(answer_set.bank.id).bank
    return with_context(diagnose(bank, [answer_set]), bank, [answer_set])


def page_pngs(diagnosis: Diagnosis, solo: Diagnosis) -> dict[Path, bytes]:
    """A page of each printed report, as PNG (empty when pdftoppm or the extra is missing)."""
    import shutil
    import subprocess
    import tempfile

    from cxo_diag.report.html import render_html
    from cxo_diag.report.pdf import render_pdf

    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        print("pdftoppm not found (apt-get install poppler-utils): no page pictures")
        return {}
    wanted = [
        ("report-client-page1.png", diagnosis, "client", None),
        ("report-consultant-notes.png", diagnosis, "consultant", "Interview notes"),
        ("report-self-page1.png", solo, "client", None),
    ]
    found: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, source, audience, marker in wanted:
            pdf = Path(folder) / "report.pdf"
            pdf.write_bytes(render_pdf(render_html(source, audience)))
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            page = 1
            if marker is not None:
                page = next(i for i, p in enumerate(text.split("\f"), start=1) if marker in p)
            stem = Path(folder) / "page"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                 "-singlefile", str(pdf), str(stem)],
                check=True,
            )  # fmt: skip
            found[IMAGES / name] = stem.with_suffix(".png").read_bytes()
    return found


def top_of_report(ansi: str) -> str:
    """The report down to the end of the dimension table (the summary comes first)."""
    from rich.text import Text

    lines = ansi.splitlines()
    plain = [Text.from_ansi(line).plain for line in lines]
    end = next(i for i, line in enumerate(plain) if line.startswith("Recommended practices"))
    return "\n".join(lines[: end - 1]) + "\n"


def terminal_svg(diagnosis: Diagnosis) -> str:
    from rich.console import Console
    from rich.text import Text

    from cxo_diag.report.render import render

    ansi = render(diagnosis, "terminal", color=True, width=WIDTH)
    console = Console(
        file=StringIO(), record=True, width=WIDTH, force_terminal=True, color_system="standard"
    )
    console.print(Text.from_ansi(top_of_report(ansi)), end="", soft_wrap=True)
    return console.export_svg(title="cxo-diag demo")


def chart_svg(diagnosis: Diagnosis) -> str:
    from cxo_diag.report.render import render

    html = render(diagnosis, "html")
    found = re.search(r"<svg\b.*?</svg>", html, flags=re.S)
    if found is None:
        raise SystemExit("the HTML report has no chart")
    return found.group(0) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    diagnosis = demo_diagnosis()
    pictures = {
        IMAGES / "demo-terminal.svg": terminal_svg(diagnosis),
        IMAGES / "demo-chart.svg": chart_svg(diagnosis),
    }
    stale = [
        path
        for path, text in pictures.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    if check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run scripts/make_screenshots.py")
        return 1 if stale else 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    for path, text in pictures.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    for path, png in page_pngs(diagnosis, self_diagnosis()).items():
        path.write_bytes(png)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
