"""What only the embedded store has: its file, its schema version, its pragmas."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from graph import sqlite_queries
from graph.sqlite_store import SQLiteStore
from graph.store import StoreError, StoreTimeout, StoreUnavailable


def test_a_new_file_gets_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "new.db")
    store.open()
    store.close()
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sqlite_queries.SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_twice_keeps_the_data(tmp_path: Path) -> None:
    from contract import example

    first = SQLiteStore(tmp_path / "kept.db")
    first.open()
    example.load(first)
    first.close()
    again = SQLiteStore(tmp_path / "kept.db")
    again.open()
    assert again.stats().actors == len(example.ACTORS)
    again.close()


def test_a_file_from_a_newer_samspill_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {sqlite_queries.SCHEMA_VERSION + 1}")
    store = SQLiteStore(path)
    with pytest.raises(StoreError, match="schema version"):
        store.open()
    store.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"not sqlite" * 1000)
    store = SQLiteStore(path)
    with pytest.raises(StoreUnavailable, match="junk.db"):
        store.open()
    store.close()


def test_a_read_past_the_query_timeout_is_stopped(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db", query_timeout=0.2)
    store.open()
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    started = time.monotonic()
    with pytest.raises(StoreTimeout, match="longer than 0.2 s"):
        store._read(endless)
    assert time.monotonic() - started < 2
    assert store.revision() == 0  # the connection still works
    store.close()
