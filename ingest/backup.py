"""Backups that restore a store exactly.

The embedded store is copied with SQLite's online backup: a consistent snapshot taken while
the API serves and imports write. Any store can also be backed up as Samspill's JSON export
with the documents kept beside the graph (API keys, stories awaiting an editor): the format
for Neo4j, restorable into either engine. A restore goes into an empty store (or one emptied
first with `replace`); one that fails leaves the store empty again, never half-written.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import ijson

from graph.sqlite_queries import SCHEMA_VERSION
from graph.sqlite_store import SQLiteStore
from graph.store import DOCUMENT_KEY, DocumentKind, GraphStore
from ingest.errors import InputError, InputErrors
from ingest.export import DOCUMENTS_SECTION, EXPORT_MARKER, write_json
from ingest.formats import Format
from ingest.importer import ImportOptions, run_import

SQLITE_HEADER = b"SQLite format 3\x00"


class BackupFormat(StrEnum):
    SQLITE = "sqlite"
    JSON = "json"


class BackupError(Exception):
    """A backup or restore that cannot be done, and why; nothing was changed."""


@dataclass(frozen=True)
class BackupReport:
    format: BackupFormat
    path: Path
    actors: int
    initiatives: int
    relationships: int
    revision: int


def backup(store: GraphStore, out: Path, fmt: BackupFormat | None = None) -> BackupReport:
    """Write the store to `out` (replaced only once the copy is whole)."""
    fmt = fmt or (BackupFormat.SQLITE if isinstance(store, SQLiteStore) else BackupFormat.JSON)
    if fmt == BackupFormat.SQLITE and not isinstance(store, SQLiteStore):
        raise BackupError("only the embedded store is copied as an SQLite file; back Neo4j up as JSON")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent}: no such folder")
    if out.is_dir():
        raise BackupError(f"{out}: is a folder; name the backup file")
    partial = Path(tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)[1])
    try:
        if isinstance(store, SQLiteStore) and fmt == BackupFormat.SQLITE:
            partial.unlink()  # SQLite writes a new file
            store.backup_to(partial)
        else:
            write_json(store, partial, documents=True)
        os.replace(partial, out)
    except OSError as exc:
        raise BackupError(f"cannot write {out}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return _report(store, fmt, out)


def restore(store: GraphStore, source: Path, replace: bool = False) -> BackupReport:
    """Fill the store from a backup. It must be empty unless `replace`, which empties it first."""
    fmt = backup_format(source)
    stats = store.stats()
    held = stats.actors + stats.initiatives + sum(stats.relationships.values())
    if held and not replace:
        raise BackupError(f"the {store.engine} store is not empty ({stats.actors:,} actors, {stats.initiatives:,} "
                          f"initiatives); a restore replaces everything: add --replace to empty it first")
    if fmt == BackupFormat.SQLITE:
        _check_sqlite_copy(source)
        if isinstance(store, SQLiteStore):
            store.restore_from(source)
            return _report(store, fmt, source)
        with tempfile.TemporaryDirectory(prefix="samspill-restore-") as scratch:
            as_json = Path(scratch) / "backup.json"
            copy = Path(scratch) / "copy.db"
            shutil.copyfile(source, copy)  # opening brings an older copy up to date: never the original
            opened = SQLiteStore(copy)
            opened.open()
            try:
                write_json(opened, as_json, documents=True)
            finally:
                opened.close()
            _restore_json(store, as_json)
            return _report(store, fmt, source)
    _restore_json(store, source)
    return _report(store, fmt, source)


def backup_format(source: Path) -> BackupFormat:
    try:
        with source.open("rb") as handle:
            start = handle.read(64)
    except OSError as exc:
        raise BackupError(f"cannot read {source}: {exc}") from exc
    if start.startswith(SQLITE_HEADER):
        return BackupFormat.SQLITE
    if start.lstrip().startswith(b'{"' + EXPORT_MARKER.encode() + b'"'):
        return BackupFormat.JSON
    raise BackupError(f"{source}: not a Samspill backup (expected an SQLite file or a JSON export from `samspill db backup`)")


def _check_sqlite_copy(source: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
            damage = [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source}: a damaged SQLite file ({exc})") from exc
    if not {"meta", "actors", "initiatives", "participations"} <= tables:
        raise BackupError(f"{source}: an SQLite file, but not a Samspill store")
    if version > SCHEMA_VERSION:
        raise BackupError(f"{source} has schema version {version}; this Samspill knows up to {SCHEMA_VERSION}")
    if damage:
        raise BackupError(f"{source}: damaged ({'; '.join(damage[:5])})")


def _restore_json(store: GraphStore, source: Path) -> None:
    documents = _documents(source)  # read in full before anything is written
    store.wipe()
    try:
        report = run_import(store, [source], ImportOptions(format=Format.JSON))
        if report.errors:
            shown = "; ".join(str(e) for e in report.errors[:5])
            raise BackupError(f"{source}: {len(report.errors)} problem(s), nothing restored: {shown}")
        for kind, doc in documents:
            store.put_document(kind, str(doc[DOCUMENT_KEY[kind]]), doc)
        store.advance_revision(_backed_up_revision(source))
    except (InputError, InputErrors) as exc:
        store.wipe()
        raise BackupError(f"{source}: nothing restored: {exc}") from exc
    except BaseException:
        store.wipe()
        raise


def _backed_up_revision(source: Path) -> int:
    """The revision the backed-up store had, from the export's first line."""
    with source.open("rb") as handle:
        for value in ijson.items(handle, f"{EXPORT_MARKER}.revision"):
            return int(value)
    return 0


def _documents(source: Path) -> list[tuple[DocumentKind, dict[str, Any]]]:
    found = []
    try:
        with source.open("rb") as handle:
            for item in ijson.items(handle, f"{DOCUMENTS_SECTION}.item"):
                kind = DocumentKind(item["kind"])
                doc = item["doc"]
                if not isinstance(doc, dict) or DOCUMENT_KEY[kind] not in doc:
                    raise BackupError(f"{source}: a {kind} document without its {DOCUMENT_KEY[kind]}")
                found.append((kind, doc))
    except (ijson.JSONError, KeyError, ValueError, TypeError) as exc:
        raise BackupError(f"{source}: the documents cannot be read ({exc!r})") from exc
    return found


def _report(store: GraphStore, fmt: BackupFormat, path: Path) -> BackupReport:
    stats = store.stats()
    return BackupReport(format=fmt, path=path, actors=stats.actors, initiatives=stats.initiatives,
                        relationships=sum(stats.relationships.values()), revision=stats.revision)
