"""The independent computation Samspill's answers are checked and timed against: the weighted
collaboration ties counted with pandas straight from a participation file (every pair of
actors sharing initiatives, each initiative adding 1/(n-1) for n participants), and, for the
analytics benchmark, those ties clustered by igraph's multilevel (Louvain)."""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

import pandas as pd


def pandas_ties(participation: Path) -> pd.DataFrame:
    """Every pair of actors sharing initiatives, both ways: (actor, other, weight, shared)."""
    members = pd.read_csv(participation, dtype=str)[["initiative_id", "actor_id"]].drop_duplicates()
    members["n"] = members.groupby("initiative_id")["actor_id"].transform("size")
    pairs = members.merge(members[["initiative_id", "actor_id"]], on="initiative_id", suffixes=("", "_other"))
    pairs = pairs[(pairs["actor_id"] != pairs["actor_id_other"]) & (pairs["n"] > 1)]
    pairs = pairs.assign(w=1.0 / (pairs["n"] - 1))
    return (
        pairs.groupby(["actor_id", "actor_id_other"])
        .agg(weight=("w", "sum"), shared=("w", "size"))
        .reset_index()
        .rename(columns={"actor_id": "actor", "actor_id_other": "other"})
    )


def run_pandas_igraph(participation: Path) -> dict[str, Any]:
    """In this process: the pandas projection from the file, then igraph's multilevel on it,
    timed from reading the file to the clustering (what `samspill clusters` is compared with)."""
    import igraph

    started = time.perf_counter()
    ties = pandas_ties(participation)
    ties = ties[ties["actor"] < ties["other"]]
    actors = pd.Index(sorted(set(ties["actor"]) | set(ties["other"])))
    graph = igraph.Graph(n=len(actors), edges=list(zip(actors.get_indexer(ties["actor"]), actors.get_indexer(ties["other"]))))
    projected = time.perf_counter()
    weights = ties["weight"].tolist()
    found = graph.community_multilevel(weights=weights)
    clustered = time.perf_counter()
    return {"seconds": clustered - started, "projection_s": projected - started, "clustering_s": clustered - projected,
            "ties": len(ties), "modularity": graph.modularity(found.membership, weights=weights),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
