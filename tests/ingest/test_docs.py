"""The import guide and the shipped mappings stay true to the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.columns_doc import BEGIN, END, columns_markdown
from ingest.mapping import load_mapping

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_column_reference_in_the_guide_is_generated_from_the_code() -> None:
    guide = (DOCS / "import.md").read_text(encoding="utf-8")
    committed = guide[guide.index(BEGIN): guide.index(END) + len(END)]
    assert committed == columns_markdown(), "run: python -m ingest.columns_doc, and paste it into docs/import.md"


@pytest.mark.parametrize("mapping", sorted((DOCS / "mappings").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_mapping_is_valid(mapping: Path) -> None:
    assert load_mapping(mapping).columns
