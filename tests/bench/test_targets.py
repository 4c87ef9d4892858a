"""The targets table reads each target from the newest results and says met, not met, or not measured."""

from __future__ import annotations

from typing import Any

from bench import targets


def _ask(endpoint: str, first: float, after: float) -> dict[str, Any]:
    return {"endpoint": endpoint, "first": {"seconds": first}, "again": {"seconds": 0.0}, "after_import": {"seconds": after}}


def _row(lines: list[str], goal: str) -> list[str]:
    return [cell.strip() for cell in next(line for line in lines if line.startswith(f"| {goal}")).strip("|").split(" | ")]


def test_an_endpoint_over_its_target_after_an_import_is_not_met_and_named_slowest_first() -> None:
    run = {"size": "R", "file": "2026-12-04-R-firsts.json", "results": [{"store": "sqlite", "target_s": 1.0, "asks": [
        _ask("search", 0.01, 0.01), _ask("clusters", 0.9, 1.4), _ask("brokers", 20.0, 21.0)]}]}
    lines = targets.rows({"firsts": [run]})
    goal, _, now, met = _row(lines, targets.TARGETS[0].goal)
    assert now == "sqlite (R, 2026-12-04): 1 of 3 met; over: brokers 21.0 s, clusters 1.4 s" and met == "no"


def test_targets_without_results_say_so_and_claim_nothing() -> None:
    lines = targets.rows({})
    assert len(lines) == 2 + len(targets.TARGETS)
    assert all(line.endswith("| not measured yet | – |") for line in lines[2:])


def test_each_store_must_meet_its_own_figure() -> None:
    def http(store: str, rps: float) -> dict[str, Any]:
        return {"store": store, "workers": 2, "levels": [
            {"clients": 8, "asked": "each actor once (none kept)", "requests_per_s": rps},
            {"clients": 8, "asked": "/healthz (no store: the ceiling)", "requests_per_s": 2000.0}]}

    runs = {"http": [{"size": "L", "file": "2026-12-05-L-http.json", "results": [http("sqlite", 1200.0), http("neo4j", 250.0)]}]}
    _, _, now, met = _row(targets.rows(runs), "HTTP each actor once")
    assert now == ("neo4j ×2 (L, 2026-12-05) 250 req/s, /healthz 2,000; sqlite ×2 (L, 2026-12-05) 1,200 req/s, /healthz 2,000")
    assert met == "no"  # Neo4j's 250 is under its 300
    runs["http"][0]["results"][1] = http("neo4j", 300.0)
    assert _row(targets.rows(runs), "HTTP each actor once")[3] == "yes"


def test_clusters_are_held_to_the_pandas_and_igraph_pipeline_and_leiden_to_louvain() -> None:
    result = {"store": "sqlite", "samspill": {"end_to_end_s": 6.0, "modularity": 0.22, "leiden_modularity": 0.23},
              "pandas_igraph": {"seconds": 4.0}, "end_to_end_ratio_to_pandas_igraph": 1.5}
    runs = {"analytics": [{"size": "R", "file": "2026-12-05-R-analytics.json", "results": [result]}]}
    lines = targets.rows(runs)
    assert _row(lines, "`samspill clusters`")[2:] == ["sqlite 6.0 s against 4.0 s (1.50x)", "yes"]
    assert _row(lines, "Leiden's modularity")[2:] == ["sqlite 0.2300 against Louvain's 0.2200", "yes"]
