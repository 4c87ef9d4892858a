"""Who bridges clusters: actors whose ties run between communities, most shortest paths
through them first."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.analytics.brokers import Broker, find_brokers
from graph.analytics.clusters import stored_clusters
from graph.questions.bounds import BROKERS_MAX, Method, Resolution
from graph.revision_cache import kept
from graph.store import GraphStore
from graph.store_results import ClusterMethod

BROKERS_KEPT = BROKERS_MAX  # brokers computed per revision; asking for fewer cuts this list


class BrokersAsked(BaseModel):
    resolution: Resolution = 1.0
    method: Method = ClusterMethod.LOUVAIN
    limit: int = Field(20, ge=1, le=BROKERS_MAX, description=f"At most this many brokers (1-{BROKERS_MAX})")


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


def computed_brokers(store: GraphStore, resolution: float, method: ClusterMethod = ClusterMethod.LOUVAIN) -> list[Broker]:
    """Betweenness is the costly part of the analytics (minutes at millions of ties), so it is
    computed once per revision and resolution."""

    def build() -> list[Broker]:
        _, communities, table = stored_clusters(store, resolution, method=method)
        return find_brokers(table, communities, limit=BROKERS_KEPT)

    return kept(store, ("brokers", resolution, method), build)


def brokers_of(store: GraphStore, asked: BrokersAsked) -> list[BrokerView]:
    _, _, table = stored_clusters(store, asked.resolution, method=asked.method)
    return [
        BrokerView(
            id=b.id,
            name=table.actors[table.position[b.id]].name,
            cluster=b.cluster,
            betweenness=b.betweenness,
            participation=b.participation,
            bridges=[BridgeShare(cluster=c, share=w) for c, w in b.bridges],
        )
        for b in computed_brokers(store, asked.resolution, asked.method)[: asked.limit]
    ]
