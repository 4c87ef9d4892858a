"""Views of the collaboration network, on both stores, on the contract example whose weights
are worked out by hand in `contract/example.py`:

    oslo–bergen 1.25, oslo–ks 1.25 (conference + partnership), ks–difi 1.25 (conference +
    meeting), every other pair of the conference's five 0.25; fylke-03, nesta, loner: no tie.
"""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pytest
from contract import example
from counting_store import CountingProjections

from graph.analytics.clusters import stored_clusters
from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore
from viz.view import (
    ColourBy,
    ViewNotFound,
    ViewQuery,
    build_view,
    path_view,
    strongest,
    view_file,
)

FIVE = {"oslo", "bergen", "ks", "difi", "tromso"}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    return store


def ids(view) -> set[str]:
    return {n.id for n in view.nodes}


def ties(view) -> dict[tuple[str, str], float]:
    return {tuple(sorted((e.source, e.target))): e.weight for e in view.edges}


def test_the_whole_network_draws_every_actor_with_a_tie(loaded: GraphStore) -> None:
    view = build_view(loaded, ViewQuery())
    assert ids(view) == FIVE and len(view.edges) == view.ties == 10
    assert (view.matched, view.isolated, view.aggregated, view.is_truncated) == (8, 3, False, False)
    assert ties(view)[("bergen", "oslo")] == 1.25 and ties(view)[("difi", "ks")] == 1.25


def test_nodes_are_sized_by_their_weighted_degree_in_the_view(loaded: GraphStore) -> None:
    weight = {n.id: n.weight for n in build_view(loaded, ViewQuery()).nodes}
    assert weight == {"oslo": 3.0, "ks": 3.0, "bergen": 2.0, "difi": 2.0, "tromso": 1.0}


def test_a_focus_reaches_its_collaborators_then_theirs(loaded: GraphStore) -> None:
    assert ids(build_view(loaded, ViewQuery(focus="oslo", min_weight=1))) == {"oslo", "bergen", "ks"}
    two = build_view(loaded, ViewQuery(focus="oslo", depth=2, min_weight=1))
    assert ids(two) == {"oslo", "bergen", "ks", "difi"}
    assert {n.id: n.depth for n in two.nodes} == {"oslo": 0, "bergen": 1, "ks": 1, "difi": 2}
    assert ids(build_view(loaded, ViewQuery(focus="nesta"))) == {"nesta"}  # alone, but shown


def test_actor_filters_keep_the_focus(loaded: GraphStore) -> None:
    view = build_view(loaded, ViewQuery(focus="ks", actor_kind="municipality"))
    assert ids(view) == {"ks", "oslo", "bergen", "tromso"}
    assert ids(build_view(loaded, ViewQuery(county="46"))) == set()  # Bergen alone has no tie inside


def test_evidence_filters_choose_which_initiatives_make_ties(loaded: GraphStore) -> None:
    assert ties(build_view(loaded, ViewQuery(initiative_kind="project"))) == {("bergen", "oslo"): 1.0}
    conference = ties(build_view(loaded, ViewQuery(theme="innovasjon")))
    assert len(conference) == 10 and set(conference.values()) == {0.25}
    assert ties(build_view(loaded, ViewQuery(until=dt.date(2016, 12, 31)))) == {("bergen", "oslo"): 1.0}
    assert build_view(loaded, ViewQuery(sourced=True)).nodes == []  # the example cites nothing


def test_an_initiative_in_focus_is_drawn_with_its_participants(loaded: GraphStore) -> None:
    view = build_view(loaded, ViewQuery(focus="conference"))
    assert ids(view) == FIVE | {"conference"}
    links = [e for e in view.edges if e.source == "conference"]
    assert {e.target for e in links} == FIVE and all(e.weight == 0 for e in links)
    assert next(n for n in view.nodes if n.id == "conference").type == "initiative"


def test_unknown_focus_or_cluster_is_not_found(loaded: GraphStore) -> None:
    with pytest.raises(ViewNotFound, match="no actor or initiative 'nobody'"):
        build_view(loaded, ViewQuery(focus="nobody"))
    with pytest.raises(ViewNotFound, match="no cluster 99"):
        build_view(loaded, ViewQuery(cluster=99))


def test_a_cluster_view_draws_its_members_and_the_overview_one_node_each(loaded: GraphStore) -> None:
    _, communities, _ = stored_clusters(loaded)
    for community in communities.items:
        assert ids(build_view(loaded, ViewQuery(cluster=community.id))) == set(community.members) & FIVE
    overview = build_view(loaded, ViewQuery(overview=True))
    assert {n.type for n in overview.nodes} == {"cluster"} and overview.aggregated and not overview.is_truncated
    assert sum(n.members for n in overview.nodes) == 5
    assert {n.cluster for n in overview.nodes} == {c.id for c in communities.items if set(c.members) & FIVE}


def test_above_the_cap_the_network_becomes_clusters_and_a_focus_the_nearest(loaded: GraphStore) -> None:
    whole = build_view(loaded, ViewQuery(), cap=3)
    assert whole.aggregated and whole.is_truncated and whole.matched == 8
    assert {n.type for n in whole.nodes} == {"cluster"}
    near = build_view(loaded, ViewQuery(focus="oslo"), cap=3)
    # Nearest first, then the heaviest: KS (3.0) and Bergen (2.0, before Difi by id).
    assert ids(near) == {"oslo", "ks", "bergen"} and near.is_truncated and near.matched == 5


