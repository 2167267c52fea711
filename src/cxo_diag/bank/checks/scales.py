"""Scales and bands: points in order without repeats, and bands that cover 0 to 100 once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cxo_diag.bank.checks.context import Context
from cxo_diag.findings import Code, Finding


def check_scales(ctx: Context) -> Iterator[Finding]:
    for index, scale in enumerate(ctx.bank.scales):
        values = [p.value for p in scale.points]
        repeated = sorted(v for v, n in Counter(values).items() if n > 1)
        if repeated:
            yield ctx.at(
                ("scales", index, "points"),
                Code.E113,
                scale=scale.id,
                detail=f"value(s) {repeated} appear more than once",
            )
        elif values != sorted(values):
            yield ctx.at(
                ("scales", index, "points"),
                Code.E113,
                scale=scale.id,
                detail="points must be listed from the lowest value to the highest",
            )


def check_bands(ctx: Context) -> Iterator[Finding]:
    for index, dimension in enumerate(ctx.bank.dimensions):
        bands = dimension.bands
        path = ("dimensions", index, "bands")
        if bands[0].from_ > 0:
            yield ctx.at(
                (*path, 0, "from"),
                Code.E107,
                dimension=dimension.id,
                detail=f"nothing covers 0 to {bands[0].from_:g}",
            )
        for position, band in enumerate(bands):
            if band.to <= band.from_:
                yield ctx.at(
                    (*path, position, "to"),
                    Code.E106,
                    band=band.id,
                    detail=f"it ends at {band.to:g}, not after its start {band.from_:g}",
                )
            if position == 0:
                continue
            previous = bands[position - 1]
            if band.from_ < previous.to:
                yield ctx.at(
                    (*path, position, "from"),
                    Code.E106,
                    band=band.id,
                    detail=f"starts at {band.from_:g}, before {previous.id!r} ends at "
                    f"{previous.to:g}",
                )
            elif band.from_ > previous.to:
                yield ctx.at(
                    (*path, position, "from"),
                    Code.E107,
                    dimension=dimension.id,
                    detail=f"nothing covers {previous.to:g} to {band.from_:g}",
                )
        if bands[-1].to < 100:
            yield ctx.at(
                (*path, len(bands) - 1, "to"),
                Code.E107,
                dimension=dimension.id,
                detail=f"nothing covers {bands[-1].to:g} to 100",
            )


CHECKS = [check_scales, check_bands]
