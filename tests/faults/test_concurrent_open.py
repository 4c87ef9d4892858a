"""Opening a brand-new store from many processes at the same instant: every process opens it,
every write is kept once. On SQLite the file does not exist yet; on Neo4j the database has
none of Samspill's constraints and indexes. Two `samspill import`s, or `serve` and `import`,
started together on a new store meet exactly this."""

from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from pathlib import Path
from typing import Any

import pytest
from conftest import make_neo4j_store, neo4j_env

from graph.config import store_from_env
from graph.model import Actor, ActorKind
from graph.store import GraphStore

PROCESSES = 8
ROUNDS = 20


def _open_and_write(n: int, env: dict[str, str], rounds: int, barrier: Any, failures: Any) -> None:
    """One process: each round, wait for the others, open the new store, write its own actor."""
    for round_ in range(rounds):
        barrier.wait()  # the parent has made the store new
        try:
            store = store_from_env(env={**env, "SAMSPILL_DB": env.get("SAMSPILL_DB", "").replace("ROUND", str(round_))})
            store.open()
            try:
                store.upsert_actors([Actor(id=f"process-{n}", name=f"Prosess {n}", kind=ActorKind.OTHER)])
            finally:
                store.close()
        except Exception:  # reported to the parent, which fails the test
            failures.put((round_, n, traceback.format_exc(limit=3)))
        barrier.wait()  # the round is over


def _in_processes(env: dict[str, str], make_new: Any, check: Any) -> None:
    context = mp.get_context("spawn")  # no driver threads or sqlite handles carried over
    barrier, failures = context.Barrier(PROCESSES + 1, timeout=180), context.Queue()
    children = [context.Process(target=_open_and_write, args=(n, env, ROUNDS, barrier, failures)) for n in range(PROCESSES)]
    for child in children:
        child.start()
    try:
        for round_ in range(ROUNDS):
            make_new(round_)
            barrier.wait()  # go
            barrier.wait()  # all done
            _no_failures(failures)
            check(round_)
    except BaseException:
        barrier.abort()  # the children stop at once instead of waiting out the timeout
        raise
    finally:
        for child in children:
            child.join(timeout=60)
    _no_failures(failures)
    assert [c.exitcode for c in children] == [0] * PROCESSES


def _no_failures(failures: Any) -> None:
    reported = []
    while not failures.empty():
        reported.append(failures.get())
    assert reported == [], f"{len(reported)} openings failed in this round; first: {reported[0]}"


def _written_once(store: GraphStore) -> None:
    found = store.get_actors([f"process-{n}" for n in range(PROCESSES)])
    assert sorted(found) == sorted(f"process-{n}" for n in range(PROCESSES))
    assert store.stats().actors == PROCESSES
    assert store.check() == []


def test_eight_processes_open_one_new_sqlite_file_at_once(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["SAMSPILL_DB"] = str(tmp_path / "round-ROUND" / "new.db")

    def check(round_: int) -> None:
        store = store_from_env(env={"SAMSPILL_DB": env["SAMSPILL_DB"].replace("ROUND", str(round_))})
        store.open()
        try:
            _written_once(store)
        finally:
            store.close()

    _in_processes(env, lambda round_: None, check)  # each round's folder does not exist yet


def _without_schema(store: GraphStore) -> None:
    """As a database Samspill never opened: no nodes, no constraints, no indexes."""
    def drop(tx: Any) -> None:
        for record in list(tx.run("SHOW CONSTRAINTS YIELD name RETURN name")):
            tx.run(f"DROP CONSTRAINT `{record['name']}` IF EXISTS").consume()

    def drop_indexes(tx: Any) -> None:
        for record in list(tx.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
            tx.run(f"DROP INDEX `{record['name']}` IF EXISTS").consume()

    store._run(True, lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())  # type: ignore[attr-defined]
    store._run(True, drop)  # type: ignore[attr-defined]
    store._run(True, drop_indexes)  # type: ignore[attr-defined]


@pytest.mark.neo4j
def test_eight_processes_open_one_new_neo4j_database_at_once(neo4j_uri: str) -> None:
    env = neo4j_env(neo4j_uri)
    admin = make_neo4j_store(neo4j_uri)
    admin.open()
    try:
        def make_new(round_: int) -> None:
            _without_schema(admin)

        def check(round_: int) -> None:
            _written_once(admin)  # its check() also finds every constraint the children made

        _in_processes(env, make_new, check)
    finally:
        admin.init_schema()
        admin.wipe()
        admin.close()
