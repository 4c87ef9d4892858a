"""A smoke run of the analytics benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench import analytics
from bench.generate import generate
from bench.report import render


def test_the_analytics_benchmark_runs_every_step_on_a_tiny_file(tmp_path: Path) -> None:
    data = generate(400, tmp_path / "data", actors=600)
    files = [data.actors, data.initiatives, data.participation]
    result = analytics.measure("sqlite", str(tmp_path / "bench.db"), files, tmp_path, networkx=True)
    assert result["loaded"]["actors"] >= 600
    assert result["projection"]["ties"] > 0 and result["samspill"]["clusters"] > 0
    assert result["igraph"]["modularity"] > 0 and result["networkx"]["modularity"] > 0
    assert result["clustering_ratio_to_igraph"] > 0
    # the hand-made reference projects the very graph the store does
    assert result["pandas_igraph"]["ties"] == result["projection"]["ties"]
    assert result["end_to_end_ratio_to_pandas_igraph"] > 0
    page = render([], [{"size": "S", "rows": 400, "machine": {"cores": 2}, "results": [result], "file": "x.json"}])
    assert f"| S | sqlite | {result['projection']['actors']:,} | {result['projection']['ties']:,} |" in page
    assert f"| {result['pandas_igraph']['seconds']:.1f} s | {result['end_to_end_ratio_to_pandas_igraph']:.2f}x |" in page
