"""Change over time: the collaboration network of one period against another — ties that
appeared, ties that ended, and what became of each cluster (new, grew, shrank, merged, split,
gone). The second period's clusters keep the first's ids where they are mostly the same actors."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import networkx as nx
from pydantic import BaseModel

from graph.analytics.communities import Communities, find_communities

EXAMPLES = 10
SPLIT_SHARE = 0.3  # a cluster split when at least two later clusters each hold this share of it


class TieChange(BaseModel):
    a: str
    b: str
    names: tuple[str, str]
    weight: float  # in the period where the tie exists


class ClusterChange(BaseModel):
    id: int | None  # in the second period (None when gone)
    change: str  # new, grew, shrank, stable, merged, split, part of a split, gone
    size_before: int
    size_after: int
    from_clusters: list[int]  # first-period clusters it draws most of its members from
    into_clusters: list[int]  # for split and gone: where the members went


class Comparison(BaseModel):
    new_ties: int
    lost_ties: int
    kept_ties: int
    new_examples: list[TieChange]  # heaviest first
    lost_examples: list[TieChange]
    modularity_before: float
    modularity_after: float
    clusters: list[ClusterChange]


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2016' (the whole year) or '2016-01-01:2016-06-30'; ValueError says what is wrong."""
    try:
        if text.isdigit() and len(text) == 4:
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        start, _, end = text.partition(":")
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a period (expected YYYY or YYYY-MM-DD:YYYY-MM-DD)") from exc
    if last < first:
        raise ValueError(f"{text!r} ends before it starts")
    return first, last


def compare(before: nx.Graph, after: nx.Graph, resolution: float = 1.0) -> Comparison:
    edges_before = {tuple(sorted(e)) for e in before.edges}
    edges_after = {tuple(sorted(e)) for e in after.edges}
    first = find_communities(before, resolution=resolution)
    second = find_communities(after, resolution=resolution, previous=first)
    return Comparison(
        new_ties=len(edges_after - edges_before),
        lost_ties=len(edges_before - edges_after),
        kept_ties=len(edges_before & edges_after),
        new_examples=_examples(after, edges_after - edges_before),
        lost_examples=_examples(before, edges_before - edges_after),
        modularity_before=round(first.modularity, 6),
        modularity_after=round(second.modularity, 6),
        clusters=_cluster_changes(first, second),
    )


def _examples(graph: nx.Graph, edges: set[tuple[str, str]]) -> list[TieChange]:
    heaviest = sorted(edges, key=lambda e: (-graph[e[0]][e[1]].get("weight", 0.0), e))[:EXAMPLES]
    return [
        TieChange(
            a=a,
            b=b,
            names=(graph.nodes[a].get("name", a), graph.nodes[b].get("name", b)),
            weight=round(graph[a][b].get("weight", 0.0), 6),
        )
        for a, b in heaviest
    ]


def _cluster_changes(first: Communities, second: Communities) -> list[ClusterChange]:
    sizes_before = {c.id: len(c.members) for c in first.items}
    spread = {c.id: Counter(now for m in c.members if (now := second.of(m)) is not None) for c in first.items}
    # Where each first-period cluster's members mostly went (over half of it), if anywhere.
    landed = {old: next((new for new, n in counts.items() if n * 2 > sizes_before[old]), None) for old, counts in spread.items()}
    changes = []
    for c in second.items:
        sources = sorted(old for old, new in landed.items() if new == c.id)
        before = sizes_before.get(c.id, 0)
        if len(sources) > 1:
            change = "merged"
        elif c.id not in sizes_before:
            parts_of = sorted(old for old, counts in spread.items() if counts[c.id] >= SPLIT_SHARE * sizes_before[old])
            change, sources = ("part of a split", parts_of) if parts_of else ("new", [])
        else:
            change = "grew" if len(c.members) > before else "shrank" if len(c.members) < before else "stable"
        changes.append(
            ClusterChange(
                id=c.id, change=change, size_before=before, size_after=len(c.members), from_clusters=sources, into_clusters=[]
            )
        )
    kept = {c.id for c in second.items}
    for old, counts in sorted(spread.items()):
        parts = sorted(new for new, n in counts.items() if n >= SPLIT_SHARE * sizes_before[old])
        if len(parts) > 1:
            changes.append(
                ClusterChange(
                    id=old if old in kept else None,
                    change="split",
                    size_before=sizes_before[old],
                    size_after=0,
                    from_clusters=[old],
                    into_clusters=parts,
                )
            )
        elif old not in kept and landed[old] is None:
            changes.append(
                ClusterChange(
                    id=None,
                    change="gone",
                    size_before=sizes_before[old],
                    size_after=0,
                    from_clusters=[old],
                    into_clusters=sorted(counts),
                )
            )
    return changes
