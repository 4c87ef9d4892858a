"""Shared fixtures. `store` runs each test once per engine: the embedded SQLite store and a
real Neo4j (NEO4J_URI if set, else one started by tests/neo4j_server.py). There is no skip:
a Neo4j that cannot be had fails the Neo4j-parametrised tests, in CI and everywhere else."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parent))  # after the real packages: tests/graph must not shadow graph

from browser_harness import CHROMIUM, CHROMIUM_ARGS

from graph import cypher
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from ingest.seeds import load_seeds


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield uri
        return
    import neo4j_server

    server = neo4j_server.start()
    try:
        yield server.uri
    finally:
        server.stop()


def neo4j_env(uri: str) -> dict[str, str]:
    env = {"NEO4J_URI": uri}
    for name in ("NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    return env


def make_neo4j_store(uri: str) -> Neo4jStore:
    return Neo4jStore(
        uri,
        username=os.environ.get("NEO4J_USERNAME"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or "neo4j",
    )


def emptied(store: Neo4jStore) -> Neo4jStore:
    """As new: `wipe` keeps API keys (access outlives content), a fresh database has none."""
    store.wipe()
    store._run(True, lambda tx: tx.run(f"MATCH (d:{cypher.DOCUMENT}) DELETE d").consume())
    return store


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An open, empty store of each engine."""
    if request.param == "sqlite":
        opened: GraphStore = SQLiteStore(tmp_path / "samspill.db")
        opened.open()
    else:
        opened = make_neo4j_store(request.getfixturevalue("neo4j_uri"))
        opened.open()
        emptied(opened)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def seeded(store: GraphStore) -> GraphStore:
    """An open store of each engine holding the sourced seeds."""
    load_seeds(store)
    return store


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_env(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment that points the CLI at an empty store of each engine."""
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SAMSPILL_DB"):
        monkeypatch.delenv(name, raising=False)
    if request.param == "sqlite":
        env = {"SAMSPILL_DB": str(tmp_path / "cli.db")}
    else:
        env = neo4j_env(request.getfixturevalue("neo4j_uri"))
        wiped = make_neo4j_store(env["NEO4J_URI"])
        wiped.open()
        emptied(wiped).close()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium for the browser tests: missing, they fail under CI=true, else skip."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
