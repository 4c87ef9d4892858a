"""Analytics speed on generated data: Samspill's projection and clustering against igraph's
`community_multilevel` and networkx's `louvain_communities` on the same weighted graph.

Each step runs in its own process, so each peak memory is its own:
- `load`: import the data into an empty store (not measured here; see the import benchmark);
- `projection`: the store builds the tie table (aggregation in SQL / Cypher, streamed);
  the ties are also written to a scratch file for the reference steps;
- `samspill`: `samspill clusters` end to end in a fresh process — projection, communities,
  summaries with the store's activity per cluster — and, inside it, the clustering alone;
- `igraph` / `networkx`: the reference methods, timed on the graph read from the scratch file
  (building their graph is not counted against them);
- `pandas`: the whole reference pipeline from the participation file, a pandas projection then
  igraph's multilevel (`bench/reference.py`), which `samspill clusters` end to end is held to.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from array import array
from pathlib import Path
from typing import Any

from bench.imports import child_json, open_store
from bench.reference import run_pandas_igraph
from graph.analytics.clusters import cluster_report
from graph.analytics.communities import SEED, find_communities
from graph.store_results import ClusterMethod


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_load(kind: str, target: str, files: list[Path]) -> dict[str, Any]:
    from ingest.importer import ImportOptions, run_import

    store = open_store(kind, target)
    store.wipe()
    started = time.perf_counter()
    report = run_import(store, files, ImportOptions())
    if report.errors:
        raise SystemExit(f"the benchmark data did not import: {report.errors[:3]}")
    stats = store.stats()
    store.close()
    return {"seconds": time.perf_counter() - started, "actors": stats.actors, "initiatives": stats.initiatives}


def run_projection(kind: str, target: str, scratch: Path) -> dict[str, Any]:
    store = open_store(kind, target)
    started = time.perf_counter()
    table = store.tie_table()
    seconds = time.perf_counter() - started
    store.close()
    with (scratch / "ties.bin").open("wb") as handle:
        for column in (table.a, table.b, table.weight):
            column.tofile(handle)
    (scratch / "ties.json").write_text(json.dumps({"actors": len(table.actors), "ties": table.ties}))
    return {"seconds": seconds, "actors": len(table.actors), "ties": table.ties, "peak_rss_mb": peak_mb()}


def run_samspill(kind: str, target: str) -> dict[str, Any]:
    store = open_store(kind, target)
    started = time.perf_counter()
    table = store.tie_table()
    projected = time.perf_counter()
    report, _ = cluster_report(table, seed=SEED, activity=store.group_activity)
    reported = time.perf_counter()
    find_communities(table, seed=SEED)
    clustered = time.perf_counter()
    leiden = find_communities(table, seed=SEED, method=ClusterMethod.LEIDEN)
    store.close()
    return {"end_to_end_s": reported - started, "projection_s": projected - started,
            "summaries_s": reported - projected - (clustered - reported), "clustering_s": clustered - reported,
            "leiden_s": time.perf_counter() - clustered, "leiden_modularity": leiden.modularity,
            "clusters": len(report.clusters), "modularity": report.modularity, "peak_rss_mb": peak_mb(),
            "largest": [f"{c.id}: {c.label} [{c.size} actors, {c.initiatives} initiatives]" for c in
                        sorted(report.clusters, key=lambda c: -c.size)[:5]]}


def _read_ties(scratch: Path) -> tuple[int, array, array, array]:
    size = json.loads((scratch / "ties.json").read_text())
    a, b, w = array("l"), array("l"), array("d")
    with (scratch / "ties.bin").open("rb") as handle:
        for column in (a, b, w):
            column.fromfile(handle, size["ties"])
    return size["actors"], a, b, w


def run_igraph(scratch: Path) -> dict[str, Any]:
    import igraph

    n, a, b, w = _read_ties(scratch)
    graph = igraph.Graph(n=n)
    for start in range(0, len(a), 200_000):
        graph.add_edges(list(zip(a[start:start + 200_000], b[start:start + 200_000])))
    weights = list(w)
    del a, b, w
    started = time.perf_counter()
    found = graph.community_multilevel(weights=weights)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "modularity": graph.modularity(found.membership, weights=weights),
            "peak_rss_mb": peak_mb()}


def run_networkx(scratch: Path) -> dict[str, Any]:
    import networkx as nx

    n, a, b, w = _read_ties(scratch)
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(a, b, w))
    del a, b, w
    started = time.perf_counter()
    groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "modularity": nx.community.modularity(graph, groups, weight="weight"),
            "peak_rss_mb": peak_mb()}


def measure(kind: str, target: str, files: list[Path], scratch: Path, networkx: bool) -> dict[str, Any]:
    """Every step for one store, each in a fresh process."""
    loaded = child_json("bench.analytics", "load", kind, target, *map(str, files))
    projection = child_json("bench.analytics", "projection", kind, target, str(scratch))
    samspill = child_json("bench.analytics", "samspill", kind, target)
    igraph = child_json("bench.analytics", "igraph", str(scratch))
    pandas = child_json("bench.analytics", "pandas", str(files[2]))
    result = {"store": kind, "loaded": loaded, "projection": projection, "samspill": samspill, "igraph": igraph,
              "pandas_igraph": pandas,
              "clustering_ratio_to_igraph": samspill["clustering_s"] / igraph["seconds"],
              "end_to_end_ratio_to_igraph": samspill["end_to_end_s"] / igraph["seconds"],
              "end_to_end_ratio_to_pandas_igraph": samspill["end_to_end_s"] / pandas["seconds"]}
    if networkx:
        result["networkx"] = child_json("bench.analytics", "networkx", str(scratch))
    return result


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    if step == "load":
        out = run_load(args[0], args[1], [Path(p) for p in args[2:]])
    elif step == "projection":
        out = run_projection(args[0], args[1], Path(args[2]))
    elif step == "samspill":
        out = run_samspill(args[0], args[1])
    elif step == "igraph":
        out = run_igraph(Path(args[0]))
    elif step == "pandas":
        out = run_pandas_igraph(Path(args[0]))
    else:
        out = run_networkx(Path(args[0]))
    print(json.dumps(out))
