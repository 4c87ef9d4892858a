"""`samspill db check`: a sound store has no findings; each kind of damage is found and named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import make_neo4j_store
from contract import example
from typer.testing import CliRunner

from cli import app
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore


def test_a_sound_store_has_no_findings(store: GraphStore) -> None:
    example.load(store)
    assert store.check() == []


def _checks(store: GraphStore) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in store.check():
        found.setdefault(finding.check, []).append(finding.detail)
    return found


def test_sqlite_findings_name_each_damaged_record(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "damaged.db")
    store.open()
    example.load(store)
    conn = store._conn()
    conn.execute("PRAGMA foreign_keys = OFF")  # what a crash or another tool could leave behind
    conn.execute("DELETE FROM actors WHERE id = 'tromso'")  # its participation dangles
    conn.execute("DELETE FROM members WHERE initiative_id = 'meeting' AND actor_id = 'ks'")
    conn.execute("UPDATE initiatives SET participants = 9 WHERE id = 'project'")
    conn.execute("DELETE FROM actor_search WHERE rowid = (SELECT rowid FROM actors WHERE id = 'nesta')")
    conn.execute("INSERT INTO actor_search (rowid, search_text) VALUES (999999, 'ingen slik')")  # another tool's
    conn.execute("UPDATE actors SET doc = json_set(doc, '$.id', 'someone-else') WHERE id = 'loner'")
    conn.execute("DELETE FROM meta")
    found = _checks(store)
    dangling = [d.split(" ", 3)[::3] for d in found["foreign keys"]]  # [table, the rest], row numbers dropped
    assert ["participations", "(tromso, conference, participant): names a missing actors row"] in dangling
    assert ["actor_keys", "(tromso, romsa): names a missing actors row"] in dangling
    assert found["members"] == ["initiative meeting, actor ks: takes part but is not a member"]
    assert "initiative project: 9 participants kept, 2 taking part" in found["participant counts"]
    assert "initiative meeting: 2 participants kept, 1 taking part" in found["participant counts"]
    nesta, stray = sorted(found["search index"])
    assert nesta == "actor nesta: not in the search index"
    assert stray == "search entry 999999: no such actor"  # tromso's own went with it (a trigger)
    assert found["documents"] == ["actor loner: its document names someone-else"]
    assert found["revision"] == ["the revision counter is missing"]
    assert "integrity" not in found
    store.close()


def _torn(tmp_path: Path, table: str, start: int, length: int | None) -> SQLiteStore:
    """The example store with one page of `table` overwritten from `start` on, as a torn write
    or a failing disk leaves it."""
    path = tmp_path / f"torn-{table}.db"
    store = SQLiteStore(path)
    store.open()
    example.load(store)
    page_size = store._read("PRAGMA page_size")[0][0]
    page = store._read("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno LIMIT 1", (table,))[0][0]
    store._read("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size + start)
        handle.write(b"\xff" * (length or page_size - start))
    damaged = SQLiteStore(path)
    damaged.open()
    return damaged


def test_sqlite_damage_below_the_tables_is_found_by_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "stale-index.db"
    store = SQLiteStore(path)
    store.open()
    example.load(store)
    store.close()
    with sqlite3.connect(path) as conn:  # an index whose entries no longer match its table
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX actors_by_name ON actors (kind, id)' "
                     "WHERE name = 'actors_by_name'")
    stale = SQLiteStore(path)
    stale.open()
    found = stale.check()
    assert {f.check for f in found} == {"integrity"}
    assert "row 1 missing from index actors_by_name" in [f.detail for f in found]
    stale.close()
    torn = _torn(tmp_path, "meta", start=0, length=None)  # so deep SQLite cannot walk the file
    assert [(f.check, "malformed" in f.detail) for f in torn.check()] == [("integrity", True)]
    torn.close()


@pytest.mark.neo4j
def test_neo4j_findings_name_each_damaged_record(neo4j_uri: str) -> None:
    store = make_neo4j_store(neo4j_uri)
    store.open()
    store.wipe()
    example.load(store)
    try:
        _damage_neo4j(store)
        found = _checks(store)
        assert found["constraints"] == ["the constraint actor_id is missing (run `samspill db init`)"]
        assert found["Actor ids"] == ["Actor ks: 2 nodes"]
        assert found["Initiative documents"] == ["Initiative ghost: no document"]
        assert found["PARTICIPATED_IN ends"] == ["PARTICIPATED_IN from oslo to bergen: ends of the wrong kind"]
        assert found["relationships"] == ["KNOWS from oslo to difi: not a Samspill relationship"]
        assert len(found["orphans"]) == 1 and ":Stray" in found["orphans"][0]
    finally:
        store._run(True, lambda tx: tx.run("MATCH (n:Stray) DETACH DELETE n").consume())
        store._run(True, lambda tx: tx.run("MATCH (a:Actor {id: 'ks'}) DETACH DELETE a").consume())
        store.wipe()
        store.init_schema()
        assert store.check() == []
        store.close()


def _damage_neo4j(store: Neo4jStore) -> None:
    statements = [
        "DROP CONSTRAINT actor_id",
        "CREATE (:Actor {id: 'ks', name: 'KS again', doc: '{}'})",
        "CREATE (:Initiative {id: 'ghost'})",
        "MATCH (a:Actor {id: 'oslo'}), (b:Actor {id: 'bergen'}) CREATE (a)-[:PARTICIPATED_IN {doc: '{}'}]->(b)",
        "MATCH (a:Actor {id: 'oslo'}), (b:Actor {id: 'difi'}) CREATE (a)-[:KNOWS]->(b)",
        "CREATE (:Stray {note: 'left by another tool'})",
    ]
    with store._driver.session(database=store.database) as session:  # type: ignore[union-attr]
        for statement in statements:
            session.run(statement).consume()


def test_the_cli_says_sound_or_lists_every_finding_and_exits_1(store_env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"], env=store_env).exit_code == 0
    sound = runner.invoke(app, ["db", "check"], env=store_env)
    assert sound.exit_code == 0 and "store is sound" in sound.output
    as_json = runner.invoke(app, ["db", "check", "--json"], env=store_env)
    assert as_json.exit_code == 0 and '"sound": true' in as_json.output
    if "SAMSPILL_DB" not in store_env:
        return  # damage on Neo4j is covered above; the CLI path is the same
    with sqlite3.connect(store_env["SAMSPILL_DB"]) as conn:
        conn.execute("DELETE FROM members WHERE actor_id IN (SELECT actor_id FROM members ORDER BY actor_id LIMIT 1)")
    damaged = runner.invoke(app, ["db", "check"], env=store_env)
    assert damaged.exit_code == 1
    assert "members:" in damaged.output and "finding" in damaged.output


def test_ties_out_of_step_are_named_by_the_cli_and_mended_by_rebuild_ties(store_env: dict[str, str]) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"], env=store_env).exit_code == 0
    if "SAMSPILL_DB" in store_env:
        with sqlite3.connect(store_env["SAMSPILL_DB"]) as conn:
            conn.execute("UPDATE ties SET weight = weight + 1 WHERE (a, b) IN (SELECT a, b FROM ties LIMIT 1)")
    else:
        store = make_neo4j_store(store_env["NEO4J_URI"])
        store.open()
        store._run(True, lambda tx: tx.run("MATCH (t:SamspillTie) WITH t LIMIT 1 SET t.weight = t.weight + 1").consume())
        store.close()
    damaged = runner.invoke(app, ["db", "check"], env=store_env)
    assert damaged.exit_code == 1 and "ties: actors " in damaged.output
    mended = runner.invoke(app, ["db", "rebuild-ties"], env=store_env)
    assert mended.exit_code == 0 and "collaboration ties rebuilt" in mended.output
    assert runner.invoke(app, ["db", "check"], env=store_env).exit_code == 0
