"""First asks: each analytics endpoint asked once of a freshly started `samspill serve` of its
own (nothing computed before the request; the server does no work at start-up), then again,
then once more after an import from another process has changed the store (a new project of
the busiest actor and two others). What a new user meets first, per endpoint. An endpoint over
its target is then asked once more, of a fresh process with the question under cProfile: the
functions its time goes to (own time), the profile behind the shortfall."""

from __future__ import annotations

import cProfile
import csv
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.http import serve
from bench.imports import child_json, open_store
from graph.questions.brokers import BrokersAsked, brokers_of
from graph.questions.clusters import ClusterAsked, ClustersAsked, cluster_of, clusters_of
from graph.questions.collaborators import CollaboratorsAsked, collaborators_of
from graph.questions.details import actor_by_id
from graph.questions.hotspots import HotspotsAsked, hotspots_of
from graph.questions.network import NetworkAsked, network_of
from graph.questions.recommendations import RecommendationsAsked, recommendations_for
from graph.questions.search import SearchAsked, suggestions_for
from graph.store import GraphStore

TARGET_S = 1.0  # issue 20: every analytics endpoint's first ask on size R
TIMEOUT_S = 600.0


def busiest(participation: Path) -> str:
    with participation.open(encoding="utf-8") as f:
        return Counter(row["actor_id"] for row in csv.DictReader(f)).most_common(1)[0][0]


def endpoints(actor: str) -> list[tuple[str, str]]:
    return [(name, url) for name, url, _ in _asks(actor)]


def _asks(actor: str) -> list[tuple[str, str, Callable[[GraphStore], object]]]:
    """Each endpoint: its name, its URL, and the question it asks of the store (the same
    defaults), which the profile runs without HTTP."""

    def of_actor(ask: Callable[[GraphStore, Any], object]) -> Callable[[GraphStore], object]:
        return lambda store: ask(store, actor_by_id(store, actor))

    return [
        ("clusters", "/api/clusters", lambda store: clusters_of(store, ClustersAsked())),
        ("one cluster", "/api/clusters/1", lambda store: cluster_of(store, 1, ClusterAsked())),
        ("brokers", "/api/brokers", lambda store: brokers_of(store, BrokersAsked())),
        ("hot spots", "/api/hotspots?by=county", lambda store: hotspots_of(store, HotspotsAsked(by="county"))),
        (
            "recommendations (busiest)",
            f"/api/actors/{actor}/recommendations",
            of_actor(lambda store, a: recommendations_for(store, a, RecommendationsAsked())),
        ),
        (
            "collaborators (busiest)",
            f"/api/actors/{actor}/collaborators",
            of_actor(lambda store, a: collaborators_of(store, a, CollaboratorsAsked())),
        ),
        ("focus view (busiest)", f"/api/actors/{actor}/network", of_actor(lambda store, a: network_of(store, a, NetworkAsked()))),
        ("search", "/api/search?q=kommune", lambda store: suggestions_for(store, SearchAsked(q="kommune"))),
    ]


def profile(kind: str, target: str, endpoint: str, actor: str, top: int = 6) -> dict[str, Any]:
    """In this process: the endpoint's question asked once of a store just opened, under
    cProfile; the `top` functions by their own time."""
    ask = next(question for name, _, question in _asks(actor) if name == endpoint)
    store = open_store(kind, target)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(ask, store)
    seconds = time.perf_counter() - started
    store.close()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    ranked = sorted(stats.items(), key=lambda item: -item[1][2])[:top]
    return {"profiled_s": round(seconds, 2),
            "top": [{"function": _where(key), "own_s": round(own, 2), "calls": calls} for key, (_, calls, own, _, _) in ranked]}


def _where(key: tuple[str, int, str]) -> str:
    """`graph/analytics/brokers.py:61 _betweenness`, `igraph/community.py:150 …`, or a built-in's own name."""
    file, line, name = key
    if file == "~":
        return re.sub(r" at 0x[0-9a-f]+", "", name)  # a C function's address differs per process
    for root in ("site-packages/", str(Path(__file__).resolve().parent.parent) + "/"):
        if root in file:
            file = file.split(root, 1)[1]
    return f"{file}:{line} {name}"


def _timed(client: httpx.Client, url: str) -> dict[str, Any]:
    started = time.perf_counter()
    response = client.get(url)
    return {"seconds": round(time.perf_counter() - started, 3), "status": response.status_code, "kB": round(len(response.content) / 1024)}


def _change(kind: str, target: str, actor: str, others: list[str], n: int) -> None:
    """A new project (the `n`th) of `actor` and `others`, imported by another process."""
    with tempfile.TemporaryDirectory(prefix="samspill-change-") as scratch:
        folder = Path(scratch)
        project = f"syntetisk-endring-{n}"
        (folder / "initiatives.csv").write_text(
            f"id,title,kind,start\n{project},Endringsprosjekt {n} (SYNTHETIC),project,2024-01-01\n", encoding="utf-8"
        )
        (folder / "participation.csv").write_text(
            "initiative_id,actor_id,role\n" + "".join(f"{project},{a},participant\n" for a in [actor, *others]),
            encoding="utf-8",
        )
        env = {**os.environ}
        env.pop("NEO4J_URI", None)
        env["NEO4J_URI" if kind == "neo4j" else "SAMSPILL_DB"] = target
        files = [str(folder / "initiatives.csv"), str(folder / "participation.csv")]
        done = subprocess.run([sys.executable, "-m", "cli", "import", *files], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the change did not import: {done.stderr[-2000:]}")


def measure(kind: str, target: str, participation: Path) -> dict[str, Any]:
    """Each endpoint on a server of its own, so no endpoint finds what another computed (one
    cluster computes the brokers too)."""
    actor = busiest(participation)
    with participation.open(encoding="utf-8") as f:
        others = sorted({row["actor_id"] for row in csv.DictReader(f)} - {actor})[:2]
    rows = []
    for n, (name, url) in enumerate(endpoints(actor)):
        process, base = serve(kind, target)
        try:
            with httpx.Client(base_url=base, timeout=TIMEOUT_S) as client:
                first, again = _timed(client, url), _timed(client, url)
                _change(kind, target, actor, others, n)
                rows.append({"endpoint": name, "url": url, "first": first, "again": again, "after_import": _timed(client, url)})
        finally:
            process.terminate()
            process.wait(timeout=30)
    for row in rows:
        if max(row["first"]["seconds"], row["after_import"]["seconds"]) > TARGET_S:
            row["profile"] = child_json("bench.first_asks", kind, target, row["endpoint"], actor)
    return {"store": kind, "busiest": actor, "target_s": TARGET_S, "asks": rows}


if __name__ == "__main__":
    print(json.dumps(profile(*sys.argv[1:5])))
