"""Breadth-first neighbourhoods, shared by both engines: each supplies one native query that
returns the edges touching a set of nodes; the walk, the cap and the ordering live here."""

from __future__ import annotations

from collections.abc import Callable

from graph.model import Label
from graph.store import GraphEdge, GraphNode, NodeRef, Path, Subgraph

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
# Given nodes, every edge touching any of them, without describing its ends (a search needs
# only the edges; describing tens of thousands of nodes per level was most of its time).
Links = Callable[[list[NodeRef]], list[GraphEdge]]


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
    # Per side: node key -> (the node one step nearer that side's end, the edge between), or None.
    parents: tuple[dict[str, tuple[NodeRef, GraphEdge] | None], ...] = ({source.key: None}, {target.key: None})
    frontiers: list[list[NodeRef]] = [[source], [target]]
    meeting: str | None = None
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = parents[side], parents[1 - side]
        keys = {ref.key for ref in frontiers[side]}
        fresh: list[NodeRef] = []
        for edge in sorted(links(frontiers[side]), key=_edge_key):
            for near, far in ((edge.source, edge.target), (edge.target, edge.source)):
                if near.key in keys and far.key not in mine:
                    mine[far.key] = (near, edge)
                    fresh.append(far)
        met = sorted(key for key in (ref.key for ref in fresh) if key in theirs)
        if met:
            meeting = met[0]
            break
        frontiers[side] = sorted(fresh, key=lambda r: (r.label, r.id))
        if not frontiers[side]:
            return None
    if meeting is None:
        return None
    refs, path_edges = _walk(parents[0], meeting)
    refs.reverse()
    path_edges.reverse()
    back_refs, back_edges = _walk(parents[1], meeting)
    refs += back_refs[1:]
    path_edges += back_edges
    described = describe(set(refs))
    return Path(nodes=[described[r.key] for r in refs], edges=path_edges)


def _walk(parents: dict[str, tuple[NodeRef, GraphEdge] | None], start: str) -> tuple[list[NodeRef], list[GraphEdge]]:
    """From `start` back to the end its side began at: the nodes (start first) and edges."""
    label, _, node_id = start.partition(":")
    refs, edges = [NodeRef(label=Label(label), id=node_id)], []
    step = parents[start]
    while step is not None:
        refs.append(step[0])
        edges.append(step[1])
        step = parents[step[0].key]
    return refs, edges
