"""Draw docs/images/architecture.svg: cxo_diag's layers and the imports between its packages.

The layers are the design (docs/architecture.md); the arrows are read from the code, so the
picture shows the house as it is. An arrow that runs up a layer is drawn red: the code has
a dependency the design does not want. To keep it readable, an import that a longer path of
arrows already implies is not drawn, nor any into the base layer (every layer may use it).
Run it after moving a module:

    .venv/bin/python scripts/draw_architecture.py          # rewrite the picture
    .venv/bin/python scripts/draw_architecture.py --print  # the layers and arrows as text
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.import_graph import import_graph, modules, package_graph  # noqa: E402

PICTURE = ROOT / "docs" / "images" / "architecture.svg"

#: Top to bottom: a package may import from the layers below it, never from those above.
LAYERS: list[tuple[str, list[str]]] = [
    ("front ends", ["__main__", "cli", "terminal_keys", "keys", "interview"]),
    ("reports", ["report"]),
    ("application layer and instrument quality", ["app", "quality"]),
    ("core: scoring and the store", ["scoring", "store"]),
    ("banks, answers files and the offline form", ["bank", "answers", "form"]),
    (
        "base: plain helpers every layer may use",
        ["errors", "findings", "validation_messages", "identity", "text", "paths", "resources"],
    ),
]
UNPLACED = "not placed yet (add it to LAYERS in scripts/draw_architecture.py)"

WIDTH, ROW, BOX_H, MARGIN = 1100, 120, 52, 24


def lines_by_package() -> dict[str, int]:
    counts: dict[str, int] = {}
    for module, path in modules().items():
        if module == "cxo_diag":
            continue
        package = module.split(".")[1]
        counts[package] = counts.get(package, 0) + len(
            path.read_text(encoding="utf-8").splitlines()
        )
    return counts


def layout() -> tuple[list[tuple[str, list[str]]], dict[str, set[str]]]:
    """The layers with the packages the code has, and the package graph (short names)."""
    graph = {
        source.removeprefix("cxo_diag."): {t.removeprefix("cxo_diag.") for t in targets}
        for source, targets in package_graph(import_graph()).items()
    }
    present = set(graph) | {t for targets in graph.values() for t in targets}
    placed = {name for _, names in LAYERS for name in names}
    rows = [(title, [n for n in names if n in present]) for title, names in LAYERS]
    extra = sorted(present - placed)
    if extra:
        rows.insert(0, (UNPLACED, extra))
    return [(title, names) for title, names in rows if names], graph


def drawn(graph: dict[str, set[str]], base: set[str]) -> dict[str, set[str]]:
    """The arrows worth drawing: none into the base layer, and none that a longer path of
    other arrows already implies (the transitive reduction; the graph has no cycle)."""

    def reaches(start: str, goal: str, skip: tuple[str, str]) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            for nxt in graph.get(node, ()):
                if (node, nxt) == skip or nxt in seen:
                    continue
                if nxt == goal:
                    return True
                seen.add(nxt)
                todo.append(nxt)
        return False

    return {
        source: {t for t in targets if t not in base and not reaches(source, t, skip=(source, t))}
        for source, targets in graph.items()
    }


def runs_up(rows: list[tuple[str, list[str]]], source: str, target: str) -> bool:
    """Whether ``source`` imports from a layer above its own (never said of an unplaced one)."""
    level = {
        name: i for i, (title, names) in enumerate(rows) for name in names if title != UNPLACED
    }
    return source in level and target in level and level[target] < level[source]


def as_text() -> str:
    rows, graph = layout()
    level = {name: i for i, (_, names) in enumerate(rows) for name in names}
    out = []
    for title, names in rows:
        out.append(f"{title}:")
        for name in names:
            targets = sorted(graph.get(name, ()), key=lambda t: (level[t], t))
            marks = [f"{t} (UP)" if runs_up(rows, name, t) else t for t in targets]
            out.append(f"  {name} -> {', '.join(marks) or '(nothing)'}")
    return "\n".join(out) + "\n"


def svg() -> str:
    rows, graph = layout()
    sizes = lines_by_package()
    height = MARGIN * 2 + ROW * len(rows) + 20
    where: dict[str, tuple[float, float, float]] = {}  # name -> x, y, width
    level: dict[str, int] = {}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">',
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
        '<marker id="up" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker>'
        "</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for i, (title, names) in enumerate(rows):
        top = MARGIN + i * ROW
        parts.append(
            f'<rect x="8" y="{top}" width="{WIDTH - 16}" height="{ROW - 10}" rx="6" '
            f'fill="{"#f4f6f8" if i % 2 else "#eaf0f6"}"/>'
        )
        parts.append(
            f'<text x="18" y="{top + 18}" fill="#445" font-size="12">{escape(title)}</text>'
        )
        slot = (WIDTH - 2 * MARGIN) / len(names)
        for j, name in enumerate(names):
            box_w = min(200.0, slot - 20)
            x = MARGIN + j * slot + (slot - box_w) / 2
            y = top + 32
            where[name], level[name] = (x, y, box_w), i
            parts.append(
                f'<rect x="{x:.0f}" y="{y}" width="{box_w:.0f}" height="{BOX_H}" rx="4" '
                'fill="#ffffff" stroke="#34495e"/>'
            )
            label = f"{name}/" if (ROOT / "src" / "cxo_diag" / name).is_dir() else f"{name}.py"
            parts.append(
                f'<text x="{x + box_w / 2:.0f}" y="{y + 22}" text-anchor="middle" '
                f'font-weight="bold">{escape(label)}</text>'
            )
            parts.append(
                f'<text x="{x + box_w / 2:.0f}" y="{y + 40}" text-anchor="middle" fill="#667" '
                f'font-size="11">{sizes.get(name, 0)} lines</text>'
            )
    arrows = drawn(graph, set(rows[-1][1]))
    for source in sorted(arrows):
        for target in sorted(arrows[source]):
            sx, sy, sw = where[source]
            tx, ty, tw = where[target]
            up = runs_up(rows, source, target)
            same = level[target] == level[source]
            colour, marker = ("#c0392b", "up") if up else ("#7f8c99", "head")
            title = f"<title>{escape(source)} imports {escape(target)}</title>"
            style = (
                f'fill="none" stroke="{colour}" stroke-width="{1.6 if up else 1.1}" '
                f'marker-end="url(#{marker})"'
            )
            if same:  # an arc over the row, from the top of one box to the top of the other
                x1, x2, y = sx + sw / 2, tx + tw / 2, sy
                parts.append(
                    f'<path d="M{x1:.0f},{y} Q{(x1 + x2) / 2:.0f},{y - 30} {x2:.0f},{y}" '
                    f"{style}>{title}</path>"
                )
                continue
            share = (sorted(arrows[source]).index(target) + 1) / (len(arrows[source]) + 1)
            x1 = sx + sw * (0.15 + 0.7 * share)
            if up:
                y1, x2, y2 = sy, tx + tw / 2, ty + BOX_H
            else:
                y1, x2, y2 = sy + BOX_H, tx + tw / 2, ty
            parts.append(
                f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" {style}>'
                f"{title}</line>"
            )
    parts.append(
        f'<text x="18" y="{height - 14}" fill="#556" font-size="12">An arrow: imports. Red: '
        "it runs up a layer. Not drawn: an import a longer path of arrows implies, and any "
        "into the base layer. Drawn from the code by scripts/draw_architecture.py.</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print the layers and arrows")
    parser.add_argument("--out", type=Path, default=PICTURE, help="where to write the SVG")
    args = parser.parse_args()
    if args.print:
        sys.stdout.write(as_text())
        return 0
    args.out.write_text(svg(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
