"""Choosing the store, once, from configuration: Neo4j when NEO4J_URI is set, else SQLite."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from graph.store import GraphStore

DEFAULT_DB = Path("samspill.db")


def store_from_env(db: str | Path | None = None, env: Mapping[str, str] | None = None) -> GraphStore:
    """The configured store, not yet opened. `db` (the CLI's --db) overrides SAMSPILL_DB."""
    env = os.environ if env is None else env
    uri = env.get("NEO4J_URI")
    if uri:
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            uri,
            username=env.get("NEO4J_USERNAME"),
            password=env.get("NEO4J_PASSWORD"),
            database=env.get("NEO4J_DATABASE") or "neo4j",
        )
    from graph.sqlite_store import SQLiteStore

    return SQLiteStore(db or env.get("SAMSPILL_DB") or DEFAULT_DB)
