"""Comparing two periods, checked by hand."""

from __future__ import annotations

import networkx as nx

from graph.analytics.compare import compare


def cliques(*groups: str, extra: list[tuple[str, str, float]] | None = None) -> nx.Graph:
    graph = nx.Graph()
    for group in groups:
        members = group.split()
        graph.add_weighted_edges_from((x, y, 1.0) for x in members for y in members if x < y)
    graph.add_weighted_edges_from(extra or [])
    for node in graph:
        graph.nodes[node]["name"] = node.upper()
    return graph


def test_new_lost_and_kept_ties_are_counted_and_the_heaviest_shown() -> None:
    before = cliques("a b c")
    after = cliques("a b", extra=[("c", "d", 3.0), ("a", "d", 0.5)])
    result = compare(before, after)
    assert (result.new_ties, result.lost_ties, result.kept_ties) == (2, 2, 1)
    assert [(t.a, t.b, t.weight) for t in result.new_examples] == [("c", "d", 3.0), ("a", "d", 0.5)]
    assert [t.names for t in result.lost_examples] == [("A", "C"), ("B", "C")]


def test_two_clusters_that_merge_and_a_new_one_that_appears() -> None:
    before = cliques("a1 a2 a3 a4", "b1 b2 b3 b4", "c1 c2 c3 c4 c5 c6", extra=[("a1", "c1", 0.1), ("b1", "c2", 0.1)])
    joined = [(f"a{i}", f"b{j}", 2.0) for i in range(1, 5) for j in range(1, 5)]
    after = cliques("a1 a2 a3 a4", "b1 b2 b3 b4", "c1 c2 c3 c4 c5 c6", "n1 n2 n3",
                    extra=joined + [("a1", "c1", 0.1), ("n1", "c3", 0.1)])
    changes = {c.change: c for c in compare(before, after).clusters}
    assert changes["merged"].size_after == 8 and len(changes["merged"].from_clusters) == 2
    assert changes["new"].size_after == 3 and changes["new"].from_clusters == []
    assert changes["stable"].size_after == 6


def test_a_cluster_that_splits_in_two() -> None:
    before = cliques("a b c d e f")
    after = cliques("a b c", "d e f", extra=[("c", "d", 0.05)])
    changes = compare(before, after).clusters
    split = [c for c in changes if c.change == "split"]
    assert len(split) == 1 and split[0].size_before == 6 and len(split[0].into_clusters) == 2
    parts = [c for c in changes if c.change == "part of a split"]
    assert sorted(c.id for c in parts) == split[0].into_clusters
    assert all(c.from_clusters == split[0].from_clusters and c.size_after == 3 for c in parts)
