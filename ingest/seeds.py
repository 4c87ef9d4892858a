"""The sourced seeds: the Difi 2016 document and the reference municipalities and counties."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from graph.model import Actor, Initiative, Relationship, RelType
from graph.places import load as load_places
from graph.places import reference_actor
from graph.store import GraphStore
from graph.store_results import UpsertCounts
from ingest.errors import InputError, InputErrors, from_validation

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
DOCUMENTS = ("difi-2016.yaml",)
MUNICIPALITIES = "reference/municipalities-2024.csv"
COUNTIES = "reference/counties-2024.csv"


@dataclass
class Graph:
    actors: list[Actor] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    def extend(self, other: Graph) -> None:
        self.actors += other.actors
        self.initiatives += other.initiatives
        self.relationships += other.relationships


@dataclass(frozen=True)
class SeedCounts:
    actors: UpsertCounts
    initiatives: UpsertCounts
    relationships: UpsertCounts


_SECTIONS: dict[str, type[BaseModel]] = {"actors": Actor, "initiatives": Initiative, "relationships": Relationship}


def read_document(path: Path) -> Graph:
    """A YAML document of actors, initiatives and relationships, every record validated;
    all problems are raised together. Top-level keys starting with `x-` hold YAML anchors."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputErrors([InputError(path, f"cannot read YAML: {exc}")]) from exc
    if not isinstance(data, dict):
        raise InputErrors([InputError(path, "expected a mapping with actors, initiatives, relationships")])
    unknown = [k for k in data if k not in _SECTIONS and not str(k).startswith("x-")]
    errors = [InputError(path, f"unknown section {k!r}; expected one of {sorted(_SECTIONS)}") for k in unknown]
    parsed: dict[str, list[Any]] = {name: [] for name in _SECTIONS}
    for name, model in _SECTIONS.items():
        records = data.get(name) or []
        if not isinstance(records, list):
            errors.append(InputError(path, "expected a list", field=name))
            continue
        for index, record in enumerate(records):
            try:
                parsed[name].append(model.model_validate(record))
            except ValidationError as exc:
                errors += from_validation(path, f"{name}[{index}]", exc)
    if errors:
        raise InputErrors(errors)
    return Graph(parsed["actors"], parsed["initiatives"], parsed["relationships"])


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [(line, row) for line, row in enumerate(csv.DictReader(handle), start=2)]


def reference_graph(seeds_dir: Path = SEEDS_DIR) -> Graph:
    """The 15 counties and 357 municipalities (2024 structure), each municipality PART_OF its
    county, with every official name form, organisation number and former number (graph/places.py)."""
    places = load_places(seeds_dir / "reference")
    graph = Graph()
    websites = {row["fylkesnummer"]: row["url"] for _, row in _rows(seeds_dir / COUNTIES) if row["url"]}
    graph.actors += [reference_actor(c, websites) for c in places.counties.values() if c.current]
    for unit in places.municipalities.values():
        actor = reference_actor(unit)
        graph.actors.append(actor)
        graph.relationships.append(
            Relationship(type=RelType.PART_OF, source=actor.id, target=f"fylke-{unit.county}", sources=actor.sources[:1])
        )
    return graph


def seed_graph(seeds_dir: Path = SEEDS_DIR) -> Graph:
    graph = reference_graph(seeds_dir)
    for name in DOCUMENTS:
        graph.extend(read_document(seeds_dir / name))
    return graph


def load_seeds(store: GraphStore, seeds_dir: Path = SEEDS_DIR) -> SeedCounts:
    """Upsert every seed into `store`. Everything is validated before anything is written;
    loading twice changes nothing."""
    graph = seed_graph(seeds_dir)
    return SeedCounts(
        actors=store.upsert_actors(graph.actors),
        initiatives=store.upsert_initiatives(graph.initiatives),
        relationships=store.upsert_relationships(graph.relationships),
    )
