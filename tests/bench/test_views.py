"""A smoke run of the views benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench import views
from bench.generate import generate
from bench.report import render


def test_the_layout_benchmark_times_all_three_layouts() -> None:
    (row,) = views.layout([60], networkx_max=60)
    assert row["nodes"] == 60 and row["samspill_s"] > 0 and row["igraph_s"] > 0 and row["networkx_s"] > 0


def test_the_page_benchmark_opens_views_in_chromium(tmp_path: Path, browser) -> None:
    data = generate(600, tmp_path / "data", actors=300)
    (row,) = views.pages(data, [25], browser)  # the tests' Chromium: one sync Playwright a process
    assert row["nodes"] == 25 and row["interactive_ms"] > 0 and row["standalone_kb"] > 0
    run = {"size": "S", "rows": 600, "machine": {"cores": 2}, "file": "x.json",
           "results": [{"store": "sqlite", "layout": [], "pages": [row]}]}
    assert "| 25 |" in render([], shown=[run])
