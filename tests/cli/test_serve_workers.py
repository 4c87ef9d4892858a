"""`samspill serve --workers N`: several processes serve one store, and what another process
writes is what each of them answers next (their caches key on the store's revision)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from neo4j_server import free_port


def _get(url: str) -> dict | list:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    children = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def _import(env: dict[str, str], path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cli", "import", str(path)], env={**os.environ, **env}, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_several_workers_each_answer_what_another_process_wrote(store_env: dict[str, str], tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Arrangement;Dato;Verksemd\nSamling 1;01.03.2024;Vest 1\nSamling 1;01.03.2024;Vest 2\n", encoding="utf-8")
    _import(store_env, first)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--workers", "2", "--port", str(port)],
        env={**os.environ, **store_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if len(_workers(server.pid)) >= 2 and _get(f"{base}/readyz"):
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "serve --workers 2 did not start"
            time.sleep(0.2)
        assert len(_workers(server.pid)) == 2  # two worker processes under uvicorn's supervisor
        # Each worker warms its caches (the clusters, the tie table under them) at this revision.
        for _ in range(10):
            assert [c["size"] for c in _get(f"{base}/api/clusters")["clusters"]] == [2]
            assert _get(f"{base}/api/actors?q=aust")["items"] == []
        second = tmp_path / "second.csv"
        second.write_text(
            "Arrangement;Dato;Verksemd\n" + "".join(f"Samling 2;02.03.2024;Aust {n}\n" for n in (1, 2, 3)), encoding="utf-8"
        )
        _import(store_env, second)  # another process writes
        for _ in range(10):  # every answer, from whichever worker, is the store as it now is
            assert sorted(c["size"] for c in _get(f"{base}/api/clusters")["clusters"]) == [2, 3]
            assert len(_get(f"{base}/api/actors?q=aust")["items"]) == 3
    finally:
        server.terminate()
        server.wait(timeout=30)
