"""Where and when activity concentrates: initiatives and actors by county, municipality,
theme, month or year, narrowed by the same filters a network view takes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.analytics.hotspots import Hotspot, HotspotBy, among_actors, hotspots
from graph.model import ActorKind, InitiativeKind
from graph.questions.bounds import Since, Until
from graph.store import GraphStore
from graph.store_results import ActivityFilters


class HotspotsAsked(BaseModel):
    by: HotspotBy = HotspotBy.COUNTY
    per_capita: bool = Field(False, description="Rank places per 10,000 inhabitants")
    kind: InitiativeKind | None = Field(None, description="Only initiatives of this kind")
    theme: str | None = Field(None, max_length=100, description="Only initiatives with this theme")
    county: str | None = Field(None, pattern=r"^\d{2}$", description="Only initiatives in this county (number, e.g. 46)")
    since: Since = None
    until: Until = None
    actor_kind: ActorKind | None = Field(None, description="Only initiatives actors of this kind took part in")
    cluster: int | None = Field(None, ge=0, le=2**31, description="Only initiatives this cluster's members took part in")
    min_weight: float = Field(0.0, ge=0, le=1e6, description="Only actors with a tie at least this heavy")


def hotspots_of(store: GraphStore, asked: HotspotsAsked) -> list[Hotspot]:
    filters = ActivityFilters(
        initiative_kind=asked.kind, theme=asked.theme, county=asked.county, since=asked.since, until=asked.until
    )
    chosen = among_actors(store, filters, actor_kind=asked.actor_kind, cluster=asked.cluster, min_weight=asked.min_weight)
    return hotspots(store, asked.by, chosen, per_capita=asked.per_capita)
