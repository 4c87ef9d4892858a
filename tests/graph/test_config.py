"""The store is chosen once, from configuration."""

from __future__ import annotations

from pathlib import Path

from graph.config import DEFAULT_DB, store_from_env
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore


def test_without_neo4j_uri_the_embedded_store_is_used() -> None:
    store = store_from_env(env={})
    assert isinstance(store, SQLiteStore) and store.path == DEFAULT_DB


def test_samspill_db_and_the_db_option_choose_the_file(tmp_path: Path) -> None:
    from_env = store_from_env(env={"SAMSPILL_DB": str(tmp_path / "env.db")})
    assert from_env.path == tmp_path / "env.db"
    from_option = store_from_env(tmp_path / "option.db", env={"SAMSPILL_DB": str(tmp_path / "env.db")})
    assert from_option.path == tmp_path / "option.db"


def test_neo4j_uri_chooses_neo4j_with_its_credentials_and_database() -> None:
    store = store_from_env(
        env={"NEO4J_URI": "bolt://db:7687", "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "pw", "NEO4J_DATABASE": "samspill"}
    )
    assert isinstance(store, Neo4jStore)
    assert (store.uri, store.database) == ("bolt://db:7687", "samspill")


def test_choosing_a_store_opens_nothing(tmp_path: Path) -> None:
    store_from_env(env={"SAMSPILL_DB": str(tmp_path / "untouched.db")})
    assert not (tmp_path / "untouched.db").exists()
