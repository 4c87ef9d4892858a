"""HTTP speed: `GET /api/actors/{id}/collaborators` against a served store, at several numbers of
concurrent clients. The server is `samspill serve` in its own process (one uvicorn worker, as
`make run` starts it, with its response cache); the clients are raw keep-alive connections on
asyncio in this process, on the same machine, so they take CPU from the server too (a 2-core
machine: figures are a floor). Two cases: actors no one asked about before (every answer
computed by the store) and a sample asked again (answers kept for the store's revision)."""

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
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import httpx

DURATION_S = 8.0  # per concurrency level, after a warm-up
SAMPLED = 2_000  # actors asked about at random
WARM_UP_S = 30.0  # the sample is asked once for at most this long before it is asked again
FRESH_CLIENTS = 8  # clients asking about actors no one asked about before, and warming up


def _run(work: Coroutine[Any, Any, dict[str, Any]]) -> dict[str, Any]:
    try:
        import uvloop
    except ImportError:  # uvicorn[standard] brings it; plain asyncio measures the same, slower
        return asyncio.run(work)
    return uvloop.run(work)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def active_actors(participation: Path, n: int = 2_000, seed: int = 2016) -> list[str]:
    """A seeded sample of actors that took part in something (the ones staff ask about)."""
    with participation.open(encoding="utf-8", newline="") as handle:
        active = sorted({row["actor_id"] for row in csv.DictReader(handle)})
    return random.Random(seed).sample(active, min(n, len(active)))


def serve(kind: str, target: str, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ}
    env.pop("NEO4J_URI", None)
    if kind == "neo4j":
        env["NEO4J_URI"] = target
    else:
        env["SAMSPILL_DB"] = target
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--workers", str(workers)], env=env,
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


class _Connection:
    """One keep-alive HTTP/1.1 connection that only counts answers. httpx spent more CPU per
    request than the server it measured; on a 2-core machine the clients must cost little."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host.encode()

    @classmethod
    async def open(cls, base: str) -> _Connection:
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        return cls(reader, writer, f"{host}:{port}")

    async def get(self, path: str) -> int:
        self.writer.write(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + self.host + b"\r\n\r\n")
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), None)
        if length is None:
            raise RuntimeError(f"an answer without Content-Length: {head[:200]!r}")
        await self.reader.readexactly(length)
        return int(head[9:12])

    def close(self) -> None:
        self.writer.close()


async def _ask_each(base: str, actors: list[str], clients: int, stop: float = float("inf")) -> list[tuple[float, int]]:
    """Each actor's collaborators asked once, by `clients` connections taking the next actor
    in turn, until all are asked or `stop`: (seconds, status) per answer."""
    unasked = iter(actors)
    answers: list[tuple[float, int]] = []

    async def client(connection: _Connection) -> None:
        while time.perf_counter() < stop and (actor := next(unasked, None)) is not None:
            started = time.perf_counter()
            status = await connection.get(f"/api/actors/{actor}/collaborators")
            answers.append((time.perf_counter() - started, status))

    connections = [await _Connection.open(base) for _ in range(clients)]
    try:
        await asyncio.gather(*(client(c) for c in connections))
    finally:
        for connection in connections:
            connection.close()
    return answers


CEILING = "/healthz (no store: the ceiling)"


async def _load(base: str, actors: list[str], clients: int, duration: float) -> dict[str, Any]:
    """`clients` connections asking for the collaborators of random actors of `actors` back to
    back for `duration` seconds; with no actors, for /healthz, which answers without the store:
    what the server and these clients reach on this machine at best."""
    answers: list[tuple[float, int]] = []
    stop = time.perf_counter() + duration

    async def client(n: int, connection: _Connection) -> None:
        rng = random.Random(n)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            status = await connection.get(f"/api/actors/{rng.choice(actors)}/collaborators" if actors else "/healthz")
            answers.append((time.perf_counter() - started, status))

    connections = [await _Connection.open(base) for _ in range(clients)]
    started = time.perf_counter()
    stop = started + duration
    try:
        await asyncio.gather(*(client(n, c) for n, c in enumerate(connections)))
    finally:
        for connection in connections:
            connection.close()
    asked = f"again, of {len(actors):,} (answers kept)" if actors else CEILING
    return _level(clients, asked, answers, time.perf_counter() - started)


def _level(clients: int, asked: str, answers: list[tuple[float, int]], elapsed: float) -> dict[str, Any]:
    return {"clients": clients, "asked": asked, "requests": len(answers), "errors": sum(s != 200 for _, s in answers),
            "requests_per_s": len(answers) / elapsed, **percentiles([t for t, _ in answers])}


async def _first_asks(base: str, actors: list[str], clients: int, duration: float) -> dict[str, Any]:
    started = time.perf_counter()
    answers = await _ask_each(base, actors, clients, started + duration)
    return _level(clients, "each actor once (none kept)", answers, time.perf_counter() - started)


def percentiles(latencies: list[float]) -> dict[str, float]:
    """p50, p95, p99 and the mean of latencies in seconds, in milliseconds."""
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {"p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "mean_ms": statistics.fmean(ordered) * 1000}


def measure(kind: str, target: str, participation: Path, concurrency: list[int], duration: float = DURATION_S,
            workers: int = 1) -> dict[str, Any]:
    sample = active_actors(participation, n=2 * SAMPLED)
    actors, fresh = sample[:SAMPLED], sample[SAMPLED:]
    process, base = serve(kind, target, workers)
    try:
        # Answers no one asked for before come first; then the sample is asked once (its answers
        # kept), and again at each level.
        levels = [_run(_first_asks(base, fresh, FRESH_CLIENTS, duration))] if fresh else []
        # At most WARM_UP_S: a slow store (Neo4j at M asks 16 a second) would spend minutes.
        # Clients take the actors in order, so the ones asked are the first len(warm).
        warm = _run(_ask_each(base, actors, FRESH_CLIENTS, time.perf_counter() + WARM_UP_S))
        if bad := sum(status != 200 for _, status in warm):
            raise RuntimeError(f"{bad} of {len(warm)} warm-up requests failed")
        asked = actors[:len(warm)]
        levels += [_run(_load(base, asked, clients, duration)) for clients in concurrency]
        levels.append(_run(_load(base, [], FRESH_CLIENTS, duration)))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"store": kind, "workers": workers, "endpoint": "/api/actors/{id}/collaborators", "sampled_actors": len(actors),
            "levels": levels}

