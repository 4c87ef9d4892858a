"""Many writers at once: an import while the API serves reads, 32 clients writing for a minute,
two imports of one file at the same time. Nothing half-written is ever seen, every accepted
write is stored once, and no error but the documented 429 and 413 is answered."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import httpx
from browser_harness import serve
from conftest import make_neo4j_store
from fastapi.testclient import TestClient
from faults.test_killed_import import _participation_list, digest

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from graph.store_results import DocumentKind
from ingest.importer import ImportOptions, run_import
from ingest.seeds import load_seeds

CLIENTS = 32
WRITING_S = 60.0

UNFINISHED = ("SELECT COUNT(*) FROM initiatives i "
              "WHERE NOT EXISTS (SELECT 1 FROM participations p WHERE p.initiative_id = i.id)")


def test_an_import_while_the_api_serves_reads_never_shows_half_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    store = SQLiteStore(path)
    store.open()
    load_seeds(store)
    listed = _participation_list(tmp_path)
    # An initiative of a participation list arrives with its first participation, in the same
    # batch: an initiative without one is half a batch. The seeds' own such count stays.
    watcher = sqlite3.connect(path, timeout=0.0)  # no waiting: "database is locked" would show at once
    baseline = watcher.execute(UNFINISHED).fetchone()[0]
    child = subprocess.Popen([sys.executable, "-m", "cli", "import", str(listed), "--batch-size", "500"],
                             env={**{k: v for k, v in os.environ.items() if k != "NEO4J_URI"}, "SAMSPILL_DB": str(path)},
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    answers: Counter[int] = Counter()
    seen: list[int] = []
    with TestClient(create_app(lambda: store, Settings(response_cache_mb=0))) as client:
        while child.poll() is None:
            seen.append(watcher.execute(UNFINISHED).fetchone()[0])
            for url in ("/api/actors?q=verksemd", "/api/initiatives?limit=20", "/api/actors/ks/collaborators"):
                answers[client.get(url).status_code] += 1
    assert child.returncode == 0, child.stderr.read().decode() if child.stderr else ""
    assert set(answers) == {200}, answers
    assert set(seen) == {baseline}, f"half-written batches seen: {sorted(set(seen))}"
    assert len(seen) > 10, "the readers should have read while the import wrote"
    assert store.stats().relationships["PARTICIPATED_IN"] >= 20_000 and store.check() == []
    watcher.close()
    store.close()


def _writer(base: str, editor: dict[str, str], n: int, stop: float, log: dict[str, list], partners: list[str]) -> None:
    rng = random.Random(n)
    with httpx.Client(base_url=base, timeout=30) as http:
        i = 0
        while time.monotonic() < stop:
            i += 1
            kind = rng.choice(("story", "actor", "link"))
            if kind == "story":
                answer = http.post("/api/stories", json={"title": f"Historie {n}-{i}", "text": "Det hende noko.",
                                                         "organisations": ["KS"], "contact_email": "a@b.no",
                                                         "consent": True})
                if answer.status_code == 202:
                    log["stories"].append(answer.json()["id"])
            elif kind == "actor":
                actor_id = f"skrivar-{n}-{i}"
                answer = http.put(f"/api/actors/{actor_id}", headers=editor,
                                  json={"id": actor_id, "name": f"Skrivar {n} {i}", "kind": "other"})
                if answer.status_code == 200:
                    log["actors"].append(actor_id)
            else:
                answer = http.post("/api/relationships", headers=editor, json=[
                    {"type": "PARTNER_OF", "source": "ks", "target": rng.choice(partners)}])
            log["status"].append(answer.status_code)


def test_32_clients_writing_for_a_minute_store_each_accepted_write_once(store: GraphStore) -> None:
    load_seeds(store)
    secret, _ = create_key(store, "load test", KeyRole.EDITOR)
    editor = {"Authorization": f"Bearer {secret}"}
    log: dict[str, list] = {"stories": [], "actors": [], "status": []}
    partners = [a.id for a in store.find_actors(kind="municipality", limit=5).items]
    with contextmanager(serve)(store, Settings(stories_per_minute=600)) as base:
        stop = time.monotonic() + WRITING_S
        threads = [threading.Thread(target=_writer, args=(base, editor, n, stop, log, partners)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    statuses = Counter(log["status"])
    print(f"\n{store.engine}: {sum(statuses.values())} writes attempted, {statuses}")
    assert set(statuses) <= {200, 202, 429, 413}, statuses
    assert statuses[202] > 0 and statuses[429] > 0 and statuses[200] > 0
    store.open()  # the app closes its store when it stops
    kept = Counter(doc["id"] for doc in store.documents(DocumentKind.STORY))
    assert all(kept[story] == 1 for story in log["stories"]), "an accepted story is missing or stored twice"
    assert len(kept) == len(log["stories"])  # nothing stored that was not accepted
    found = store.get_actors(log["actors"])
    assert sorted(found) == sorted(log["actors"]) and len(set(log["actors"])) == len(log["actors"])
    assert store.check() == []


def _import_twice_at_once(listed: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess[bytes]]:
    children = [subprocess.Popen([sys.executable, "-m", "cli", "import", str(listed), "--batch-size", "500"],
                                 env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
    return [subprocess.CompletedProcess(c.args, c.wait(timeout=600), *c.communicate()) for c in children]


def test_two_imports_of_one_file_at_once_make_no_duplicates(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = _participation_list(tmp_path)
    reference = SQLiteStore(tmp_path / "reference.db")
    reference.open()
    run_import(reference, [listed], ImportOptions(batch_size=500))
    done = _import_twice_at_once(listed, store_env)
    assert [d.returncode for d in done] == [0, 0], [d.stderr.decode()[-500:] for d in done]
    store: GraphStore = SQLiteStore(Path(store_env["SAMSPILL_DB"])) if "SAMSPILL_DB" in store_env \
        else make_neo4j_store(store_env["NEO4J_URI"])
    store.open()
    try:
        assert store.check() == []
        assert digest(store) == digest(reference)  # each organisation once, each participation once
    finally:
        store.close()
