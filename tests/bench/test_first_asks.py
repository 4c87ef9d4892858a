"""A smoke run of the first-ask benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench import first_asks
from bench.analytics import run_load
from bench.generate import FUNDER, generate
from bench.report import render


def test_the_first_ask_benchmark_asks_each_endpoint_before_and_after_an_import(tmp_path: Path) -> None:
    data = generate(600, tmp_path / "data", actors=150, shape=FUNDER)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    result = first_asks.measure("sqlite", target, data.participation)
    names = [ask["endpoint"] for ask in result["asks"]]
    assert names == [name for name, _ in first_asks.endpoints(result["busiest"])]
    for ask in result["asks"]:
        assert {ask[k]["status"] for k in ("first", "again", "after_import")} == {200}, ask
    collaborators = next(a for a in result["asks"] if a["endpoint"] == "collaborators (busiest)")
    assert collaborators["after_import"]["kB"] >= collaborators["first"]["kB"]  # the new project is in the answer
    run = {"size": "R", "rows": 600, "machine": {"cores": 2}, "results": [result], "file": "x.json"}
    page = render([], firsts=[run])
    assert "## First asks" in page and "| R | sqlite | brokers |" in page
