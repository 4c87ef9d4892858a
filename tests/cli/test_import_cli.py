"""`samspill import`, `export`, `duplicates`, `merge`, `schema` as users run them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from graph.config import store_from_env

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return runner.invoke(app, list(args))


def attendance(tmp_path: Path, rows: int = 4) -> Path:
    lines = ["Arrangement;Dato;Virksomhet;Rolle"]
    lines += [f"Samling {i // 4};2020-01-{1 + i // 4 % 28:02d};Organisasjon {i % 7};Deltakar" for i in range(rows)]
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_prints_a_summary_and_reimport_is_unchanged(store_env: dict[str, str], tmp_path: Path) -> None:
    path = attendance(tmp_path)
    first = run("import", str(path))
    assert first.exit_code == 0, first.output
    assert "actors" in first.output and "created" in first.output
    again = json.loads(run("import", str(path), "--format", "auto", "--json").output)
    assert again["counts"]["relationships"] == {"created": 0, "updated": 0, "unchanged": 4, "rejected": 0}


def test_bad_input_exits_1_and_writes_nothing(store_env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "actors.csv"
    bad.write_text("name,kind,orgnr\nGod,lab,\nDårleg,lab,991825828\n", encoding="utf-8")
    result = run("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: orgnr: organisation number 991825828 fails the mod-11 check digit" in result.output
    assert "nothing was written" in result.output
    assert json.loads(run("db", "stats", "--json").output)["actors"] == 0


def test_dry_run_and_skip(store_env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "actors.csv"
    bad.write_text("name,kind,orgnr\nGod,lab,\nDårleg,lab,991825828\n", encoding="utf-8")
    dry = json.loads(run("import", str(bad), "--dry-run", "--on-error", "skip", "--json").output)
    assert dry["written"] is False and dry["counts"]["actors"]["created"] == 1
    assert not (tmp_path / "actors.csv.rejected.csv").exists()
    skipped = run("import", str(bad), "--on-error", "skip")
    assert skipped.exit_code == 0
    assert (tmp_path / "actors.csv.rejected.csv").exists()
    assert json.loads(run("db", "stats", "--json").output)["actors"] == 1


def test_missing_file_and_bad_mapping_exit_1(store_env: dict[str, str], tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nowhere.csv"))
    assert result.exit_code == 1 and "no such file" in result.output
    mapping = tmp_path / "m.yaml"
    mapping.write_text("table: nonsense\n", encoding="utf-8")
    result = run("import", str(attendance(tmp_path)), "--mapping", str(mapping))
    assert result.exit_code == 1 and "m.yaml" in result.output


def test_export_duplicates_merge_and_schema(store_env: dict[str, str], tmp_path: Path) -> None:
    assert run("seed").exit_code == 0
    out = tmp_path / "graph.json"
    result = run("export", "--format", "json", "--out", str(out))
    assert result.exit_code == 0 and "390 actors" in result.output
    assert run("export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")).exit_code == 0
    assert json.loads(run("duplicates", "--json").output) == []
    assert run("merge", "kommune-4601", "husbanken").exit_code == 2  # asks for --yes
    merged = run("merge", "kommune-4601", "husbanken", "--yes")
    assert merged.exit_code == 0, merged.output
    # The dropped actor's name is now an alias of the one kept.
    assert json.loads(run("collaborators", "husbanken", "--json").output)["actor"]["id"] == "kommune-4601"
    assert "properties" in json.loads(run("schema").output)


def test_a_killed_import_completes_on_rerun_to_the_same_state(store_env: dict[str, str], tmp_path: Path) -> None:
    """kill -9 in the middle of an import; the store opens, and the rerun ends where a clean run does."""
    path = attendance(tmp_path, rows=400)
    env = {**os.environ, **store_env}
    command = [sys.executable, "-c", "import cli; cli.app()", "import", str(path), "--batch-size", "2"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    store = store_from_env(env=env)
    store.open()
    try:
        deadline = time.monotonic() + 60
        while store.stats().relationships["PARTICIPATED_IN"] < 20 and time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.01)
        assert process.poll() is None, "the import finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        partial = store.stats().relationships["PARTICIPATED_IN"]
        assert 20 <= partial < 400
        rerun = json.loads(run("import", str(path), "--json").output)
        assert rerun["errors"] == []
        resumed = _content(store)
        store.wipe()
        assert run("import", str(path)).exit_code == 0
        assert _content(store) == resumed
    finally:
        store.close()


def _content(store) -> list[str]:
    """The graph without import times (the resumed run keeps the first run's)."""
    rows = []
    for record in store.export():
        for source in record.get("sources", []):
            source.pop("imported", None)
        rows.append(json.dumps(record, sort_keys=True))
    return sorted(rows)
