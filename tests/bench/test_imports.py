"""A smoke run of the import benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from bench.imports import measure
from bench.report import render


def test_the_import_benchmark_runs_end_to_end_on_a_tiny_file(tmp_path: Path) -> None:
    data = generate(300, tmp_path / "data")
    result = measure("sqlite", str(tmp_path / "bench.db"), data, batch_size=100, naive_rows=50)
    assert result["samspill"]["first"]["rows"] == 300 + len(data.actors.read_text().splitlines()) - 1 + len(
        data.initiatives.read_text().splitlines()) - 1
    assert result["samspill"]["again"]["counts"]["relationships"]["unchanged"] == 300
    assert result["naive"]["rows"] == 50 and result["ratio_to_naive"] > 0
    page = render([{"size": "S", "rows": 300, "machine": {"cores": 2}, "results": [result], "file": "x.json"}])
    assert "| S | sqlite | 300 |" in page
