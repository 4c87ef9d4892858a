"""The synthetic benchmark data: labelled, deterministic, shaped like the domain, importable."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from bench.generate import FUNDER, FUNDERS, SIZES, generate, generate_size
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


def test_the_funder_shape_has_small_projects_and_a_heavy_head(tmp_path: Path) -> None:
    made = generate(30_000, tmp_path, actors=7_500, shape=FUNDER)
    participation = rows(made.participation)
    per_project = Counter(r["initiative_id"] for r in participation)
    sizes = list(per_project.values())
    assert 4.0 <= len(participation) / len(per_project) <= 5.2  # about 4.6 participants a project
    assert 0.18 <= sizes.count(1) / len(sizes) <= 0.30  # about a quarter single-beneficiary
    assert max(sizes) <= 50
    per_actor = Counter(r["actor_id"] for r in participation).most_common()
    assert per_actor[0][1] >= 0.03 * len(per_project)  # the busiest takes part in hundreds
    abroad = {a["id"] for a in rows(made.actors) if a["country"]}
    assert 0.2 <= sum(r["actor_id"] in abroad for r in participation) / len(participation) <= 0.4


def test_size_r_is_the_funder_shape_at_full_size(tmp_path: Path) -> None:
    made = generate_size("R", tmp_path)
    assert made.rows == SIZES["R"] == 144_726
    assert len(rows(made.actors)) == pytest.approx(FUNDERS["R"], rel=0.01)
