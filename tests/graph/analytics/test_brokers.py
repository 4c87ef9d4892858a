"""Brokers, checked by hand on small graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analytics import brokers as brokers_module
from graph.analytics.brokers import find_brokers
from graph.analytics.communities import Communities, Community, find_communities


def barbell() -> nx.Graph:
    """Two cliques of four, {a,b,c,d} and {w,x,y,z}, joined only through m (a–m–w)."""
    graph = nx.Graph()
    for group in ("abcd", "wxyz"):
        graph.add_weighted_edges_from((p, q, 1.0) for p in group for q in group if p < q)
    graph.add_weighted_edges_from([("a", "m", 1.0), ("m", "w", 1.0)])
    return graph


def test_the_bridge_between_two_groups_is_the_first_broker() -> None:
    graph = barbell()
    found = find_brokers(graph, find_communities(graph))
    first = found[0]
    assert first.id == "m"
    # Of the 28 pairs among the other 8 actors, the 16 across the bridge all run through m.
    assert first.betweenness == pytest.approx(16 / 28)
    assert first.participation == pytest.approx(0.5)  # half its tie weight into each group
    assert [share for _, share in first.bridges] == pytest.approx([0.5, 0.5])
    # a and w reach the other side only through m, and have ties into m's community too:
    # whichever side m was put on, one of them is a broker with 15 of 28 pairs through it.
    assert {b.id for b in found} <= {"m", "a", "w"}
    assert all(b.betweenness == pytest.approx(15 / 28) for b in found[1:])


def test_actors_whose_ties_stay_in_one_community_are_not_brokers() -> None:
    graph = barbell()
    assert not {"b", "c", "d", "x", "y", "z"} & {b.id for b in find_brokers(graph, find_communities(graph))}


def test_strong_ties_are_short_steps() -> None:
    """Two routes from s to t: through p (strong ties) and through q (weak): paths take p."""
    graph = nx.Graph()
    graph.add_weighted_edges_from([("s", "p", 5.0), ("p", "t", 5.0), ("s", "q", 0.5), ("q", "t", 0.5)])
    halves = Communities(items=(Community(1, ("p", "s")), Community(2, ("q", "t"))), modularity=0.0, resolution=1.0, next_id=3)
    between = {b.id: b.betweenness for b in find_brokers(graph, halves)}
    assert set(between) == {"p", "q", "s", "t"}  # each has a tie into each half
    assert between["p"] == pytest.approx(1 / 3)  # the s–t path, one of the three pairs p is not in
    assert between["q"] == 0.0


def test_large_graphs_use_a_seeded_sample_and_give_the_same_answer_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brokers_module, "EXACT_UP_TO", 50)
    monkeypatch.setattr(brokers_module, "SAMPLE", 20)
    graph = nx.relabel_nodes(nx.planted_partition_graph(4, 25, 0.3, 0.02, seed=3), str)
    nx.set_edge_attributes(graph, 1.0, "weight")
    communities = find_communities(graph)
    first, second = find_brokers(graph, communities), find_brokers(graph, communities)
    assert first == second and first
    assert all(len(b.bridges) >= 2 for b in first)


def test_an_empty_graph_has_no_brokers() -> None:
    graph = nx.Graph()
    graph.add_node("alone")
    assert find_brokers(graph, find_communities(graph)) == []


def test_the_estimate_for_large_graphs_is_the_exact_value_when_every_source_is_sampled(monkeypatch) -> None:
    graph = nx.connected_watts_strogatz_graph(60, 4, 0.2, seed=3)
    for x, y in graph.edges:
        graph[x][y]["weight"] = random.Random(x * 1000 + y).uniform(0.5, 3.0)  # no two paths equally long
    communities = find_communities(graph)
    exact = {b.id: b.betweenness for b in find_brokers(graph, communities, limit=60)}
    monkeypatch.setattr(brokers_module, "EXACT_UP_TO", 10)
    monkeypatch.setattr(brokers_module, "SAMPLE", 60)
    estimated = {b.id: b.betweenness for b in find_brokers(graph, communities, limit=60)}
    assert exact and estimated.keys() == exact.keys()
    assert all(abs(estimated[k] - exact[k]) < 1e-9 for k in exact)
