"""Neighbourhoods (depth, cap, truncation) and shortest paths."""

from __future__ import annotations

import pytest
from contract import example

from graph.limits import InvalidQuery
from graph.model import Label
from graph.store import GraphStore
from graph.store_results import NodeRef

OSLO = NodeRef(label=Label.ACTOR, id="oslo")


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    return store


def keys(subgraph) -> list[str]:
    return [f"{n.label}:{n.id}" for n in subgraph.nodes]


def test_depth_one_is_the_direct_neighbours(loaded: GraphStore) -> None:
    sub = loaded.neighbourhood(OSLO, depth=1)
    assert keys(sub) == ["Actor:oslo", "Actor:fylke-03", "Actor:ks", "Initiative:conference", "Initiative:project"]
    assert [n.depth for n in sub.nodes] == [0, 1, 1, 1, 1]
    assert sub.is_truncated is False
    # Every edge among the included nodes, KS's two roles at the conference included.
    assert sorted((e.type, e.source.id, e.target.id, e.role or "") for e in sub.edges) == [
        ("PARTICIPATED_IN", "ks", "conference", "participant"),
        ("PARTICIPATED_IN", "ks", "conference", "speaker"),
        ("PARTICIPATED_IN", "oslo", "conference", "participant"),
        ("PARTICIPATED_IN", "oslo", "project", "organiser"),
        ("PARTNER_OF", "ks", "oslo", ""),
        ("PART_OF", "oslo", "fylke-03", ""),
    ]


def test_depth_two_reaches_collaborators_through_initiatives(loaded: GraphStore) -> None:
    sub = loaded.neighbourhood(OSLO, depth=2)
    depth2 = [f"{n.label}:{n.id}" for n in sub.nodes if n.depth == 2]
    assert depth2 == ["Actor:bergen", "Actor:difi", "Actor:tromso", "Initiative:meeting"]
    assert sub.is_truncated is False


def test_max_nodes_truncates_and_says_so(loaded: GraphStore) -> None:
    sub = loaded.neighbourhood(OSLO, depth=3, max_nodes=3)
    assert keys(sub) == ["Actor:oslo", "Actor:fylke-03", "Actor:ks"]
    assert sub.is_truncated is True
    assert all(e.source.key in set(keys(sub)) and e.target.key in set(keys(sub)) for e in sub.edges)


def test_neighbourhood_of_an_initiative(loaded: GraphStore) -> None:
    sub = loaded.neighbourhood(NodeRef(label=Label.INITIATIVE, id="meeting"), depth=1)
    assert keys(sub) == ["Initiative:meeting", "Actor:difi", "Actor:ks"]


def test_depth_is_limited_to_three(loaded: GraphStore) -> None:
    with pytest.raises(InvalidQuery):
        loaded.neighbourhood(OSLO, depth=4)


def test_unknown_start_node_raises_key_error(loaded: GraphStore) -> None:
    with pytest.raises(KeyError):
        loaded.neighbourhood(NodeRef(label=Label.ACTOR, id="ghost"))


def test_shortest_path_runs_through_people_and_initiatives(loaded: GraphStore) -> None:
    found = loaded.shortest_path("nesta", "tromso")
    assert [n.id for n in found.nodes] == ["nesta", "difi", "conference", "tromso"]
    assert [e.type for e in found.edges] == ["LEARNED_FROM", "PARTICIPATED_IN", "PARTICIPATED_IN"]
    assert found.hops == 3


def test_path_edges_join_consecutive_nodes(loaded: GraphStore) -> None:
    found = loaded.shortest_path("bergen", "nesta")
    assert found.hops == 3
    for edge, a, b in zip(found.edges, found.nodes, found.nodes[1:]):
        assert {edge.source.key, edge.target.key} == {f"{a.label}:{a.id}", f"{b.label}:{b.id}"}


def test_no_path_within_max_hops_is_none(loaded: GraphStore) -> None:
    assert loaded.shortest_path("nesta", "tromso", max_hops=2) is None
    assert loaded.shortest_path("oslo", "loner") is None
    assert loaded.shortest_path("oslo", "ghost") is None


def test_path_to_itself_has_no_hops(loaded: GraphStore) -> None:
    assert loaded.shortest_path("oslo", "oslo").hops == 0
