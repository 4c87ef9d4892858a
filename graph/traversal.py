"""Breadth-first walks: the store neighbourhoods both engines share (each supplies one native
query that returns the edges touching a set of nodes; the walk, the cap and the ordering live
here), shortest relationship chains, and the plain walk a view takes over the tie table."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from graph.model import Label, RelType, Role
from graph.store_results import GraphEdge, GraphNode, NodeRef, Path, Subgraph

N = TypeVar("N", bound=Hashable)


def reach(start: Iterable[N], depth: int, near: Callable[[N], Iterable[N]]) -> dict[N, int]:
    """Every node within `depth` steps of `start`, with its steps; `near(n)` gives the nodes one
    step on from n. A node first reached at k steps keeps k; order within a step is as found."""
    steps = {n: 0 for n in start}
    frontier = list(steps)
    for level in range(1, depth + 1):
        nearer = []
        for n in frontier:
            for m in near(n):
                if m not in steps:
                    steps[m] = level
                    nearer.append(m)
        frontier = nearer
    return steps


# Given nodes, every edge touching any of them and a description of the nodes at both ends.
Expand = Callable[[list[NodeRef]], tuple[list[GraphEdge], dict[str, GraphNode]]]


# Given nodes, the edges whose two ends are both among them.
Among = Callable[[list[NodeRef]], list[GraphEdge]]


def neighbourhood(start: GraphNode, depth: int, max_nodes: int, expand: Expand, among: Among) -> Subgraph:
    """Nodes within `depth` hops, nearest first (then label, id), cut at `max_nodes`;
    `is_truncated` says whether the cut left any out."""
    depth_of: dict[str, int] = {_key(start): 0}
    nodes: dict[str, GraphNode] = {_key(start): start}
    frontier = [NodeRef(label=start.label, id=start.id)]
    truncated = False
    for level in range(1, depth + 1):
        if not frontier:
            break
        edges, described = expand(frontier)
        fresh = sorted(
            {ref.key: ref for e in edges for ref in (e.source, e.target) if ref.key not in depth_of}.values(),
            key=lambda r: (r.label, r.id),
        )
        room = max_nodes - len(nodes)
        if len(fresh) > room:
            truncated = True
            fresh = fresh[: max(room, 0)]
        for ref in fresh:
            depth_of[ref.key] = level
            nodes[ref.key] = described[ref.key].model_copy(update={"depth": level})
        frontier = fresh
        if truncated:
            break
    unique = {_edge_key(e): e for e in among([NodeRef(label=n.label, id=n.id) for n in nodes.values()])}
    edges = [unique[k] for k in sorted(unique)]
    ordered = sorted(nodes.values(), key=lambda n: (n.depth, n.label, n.id))
    return Subgraph(nodes=ordered, edges=edges, is_truncated=truncated)


def _key(node: GraphNode) -> str:
    return f"{node.label}:{node.id}"


def _edge_key(edge: GraphEdge) -> tuple[str, str, str, str]:
    return (edge.source.key, edge.target.key, edge.type, edge.role or "")


Describe = Callable[[set[NodeRef]], dict[str, GraphNode]]
# Given nodes, every edge touching any of them as a raw row (type, source label, source id,
# target label, target id, role): a search meets tens of thousands of edges and needs models
# only for the few on its path (building them was most of its time).
Row = tuple[str, str, str, str, str, str | None]
Links = Callable[[list[NodeRef]], list[Row]]


def shortest_path(source: NodeRef, target: NodeRef, max_hops: int, links: Links, describe: Describe) -> Path | None:
    """A shortest path over relationships of any type and direction, found breadth-first from
    both ends at once, each step widening the smaller frontier (hubs such as conferences make
    one-sided searches reach the whole graph); among the meeting points and parents the first
    by (label, id) wins, so the answer is repeatable."""
    ends = describe({source, target})
    if source.key not in ends or target.key not in ends:
        return None
    if source == target:
        return Path(nodes=[ends[source.key]], edges=[])
    # Per side: node key -> (the key one step nearer that side's end, the edge row between), or None.
    parents: tuple[dict[str, tuple[str, Row] | None], ...] = ({source.key: None}, {target.key: None})
    frontiers: list[list[str]] = [[source.key], [target.key]]
    meeting: str | None = None
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = parents[side], parents[1 - side]
        here = set(frontiers[side])
        fresh: list[str] = []
        for row in sorted(links([_ref(k) for k in frontiers[side]]), key=lambda r: (r[1], r[2], r[3], r[4], r[0], r[5] or "")):
            a, b = f"{row[1]}:{row[2]}", f"{row[3]}:{row[4]}"
            for near, far in ((a, b), (b, a)):
                if near in here and far not in mine:
                    mine[far] = (near, row)
                    fresh.append(far)
        met = sorted(key for key in fresh if key in theirs)
        if met:
            meeting = met[0]
            break
        frontiers[side] = sorted(fresh)
        if not frontiers[side]:
            return None
    if meeting is None:
        return None
    keys, rows = _walk(parents[0], meeting)
    keys.reverse()
    rows.reverse()
    back_keys, back_rows = _walk(parents[1], meeting)
    keys += back_keys[1:]
    rows += back_rows
    refs = [_ref(k) for k in keys]
    described = describe(set(refs))
    return Path(nodes=[described[r.key] for r in refs], edges=[edge(row) for row in rows])


def _ref(key: str) -> NodeRef:
    label, _, node_id = key.partition(":")
    return NodeRef(label=Label(label), id=node_id)


def edge(row: Row) -> GraphEdge:
    """A raw edge row as the model (the embedded store's rows have this shape too)."""
    rel_type, source_label, source, target_label, target, role = row
    return GraphEdge(
        type=RelType(rel_type),
        source=NodeRef(label=Label(source_label), id=source),
        target=NodeRef(label=Label(target_label), id=target),
        role=Role(role) if role else None,
    )


def _walk(parents: dict[str, tuple[str, Row] | None], start: str) -> tuple[list[str], list[Row]]:
    """From `start` back to the end its side began at: the node keys (start first) and edge rows."""
    keys, rows = [start], []
    step = parents[start]
    while step is not None:
        keys.append(step[0])
        rows.append(step[1])
        step = parents[step[0]]
    return keys, rows
