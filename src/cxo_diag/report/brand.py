"""A consultancy's branding for its reports: firm, consultant, logo and accent colour.

A small YAML file, given with ``--brand FILE`` or found as ``brand.yaml`` in the user's
config folder (``cxo-diag brand-path`` prints where)::

    firm: Northwind Advisory
    consultant: Jo Smith          # optional
    logo: northwind.png           # PNG, JPEG or SVG, beside this file; embedded, never linked
    accent: "#0b5394"             # headings and rules

The logo is read once and embedded in the report as a data URI, so the report still loads
nothing from anywhere. A bad file is one line naming the file and the field.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cxo_diag.errors import CxoDiagError

MAX_LOGO_BYTES = 512 * 1024
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".svg": "image/svg+xml"}  # fmt: skip
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_ACCENT = "#1f4e79"


class BrandError(CxoDiagError):
    """A branding file that cannot be read or used."""


class Brand(BaseModel):
    """What a report shows of the consultancy that sends it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    firm: str | None = Field(default=None, max_length=120)
    consultant: str | None = Field(default=None, max_length=120)
    logo: str | None = Field(default=None, description="data: URI of the logo")
    accent: str = DEFAULT_ACCENT

    @field_validator("accent")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise ValueError("give a colour as #rrggbb, for example '#0b5394'")
        return value.lower()


NO_BRAND = Brand()
BRAND_FILE_NAME = "brand.yaml"


def default_brand_path() -> Path:
    """``brand.yaml`` in the user's config folder (platformdirs), e.g. ~/.config/cxo-diag."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("cxo-diag", appauthor=False)) / BRAND_FILE_NAME


def find_brand(option: Path | None) -> Brand:
    """The brand of ``--brand FILE``, else the config folder's brand.yaml, else none."""
    if option is not None:
        return load_brand(option)
    default = default_brand_path()
    return load_brand(default) if default.is_file() else NO_BRAND


def _logo_uri(path: Path, where: str) -> str:
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise BrandError(f"logo {path.name}: give a .png, .jpg or .svg file", where=where)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BrandError(f"logo {path}: {error.strerror or error}", where=where) from None
    if len(data) > MAX_LOGO_BYTES:
        raise BrandError(
            f"logo {path.name} is {len(data) // 1024} KiB; keep it under "
            f"{MAX_LOGO_BYTES // 1024} KiB",
            where=where,
        )
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def load_brand(path: Path) -> Brand:
    """The brand in ``path``; the logo is resolved beside the file and embedded."""
    import yaml

    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BrandError(error.strerror or str(error), where=where) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise BrandError(f"not readable YAML ({str(error).splitlines()[0]})", where=where) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise BrandError("give a mapping: firm, consultant, logo, accent", where=where)
    logo = raw.get("logo")
    if logo is not None:
        if not isinstance(logo, str):
            raise BrandError("logo: give a file name", where=where)
        raw = {**raw, "logo": _logo_uri(path.parent / logo, where)}
    try:
        return Brand.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "brand"
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown field (known: firm, consultant, logo, accent)"
        raise BrandError(f"{field}: {message}", where=where) from None
