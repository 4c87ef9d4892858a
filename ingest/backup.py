"""Backups that restore a store exactly, through the store contract: each store writes its own
kind of backup (`backup_to`; graph/backups.py says which), and a restore goes into an empty
store (or one emptied first with `replace`). A JSON backup is restored as a validated import;
one that fails leaves the store empty again, never half-written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson

from graph.backups import BackupError, BackupFormat, backup_format, copy_as_json
from graph.export_json import DOCUMENTS_SECTION, EXPORT_MARKER
from graph.store import GraphStore
from graph.store_results import DOCUMENT_KEY, DocumentKind
from ingest.errors import InputError, InputErrors
from ingest.formats import Format
from ingest.importer import ImportOptions, run_import

__all__ = ["BackupError", "BackupFormat", "BackupReport", "backup", "restore"]


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
    fmt = fmt or store.copy_format or BackupFormat.JSON
    if fmt == BackupFormat.SQLITE and store.copy_format != BackupFormat.SQLITE:
        raise BackupError("only the embedded store is copied as an SQLite file; back Neo4j up as JSON")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent}: no such folder")
    if out.is_dir():
        raise BackupError(f"{out}: is a folder; name the backup file")
    partial = Path(tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)[1])
    try:
        partial.unlink()  # the store writes a new file
        store.backup_to(partial, fmt)
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
        raise BackupError(
            f"the {store.engine} store is not empty ({stats.actors:,} actors, {stats.initiatives:,} "
            f"initiatives); a restore replaces everything: add --replace to empty it first"
        )
    if fmt == BackupFormat.SQLITE and store.copy_format == BackupFormat.SQLITE:
        store.restore_copy(source)
    elif fmt == BackupFormat.SQLITE:
        with tempfile.TemporaryDirectory(prefix="samspill-restore-") as scratch:
            as_json = Path(scratch) / "backup.json"
            copy_as_json(source, as_json)
            _restore_json(store, as_json)
    else:
        _restore_json(store, source)
    return _report(store, fmt, source)


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
    return BackupReport(
        format=fmt,
        path=path,
        actors=stats.actors,
        initiatives=stats.initiatives,
        relationships=sum(stats.relationships.values()),
        revision=stats.revision,
    )
