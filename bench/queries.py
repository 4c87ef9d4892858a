"""Query latency through the store (no HTTP): collaborators, the neighbourhood at depth 2, a
shortest path, activity and search by name, each asked many times of a seeded sample of
active actors (and words of their names) after a warm-up, in a fresh process over a store
loaded by `bench.analytics load`.

p50/p95/p99 per query; the targets: collaborators p99 <= 50 ms at L on both stores (issue 7),
then <= 20 ms (issue 20); search by name <= 50 ms p99 (issue 20).
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.http import active_actors, percentiles
from bench.imports import open_store
from graph.model import Label
from graph.questions.search import SearchAsked, suggestions_for
from graph.store import GraphStore
from graph.store_results import ActivityBy, ActivityFilters, NodeRef

WARM_UP = 20
BUDGET_S = 15.0  # per query kind: as many calls as fit, at most SAMPLES
SAMPLES = 500


def name_words(actors_file: Path, n: int = 500, seed: int = 2016) -> list[str]:
    """A seeded sample of the words of actors' names (of four letters or more), as typed in
    the search box."""
    with actors_file.open(encoding="utf-8", newline="") as handle:
        words = sorted({w for row in csv.DictReader(handle) for w in row["name"].split() if len(w) >= 4 and w.isalpha()})
    return random.Random(seed).sample(words, min(n, len(words)))


def _queries(store: GraphStore, actors: list[str], words: list[str], rng: random.Random) -> dict[str, Callable[[], object]]:
    years = [str(y) for y in range(2015, 2025)]
    return {
        "collaborators": lambda: store.collaborators(rng.choice(actors), limit=50),
        "neighbourhood_depth_2": lambda: store.neighbourhood(NodeRef(label=Label.ACTOR, id=rng.choice(actors)),
                                                             depth=2, max_nodes=200),
        "shortest_path": lambda: store.shortest_path(rng.choice(actors), rng.choice(actors), max_hops=6),
        "activity_by_county_in_a_year": lambda: store.activity(ActivityBy.COUNTY, ActivityFilters(
            since=f"{(y := rng.choice(years))}-01-01", until=f"{y}-12-31")),
        "search_by_name": lambda: suggestions_for(store, SearchAsked(q=rng.choice(words))),
    }


def run(kind: str, target: str, participation: Path) -> dict[str, Any]:
    store = open_store(kind, target)
    actors = active_actors(participation)
    words = name_words(participation.parent / "actors.csv")
    rng = random.Random(2016)
    results = {}
    for name, ask in _queries(store, actors, words, rng).items():
        for _ in range(WARM_UP):
            ask()
        latencies: list[float] = []
        stop = time.perf_counter() + BUDGET_S
        while len(latencies) < SAMPLES and time.perf_counter() < stop:
            started = time.perf_counter()
            ask()
            latencies.append(time.perf_counter() - started)
        results[name] = {"calls": len(latencies), **percentiles(latencies)}
    store.close()
    return {"store": kind, "sampled_actors": len(actors), "queries": results}


if __name__ == "__main__":
    kind, target, participation = sys.argv[1:]
    print(json.dumps(run(kind, target, Path(participation))))
