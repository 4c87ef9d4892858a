"""Brokers: actors whose ties bridge communities.

Two measures on the weighted collaboration graph: betweenness (how many shortest paths run
through the actor, a strong tie counting as a short step, distance = 1/weight; estimated from
a seeded sample of sources above a size, as exact betweenness is cubic), and the participation
coefficient (1 - sum over clusters of the squared share of the actor's tie weight into each:
0 when every tie stays in one cluster, near 1 when spread over many).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.analytics.communities import SEED, Communities

EXACT_UP_TO = 2_000  # nodes; above this betweenness is estimated
SAMPLE = 500  # sources sampled for the estimate


@dataclass(frozen=True)
class Broker:
    id: str
    cluster: int | None  # its own community
    betweenness: float  # normalised, 0..1
    participation: float  # 0..1
    bridges: tuple[tuple[int, float], ...]  # (community, share of its tie weight), largest first


def find_brokers(graph: nx.Graph, communities: Communities, limit: int = 20) -> list[Broker]:
    """Actors with ties into more than one community, most between first."""
    if graph.number_of_edges() == 0:
        return []
    distances = nx.Graph()
    distances.add_nodes_from(sorted(graph.nodes))
    distances.add_weighted_edges_from(
        sorted((min(a, b), max(a, b), 1.0 / d["weight"]) for a, b, d in graph.edges(data=True) if d.get("weight", 0) > 0),
        weight="distance",
    )
    sample = SAMPLE if distances.number_of_nodes() > EXACT_UP_TO else None
    betweenness = nx.betweenness_centrality(distances, k=sample, weight="distance", normalized=True, seed=SEED)
    brokers = []
    for actor in sorted(graph.nodes):
        bridges, participation = bridging(graph, communities, actor)
        if len(bridges) < 2:
            continue
        brokers.append(Broker(id=actor, cluster=communities.of(actor), betweenness=betweenness.get(actor, 0.0),
                              participation=participation, bridges=bridges))
    brokers.sort(key=lambda b: (-b.betweenness, -b.participation, b.id))
    return brokers[:limit]


def bridging(graph: nx.Graph, communities: Communities, actor: str) -> tuple[tuple[tuple[int, float], ...], float]:
    """The clusters an actor's tie weight goes to, (cluster, share) largest first, and its
    participation coefficient."""
    shares: dict[int, float] = defaultdict(float)
    total = 0.0
    for other, data in graph[actor].items():
        cluster = communities.of(other)
        weight = data.get("weight", 0.0)
        total += weight
        if cluster is not None:
            shares[cluster] += weight
    if total == 0:
        return (), 0.0
    bridges = tuple(sorted(((c, w / total) for c, w in shares.items()), key=lambda item: (-item[1], item[0])))
    return bridges, 1.0 - sum((w / total) ** 2 for w in shares.values())
