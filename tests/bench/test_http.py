"""A smoke run of the HTTP benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import http
from bench.analytics import run_load
from bench.generate import generate
from bench.report import render


def test_the_http_benchmark_serves_and_measures_a_tiny_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = generate(300, tmp_path / "data")
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    monkeypatch.setattr(http, "SAMPLED", 40)  # the rest of the actors with ties are asked for once each
    result = http.measure("sqlite", target, data.participation, [1, 4], duration=0.5)
    assert [(level["clients"], level["asked"]) for level in result["levels"]] == [
        (8, "each actor once (none kept)"), (1, "again, of 40 (answers kept)"), (4, "again, of 40 (answers kept)"),
        (8, http.CEILING)]
    assert all(level["requests"] > 0 and level["errors"] == 0 for level in result["levels"])
    run = {"size": "S", "rows": 300, "machine": {"cores": 2}, "results": [result], "file": "x.json"}
    page = render([], [], [run], asked=[{**run, "results": []}])  # beside the other tables
    assert "| S | sqlite | 4 | again, of 40 (answers kept) |" in page
    assert "| S | sqlite | 8 | each actor once (none kept) |" in page
    assert f"| S | sqlite | 8 | {http.CEILING} |" in page
