"""Draw docs/img/architecture.svg from the code: one box per folder on its floor, one arrow
per folder that imports another, counted by module. Run `python docs/floors.py`; a test
fails when the committed picture differs from what the code draws now."""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "architecture.svg"

# Floors, top to bottom; each folder on one floor may import only folders on the floors below.
FLOORS: list[list[str]] = [
    ["cli"],
    ["api"],
    ["ingest", "viz"],
    ["graph.questions"],
    ["graph.analytics"],
    ["graph"],
]
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 200, 44, 60, 56, 30


def folder_of(module: str) -> str | None:
    for folder in ("graph.questions", "graph.analytics", "graph", "ingest", "viz", "api", "cli"):
        if module == folder or module.startswith(folder + "."):
            return folder
    return None


def imports() -> Counter[tuple[str, str]]:
    """(importing folder, imported folder) -> modules of the first that import the second."""
    edges: Counter[tuple[str, str]] = Counter()
    files = [ROOT / "cli.py", *(p for d in ("graph", "ingest", "viz", "api") for p in (ROOT / d).rglob("*.py"))]
    for path in sorted(files):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        source = folder_of(module)
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            targets |= {t for t in map(folder_of, names) if t and t != source}
        for target in targets:
            edges[(source, target)] += 1  # type: ignore[index]
    return edges


def svg(edges: Counter[tuple[str, str]]) -> str:
    width = MARGIN * 2 + 2 * BOX_W + GAP_X
    height = MARGIN * 2 + len(FLOORS) * BOX_H + (len(FLOORS) - 1) * GAP_Y
    where: dict[str, tuple[float, float]] = {}
    for row, floor in enumerate(FLOORS):
        span = len(floor) * BOX_W + (len(floor) - 1) * GAP_X
        for col, folder in enumerate(floor):
            x = (width - span) / 2 + col * (BOX_W + GAP_X)
            where[folder] = (x, MARGIN + row * (BOX_H + GAP_Y))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             'font-family="sans-serif" font-size="14">',
             '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
             f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for (source, target), n in sorted(edges.items()):
        (sx, sy), (tx, ty) = where[source], where[target]
        upward = ty < sy
        x1, y1 = sx + BOX_W / 2, sy + BOX_H
        x2, y2 = tx + BOX_W / 2, ty
        colour = "#c0392b" if upward else "#555"
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="{colour}" '
                     f'stroke-width="{1 + min(n, 20) / 5:.1f}" marker-end="url(#a)" opacity="0.7"/>')
        parts.append(f'<text x="{(x1 + x2) / 2 + 4:.0f}" y="{(y1 + y2) / 2:.0f}" fill="#555" font-size="11">{n}</text>')
    for folder, (x, y) in where.items():
        label = folder.replace(".", "/") + ("" if folder == "cli" else "/")
        label = "cli.py" if folder == "cli" else label
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#eef3f8" stroke="#2c5d8a"/>')
        parts.append(f'<text x="{x + BOX_W / 2:.0f}" y="{y + BOX_H / 2 + 5:.0f}" text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> int:
    OUT.write_text(svg(imports()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
