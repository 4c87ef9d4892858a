"""What the CLI and the API show of clusters and brokers, computed once per store revision."""

from __future__ import annotations

import weakref

from pydantic import BaseModel

from graph.analytics.brokers import Broker, find_brokers
from graph.analytics.clusters import ClusterSummary, stored_clusters
from graph.store import GraphStore

BROKERS_KEPT = 500  # brokers computed per revision; asking for fewer cuts this list


class Member(BaseModel):
    id: str
    name: str
    weighted_degree: float
    betweenness: float | None  # for the cluster's brokers


class ClusterDetail(ClusterSummary):
    members: list[Member]  # heaviest weighted degree first


class BridgeShare(BaseModel):
    cluster: int
    share: float  # of the broker's tie weight


class BrokerView(BaseModel):
    id: str
    name: str
    cluster: int | None
    betweenness: float
    participation: float
    bridges: list[BridgeShare]


# Per store, per resolution: (revision, brokers). Betweenness is the costly part of the
# analytics (minutes at millions of ties), so it too is computed once per revision.
_BROKERS: weakref.WeakKeyDictionary[GraphStore, dict[float, tuple[int, list[Broker]]]] = weakref.WeakKeyDictionary()


def _brokers(store: GraphStore, resolution: float) -> list[Broker]:
    revision = store.revision()
    cached = _BROKERS.setdefault(store, {}).get(resolution)
    if cached is None or cached[0] != revision:
        _, communities, table = stored_clusters(store, resolution)
        cached = (revision, find_brokers(table, communities, limit=BROKERS_KEPT))
        _BROKERS[store][resolution] = cached
    return cached[1]


def brokers_of(store: GraphStore, resolution: float = 1.0, limit: int = 20) -> list[BrokerView]:
    _, _, table = stored_clusters(store, resolution)
    return [BrokerView(id=b.id, name=table.actors[table.position[b.id]].name, cluster=b.cluster,
                       betweenness=b.betweenness, participation=b.participation,
                       bridges=[BridgeShare(cluster=c, share=w) for c, w in b.bridges])
            for b in _brokers(store, resolution)[:limit]]


def cluster_detail(store: GraphStore, cluster_id: int, resolution: float = 1.0) -> ClusterDetail | None:
    report, communities, table = stored_clusters(store, resolution)
    summary = next((c for c in report.clusters if c.id == cluster_id), None)
    if summary is None:
        return None
    members = next(c.members for c in communities.items if c.id == cluster_id)
    strength, where = table.strengths(), table.position
    between = {b.id: b.betweenness for b in _brokers(store, resolution) if b.cluster == cluster_id}
    ranked = sorted(members, key=lambda m: (-strength[where[m]], m))
    return ClusterDetail(**summary.model_dump(), members=[
        Member(id=m, name=table.actors[where[m]].name, weighted_degree=round(strength[where[m]], 6),
               betweenness=between.get(m)) for m in ranked])
