"""A smoke run of the HTTP benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench import http
from bench.analytics import run_load
from bench.generate import generate
from bench.report import render


def test_the_http_benchmark_serves_and_measures_a_tiny_store(tmp_path: Path) -> None:
    data = generate(300, tmp_path / "data")
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    result = http.measure("sqlite", target, data.participation, [1, 4], duration=0.5)
    assert [level["clients"] for level in result["levels"]] == [1, 4]
    assert all(level["requests"] > 0 and level["errors"] == 0 for level in result["levels"])
    page = render([], [], [{"size": "S", "rows": 300, "machine": {"cores": 2}, "results": [result], "file": "x.json"}])
    assert "| S | sqlite | 4 |" in page
