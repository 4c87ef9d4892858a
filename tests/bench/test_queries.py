"""A smoke run of the query benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path

from bench import queries
from bench.analytics import run_load
from bench.generate import generate
from bench.imports import open_store
from bench.report import render
from graph.questions.search import SearchAsked, suggestions_for


def test_the_query_benchmark_times_every_query(tmp_path: Path, monkeypatch) -> None:
    data = generate(400, tmp_path / "data", actors=200)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    monkeypatch.setattr(queries, "SAMPLES", 5)
    result = queries.run("sqlite", target, data.participation)
    assert set(result["queries"]) == {"collaborators", "neighbourhood_depth_2", "shortest_path",
                                      "activity_by_county_in_a_year", "search_by_name"}
    assert all(q["calls"] == 5 and q["p99_ms"] >= q["p50_ms"] > 0 for q in result["queries"].values())
    page = render([], asked=[{"size": "S", "rows": 400, "machine": {"cores": 2}, "file": "x.json", "results": [result]}])
    assert "| S | sqlite | collaborators | 5 |" in page


def test_search_is_timed_on_words_that_find_actors(tmp_path: Path) -> None:
    data = generate(400, tmp_path / "data", actors=200)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    words = queries.name_words(data.actors, n=30)
    assert len(words) == 30 and all(len(w) >= 4 for w in words)
    store = open_store("sqlite", target)
    try:
        assert all(suggestions_for(store, SearchAsked(q=w)) for w in words)
    finally:
        store.close()
