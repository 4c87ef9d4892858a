"""Recommendations, scored by hand."""

from __future__ import annotations

import datetime as dt
import math

import networkx as nx
import pytest
from contract import example

from graph.analytics.recommendations import recommend, store_themes
from graph.language import Lang
from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore


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
    assert found[0].why == "shares 2 partners: Z2, Z1; same county (Vestland); also a municipality"
    assert found[1].why == "shares 1 partner: Z1"


def test_the_reasons_are_given_in_bokmal_nynorsk_or_english() -> None:
    said = {lang: recommend(small(), "u", lang=lang)[0].why for lang in Lang}
    assert said[Lang.NB] == "deler 2 partnere: Z2, Z1; samme fylke (Vestland); også kommune"
    assert said[Lang.NN] == "deler 2 partnarar: Z2, Z1; same fylke (Vestland); også kommune"
    assert said[Lang.EN] == "shares 2 partners: Z2, Z1; same county (Vestland); also a municipality"


def test_an_unknown_or_unconnected_actor_gets_nothing() -> None:
    graph = small()
    graph.add_node("alone", name="Alone", kind="other", county=None)
    assert recommend(graph, "alone") == [] and recommend(graph, "nobody") == []


def test_long_lists_of_partners_are_shortened_in_the_sentence() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(["me", "you"] + [f"p{i}" for i in range(5)], kind=None, county=None)
    graph.add_weighted_edges_from([(x, f"p{i}", 1) for i in range(5) for x in ("me", "you")])
    assert recommend(graph, "me")[0].why == "shares 5 partners: p0, p1, p2 and 2 more"


def test_shared_themes_add_their_overlap_and_are_named() -> None:
    themes = {"u": {"klima", "velferd"}, "v": {"velferd"}, "w": {"klima", "velferd", "skule"}}
    asked: list[list[str]] = []

    def themes_of(ids: list[str]) -> dict[str, set[str]]:
        asked.append(ids)
        return {i: themes[i] for i in ids if i in themes}

    found = {r.id: r for r in recommend(small(), "u", themes_of=themes_of)}
    assert sorted(asked[0]) == ["u", "v", "w"]  # one question, for the actor and its candidates
    assert found["v"].score == pytest.approx(1 / math.log(3) + 1 / math.log(2) + 1 / 2 + 0.5 + 0.25)
    assert found["w"].score == pytest.approx(1 / math.log(3) + 2 / 3)
    assert found["w"].shared_themes == ["klima", "velferd"]
    assert found["w"].why == "shares 1 partner: Z1; both work on klima, velferd"


def test_recommendations_from_a_store_use_the_themes_of_its_initiatives(store: GraphStore) -> None:
    example.load(store)
    store.upsert_actors([Actor(id="alta", name="Alta", kind="municipality", kommunenummer="5601")])
    store.upsert_initiatives([Initiative(id="nord", title="Nordverkstad", kind="workshop", start=dt.date(2020, 1, 1),
                                         themes=("Innovasjon",))])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="nord") for a in ("alta", "tromso")])
    found = recommend(store.projection(), "alta", themes_of=store_themes(store))
    # Everyone Tromsø met at the conference (degree 5 with Alta). KS and Difi worked only on
    # innovasjon, as Alta did (overlap 1); Oslo and Bergen also on velferdsteknologi (1/2) but
    # are municipalities like Alta.
    assert [r.id for r in found] == ["difi", "ks", "bergen", "oslo"]
    assert found[0].score == pytest.approx(1 / math.log(5) + 1.0)
    assert found[2].score == pytest.approx(1 / math.log(5) + 0.5 + 0.25)
    assert found[1].why == "shares 1 partner: Tromsø; both work on innovasjon"
