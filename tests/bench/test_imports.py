"""A smoke run of the import benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.neo4j
def test_neo4j_is_also_measured_against_its_own_load_csv(tmp_path: Path, neo4j_uri: str) -> None:
    data = generate(300, tmp_path / "data")
    result = measure("neo4j", neo4j_uri, data, batch_size=100, naive_rows=20)
    assert result["load_csv"]["rows"] == result["samspill"]["first"]["rows"] and result["ratio_to_load_csv"] > 0
    page = render([{"size": "S", "rows": 300, "machine": {"cores": 2}, "results": [result], "file": "x.json"}])
    assert f"| {result['load_csv']['rows_per_s']:,.0f} | {result['ratio_to_load_csv']:.2f}x |" in page
