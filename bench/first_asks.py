"""First asks: each analytics endpoint asked once of a freshly started `samspill serve` (nothing
computed before the request; the server does no work at start-up), then again, then once more
after an import from another process has changed the store (a new project between the busiest
actor and two others). What a new user meets first, per endpoint."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.http import serve

TARGET_S = 1.0  # issue 20: every analytics endpoint's first ask on size R
TIMEOUT_S = 600.0


def busiest(participation: Path) -> str:
    with participation.open(encoding="utf-8") as f:
        return Counter(row["actor_id"] for row in csv.DictReader(f)).most_common(1)[0][0]


def endpoints(actor: str) -> list[tuple[str, str]]:
    return [
        ("clusters", "/api/clusters"),
        ("one cluster", "/api/clusters/1"),
        ("brokers", "/api/brokers"),
        ("hot spots", "/api/hotspots?by=county"),
        ("recommendations (busiest)", f"/api/actors/{actor}/recommendations"),
        ("collaborators (busiest)", f"/api/actors/{actor}/collaborators"),
        ("focus view (busiest)", f"/api/actors/{actor}/network"),
        ("search", "/api/search?q=kommune"),
    ]


def _timed(client: httpx.Client, url: str) -> dict[str, Any]:
    started = time.perf_counter()
    response = client.get(url)
    return {"seconds": round(time.perf_counter() - started, 3), "status": response.status_code, "kB": round(len(response.content) / 1024)}


def _change(kind: str, target: str, actor: str, others: list[str]) -> None:
    """A new project of `actor` and `others`, imported by another process."""
    with tempfile.TemporaryDirectory(prefix="samspill-change-") as scratch:
        folder = Path(scratch)
        (folder / "initiatives.csv").write_text(
            "id,title,kind,start\nsyntetisk-endring,Endringsprosjekt (SYNTHETIC),project,2024-01-01\n", encoding="utf-8"
        )
        (folder / "participation.csv").write_text(
            "initiative_id,actor_id,role\n" + "".join(f"syntetisk-endring,{a},participant\n" for a in [actor, *others]),
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
    actor = busiest(participation)
    with participation.open(encoding="utf-8") as f:
        others = sorted({row["actor_id"] for row in csv.DictReader(f)} - {actor})[:2]
    process, base = serve(kind, target)
    rows = []
    try:
        with httpx.Client(base_url=base, timeout=TIMEOUT_S) as client:
            asks = endpoints(actor)
            first = {name: _timed(client, url) for name, url in asks}
            again = {name: _timed(client, url) for name, url in asks}
            _change(kind, target, actor, others)
            changed = {name: _timed(client, url) for name, url in asks}
        for name, url in asks:
            rows.append({"endpoint": name, "url": url, "first": first[name], "again": again[name], "after_import": changed[name]})
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"store": kind, "busiest": actor, "target_s": TARGET_S, "asks": rows}
