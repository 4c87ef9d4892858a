"""What a backup is, engine by engine. The embedded store makes a copy of its own (SQLite's
online backup: a consistent snapshot while it serves and imports); Neo4j Community has no
online dump, so its backup is the JSON export with the documents beside it. A copy of the
embedded store can still go into Neo4j: it is opened as a store and exported to JSON.

ingest/backup.py orchestrates backup and restore through the store contract and this module;
only the stores and this module know what engine wrote a file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from graph.export_json import EXPORT_MARKER, write_json
from graph.store_errors import BackupError
from graph.store_results import BackupFormat

SQLITE_HEADER = b"SQLite format 3\x00"


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


def copy_as_json(source: Path, out: Path) -> None:
    """An embedded store's copy written out as the JSON backup, for a store of another engine.
    The copy is checked first, and opened from a scratch copy: opening brings an older copy up
    to date, which must never touch the original."""
    from graph.sqlite_store import SQLiteStore  # the one engine that makes copies

    SQLiteStore.check_copy(source)
    with tempfile.TemporaryDirectory(prefix="samspill-restore-") as scratch:
        copy = Path(scratch) / "copy.db"
        shutil.copyfile(source, copy)
        opened = SQLiteStore(copy)
        opened.open()
        try:
            write_json(opened, out, documents=True)
        finally:
            opened.close()
