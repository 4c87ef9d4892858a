"""Import speed on generated data: Samspill's import against a naive per-row loop on the
same rows, per store, and on Neo4j against Neo4j's own `LOAD CSV … CALL { … } IN
TRANSACTIONS` of the same three files. Each run is its own process, so its peak memory is its
own."""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import Generated
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore

NAIVE_SQL = (
    "INSERT OR IGNORE INTO actors (id, name, name_key, kind, doc) VALUES (?, ?, ?, 'other', '{}')",
    "INSERT OR IGNORE INTO initiatives (id, title, kind, is_open, doc) VALUES (?, ?, 'meeting', 0, '{}')",
    "INSERT OR IGNORE INTO participations (actor_id, initiative_id, role, doc) VALUES (?, ?, ?, '{}')",
)
NAIVE_CYPHER = """
MERGE (a:Actor {id: $actor}) MERGE (i:Initiative {id: $initiative})
MERGE (a)-[r:PARTICIPATED_IN {role: $role}]->(i)
"""

# Neo4j's own bulk path for the same files: the same keys, properties the queries read, and
# relationships by role, in transactions of 10,000 rows (the server reads the files itself).
LOAD_CSV = (
    """LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
       MERGE (a:Actor {id: row.id})
       SET a.name = row.name, a.kind = row.kind, a.kommunenummer = row.kommunenummer,
           a.county = row.fylkesnummer, a.country = coalesce(row.country, 'NO')
       } IN TRANSACTIONS OF 10000 ROWS""",
    """LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
       MERGE (i:Initiative {id: row.id})
       SET i.title = row.title, i.kind = row.kind, i.start_date = row.start, i.end_date = row.end,
           i.kommunenummer = row.kommunenummer, i.theme_keys = split(coalesce(row.themes, ''), ';')
       } IN TRANSACTIONS OF 10000 ROWS""",
    """LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
       MATCH (a:Actor {id: row.actor_id}) MATCH (i:Initiative {id: row.initiative_id})
       MERGE (a)-[:PARTICIPATED_IN {role: row.role}]->(i)
       } IN TRANSACTIONS OF 10000 ROWS""",
)


def open_store(kind: str, target: str) -> GraphStore:
    store: GraphStore = SQLiteStore(Path(target)) if kind == "sqlite" else Neo4jStore(target)
    store.open()
    return store


def run_samspill(kind: str, target: str, files: list[Path], batch_size: int) -> dict[str, Any]:
    """In this process: import `files` into an empty store, then again (nothing changes)."""
    from ingest.importer import ImportOptions, run_import

    store = open_store(kind, target)
    store.wipe()
    result: dict[str, Any] = {}
    for run in ("first", "again"):
        started = time.perf_counter()
        report = run_import(store, files, ImportOptions(batch_size=batch_size))
        seconds = time.perf_counter() - started
        if report.errors:
            raise SystemExit(f"the benchmark data did not import: {report.errors[:3]}")
        result[run] = {"seconds": seconds, "rows": report.rows, "rows_per_s": report.rows / seconds,
                       "counts": {k: vars(c) for k, c in report.counts.items()}}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    return result


def run_naive(kind: str, target: str, participation: Path, limit: int) -> dict[str, Any]:
    """In this process: the first `limit` participation rows, one statement and one commit per row."""
    store = open_store(kind, target)
    store.wipe()
    with participation.open(encoding="utf-8", newline="") as handle:
        rows = [(r["actor_id"], r["initiative_id"], r["role"]) for _, r in zip(range(limit), csv.DictReader(handle))]
    started = time.perf_counter()
    if isinstance(store, SQLiteStore):
        conn = store._conn()  # the reference loop talks to the engine directly, as a naive script would
        for actor, initiative, role in rows:
            conn.execute("BEGIN")
            conn.execute(NAIVE_SQL[0], (actor, actor, actor))
            conn.execute(NAIVE_SQL[1], (initiative, initiative))
            conn.execute(NAIVE_SQL[2], (actor, initiative, role))
            conn.execute("COMMIT")
    else:
        assert isinstance(store, Neo4jStore) and store._driver is not None
        with store._driver.session(database=store.database) as session:
            for actor, initiative, role in rows:
                session.run(NAIVE_CYPHER, actor=actor, initiative=initiative, role=role).consume()
    seconds = time.perf_counter() - started
    store.wipe()
    store.close()
    return {"seconds": seconds, "rows": len(rows), "rows_per_s": len(rows) / seconds}


def run_load_csv(target: str, files: list[Path]) -> dict[str, Any]:
    """In this process: the three files through `LOAD CSV` into an empty Neo4j with Samspill's
    constraints. A server that cannot read this machine's files (a remote one) says so."""
    store = open_store("neo4j", target)
    store.wipe()
    store.init_schema()
    assert isinstance(store, Neo4jStore) and store._driver is not None
    rows = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows += sum(1 for _ in handle) - 1
    started = time.perf_counter()
    try:
        with store._driver.session(database=store.database) as session:  # IN TRANSACTIONS needs auto-commit
            for query, path in zip(LOAD_CSV, files):
                session.run(query, url=path.resolve().as_uri()).consume()
    except Exception as exc:  # the reference is optional: report why it did not run
        return {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        seconds = time.perf_counter() - started
        store.wipe()
        store.close()
    return {"seconds": seconds, "rows": rows, "rows_per_s": rows / seconds}


def measure(kind: str, target: str, data: Generated, batch_size: int, naive_rows: int) -> dict[str, Any]:
    """Every measurement for one store, each in a fresh process."""
    samspill = child_json("bench.imports", "samspill", kind, target, str(batch_size), str(data.actors),
                          str(data.initiatives), str(data.participation))
    naive = child_json("bench.imports", "naive", kind, target, str(naive_rows), str(data.participation))
    result = {"store": kind, "samspill": samspill, "naive": naive,
              "ratio_to_naive": samspill["first"]["rows_per_s"] / naive["rows_per_s"]}
    if kind == "neo4j":
        load_csv = child_json("bench.imports", "load_csv", kind, target, "0", str(data.actors), str(data.initiatives),
                              str(data.participation))
        result["load_csv"] = load_csv
        if "rows_per_s" in load_csv:
            result["ratio_to_load_csv"] = samspill["first"]["rows_per_s"] / load_csv["rows_per_s"]
    return result


def child_json(module: str, *args: str) -> dict[str, Any]:
    """Run `python -m module args` and read the JSON it prints last."""
    done = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          env={**os.environ}, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark step {args[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    what, kind, target, number, *paths = sys.argv[1:]
    if what == "samspill":
        print(json.dumps(run_samspill(kind, target, [Path(p) for p in paths], int(number))))
    elif what == "load_csv":
        print(json.dumps(run_load_csv(target, [Path(p) for p in paths])))
    else:
        print(json.dumps(run_naive(kind, target, Path(paths[0]), int(number))))
