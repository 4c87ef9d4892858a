"""Where collaboration clusters: the communities of the collaboration graph with their
summaries, and one cluster with every member."""

from __future__ import annotations

from pydantic import BaseModel

from graph.analytics.clusters import ClusterReport, ClusterSummary, stored_clusters
from graph.questions.bounds import Method, Resolution, Since, Until
from graph.questions.brokers import computed_brokers
from graph.store import GraphStore
from graph.store_results import ClusterMethod


class ClustersAsked(BaseModel):
    resolution: Resolution = 1.0
    since: Since = None
    until: Until = None
    method: Method = ClusterMethod.LOUVAIN


class ClusterAsked(BaseModel):
    resolution: Resolution = 1.0
    method: Method = ClusterMethod.LOUVAIN


class Member(BaseModel):
    id: str
    name: str
    weighted_degree: float
    betweenness: float | None  # for the cluster's brokers


class ClusterDetail(ClusterSummary):
    members: list[Member]  # heaviest weighted degree first


class NoSuchCluster(LookupError):
    """The cluster asked for is not among those at that resolution; the message lists them."""


def clusters_of(store: GraphStore, asked: ClustersAsked) -> ClusterReport:
    return stored_clusters(store, asked.resolution, asked.since, asked.until, asked.method)[0]


def cluster_of(store: GraphStore, cluster_id: int, asked: ClusterAsked) -> ClusterDetail:
    report, communities, table = stored_clusters(store, asked.resolution, method=asked.method)
    summary = next((c for c in report.clusters if c.id == cluster_id), None)
    if summary is None:
        there = ", ".join(str(c.id) for c in report.clusters) or "none"
        raise NoSuchCluster(f"no cluster {cluster_id} at resolution {asked.resolution}; there are {there}")
    members = next(c.members for c in communities.items if c.id == cluster_id)
    strength, where = table.strengths(), table.position
    between = {b.id: b.betweenness for b in computed_brokers(store, asked.resolution, asked.method) if b.cluster == cluster_id}
    ranked = sorted(members, key=lambda m: (-strength[where[m]], m))
    return ClusterDetail(
        **summary.model_dump(),
        members=[
            Member(
                id=m, name=table.actors[where[m]].name, weighted_degree=round(strength[where[m]], 6), betweenness=between.get(m)
            )
            for m in ranked
        ],
    )
