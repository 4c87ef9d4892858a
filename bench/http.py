"""HTTP speed: `GET /api/actors/{id}/collaborators` against a served store, at several numbers of
concurrent clients. The server is `samspill serve` in its own process (one uvicorn worker, as
`make run` starts it); the clients are asyncio tasks in this one, on the same machine, so
they take CPU from the server too (a 2-core machine: figures are a floor)."""

from __future__ import annotations

import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

DURATION_S = 8.0  # per concurrency level, after a warm-up
WARM_UP = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def active_actors(participation: Path, n: int = 2_000, seed: int = 2016) -> list[str]:
    """A seeded sample of actors that took part in something (the ones staff ask about)."""
    with participation.open(encoding="utf-8", newline="") as handle:
        active = sorted({row["actor_id"] for row in csv.DictReader(handle)})
    return random.Random(seed).sample(active, min(n, len(active)))


def serve(kind: str, target: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ}
    env.pop("NEO4J_URI", None)
    if kind == "neo4j":
        env["NEO4J_URI"] = target
    else:
        env["SAMSPILL_DB"] = target
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"samspill serve exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("samspill serve did not become ready in 60 s")


async def _load(base: str, actors: list[str], clients: int, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    stop = 0.0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        rng = random.Random(n)
        while time.perf_counter() < stop:
            actor = rng.choice(actors)
            started = time.perf_counter()
            response = await http.get(f"{base}/api/actors/{actor}/collaborators")
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        for actor in actors[:WARM_UP]:
            await http.get(f"{base}/api/actors/{actor}/collaborators")
        started = time.perf_counter()
        stop = started + duration
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(latencies), "errors": errors, "requests_per_s": len(latencies) / elapsed,
            **percentiles(latencies)}


def percentiles(latencies: list[float]) -> dict[str, float]:
    """p50, p95, p99 and the mean of latencies in seconds, in milliseconds."""
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {"p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "mean_ms": statistics.fmean(ordered) * 1000}


def measure(kind: str, target: str, participation: Path, concurrency: list[int], duration: float = DURATION_S) -> dict[str, Any]:
    actors = active_actors(participation)
    process, base = serve(kind, target)
    try:
        levels = [asyncio.run(_load(base, actors, clients, duration)) for clients in concurrency]
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"store": kind, "endpoint": "/api/actors/{id}/collaborators", "sampled_actors": len(actors), "levels": levels}

