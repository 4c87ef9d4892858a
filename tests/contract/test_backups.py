"""Backup, restore and check, as the contract promises them of each store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from contract import example

from graph.backups import backup_format
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from graph.store_errors import BackupError
from graph.store_results import BackupFormat, DocumentKind


def _records(store: GraphStore) -> list[dict]:
    return sorted((r for r in store.export()), key=lambda r: json.dumps(r, sort_keys=True))


def test_every_store_backs_up_as_the_json_export_with_its_documents(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    store.put_document(DocumentKind.STORY, "s1", {"id": "s1", "title": "Ei historie"})
    out = tmp_path / "backup.json"
    store.backup_to(out, BackupFormat.JSON)
    assert backup_format(out) == BackupFormat.JSON
    written = json.loads(out.read_text(encoding="utf-8"))
    assert len(written["actors"]) == len(example.ACTORS) and len(written["relationships"]) == len(example.RELATIONSHIPS)
    assert {"kind": "story", "doc": {"id": "s1", "title": "Ei historie"}} in written["x-documents"]
    assert store.check() == []


def test_only_a_store_with_a_copy_format_makes_and_restores_copies(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    copy = tmp_path / "copy.db"
    if store.copy_format is None:
        with pytest.raises(BackupError, match="only the embedded store"):
            store.backup_to(copy, BackupFormat.SQLITE)
        with pytest.raises(BackupError, match="restore a JSON backup"):
            store.restore_copy(copy)
        return
    store.backup_to(copy, BackupFormat.SQLITE)
    assert backup_format(copy) == BackupFormat.SQLITE
    before, revision = _records(store), store.revision()
    store.wipe()
    store.restore_copy(copy)
    assert _records(store) == before and store.revision() > revision and store.check() == []


def test_a_damaged_copy_is_refused_and_the_store_keeps_what_it_held(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kept.db")
    store.open()
    example.load(store)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError, match="damaged"):
        store.restore_copy(damaged)
    assert len(_records(store)) == len(example.ACTORS) + len(example.INITIATIVES) + len(example.RELATIONSHIPS)
    store.close()
