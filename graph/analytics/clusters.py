"""Cluster summaries: what each community of collaborators is, in a few facts and a label."""

from __future__ import annotations

import datetime as dt
import weakref
from collections import Counter, defaultdict

import networkx as nx
from pydantic import BaseModel

from graph.analytics.communities import SEED, Communities, Community, find_communities
from graph.store import GraphStore, SavedClusters, clusters_key

LEADING = 5


class LeadingActor(BaseModel):
    id: str
    name: str
    weighted_degree: float  # the sum of its collaboration weights, in the whole graph


class CountyShare(BaseModel):
    code: str
    name: str | None
    actors: int


class ClusterSummary(BaseModel):
    id: int
    label: str
    size: int
    leading: list[LeadingActor]
    counties: list[CountyShare]
    kinds: dict[str, int]
    internal_weight: float  # collaboration weight on ties inside the cluster


class ClusterReport(BaseModel):
    resolution: float
    modularity: float
    strong: bool  # modularity high enough that the division means something
    clusters: list[ClusterSummary]


def cluster_report(
    graph: nx.Graph, resolution: float = 1.0, seed: int = SEED, previous: Communities | None = None
) -> tuple[ClusterReport, Communities]:
    communities = find_communities(graph, resolution=resolution, seed=seed, previous=previous)
    degree = dict(graph.degree(weight="weight"))
    county_names = {d.get("county"): d.get("name") for _, d in graph.nodes(data=True) if d.get("kind") == "county"}
    summaries = []
    for community in communities.items:
        members = community.members
        leading = sorted(members, key=lambda m: (-degree.get(m, 0.0), m))[:LEADING]
        counties = Counter(graph.nodes[m].get("county") for m in members if graph.nodes[m].get("county"))
        shares = [CountyShare(code=code, name=county_names.get(code), actors=n)
                  for code, n in sorted(counties.items(), key=lambda item: (-item[1], item[0]))]
        summaries.append(ClusterSummary(
            id=community.id,
            label=_label(graph, leading, shares),
            size=len(members),
            leading=[LeadingActor(id=m, name=graph.nodes[m].get("name", m), weighted_degree=round(degree.get(m, 0.0), 6))
                     for m in leading],
            counties=shares,
            kinds=dict(sorted(Counter(graph.nodes[m].get("kind", "other") for m in members).items())),
            internal_weight=round(graph.subgraph(members).size(weight="weight"), 6),
        ))
    report = ClusterReport(resolution=resolution, modularity=round(communities.modularity, 6), strong=communities.strong,
                           clusters=summaries)
    return report, communities


def _label(graph: nx.Graph, leading: list[str], counties: list[CountyShare]) -> str:
    """"Vestland · Bergen kommune, KS": the county most of it is in (when one is), then its two
    leading actors."""
    names = ", ".join(graph.nodes[m].get("name", m) for m in leading[:2])
    size = sum(c.actors for c in counties)
    if counties and counties[0].actors * 2 > size:
        return f"{counties[0].name or counties[0].code} · {names}"
    return names


# Per store, per variant: (revision, report, communities, projection). Recomputed only when a
# write has changed the store's revision, never on every request.
_CACHE: weakref.WeakKeyDictionary[GraphStore, dict[str, tuple[int, ClusterReport, Communities, nx.Graph]]] = (
    weakref.WeakKeyDictionary())


def stored_clusters(
    store: GraphStore, resolution: float = 1.0, since: dt.date | None = None, until: dt.date | None = None
) -> tuple[ClusterReport, Communities, nx.Graph]:
    """The clusters of the store's collaboration graph, computed once per revision; ids carry
    over from the clustering the store last kept for this variant (in any process)."""
    key = clusters_key(resolution, since, until)
    revision = store.revision()
    cached = _CACHE.setdefault(store, {}).get(key)
    if cached is not None and cached[0] == revision:
        return cached[1], cached[2], cached[3]
    graph = store.projection(since=since, until=until)
    saved = store.load_clusters(key)
    report, communities = cluster_report(graph, resolution=resolution, previous=_restored(saved) if saved else None)
    if saved is None or saved.revision != revision:
        store.save_clusters(key, SavedClusters(revision=revision, membership=communities.membership, next_id=communities.next_id))
    _CACHE[store][key] = (revision, report, communities, graph)
    return report, communities, graph


def _restored(saved: SavedClusters) -> Communities:
    members: dict[int, list[str]] = defaultdict(list)
    for actor, cluster in saved.membership.items():
        members[cluster].append(actor)
    items = tuple(Community(id=c, members=tuple(sorted(m))) for c, m in sorted(members.items()))
    return Communities(items=items, modularity=0.0, resolution=0.0, next_id=saved.next_id)
