"""What only the embedded store has: its file, its schema version, its pragmas."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from graph import sqlite_queries
from graph.sqlite_store import SQLiteStore
from graph.store_errors import StoreError, StoreTimeout, StoreUnavailable


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


def _members_as_kept(store: SQLiteStore) -> tuple[set[tuple[str, str, str]], dict[str, int]]:
    members = {(i, a, ",".join(sorted(roles.split(",")))) for i, a, roles in store._read("SELECT * FROM members")}
    counts = dict(store._read("SELECT id, participants FROM initiatives"))
    return members, counts


def _members_recounted(store: SQLiteStore) -> tuple[set[tuple[str, str, str]], dict[str, int]]:
    rows = store._read("SELECT initiative_id, actor_id, group_concat(role, ',') FROM participations GROUP BY 1, 2")
    members = {(i, a, ",".join(sorted(roles.split(",")))) for i, a, roles in rows}
    counts = dict(store._read("SELECT i.id, (SELECT COUNT(DISTINCT actor_id) FROM participations p "
                              "WHERE p.initiative_id = i.id) FROM initiatives i"))
    return members, counts


def test_members_and_participant_counts_stay_exact_through_every_write(tmp_path: Path) -> None:
    from contract import example

    from graph.model import Relationship

    store = SQLiteStore(tmp_path / "m.db")
    store.open()
    example.load(store)
    assert _members_as_kept(store) == _members_recounted(store)
    assert _members_as_kept(store)[1]["conference"] == 5

    second_role = Relationship(type="PARTICIPATED_IN", source="ks", target="conference", role="organiser")
    store.upsert_relationships([second_role, second_role])  # a second role, given twice
    assert _members_as_kept(store) == _members_recounted(store)
    assert _members_as_kept(store)[1]["conference"] == 5  # the same actor once
    assert ("conference", "ks", "organiser,participant,speaker") in _members_as_kept(store)[0]

    store.delete_relationship(second_role)
    assert _members_as_kept(store) == _members_recounted(store)
    for move in ("role = 'host'", "actor_id = 'nesta'", "initiative_id = 'project'"):
        with pytest.raises(sqlite3.IntegrityError, match="not moved"), store._write() as tx:
            tx.execute(f"UPDATE participations SET {move} WHERE actor_id = 'ks' AND initiative_id = 'meeting'")
    assert _members_as_kept(store) == _members_recounted(store)

    store.delete_actor("bergen")  # its participations go by cascade
    assert _members_as_kept(store) == _members_recounted(store)
    assert _members_as_kept(store)[1]["conference"] == 4
    store.delete_initiative("project")
    assert _members_as_kept(store) == _members_recounted(store)
    store.wipe()
    assert _members_as_kept(store) == (set(), {})
    store.close()


def test_a_store_of_the_version_before_gets_its_members_counted(tmp_path: Path) -> None:
    from contract import example

    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    store.open()
    example.load(store)
    store.close()
    with sqlite3.connect(path) as conn:  # back to version 3: what a Samspill before members wrote
        for trigger in ("participation_added", "participation_removed", "participation_moved", "actor_removed"):
            conn.execute(f"DROP TRIGGER {trigger}")
        _back_to_version_5(conn)
        conn.execute("DROP TABLE members")
        conn.execute("ALTER TABLE initiatives DROP COLUMN participants")
        conn.execute("PRAGMA user_version = 3")
    again = SQLiteStore(path)
    again.open()
    assert _members_as_kept(again) == _members_recounted(again)
    assert _members_as_kept(again)[1] == {"project": 2, "conference": 5, "meeting": 2}
    again.close()


def _back_to_version_5(conn: sqlite3.Connection) -> None:
    """What a Samspill before kept ties and title search wrote."""
    for trigger in ("member_joined", "member_left", "initiative_removed"):
        conn.execute(f"DROP TRIGGER {trigger}")
    for table in ("ties", "member_changes", "initiative_search"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 5")


def test_a_store_of_the_version_before_gets_its_ties_kept_and_titles_indexed(tmp_path: Path) -> None:
    from contract import example

    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    store.open()
    example.load(store)
    kept = store._read("SELECT a, b, weight, initiatives FROM ties ORDER BY a, b")
    store.close()
    with sqlite3.connect(path) as conn:
        _back_to_version_5(conn)
    again = SQLiteStore(path)
    again.open()
    assert again._read("SELECT a, b, weight, initiatives FROM ties ORDER BY a, b") == kept
    assert ("bergen", "oslo", 1.25, 2) in kept
    assert [i.id for i in again.find_initiatives(q="velferd").items] == ["project"]  # titles indexed too
    again.delete_actor("bergen")  # and keeps them from then on
    assert again.check() == []
    again.close()