def test_large_views_are_laid_out_the_same_way_every_time(loaded: GraphStore) -> None:
    small = build_view(loaded, ViewQuery())
    assert not small.laid_out and all(n.x is None for n in small.nodes)
    laid = build_view(loaded, ViewQuery(), layout_above=2)
    assert laid.laid_out and all(n.x is not None and n.y is not None for n in laid.nodes)
    assert len({(n.x, n.y) for n in laid.nodes}) == 5
    loaded.upsert_actors([Actor(id="new", name="Ny", kind="other")])  # a new revision: built again
    again = build_view(loaded, ViewQuery(), layout_above=2)
    assert [(n.id, n.x, n.y) for n in again.nodes] == [(n.id, n.x, n.y) for n in laid.nodes]


def test_colouring_by_kind_or_county_has_a_legend_that_counts_the_nodes(loaded: GraphStore) -> None:
    by_kind = build_view(loaded, ViewQuery(colour=ColourBy.KIND), lang="en")
    assert {e.label: e.nodes for e in by_kind.legend} == {"municipality": 3, "interest organisation": 1,
                                                           "state agency": 1}
    colours = {n.id: n.colour for n in by_kind.nodes}
    assert colours["oslo"] == colours["bergen"] == colours["tromso"] != colours["ks"]
    by_county = build_view(loaded, ViewQuery(colour=ColourBy.COUNTY), lang="en")
    assert {e.label: e.nodes for e in by_county.legend} == {"Oslo": 1, "no county": 4}
    by_cluster = build_view(loaded, ViewQuery())
    assert sum(e.nodes for e in by_cluster.legend) == 5


def test_a_view_is_built_once_per_revision(loaded: GraphStore) -> None:
    counting = CountingProjections(loaded)
    build_view(counting, ViewQuery(focus="oslo"))
    fetched = counting.projections
    build_view(counting, ViewQuery(focus="oslo", colour=ColourBy.KIND))
    assert counting.projections == fetched
    loaded.upsert_actors([Actor(id="new", name="Ny", kind="other")])
    build_view(counting, ViewQuery(focus="oslo"))
    assert counting.projections > fetched


def test_the_path_view_marks_the_best_path(loaded: GraphStore) -> None:
    view = path_view(loaded, "bergen", "difi", k=3)
    best = {tuple(sorted((e.source, e.target))) for e in view.edges if e.on_path}
    # Bergen and Difi met at the conference (one hop, through it).
    assert best == {("bergen", "conference"), ("conference", "difi")}
    assert {"bergen", "difi", "conference"} <= ids(view)


def test_a_view_exports_to_graphml_and_gexf_that_read_back(loaded: GraphStore) -> None:
    view = build_view(loaded, ViewQuery(), layout_above=2)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(view_file(view, fmt)))
        assert set(graph.nodes) == FIVE and graph.number_of_edges() == 10, fmt
    graph = nx.read_graphml(io.BytesIO(view_file(view, "graphml")))
    assert graph.nodes["oslo"]["label"] == "Oslo" and "x" in graph.nodes["oslo"]


def test_only_the_strongest_ties_are_kept_each_node_its_heaviest_first() -> None:
    found = [(5.0, 0, 1, 0), (4.0, 0, 2, 1), (3.0, 1, 2, 2), (0.1, 2, 3, 3), (2.0, 0, 3, 4)]
    assert strongest(found, 10) == found
    kept = strongest(found, 3)
    # 0–1 (heaviest of 0 and 1), 0–2 (of 2), 0–3 (of 3): three, each node's heaviest.
    assert sorted(t[3] for t in kept) == [0, 1, 4]
    assert len(strongest(found, 4)) == 4 and (3.0, 1, 2, 2) in strongest(found, 4)


def test_a_focus_view_draws_every_neighbours_tie_to_the_focus_when_ties_are_cut(store: GraphStore) -> None:
    # Twenty actors who each met each other two by two (heavy ties among themselves) and the
    # focus once, all together (a light tie each): 210 ties, far above the 3 per node drawn.
    many = [f"a{k:02d}" for k in range(20)]
    store.upsert_actors([Actor(id=a, name=a.upper(), kind="other") for a in ["focus", *many]])
    pairs = [(x, y) for i, x in enumerate(many) for y in many[i + 1:]]
    store.upsert_initiatives([Initiative(id="all", title="Alle", kind="conference")]
                             + [Initiative(id=f"m-{x}-{y}", title="Møte", kind="meeting") for x, y in pairs])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="all") for a in ["focus", *many]]
                               + [Relationship(type="PARTICIPATED_IN", source=a, target=f"m-{x}-{y}")
                                  for x, y in pairs for a in (x, y)])
    view = build_view(store, ViewQuery(focus="focus"))
    assert view.ties == 210 and len(view.edges) < view.ties  # ties were cut
    to_focus = {e.target if e.source == "focus" else e.source for e in view.edges if "focus" in (e.source, e.target)}
    assert to_focus == set(many)
