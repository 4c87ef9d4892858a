"""The embedded store on a full disk or a read-only file: a clear error that names the batch
reached, nothing corrupted, and the same import run again completes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph import sqlite_queries
from graph.export_json import write_json
from graph.sqlite_store import SQLiteStore
from graph.store_errors import StoreError
from ingest.importer import ImportOptions, run_import
from ingest.seeds import load_seeds

ROWS = 3_000


def _participation_list(folder: Path) -> Path:
    path = folder / "deltaking.csv"
    path.write_text("arrangement;dato;verksemd\n" + "".join(
        f"Samling {n // 6};{1 + n % 28:02d}.02.2021;Verksemd {n % 700}\n" for n in range(ROWS)), encoding="utf-8")
    return path


def _limited(monkeypatch: pytest.MonkeyPatch, pragma: str) -> None:
    """Every connection opened from now on gets `pragma` (SQLite's own limits stand in for the
    disk: the tests run as root, for whom file permissions and quotas do not apply)."""
    monkeypatch.setattr(sqlite_queries, "PRAGMAS", (*sqlite_queries.PRAGMAS, pragma))


def _export(store: SQLiteStore, out: Path) -> str:
    """The export without its revision line, and with import times blanked (the two runs
    compared happen seconds apart)."""
    write_json(store, out)
    return re.sub(r'"imported": "[^"]+"', '"imported": "…"', out.read_text().split("\n", 1)[1])


def test_a_full_disk_stops_the_import_with_whole_batches_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "full.db"
    seeded = SQLiteStore(path)
    seeded.open()
    load_seeds(seeded)
    pages = seeded._read("PRAGMA page_count")[0][0]
    seeded.close()
    listed = _participation_list(tmp_path)
    with monkeypatch.context() as limits:
        _limited(limits, f"PRAGMA max_page_count = {pages + 400}")  # the import needs ~750 pages: room for half
        full = SQLiteStore(path)
        full.open()
        with pytest.raises(StoreError, match=r"disk is full; batch (\d+) was not written \(batches 1-\d+ are stored\)"):
            run_import(full, [listed], ImportOptions(batch_size=200))
        full.close()
    after = SQLiteStore(path)  # the disk has room again
    after.open()
    assert after.check() == []
    clean = SQLiteStore(tmp_path / "clean.db")
    clean.open()
    load_seeds(clean)
    seeded_only = clean.stats().relationships["PARTICIPATED_IN"]
    run_import(clean, [listed], ImportOptions(batch_size=200))
    kept = after.stats().relationships["PARTICIPATED_IN"] - seeded_only
    assert 0 < kept < ROWS
    report = run_import(after, [listed], ImportOptions(batch_size=200))
    assert report.errors == [] and after.stats().relationships["PARTICIPATED_IN"] == seeded_only + ROWS
    assert _export(after, tmp_path / "after.json") == _export(clean, tmp_path / "clean.json")
    after.close()
    clean.close()


def test_the_cli_says_the_disk_is_full_and_how_to_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"SAMSPILL_DB": str(tmp_path / "cli.db")}
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["seed"], env=env).exit_code == 0
    store = SQLiteStore(tmp_path / "cli.db")
    store.open()
    pages = store._read("PRAGMA page_count")[0][0]
    store.close()
    _limited(monkeypatch, f"PRAGMA max_page_count = {pages + 60}")
    result = runner.invoke(app, ["import", str(_participation_list(tmp_path)), "--batch-size", "200"], env=env)
    assert result.exit_code == 1
    assert "disk is full" in result.output and "run the same import again to complete it" in result.output
    assert "Traceback" not in result.output


def test_a_read_only_store_refuses_writes_and_keeps_what_it_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"SAMSPILL_DB": str(tmp_path / "ro.db")}
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["seed"], env=env).exit_code == 0
    before = runner.invoke(app, ["db", "stats", "--json"], env=env).output
    _limited(monkeypatch, "PRAGMA query_only = ON")  # SQLite's read-only mode: the error a read-only file gives
    result = runner.invoke(app, ["import", str(_participation_list(tmp_path))], env=env)
    assert result.exit_code == 1
    assert "read-only" in result.output or "readonly" in result.output
    assert "Traceback" not in result.output
    reads = runner.invoke(app, ["db", "stats", "--json"], env=env)
    assert reads.exit_code == 0 and reads.output == before  # reads go on
