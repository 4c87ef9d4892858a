"""Brokers: actors whose ties bridge communities.

Two measures on the weighted collaboration graph: betweenness (how many shortest paths run
through the actor, a strong tie counting as a short step, distance = 1/weight; estimated from
a seeded sample of sources above a size, as exact betweenness is cubic), and the participation
coefficient (1 - sum over clusters of the squared share of the actor's tie weight into each:
0 when every tie stays in one cluster, near 1 when spread over many).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.analytics.communities import SEED, Communities
from graph.ties import TieTable, from_networkx, to_igraph

EXACT_UP_TO = 2_000  # nodes; above this betweenness is estimated
SAMPLE = 500  # sources sampled for the estimate


@dataclass(frozen=True)
class Broker:
    id: str
    cluster: int | None  # its own community
    betweenness: float  # normalised, 0..1
    participation: float  # 0..1
    bridges: tuple[tuple[int, float], ...]  # (community, share of its tie weight), largest first


def find_brokers(graph: nx.Graph | TieTable, communities: Communities, limit: int = 20) -> list[Broker]:
    """Actors with ties into more than one community, most between first."""
    table = graph if isinstance(graph, TieTable) else from_networkx(graph)
    if table.ties == 0:
        return []
    betweenness = _betweenness(table)
    member = membership(table, communities)
    _, shares = weight_by_cluster(table, member)
    ids = table.ids()
    brokers = []
    for node, out in shares.items():
        bridges, participation = bridging(out)
        if len(bridges) < 2:
            continue
        brokers.append(
            Broker(
                id=ids[node],
                cluster=communities.of(ids[node]),
                betweenness=betweenness[node],
                participation=participation,
                bridges=bridges,
            )
        )
    brokers.sort(key=lambda b: (-b.betweenness, -b.participation, b.id))
    return brokers[:limit]


def _betweenness(table: TieTable) -> list[float]:
    """Normalised betweenness with distance = 1/weight: exact (networkx) up to EXACT_UP_TO
    actors, above that estimated by igraph from a seeded sample of SAMPLE sources, scaled up."""
    n = len(table.actors)
    if n <= EXACT_UP_TO:
        distances = nx.Graph()
        distances.add_nodes_from(range(n))
        distances.add_weighted_edges_from(((x, y, 1.0 / w) for x, y, w in table.edges() if w > 0), weight="distance")
        found = nx.betweenness_centrality(distances, weight="distance", normalized=True)
        return [found[i] for i in range(n)]
    sources = sorted(random.Random(SEED).sample(range(n), SAMPLE))
    raw = to_igraph(table).betweenness(directed=False, weights=[1.0 / w if w > 0 else 1e9 for w in table.weight], sources=sources)
    scale = 2.0 * n / SAMPLE / ((n - 1) * (n - 2))  # from SAMPLE sources to all, then as networkx normalises
    return [value * scale for value in raw]


def membership(table: TieTable, communities: Communities) -> list[int]:
    """Each actor's community by position in the table (-1: none)."""
    return [-1 if (c := communities.of(actor.id)) is None else c for actor in table.actors]


def weight_by_cluster(table: TieTable, member: list[int]) -> tuple[dict[int, float], dict[int, dict[int, float]]]:
    """In two passes over the ties: the tie weight inside each community, and for every actor
    with a tie that leaves its community, its tie weight into each community (its own too)."""
    inside: dict[int, float] = defaultdict(float)
    reaching: set[int] = set()
    reaches = reaching.add
    for x, y, w in table.edges():
        cx, cy = member[x], member[y]
        if cx == cy:
            if cx >= 0:
                inside[cx] += w
        else:
            reaches(x)
            reaches(y)
    shares: dict[int, dict[int, float]] = {node: defaultdict(float) for node in reaching}
    share_of = shares.get  # this loop runs twice per tie: a lookup, not a test and an index
    for x, y, w in table.edges():
        if (of_x := share_of(x)) is not None:
            of_x[member[y]] += w
        if (of_y := share_of(y)) is not None:
            of_y[member[x]] += w
    return inside, shares


def bridging(out: dict[int, float]) -> tuple[tuple[tuple[int, float], ...], float]:
    """From an actor's tie weight per community: the communities it reaches, (community, share)
    largest first, and its participation coefficient. Ties to actors in no community count in
    the total but bridge nothing."""
    total = sum(out.values())
    if total == 0:
        return (), 0.0
    bridges = tuple(sorted(((c, w / total) for c, w in out.items() if c >= 0), key=lambda item: (-item[1], item[0])))
    return bridges, participation_of(out)


def participation_of(out: dict[int, float]) -> float:
    """The participation coefficient alone, without ranking the communities (a cluster page
    ranks every member by it and shows the bridges of a few)."""
    total = sum(out.values())
    if total == 0:
        return 0.0
    return 1.0 - sum((w / total) ** 2 for c, w in out.items() if c >= 0)
