"""The tie table: the collaboration graph in flat arrays, in one order whatever the store."""

from __future__ import annotations

import random

import networkx as nx

from graph.collaboration import ActorAttrs, Tie
from graph.ties import build_tie_table, from_networkx, tie_table_from_pages, to_igraph, to_networkx

ACTORS = [ActorAttrs("c", "C", "other", None), ActorAttrs("a", "A", "municipality", "46", "4601"),
          ActorAttrs("b", "B", "county", "46")]


def test_actors_and_ties_come_out_in_one_order_whatever_order_they_came_in() -> None:
    ties = [Tie("b", "c", 0.5, 1), Tie("a", "c", 1.0, 1), Tie("a", "b", 0.25, 1)]
    one = build_tie_table(ACTORS, ties, [])
    other = build_tie_table(reversed(ACTORS), reversed(ties), [])
    assert one.ids() == other.ids() == ["a", "b", "c"]
    assert list(one.edges()) == list(other.edges()) == [(0, 1, 0.25), (0, 2, 1.0), (1, 2, 0.5)]


def test_a_partnership_adds_one_to_its_pairs_tie_or_makes_one() -> None:
    table = build_tie_table(ACTORS, iter([Tie("a", "b", 0.25, 1)]), [("b", "a"), ("c", "a"), ("a", "a")])
    assert list(table.edges()) == [(0, 1, 1.25), (0, 2, 1.0)]  # a partnership with oneself is no tie
    assert (list(table.initiatives), list(table.partnership)) == ([1, 0], [1, 1])
    assert table.strengths() == [2.25, 1.25, 1.0]


def test_networkx_and_igraph_forms_hold_the_same_graph() -> None:
    table = build_tie_table(ACTORS, [Tie("a", "b", 0.25, 1), Tie("b", "c", 0.5, 2)], [("a", "c")])
    graph = to_networkx(table)
    assert graph.nodes["a"] == {"name": "A", "kind": "municipality", "county": "46", "municipality": "4601"}
    assert graph["a"]["c"] == {"weight": 1.0, "initiatives": 0, "partnership": True}
    back = from_networkx(graph)
    assert (back.ids(), list(back.edges()), back.partnership) == (table.ids(), list(table.edges()), table.partnership)
    compact = to_igraph(table)
    assert (compact.vcount(), sorted(e.tuple for e in compact.es)) == (3, [(0, 1), (0, 2), (1, 2)])


def test_a_hand_built_graph_needs_only_weights() -> None:
    graph = nx.Graph()
    graph.add_edge(2, 1, weight=3.0)
    table = from_networkx(graph)
    assert table.ids() == ["1", "2"] and list(table.edges()) == [(0, 1, 3.0)]


def test_a_table_read_in_pages_is_the_table_built_tie_by_tie() -> None:
    rng = random.Random(7)
    actors = [ActorAttrs(f"x{k:03d}", f"X {k}", "other", None) for k in range(60)]
    pairs = sorted({tuple(sorted(rng.sample([a.id for a in actors], 2))) for _ in range(400)})
    ties = [Tie(a, b, rng.choice([0.25, 0.5, 1.0]), rng.randint(1, 3)) for a, b in pairs]
    # Partnerships on some tied pairs, some untied ones, one both ways and one with itself.
    partners = [(b, a) for a, b in pairs[::40]] + [("x000", "x059"), ("x059", "x000"), ("x001", "x001")]
    rows = [(t.a, t.b, t.weight, t.initiatives) for t in ties]
    paged = tie_table_from_pages(actors, [rows[k : k + 50] for k in range(0, len(rows), 50)], partners)
    built = build_tie_table(actors, ties, partners)
    assert paged.ids() == built.ids()
    assert (paged.a, paged.b, paged.weight, paged.initiatives) == (built.a, built.b, built.weight, built.initiatives)
    assert paged.partnership == built.partnership and sum(paged.partnership) > 10
