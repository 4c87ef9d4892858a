"""First asks: each analytics endpoint asked once of a freshly started `samspill serve` of its
own (nothing computed before the request; the server does no work at start-up), then again,
then once more after an import from another process has changed the store (a new project of
the busiest actor and two others). What a new user meets first, per endpoint."""

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
    return {"store": kind, "busiest": actor, "target_s": TARGET_S, "asks": rows}
