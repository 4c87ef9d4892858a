"""One count of each thing, the same in every command: `db stats`, `db backup`, `db restore`,
`export` and the summaries of `seed` and `import` all count actors, initiatives and
relationships alike (every relationship, whatever labels it joins), on both stores."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def _json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _stats() -> dict[str, int]:
    stats = _json("db", "stats")
    return {"actors": stats["actors"], "initiatives": stats["initiatives"],
            "relationships": sum(stats["relationships"].values())}


def _exported(out: Path) -> dict[str, int]:
    result = runner.invoke(app, ["export", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = {kind: int(n) for n, kind in re.findall(r"(\d+) (actors|initiatives|relationships)", result.output)}
    document = json.loads(out.read_text(encoding="utf-8"))
    assert said == {kind: len(document[kind]) for kind in ("actors", "initiatives", "relationships")}
    return said


def _summed(summary: dict) -> dict[str, int]:
    return {kind: sum(summary[kind][k] for k in ("created", "updated", "unchanged")) for kind in summary}


def test_stats_backup_restore_export_and_seed_count_alike(store_env: dict[str, str], tmp_path: Path) -> None:
    seeded = _json("seed")
    counted = _stats()
    assert counted["relationships"] > 400  # the municipalities' PART_OF their counties among them
    assert _summed(seeded) == counted
    assert _exported(tmp_path / "graph.json") == counted
    backed_up = _json("db", "backup", str(tmp_path / "backup.json"), "--format", "json")
    assert {k: backed_up[k] for k in counted} == counted
    restored = _json("db", "restore", str(tmp_path / "backup.json"), "--replace")
    assert {k: restored[k] for k in counted} == counted
    assert _stats() == counted
    assert _summed(_json("seed")) == counted  # a second seeding finds the same, all unchanged


def test_an_import_summary_adds_up_to_what_the_file_holds_on_every_run(store_env: dict[str, str], tmp_path: Path) -> None:
    _json("seed")
    listed = tmp_path / "deltakarar.csv"
    listed.write_text("organisation,initiative,role\nKS,Prosjekt A,participant\nDifi,Prosjekt A,participant\n"
                      "Ny verksemd AS,Prosjekt A,participant\nKS,Prosjekt B,participant\n", encoding="utf-8")
    before = _stats()
    first = _json("import", str(listed))["counts"]
    assert _summed(first) == {"actors": 3, "initiatives": 2, "relationships": 4}
    assert first["actors"]["created"] == 1 and first["actors"]["unchanged"] == 2
    after = _stats()
    assert {k: after[k] - before[k] for k in after} == {k: first[k]["created"] for k in after}
    again = _json("import", str(listed))["counts"]
    assert _summed(again) == _summed(first)
    assert all(again[kind]["unchanged"] == _summed(first)[kind] for kind in again)
    assert _stats() == after
