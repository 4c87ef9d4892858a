"""Where activity clusters: paths, clusters, brokers, hot spots, period comparison — the same
functions the CLI calls, computed once per store revision."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from api.access import ReaderAccess
from api.actors import known_actor
from api.gate import GatedRoute
from api.deps import StoreDep
from api.problems import documented
from graph.analytics.clusters import ClusterReport, stored_clusters
from graph.analytics.compare import Comparison, compare, parse_period
from graph.analytics.hotspots import Hotspot, HotspotBy, among_actors, hotspots
from graph.analytics.paths import MAX_K, ActorPath, paths_or_chain
from graph.analytics.projection import projection_of
from graph.analytics.views import BrokerView, ClusterDetail, brokers_of, cluster_detail
from graph.model import ActorKind, InitiativeKind
from graph.store import ActivityFilters, Path

router = APIRouter(route_class=GatedRoute, prefix="/api", tags=["analytics"], dependencies=[ReaderAccess], responses=documented(401, 404, 413, 422, 503))

Resolution = Annotated[float, Query(ge=0.01, le=100.0, description="Louvain resolution: higher, smaller clusters")]
Since = Annotated[dt.date | None, Query(description="Only evidence from this date on")]
Until = Annotated[dt.date | None, Query(description="Only evidence up to this date")]


class PathsOut(BaseModel):
    source: str
    target: str
    paths: list[ActorPath]  # the k shortest collaboration paths
    relationship_path: Path | None  # when no collaboration joins them: the shortest chain of any relationships


@router.get("/paths", response_model=PathsOut, summary="How two actors are joined, with the initiatives on the way")
def get_paths(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=200, description="Actor id")],
    target: Annotated[str, Query(min_length=1, max_length=200, description="Actor id")],
    k: Annotated[int, Query(ge=1, le=MAX_K)] = 3,
    max_hops: Annotated[int, Query(ge=1, le=12)] = 6,
    since: Since = None,
    until: Until = None,
) -> PathsOut:
    a, b = known_actor(store, source), known_actor(store, target)
    paths, chain = paths_or_chain(store, a.id, b.id, k=k, max_hops=max_hops, since=since, until=until)
    return PathsOut(source=a.id, target=b.id, paths=paths, relationship_path=chain)


@router.get("/clusters", response_model=ClusterReport, summary="Communities of collaborators with their summaries")
def get_clusters(store: StoreDep, resolution: Resolution = 1.0, since: Since = None, until: Until = None) -> ClusterReport:
    report, _, _ = stored_clusters(store, resolution, since, until)
    return report


@router.get("/clusters/{cluster_id}", response_model=ClusterDetail, summary="One cluster with every member")
def get_cluster(store: StoreDep, cluster_id: int, resolution: Resolution = 1.0) -> ClusterDetail:
    found = cluster_detail(store, cluster_id, resolution)
    if found is None:
        raise HTTPException(404, f"no cluster {cluster_id} at resolution {resolution}")
    return found


@router.get("/brokers", response_model=list[BrokerView], summary="Actors whose ties bridge clusters")
def get_brokers(
    store: StoreDep, resolution: Resolution = 1.0, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> list[BrokerView]:
    return brokers_of(store, resolution, limit=limit)


@router.get("/hotspots", response_model=list[Hotspot], summary="Activity by place, theme, month or year")
def get_hotspots(
    store: StoreDep,
    by: HotspotBy = HotspotBy.COUNTY,
    per_capita: Annotated[bool, Query(description="Rank places per 10,000 inhabitants")] = False,
    kind: InitiativeKind | None = None,
    theme: Annotated[str | None, Query(max_length=100)] = None,
    county: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    since: Since = None,
    until: Until = None,
    actor_kind: Annotated[ActorKind | None, Query(description="Only initiatives actors of this kind took part in")] = None,
    cluster: Annotated[int | None, Query(ge=0, le=2**31, description="Only initiatives this cluster's members took part in")] = None,
    min_weight: Annotated[float, Query(ge=0, le=1e6, description="Only actors with a tie at least this heavy")] = 0.0,
) -> list[Hotspot]:
    filters = ActivityFilters(initiative_kind=kind, theme=theme, county=county, since=since, until=until)
    chosen = among_actors(store, filters, actor_kind=actor_kind, cluster=cluster, min_weight=min_weight)
    return hotspots(store, by, chosen, per_capita=per_capita)


class CompareOut(Comparison):
    a: str
    b: str


@router.get("/compare", response_model=CompareOut, summary="One period's collaboration network against another's")
def get_compare(
    store: StoreDep,
    a: Annotated[str, Query(description="A period: YYYY or YYYY-MM-DD:YYYY-MM-DD", max_length=40)],
    b: Annotated[str, Query(description="The period to compare it with", max_length=40)],
    resolution: Resolution = 1.0,
) -> CompareOut:
    periods = []
    for name, text in (("a", a), ("b", b)):
        try:
            periods.append(parse_period(text))
        except ValueError as exc:
            raise HTTPException(422, f"{name}: {exc}") from exc
    before, after = (projection_of(store, start, end) for start, end in periods)
    return CompareOut(a=a, b=b, **compare(before, after, resolution=resolution).model_dump())
