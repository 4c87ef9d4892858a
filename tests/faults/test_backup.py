"""`samspill db backup` / `db restore`: a backup restores into an empty store with an identical
export (graph and documents), in either format and across engines; every refusal changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import emptied, make_neo4j_store
from contract import example
from typer.testing import CliRunner

from api.keys import KeyRole, create_key
from cli import app
from graph.export_json import write_json
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from graph.store_results import DocumentKind
from ingest.backup import BackupError, BackupFormat, backup, restore
from ingest.seeds import load_seeds


def _fill(store: GraphStore) -> None:
    load_seeds(store)
    example.load(store)
    create_key(store, "backup test", KeyRole.EDITOR)
    store.put_document(DocumentKind.STORY, "s-1", {"id": "s-1", "title": "Ein historie", "status": "pending"})


def _exported(store: GraphStore, tmp_path: Path) -> tuple[str, list[list[dict]]]:
    """The export without its first line (revision and engine) and every document, by kind."""
    out = tmp_path / f"export-{store.engine}-{store.revision()}.json"
    write_json(store, out)
    return out.read_text().split("\n", 1)[1], [store.documents(kind) for kind in DocumentKind]


def _empty(store: GraphStore) -> GraphStore:
    return emptied(store) if isinstance(store, Neo4jStore) else store


@pytest.mark.parametrize("fmt", [BackupFormat.JSON, BackupFormat.SQLITE])
def test_a_backup_restores_into_an_empty_store_with_an_identical_export(store: GraphStore, tmp_path: Path,
                                                                       fmt: BackupFormat) -> None:
    if fmt == BackupFormat.SQLITE and not isinstance(store, SQLiteStore):
        with pytest.raises(BackupError, match="only the embedded store"):
            backup(store, tmp_path / "no.db", fmt)
        return
    _fill(store)
    before = _exported(store, tmp_path)
    revision = store.revision()
    made = backup(store, tmp_path / "samspill.backup", fmt)
    assert made.format == fmt and made.actors == store.stats().actors
    if isinstance(store, SQLiteStore):
        target: GraphStore = SQLiteStore(tmp_path / "restored.db")
        target.open()
    else:
        target = _empty(store)
    restored = restore(target, tmp_path / "samspill.backup")
    assert _exported(target, tmp_path) == before
    # An ETag or cached answer of the backed-up store names its revision: the restored store,
    # whichever it is, starts past it, so none of them is ever taken for the restored one.
    assert restored.revision == target.revision() > revision
    assert target.check() == []


@pytest.mark.neo4j
def test_backups_move_between_engines(neo4j_uri: str, tmp_path: Path) -> None:
    embedded = SQLiteStore(tmp_path / "embedded.db")
    embedded.open()
    _fill(embedded)
    before = _exported(embedded, tmp_path)
    backup(embedded, tmp_path / "embedded.backup")  # an SQLite copy
    neo4j = make_neo4j_store(neo4j_uri)
    neo4j.open()
    try:
        emptied(neo4j)
        restore(neo4j, tmp_path / "embedded.backup")
        assert _exported(neo4j, tmp_path) == before
        backup(neo4j, tmp_path / "neo4j.backup")  # JSON
    finally:
        neo4j.close()
    again = SQLiteStore(tmp_path / "again.db")
    again.open()
    restore(again, tmp_path / "neo4j.backup")
    assert _exported(again, tmp_path) == before


def test_a_store_that_holds_anything_is_only_replaced_when_asked(store: GraphStore, tmp_path: Path) -> None:
    _fill(store)
    backup(store, tmp_path / "full.backup", BackupFormat.JSON)
    before = _exported(store, tmp_path)
    with pytest.raises(BackupError, match="not empty.*--replace"):
        restore(store, tmp_path / "full.backup")
    assert _exported(store, tmp_path) == before
    store.upsert_actors([example.ACTORS[0].model_copy(update={"id": "extra", "name": "Extra"})])
    restore(store, tmp_path / "full.backup", replace=True)
    assert _exported(store, tmp_path) == before  # the extra actor is gone


def test_what_is_not_a_whole_backup_is_refused_and_nothing_changes(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    revision = store.revision()
    good = tmp_path / "good.backup"
    backup(store, good, BackupFormat.JSON)
    not_a_backup = tmp_path / "actors.csv"
    not_a_backup.write_text("id,name,kind\nx,X,other\n")
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.db"
    newer_store = SQLiteStore(newer)
    newer_store.open()
    newer_store.close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    cases = {
        tmp_path / "missing.backup": "cannot read",
        not_a_backup: "not a Samspill backup",
        foreign: "not a Samspill store",
        newer: "schema version 99",
    }
    for path, message in cases.items():
        with pytest.raises(BackupError, match=message):
            restore(store, path, replace=True)
        assert store.revision() == revision, path


def test_a_restore_that_fails_half_way_leaves_the_store_empty(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    source = tmp_path / "broken.backup"
    backup(store, source, BackupFormat.JSON)
    data = json.loads(source.read_text())
    data["relationships"].append({"type": "PARTICIPATED_IN", "source": "nobody", "target": "project",
                                  "source_label": "Actor", "target_label": "Initiative", "role": "participant"})
    source.write_text(json.dumps(data))
    with pytest.raises(BackupError, match="nothing restored.*nobody"):
        restore(store, source, replace=True)
    stats = store.stats()
    assert (stats.actors, stats.initiatives, sum(stats.relationships.values())) == (0, 0, 0)


def test_a_backup_never_leaves_half_a_file(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    out = tmp_path / "kept.backup"
    out.write_text("the backup before")
    with pytest.raises(BackupError, match="no such folder"):
        backup(store, tmp_path / "missing" / "x.backup")
    with pytest.raises(BackupError, match="is a folder"):
        backup(store, tmp_path)
    assert out.read_text() == "the backup before"
    backup(store, out)
    assert out.read_bytes() != b"the backup before" and [p.name for p in tmp_path.glob("*.partial")] == []


def test_the_cli_backs_up_and_restores(store_env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"], env=store_env).exit_code == 0
    made = runner.invoke(app, ["db", "backup", str(tmp_path / "cli.backup"), "--json"], env=store_env)
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["actors"] > 300
    refused = runner.invoke(app, ["db", "restore", str(tmp_path / "cli.backup")], env=store_env)
    assert refused.exit_code == 1 and "--replace" in refused.output
    replaced = runner.invoke(app, ["db", "restore", str(tmp_path / "cli.backup"), "--replace"], env=store_env)
    assert replaced.exit_code == 0 and "restored from" in replaced.output
    assert runner.invoke(app, ["db", "check"], env=store_env).exit_code == 0


def test_an_sqlite_copy_restored_in_place_moves_the_revision_past_both(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "in-place.db")
    store.open()
    example.load(store)
    backup(store, tmp_path / "copy.db")
    before = _exported(store, tmp_path)
    store.wipe()
    load_seeds(store)
    revision = store.revision()
    restore(store, tmp_path / "copy.db", replace=True)
    assert _exported(store, tmp_path) == before
    assert store.revision() > revision  # answers kept for the seeds' revision are never served again
    store.close()
