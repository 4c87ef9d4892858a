"""`kill -9` an import at random points: the store opens, `db check` finds nothing, it holds
exactly what the import held after its last committed batch, and running the import again ends
where one clean run ends. On Neo4j the client is killed."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import emptied, make_neo4j_store

from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from ingest.importer import ImportOptions, run_import

ROWS = 20_000
BATCH = 500
KILLS = 3  # per store


def _participation_list(folder: Path) -> Path:
    path = folder / "deltaking.csv"
    path.write_text("arrangement;dato;verksemd\n" + "".join(
        f"Samling {n // 8};{1 + n % 28:02d}.{1 + n // 2000 % 12:02d}.2021;Verksemd {n * 7 % 2000}\n"
        for n in range(ROWS)), encoding="utf-8")
    return path


def digest(store: GraphStore) -> str:
    """What the store holds, the same on either engine; import times blanked."""
    records = sorted(re.sub(r'"imported": "[^"]+"', "", json.dumps(r, sort_keys=True, ensure_ascii=False))
                     for r in store.export())
    return hashlib.sha256("\n".join(records).encode()).hexdigest()


class _Recording:
    """A store that notes what it holds after each committed batch."""

    def __init__(self, store: GraphStore):
        self.store, self.states = store, [digest(store)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def write_batch(self, *args: Any, **kwargs: Any) -> None:
        self.store.write_batch(*args, **kwargs)
        self.states.append(digest(self.store))


@pytest.fixture(scope="module")
def import_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The file and every state a clean import of it passes through, batch by batch."""
    folder = tmp_path_factory.mktemp("killed")
    listed = _participation_list(folder)
    reference = SQLiteStore(folder / "reference.db")
    reference.open()
    recording = _Recording(reference)
    assert run_import(recording, [listed], ImportOptions(batch_size=BATCH)).errors == []  # type: ignore[arg-type]
    reference.close()
    return listed, recording.states


def _committed(store: GraphStore) -> int:
    stats = store.stats()
    return stats.actors + stats.initiatives


def _kill_mid_import(listed: Path, env: dict[str, str], store: GraphStore, rng: random.Random) -> bool:
    """Start `samspill import`, wait for its first committed batch, then kill -9 it a random
    moment later. Whether it was still running when killed."""
    child = subprocess.Popen([sys.executable, "-m", "cli", "import", str(listed), "--batch-size", str(BATCH)],
                             env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _committed(store) == 0 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 1.5))
    running = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    return running


def _open(env: dict[str, str]) -> GraphStore:
    store: GraphStore = SQLiteStore(Path(env["SAMSPILL_DB"])) if "SAMSPILL_DB" in env else make_neo4j_store(env["NEO4J_URI"])
    store.open()
    return store


def test_a_killed_import_leaves_whole_batches_and_the_rerun_completes_it(
        store_env: dict[str, str], import_file: tuple[Path, list[str]]) -> None:
    listed, states = import_file
    rng = random.Random(2016)
    mid_way = 0
    for kill in range(KILLS):
        store = _open(store_env)
        if "SAMSPILL_DB" in store_env:
            store.close()
            for suffix in ("", "-wal", "-shm"):
                Path(store_env["SAMSPILL_DB"] + suffix).unlink(missing_ok=True)
            store = _open(store_env)
        else:
            emptied(store)  # type: ignore[arg-type]
        try:
            mid_way += _kill_mid_import(listed, store_env, store, rng)
        finally:
            store.close()
        after = _open(store_env)  # a new process's view: the store opens
        try:
            assert after.check() == [], f"kill {kill}"
            held = digest(after)
            assert held in states, f"kill {kill}: not the state after any committed batch"
            assert run_import(after, [listed], ImportOptions(batch_size=BATCH)).errors == []
            assert digest(after) == states[-1], f"kill {kill}: the rerun did not end where a clean run ends"
        finally:
            after.close()
    assert mid_way >= 2, "the kills should land while the import is writing"
