"""Hot spots: where and when activity concentrates — initiatives and participating actors by
county, municipality, theme, month or year, per 10,000 inhabitants where the population is known
(the seeded 2024 municipality data has it), and for months and years the change from the period before."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from graph.analytics.clusters import stored_clusters
from graph.analytics.projection import table_of
from graph.model import ActorKind
from graph.places import gazetteer
from graph.store import GraphStore
from graph.store_results import ActivityBy, ActivityFilters, ActivityRow, Evidenced

PER = 10_000


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


def hotspots(store: GraphStore, by: HotspotBy, filters: ActivityFilters | None = None, per_capita: bool = False) -> list[Hotspot]:
    """Busiest first (per inhabitant with `per_capita`, places with a known population first);
    months and years in calendar order, each with its change from the one before (a period with
    no activity counts as 0)."""
    rows = _merged(by, store.activity(ActivityBy(by.value), filters))
    places = _places(by) if by in (HotspotBy.COUNTY, HotspotBy.MUNICIPALITY) else {}
    spots = []
    for row in rows:
        name, population = places.get(row.key, (None, None))
        spots.append(
            Hotspot(
                key=row.key,
                name=name,
                initiatives=row.initiatives,
                actors=row.actors,
                population=population,
                initiatives_per_10k=round(row.initiatives * PER / population, 4) if population else None,
                actors_per_10k=round(row.actors * PER / population, 4) if population else None,
            )
        )
    if by in (HotspotBy.MONTH, HotspotBy.YEAR):
        counts = {s.key: s.initiatives for s in spots}
        return [
            s.model_copy(update={"change": s.initiatives - counts.get(_period_before(s.key), 0)})
            for s in sorted(spots, key=lambda s: s.key)
        ]
    if per_capita:
        return sorted(spots, key=lambda s: (s.initiatives_per_10k is None, -(s.initiatives_per_10k or 0), s.key))
    return sorted(spots, key=lambda s: (-s.initiatives, -s.actors, s.key))


def among_actors(
    store: GraphStore,
    filters: ActivityFilters,
    actor_kind: ActorKind | None = None,
    cluster: int | None = None,
    min_weight: float = 0.0,
) -> ActivityFilters:
    """`filters` narrowed to the actors a network view with the same filters would draw: of
    that kind, in that cluster, with a tie of at least `min_weight` under the same evidence
    (kind, theme, time). Unchanged when none of these is asked for, so the charts beside a
    view count what the view is made of."""
    if actor_kind is None and cluster is None and not min_weight:
        return filters
    table = table_of(store, filters.since, filters.until, Evidenced(initiative_kind=filters.initiative_kind, theme=filters.theme))
    membership = stored_clusters(store)[1].membership if cluster is not None else {}
    heavy = [0.0] * len(table.actors)
    for a, b, w in zip(table.a, table.b, table.weight):
        heavy[a], heavy[b] = max(heavy[a], w), max(heavy[b], w)
    chosen = tuple(
        sorted(
            actor.id
            for i, actor in enumerate(table.actors)
            if (actor_kind is None or actor.kind == actor_kind)
            and (cluster is None or membership.get(actor.id) == cluster)
            and (not min_weight or heavy[i] >= min_weight)
        )
    )
    return filters.model_copy(update={"actors": chosen})


def _period_before(key: str) -> str:
    if len(key) == 4:
        return str(int(key) - 1)
    year, month = int(key[:4]), int(key[5:7])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def _places(by: HotspotBy) -> dict[str, tuple[str | None, int | None]]:
    """Place number -> (name, inhabitants) from the reference data (graph/places.py): a 2024
    county's population is its municipalities' sum; a county or number that no longer exists is
    named with its years and what it became, and has no population of its own."""
    places = gazetteer()
    if by == HotspotBy.MUNICIPALITY:
        return {m.number: (m.name, m.population) for m in places.municipalities.values()}
    people: dict[str, int] = {}
    for m in places.municipalities.values():
        if m.population:
            people[m.county] = people.get(m.county, 0) + m.population
    return {number: (places.county_label(number), people.get(number)) for number in places.counties}


def _current(by: HotspotBy, key: str) -> str:
    """The 2024 unit a stored place number counts under: stores written before numbers were
    read as 2024 ones may hold older ones."""
    places = gazetteer()
    if by == HotspotBy.MUNICIPALITY:
        placed = places.place(key)
        return placed.unit.number if placed is not None and placed.unit is not None else key
    now = places.current_counties(key)
    return now[0].number if len(now) == 1 else key


def _merged(by: HotspotBy, rows: list[ActivityRow]) -> list[ActivityRow]:
    if by not in (HotspotBy.COUNTY, HotspotBy.MUNICIPALITY):
        return rows
    totals: dict[str, ActivityRow] = {}
    for row in rows:
        key = _current(by, row.key)
        before = totals.get(key)
        totals[key] = (
            row.model_copy(update={"key": key})
            if before is None
            else before.model_copy(
                update={"initiatives": before.initiatives + row.initiatives, "actors": before.actors + row.actors}
            )
        )
    return list(totals.values())
