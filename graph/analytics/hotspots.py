"""Hot spots: where and when activity concentrates — initiatives and participating actors by
county, municipality, theme, month or year, per 10,000 inhabitants where the population is known
(the seeded 2024 municipality data has it), and for months and years the change from the period before."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from graph.model import Actor, ActorKind
from graph.store import ActivityBy, ActivityFilters, GraphStore

PER = 10_000
_PAGE = 500


class HotspotBy(StrEnum):
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    THEME = "theme"
    MONTH = "month"
    YEAR = "year"


class Hotspot(BaseModel):
    key: str  # county or municipality number, theme, YYYY-MM or YYYY
    name: str | None = None  # the place's name
    initiatives: int
    actors: int
    population: int | None = None
    initiatives_per_10k: float | None = None
    actors_per_10k: float | None = None
    change: int | None = None  # initiatives against the period before (months and years only)


def hotspots(store: GraphStore, by: HotspotBy, filters: ActivityFilters | None = None,
             per_capita: bool = False) -> list[Hotspot]:
    """Busiest first (per inhabitant with `per_capita`, places with a known population first);
    months and years in calendar order, each with its change from the one before (a period with
    no activity counts as 0)."""
    rows = store.activity(ActivityBy(by.value), filters)
    places = _places(store, by) if by in (HotspotBy.COUNTY, HotspotBy.MUNICIPALITY) else {}
    spots = []
    for row in rows:
        name, population = places.get(row.key, (None, None))
        spots.append(Hotspot(
            key=row.key, name=name, initiatives=row.initiatives, actors=row.actors, population=population,
            initiatives_per_10k=round(row.initiatives * PER / population, 4) if population else None,
            actors_per_10k=round(row.actors * PER / population, 4) if population else None,
        ))
    if by in (HotspotBy.MONTH, HotspotBy.YEAR):
        counts = {s.key: s.initiatives for s in spots}
        return [s.model_copy(update={"change": s.initiatives - counts.get(_period_before(s.key), 0)})
                for s in sorted(spots, key=lambda s: s.key)]
    if per_capita:
        return sorted(spots, key=lambda s: (s.initiatives_per_10k is None, -(s.initiatives_per_10k or 0), s.key))
    return sorted(spots, key=lambda s: (-s.initiatives, -s.actors, s.key))


def _period_before(key: str) -> str:
    if len(key) == 4:
        return str(int(key) - 1)
    year, month = int(key[:4]), int(key[5:7])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def _places(store: GraphStore, by: HotspotBy) -> dict[str, tuple[str | None, int | None]]:
    """Place number -> (name, inhabitants) from the municipality and county actors: a
    county's population is its municipalities' sum."""
    municipalities = _all(store, ActorKind.MUNICIPALITY)
    if by == HotspotBy.MUNICIPALITY:
        return {a.kommunenummer: (a.name, a.population) for a in municipalities if a.kommunenummer}
    people: dict[str, int] = {}
    for a in municipalities:
        if a.kommunenummer and a.population:
            people[a.kommunenummer[:2]] = people.get(a.kommunenummer[:2], 0) + a.population
    names = {a.county: a.name for a in _all(store, ActorKind.COUNTY) if a.county}
    return {code: (names.get(code), people.get(code)) for code in set(names) | set(people)}


def _all(store: GraphStore, kind: ActorKind) -> list[Actor]:
    found: list[Actor] = []
    cursor: str | None = None
    while True:
        page = store.find_actors(kind=kind, limit=_PAGE, cursor=cursor)
        found += page.items
        if not page.next_cursor:
            return found
        cursor = page.next_cursor
