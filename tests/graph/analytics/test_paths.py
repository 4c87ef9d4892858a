"""Paths with meaning, on hand-built graphs and on both stores."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from contract import example

from graph.analytics.paths import actor_paths, shortest_paths
from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore


def ladder() -> nx.Graph:
    """a–b–d and a–c–d (two hops each; a–c–d stronger), and a–e–f–d (three hops)."""
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 0.5), ("b", "d", 0.5), ("a", "c", 2.0), ("c", "d", 2.0),
                                   ("a", "e", 5.0), ("e", "f", 5.0), ("f", "d", 5.0)])
    return graph


def test_fewer_hops_first_then_stronger_ties() -> None:
    assert shortest_paths(ladder(), "a", "d", k=3) == [["a", "c", "d"], ["a", "b", "d"], ["a", "e", "f", "d"]]


def test_k_and_max_hops_bound_the_alternatives() -> None:
    assert shortest_paths(ladder(), "a", "d", k=1) == [["a", "c", "d"]]
    assert shortest_paths(ladder(), "a", "d", k=5, max_hops=2) == [["a", "c", "d"], ["a", "b", "d"]]
    assert shortest_paths(ladder(), "a", "d", k=5, max_hops=1) == []


def test_equally_short_and_strong_paths_are_ordered_by_id_whatever_the_insertion_order() -> None:
    one, other = nx.Graph(), nx.Graph()
    edges = [("s", m, 1.0) for m in ("m1", "m2", "m3")] + [(m, "t", 1.0) for m in ("m1", "m2", "m3")]
    one.add_weighted_edges_from(edges)
    other.add_weighted_edges_from(reversed(edges))
    expected = [["s", "m1", "t"], ["s", "m2", "t"]]
    assert shortest_paths(one, "s", "t", k=2) == shortest_paths(other, "s", "t", k=2) == expected


def test_unknown_unconnected_or_identical_ends_have_no_path() -> None:
    graph = ladder()
    graph.add_node("alone")
    assert shortest_paths(graph, "a", "alone") == []
    assert shortest_paths(graph, "a", "nobody") == []
    assert shortest_paths(graph, "a", "a") == []


def test_a_path_in_a_store_names_the_initiatives_each_hop_rests_on(store: GraphStore) -> None:
    example.load(store)
    store.upsert_actors([Actor(id="alta", name="Alta", kind="municipality", kommunenummer="5601")])
    store.upsert_initiatives([Initiative(id="nord", title="Nordverkstad", kind="workshop", start=dt.date(2020, 1, 1))])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="nord") for a in ("alta", "tromso")])
    paths = actor_paths(store, "alta", "ks", k=3)
    # Alta reaches KS only through Tromsø; then straight (the conference), or through a
    # conference partner with a stronger tie to KS: Oslo (partnership) and Difi (meeting) at 1.25.
    assert [[a.id for a in p.actors] for p in paths] == [
        ["alta", "tromso", "ks"], ["alta", "tromso", "difi", "ks"], ["alta", "tromso", "oslo", "ks"]]
    first = paths[0]
    assert first.through == "Alta —[Nordverkstad]— Tromsø —[Innovasjonskonferansen]— KS"
    assert [(h.weight, h.more_evidence) for h in first.hops] == [(1.0, 0), (0.25, 0)]
    assert first.weakest == 0.25
    oslo_ks = paths[2].hops[2]
    assert [e.kind for e in oslo_ks.evidence] == ["partnership", "initiative"]
    assert paths[2].through.endswith("Oslo —[partnership, Innovasjonskonferansen]— KS")


def test_paths_keep_to_a_window_and_k_is_bounded(store: GraphStore) -> None:
    example.load(store)
    # Before 2017 Oslo and Bergen shared only the 2016 project; KS met no one dated.
    assert [[a.id for a in p.actors] for p in actor_paths(store, "oslo", "bergen", until=dt.date(2016, 12, 31))] == [
        ["oslo", "bergen"]]
    assert actor_paths(store, "oslo", "ks", until=dt.date(2016, 12, 31)) == []
    assert actor_paths(store, "oslo", "nesta") == []  # learning from is no collaboration
    with pytest.raises(ValueError, match="k must be from 1 to 10"):
        actor_paths(store, "oslo", "ks", k=11)
