"""The house as docs/architecture.md draws it: the picture is what the code draws now, and
cli.py (one module, which import-linter cannot take as a package) keeps to the faces' rule."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))

import floors  # noqa: E402  (docs/floors.py draws the picture)


def test_the_architecture_picture_is_what_the_code_draws_now() -> None:
    drawn = floors.svg(floors.imports())
    assert floors.OUT.read_text(encoding="utf-8") == drawn, "run `python docs/floors.py` and commit the picture"


def test_no_folder_imports_one_on_a_floor_above_it() -> None:
    floor = {folder: row for row, names in enumerate(floors.FLOORS) for folder in names}
    upward = [(a, b) for a, b in floors.imports() if floor[b] <= floor[a] and not (floor[b] == floor[a] == 2)]
    assert upward == []
    assert ("ingest", "viz") not in floors.imports() and ("viz", "ingest") not in floors.imports()


def test_the_cli_asks_questions_and_knows_no_engine() -> None:
    tree = ast.parse((ROOT / "cli.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    forbidden = ("graph.analytics", "graph.sqlite_store", "graph.neo4j_store", "graph.sqlite_queries", "graph.cypher",
                 "sqlite3", "neo4j")
    assert sorted(m for m in imported if m.startswith(forbidden)) == []
