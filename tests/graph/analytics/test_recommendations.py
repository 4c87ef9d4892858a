"""Recommendations, scored by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analytics.recommendations import recommend


def small() -> nx.Graph:
    graph = nx.Graph()
    for node, kind, county in (("u", "municipality", "46"), ("v", "municipality", "46"), ("w", "lab", "03"),
                               ("z1", "state_agency", "03"), ("z2", "county", "46")):
        graph.add_node(node, name=node.upper(), kind=kind, county=county)
    graph.add_weighted_edges_from([("u", "z1", 1), ("u", "z2", 1), ("v", "z1", 1), ("v", "z2", 1), ("w", "z1", 1)])
    return graph


def test_shared_partners_with_few_ties_count_most_and_place_and_kind_add() -> None:
    found = recommend(small(), "u")
    assert [r.id for r in found] == ["v", "w"]  # never z1, z2 (already tied) nor u itself
    assert found[0].score == pytest.approx(1 / math.log(3) + 1 / math.log(2) + 0.5 + 0.25)
    assert found[1].score == pytest.approx(1 / math.log(3))
    assert found[0].shared_partners == ["z2", "z1"]  # z2 has two ties, z1 three
    assert found[0].why == "shares 2 partners: Z2, Z1; same county (46); also a municipality"
    assert found[1].why == "shares 1 partner: Z1"


def test_an_unknown_or_unconnected_actor_gets_nothing() -> None:
    graph = small()
    graph.add_node("alone", name="Alone", kind="other", county=None)
    assert recommend(graph, "alone") == [] and recommend(graph, "nobody") == []


def test_long_lists_of_partners_are_shortened_in_the_sentence() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(["me", "you"] + [f"p{i}" for i in range(5)], kind=None, county=None)
    graph.add_weighted_edges_from([(x, f"p{i}", 1) for i in range(5) for x in ("me", "you")])
    assert recommend(graph, "me")[0].why == "shares 5 partners: p0, p1, p2 and 2 more"
