"""The synthetic benchmark data: labelled, deterministic, shaped like the domain, importable."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from bench.generate import generate
from graph.store import GraphStore
from ingest.importer import ImportOptions, run_import


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_makes_the_same_files_and_another_seed_others(tmp_path: Path) -> None:
    one, two, other = (generate(2_000, tmp_path / name, seed) for name, seed in (("a", 7), ("b", 7), ("c", 8)))
    assert one.participation.read_bytes() == two.participation.read_bytes()
    assert one.participation.read_bytes() != other.participation.read_bytes()


def test_the_data_says_it_is_synthetic_and_is_shaped_like_the_domain(tmp_path: Path) -> None:
    made = generate(20_000, tmp_path)
    assert "Synthetic" in (tmp_path / "SYNTHETIC.md").read_text(encoding="utf-8")
    actors = rows(made.actors)
    kinds = Counter(a["kind"] for a in actors)
    assert (kinds["municipality"], kinds["county"]) == (357, 15)
    invented = [a for a in actors if a["kind"] not in ("municipality", "county")]
    assert all(a["name"].startswith(("Syntetisk", "Synthetic")) for a in invented)
    assert any(a["country"] for a in actors)  # some foreign actors
    participation = rows(made.participation)
    assert len(participation) == 20_000
    per_initiative = Counter(r["initiative_id"] for r in participation)
    sizes = sorted(per_initiative.values())
    assert sizes[len(sizes) // 2] <= 10 and sizes[-1] >= 50  # most small, a few conferences
    per_actor = Counter(r["actor_id"] for r in participation).most_common()
    assert per_actor[0][1] > 20 * per_actor[len(per_actor) // 2][1]  # heavy-tailed activity
    where = {a["id"]: (a["kommunenummer"] or a["fylkesnummer"])[:2] for a in actors if a["kommunenummer"] or a["fylkesnummer"]}
    held = {i["id"]: i["kommunenummer"][:2] for i in rows(made.initiatives)}
    local = [where[r["actor_id"]] == held[r["initiative_id"]] for r in participation if r["actor_id"] in where]
    assert sum(local) / len(local) > 0.5  # most collaboration stays within a county


def test_the_generated_files_import_without_errors(store: GraphStore, tmp_path: Path) -> None:
    made = generate(1_500, tmp_path)
    report = run_import(store, [made.actors, made.initiatives, made.participation], ImportOptions())
    assert report.errors == []
    assert report.counts["relationships"].created == 1_500
