"""Breadth-first neighbourhoods, shared by both engines: each supplies one native query that
returns the edges touching a set of nodes; the walk, the cap and the ordering live here."""

from __future__ import annotations

from collections.abc import Callable

from graph.store import GraphEdge, GraphNode, NodeRef, Path, Subgraph

# Given nodes, every edge touching any of them and a description of the nodes at both ends.
Expand = Callable[[list[NodeRef]], tuple[list[GraphEdge], dict[str, GraphNode]]]


def neighbourhood(start: GraphNode, depth: int, max_nodes: int, expand: Expand) -> Subgraph:
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
    edges = _edges_among(nodes, expand)
    ordered = sorted(nodes.values(), key=lambda n: (n.depth, n.label, n.id))
    return Subgraph(nodes=ordered, edges=edges, is_truncated=truncated)


def _edges_among(nodes: dict[str, GraphNode], expand: Expand) -> list[GraphEdge]:
    refs = [NodeRef(label=n.label, id=n.id) for n in nodes.values()]
    edges, _ = expand(refs)
    unique = {_edge_key(e): e for e in edges if e.source.key in nodes and e.target.key in nodes}
    return [unique[k] for k in sorted(unique)]


def _key(node: GraphNode) -> str:
    return f"{node.label}:{node.id}"


def _edge_key(edge: GraphEdge) -> tuple[str, str, str, str]:
    return (edge.source.key, edge.target.key, edge.type, edge.role or "")



Describe = Callable[[set[NodeRef]], dict[str, GraphNode]]


def shortest_path(source: NodeRef, target: NodeRef, max_hops: int, expand: Expand, describe: Describe) -> Path | None:
    """A shortest path over relationships of any type and direction, found breadth-first;
    ties go to the neighbour that sorts first (label, id), so the answer is repeatable."""
    ends = describe({source, target})
    if source.key not in ends or target.key not in ends:
        return None
    if source == target:
        return Path(nodes=[ends[source.key]], edges=[])
    parent: dict[str, tuple[NodeRef, GraphEdge] | None] = {source.key: None}
    frontier = [source]
    for _ in range(max_hops):
        edges, _described = expand(frontier)
        keys = {ref.key for ref in frontier}
        fresh: list[NodeRef] = []
        for edge in sorted(edges, key=lambda e: (e.source.key, e.target.key, e.type, e.role or "")):
            for near, far in ((edge.source, edge.target), (edge.target, edge.source)):
                if near.key in keys and far.key not in parent:
                    parent[far.key] = (near, edge)
                    fresh.append(far)
        if target.key in parent:
            break
        frontier = sorted(fresh, key=lambda r: (r.label, r.id))
        if not frontier:
            return None
    else:
        return None
    refs: list[NodeRef] = [target]
    path_edges: list[GraphEdge] = []
    step = parent[target.key]
    while step is not None:
        refs.append(step[0])
        path_edges.append(step[1])
        step = parent[step[0].key]
    refs.reverse()
    path_edges.reverse()
    described = describe(set(refs))
    return Path(nodes=[described[r.key] for r in refs], edges=path_edges)
