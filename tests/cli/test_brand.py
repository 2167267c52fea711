"""BR: a consultancy's branding on the report, and the PDF extra when it is missing.

BR001 --brand FILE: the firm and consultant on page one, the logo embedded as a data URI,
      the accent colour in the page's style
BR002 without --brand, brand.yaml in the user's config folder is used
BR003 a bad brand file is one line naming the file and the field, exit 1
BR004 --format pdf without the pdf extra says which extra to install, in one line, exit 2
BR005 without --out, piped, a PDF is its bytes on stdout (on a terminal it is refused)
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import pytest

from cxo_diag.cli import app
from tests.helpers import runner

# a 1x1 transparent PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def brand_file(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.png").write_bytes(PNG)
    path = folder / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "firm: Northwind <Advisory>\nconsultant: Jo Smith\nlogo: logo.png\naccent: '#0B5394'\n"


@pytest.fixture(autouse=True)
def empty_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of the test's own, so the user's real brand.yaml never leaks in."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config / "cxo-diag"


def test_br001_brand_file_heads_page_one__ok(tmp_path: Path) -> None:
    path = brand_file(tmp_path / "brand", GOOD)
    result = runner.invoke(app, ["demo", "-f", "html", "--brand", str(path)])
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    cover = page[page.index("<header") : page.index("</header>")]
    assert "Northwind &lt;Advisory&gt;" in cover
    assert "Prepared by Jo Smith, Northwind &lt;Advisory&gt;" in cover
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in cover
    assert "--accent: #0b5394;" in page


def test_br002_brand_from_the_config_folder__ok(empty_config: Path) -> None:
    brand_file(empty_config, GOOD)
    result = runner.invoke(app, ["demo", "-f", "html"])
    assert result.exit_code == 0, result.stderr
    assert "Prepared by Jo Smith" in result.stdout


def test_br002_no_brand_anywhere_means_no_firm__ok() -> None:
    result = runner.invoke(app, ["demo", "-f", "html"])
    assert result.exit_code == 0, result.stderr
    assert "Prepared by" not in result.stdout
    assert "<img" not in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("accent: blue\n", "accent: give a colour as #rrggbb"),
        ("firm: A\nlogo: missing.png\n", "logo "),
        ("firm: A\nlogo: brand.yaml\n", "logo brand.yaml: give a .png, .jpg or .svg file"),
        ("firm: A\ncolour: '#000000'\n", "colour: unknown field"),
        ("- firm\n", "give a mapping"),
        ("firm: [unclosed\n", "not readable YAML"),
    ],
)
def test_br003_a_bad_brand_file_is_one_line__error(tmp_path: Path, text: str, message: str) -> None:
    path = brand_file(tmp_path / "brand", text)
    result = runner.invoke(app, ["demo", "-f", "html", "--brand", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: ")
    assert message in lines[0]


def test_br004_pdf_without_the_extra_names_it__error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint fails
    result = runner.invoke(app, ["demo", "-f", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert result.stderr == "error: PDF needs the pdf extra: pip install 'cxo-diag[pdf]'\n"
    assert not (tmp_path / "r.pdf").exists()


def test_br005_a_pdf_goes_to_a_pipe_as_bytes__ok() -> None:
    result = runner.invoke(app, ["demo", "-f", "pdf"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-")
