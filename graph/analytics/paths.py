"""Paths with meaning: how two actors are joined through collaboration, hop by hop, with the
initiatives and partnerships each hop rests on, and the k shortest alternatives.

Paths run over the collaboration graph (actor to actor). Fewer hops come first; among paths
with as many hops the one with stronger ties comes first (each hop costs 1 plus a small
amount that shrinks as the tie's weight grows, so strength never outweighs a hop).
"""

from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx
from pydantic import BaseModel

from graph.analytics.projection import projection_of
from graph.store import GraphStore
from graph.store_results import Evidence, Path

MAX_K = 10
EVIDENCE_PER_HOP = 3  # the heaviest pieces of evidence shown on a hop
_STRENGTH = 1e-3  # per hop, at most: 6 hops of it stay far below one more hop
_TIED_EXTRA = 50  # alternatives looked at beyond k, so equally short paths are ordered by id


class PathActor(BaseModel):
    id: str
    name: str
    kind: str


class Hop(BaseModel):
    source: str
    target: str
    weight: float  # the tie's collaboration weight
    evidence: list[Evidence]  # its heaviest initiatives or partnership
    more_evidence: int  # evidence left out of the list

    @property
    def shared_initiatives(self) -> int:
        """All the initiatives its two actors share: those listed and those left out (the list
        holds every partnership first, so what is left out is initiatives)."""
        return sum(1 for e in self.evidence if e.initiative_id) + self.more_evidence


class ActorPath(BaseModel):
    actors: list[PathActor]
    hops: list[Hop]
    weakest: float  # the weight of its weakest tie
    through: str  # "Oslo —[Innovasjonskonferansen]— KS —[Møte]— Difi"


def _cost(_a: str, _b: str, data: dict) -> float:
    return 1.0 + _STRENGTH / (1.0 + data.get("weight", 0.0))


def shortest_paths(graph: nx.Graph, source: str, target: str, k: int = 3, max_hops: int = 6) -> list[list[str]]:
    """The k shortest simple paths between two actors, of at most `max_hops` hops."""
    if source not in graph or target not in graph or source == target:
        return []
    found: list[tuple[float, list[str]]] = []
    try:
        for path in itertools.islice(nx.shortest_simple_paths(graph, source, target, weight=_cost), k + _TIED_EXTRA):
            if len(path) - 1 > max_hops:
                break
            cost = sum(_cost(a, b, graph[a][b]) for a, b in itertools.pairwise(path))
            if len(found) >= k and cost > found[k - 1][0] + 1e-12:
                break  # nothing after this ties with the k-th
            found.append((cost, path))
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda item: (round(item[0], 12), item[1]))
    return [path for _, path in found[:k]]


def actor_paths(
    store: GraphStore,
    source: str,
    target: str,
    k: int = 3,
    max_hops: int = 6,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[ActorPath]:
    """The k shortest collaboration paths from `source` to `target` (actor ids), each hop with
    its evidence from the store."""
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be from 1 to {MAX_K}, got {k}")
    graph = projection_of(store, since, until)
    paths = shortest_paths(graph, source, target, k=k, max_hops=max_hops)
    evidence: dict[tuple[str, str], list[Evidence]] = {}
    for a, b in {(a, b) for path in paths for a, b in itertools.pairwise(path)}:
        found = store.collaborators(a, since=since, until=until, limit=1, among=[b])
        evidence[(a, b)] = found[0].evidence if found else []
    return [_described(graph, path, evidence) for path in paths]


def paths_or_chain(
    store: GraphStore,
    source: str,
    target: str,
    k: int = 3,
    max_hops: int = 6,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> tuple[list[ActorPath], Path | None]:
    """The collaboration paths; when there are none (and no window narrows them), the shortest
    chain of any relationships (learned from, part of) instead."""
    paths = actor_paths(store, source, target, k=k, max_hops=max_hops, since=since, until=until)
    chain = None if paths or since or until else store.shortest_path(source, target, max_hops=max_hops)
    return paths, chain


def _described(graph: nx.Graph, path: list[str], evidence: dict[tuple[str, str], list[Evidence]]) -> ActorPath:
    actors = [PathActor(id=a, name=graph.nodes[a].get("name", a), kind=graph.nodes[a].get("kind") or "other") for a in path]
    hops = []
    text = [actors[0].name]
    for (a, b), actor in zip(itertools.pairwise(path), actors[1:]):
        shown = evidence[(a, b)][:EVIDENCE_PER_HOP]
        hops.append(
            Hop(
                source=a,
                target=b,
                weight=round(graph[a][b]["weight"], 9),
                evidence=shown,
                more_evidence=len(evidence[(a, b)]) - len(shown),
            )
        )
        text.append(f"—[{_evidence_names(shown)}]— {actor.name}")
    return ActorPath(actors=actors, hops=hops, weakest=min((h.weight for h in hops), default=0.0), through=" ".join(text))


def _evidence_names(evidence: list[Evidence]) -> str:
    return ", ".join((e.title or e.initiative_id or "") if e.kind == "initiative" else "partnership" for e in evidence)
