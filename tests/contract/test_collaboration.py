"""Collaborators: Newman weights, evidence, time windows; the networkx projection."""

from __future__ import annotations

import datetime as dt

import pytest
from contract import example

from graph.model import Actor, Initiative, Relationship, Source
from graph.store import GraphStore
from graph.store_results import Evidenced, EvidenceKind
from graph.ties import TieTable


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    return store


def test_collaborators_are_ranked_by_weight_then_name(loaded: GraphStore) -> None:
    # Bergen: project 1 + conference 1/4; KS: conference 1/4 + partnership 1.
    ranked = [(c.id, c.weight) for c in loaded.collaborators("oslo")]
    assert ranked == [("bergen", 1.25), ("ks", 1.25), ("difi", 0.25), ("tromso", 0.25)]


def test_each_collaborator_lists_its_evidence(loaded: GraphStore) -> None:
    ks = {c.id: c for c in loaded.collaborators("oslo")}["ks"]
    partnership, conference = ks.evidence
    assert partnership.kind == EvidenceKind.PARTNERSHIP and partnership.weight == 1.0
    assert partnership.start == dt.date(2017, 1, 1)
    assert conference.kind == EvidenceKind.INITIATIVE
    assert (conference.initiative_id, conference.title, conference.participants) == (
        "conference", "Innovasjonskonferansen", 5
    )
    assert conference.weight == 0.25
    assert conference.roles == ["participant", "speaker"]


def test_an_actor_with_two_roles_counts_once_in_n(loaded: GraphStore) -> None:
    evidence = {c.id: c for c in loaded.collaborators("tromso")}["ks"].evidence
    assert [e.participants for e in evidence] == [5]


def test_a_two_party_meeting_weighs_one(loaded: GraphStore) -> None:
    assert [(c.id, c.weight) for c in loaded.collaborators("difi")][0] == ("ks", 1.25)


def test_time_window_keeps_initiatives_that_overlap_it(loaded: GraphStore) -> None:
    since_2017 = [(c.id, c.weight) for c in loaded.collaborators("oslo", since=dt.date(2017, 1, 1))]
    assert since_2017 == [("ks", 1.25), ("bergen", 0.25), ("difi", 0.25), ("tromso", 0.25)]
    until_2016 = [(c.id, c.weight) for c in loaded.collaborators("oslo", until=dt.date(2016, 12, 31))]
    assert until_2016 == [("bergen", 1.0)]
    mid_project = [c.id for c in loaded.collaborators("oslo", since=dt.date(2016, 6, 1), until=dt.date(2016, 6, 30))]
    assert mid_project == ["bergen"]


def test_undated_evidence_counts_only_without_a_window(loaded: GraphStore) -> None:
    assert [c.id for c in loaded.collaborators("difi", since=dt.date(2000, 1, 1))] == ["bergen", "ks", "oslo", "tromso"]
    assert {c.id: c.weight for c in loaded.collaborators("difi", since=dt.date(2000, 1, 1))}["ks"] == 0.25


def test_limit_cuts_the_ranking(loaded: GraphStore) -> None:
    assert [c.id for c in loaded.collaborators("oslo", limit=2)] == ["bergen", "ks"]


def test_collaborators_among_given_actors_keep_their_whole_evidence(loaded: GraphStore) -> None:
    among = loaded.collaborators("oslo", among=["ks", "tromso", "nesta"])
    assert [(c.id, c.weight, len(c.evidence)) for c in among] == [("ks", 1.25, 2), ("tromso", 0.25, 1)]
    assert loaded.collaborators("oslo", among=[]) == []


def test_an_actor_without_ties_has_no_collaborators(loaded: GraphStore) -> None:
    assert loaded.collaborators("loner") == []
    assert loaded.collaborators("no-such-actor") == []


def test_projection_is_the_weighted_collaboration_graph(loaded: GraphStore) -> None:
    graph = loaded.projection()
    assert graph.number_of_nodes() == len(example.ACTORS)
    assert graph["oslo"]["bergen"]["weight"] == 1.25
    assert graph["oslo"]["ks"] == {"weight": 1.25, "initiatives": 1, "partnership": True}
    assert graph["ks"]["difi"]["weight"] == 1.25
    assert not graph.has_edge("difi", "nesta")  # learning is not collaboration
    assert graph.nodes["bergen"] == {"name": "Bergen", "kind": "municipality", "county": "46", "municipality": "4601"}
    windowed = loaded.projection(until=dt.date(2016, 12, 31))
    assert sorted(tuple(sorted(e)) for e in windowed.edges) == [("bergen", "oslo")]


def _ties(table: TieTable) -> dict[tuple[str, str], float]:
    ids = table.ids()
    return {(ids[a], ids[b]): w for a, b, w in table.edges()}


def test_ties_can_be_limited_to_one_kind_or_theme_of_initiative(loaded: GraphStore) -> None:
    # Only the conference: every pair of its five at 1/4, and no partnership (it has no kind).
    conference = _ties(loaded.tie_table(evidence=Evidenced(initiative_kind="conference")))
    assert len(conference) == 10 and set(conference.values()) == {0.25}
    assert _ties(loaded.tie_table(evidence=Evidenced(theme=" VELFERDSTEKNOLOGI "))) == {("bergen", "oslo"): 1.0}


def test_ties_can_be_limited_to_sourced_evidence(loaded: GraphStore) -> None:
    assert loaded.tie_table(evidence=Evidenced(sourced=True)).ties == 0  # the example cites nothing
    source = Source(title="Referat", quote='"sources":[] in a quote stays text')
    meeting = next(i for i in example.INITIATIVES if i.id == "meeting")
    loaded.upsert_initiatives([meeting.model_copy(update={"sources": (source,)})])
    loaded.upsert_relationships([Relationship(type="PARTNER_OF", source="oslo", target="ks",
                                              start=dt.date(2017, 1, 1), sources=(source,))])
    assert _ties(loaded.tie_table(evidence=Evidenced(sourced=True))) == {("difi", "ks"): 1.0, ("ks", "oslo"): 1.0}


def test_the_top_of_a_hubs_ranking_is_the_top_of_its_full_ranking(store: GraphStore) -> None:
    # A hub meets 60 actors: each in a meeting of its own size (so weights differ), a block of
    # equal weights whose names sort against their ids, and partners whose partnership lifts them.
    actors = [Actor(id="hub", name="Hub", kind="other")] + [
        Actor(id=f"a{n:02d}", name=f"Name {59 - n:02d}", kind="other") for n in range(60)]
    store.upsert_actors(actors)
    initiatives, rels = [], []
    for n in range(60):
        size = 2 + (n % 7)  # seven weights, many ties among them
        initiatives.append(Initiative(id=f"m{n:02d}", title=f"M {n}", kind="meeting"))
        members = ["hub", f"a{n:02d}"] + [f"a{(n + k) % 60:02d}" for k in range(1, size - 1)]
        rels += [Relationship(type="PARTICIPATED_IN", source=a, target=f"m{n:02d}") for a in dict.fromkeys(members)]
    store.upsert_initiatives(initiatives)
    store.upsert_relationships(rels + [Relationship(type="PARTNER_OF", source="hub", target=f"a{n:02d}") for n in (7, 33)])
    full = store.collaborators("hub", limit=500)
    assert len(full) == 60
    for limit in (1, 5, 13, 40):
        assert store.collaborators("hub", limit=limit) == full[:limit]


def test_a_collaborator_lists_its_heaviest_evidence_and_counts_it_all(store: GraphStore) -> None:
    store.upsert_actors([Actor(id=a, name=a.upper(), kind="other") for a in ("x", "y", "z")])
    sizes = {f"m{n:02d}": 2 + n % 2 for n in range(25)}  # 25 shared initiatives: 13 of two actors, 12 of three
    store.upsert_initiatives([Initiative(id=i, title=i, kind="meeting") for i in sizes])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=i)
                                for i, n in sizes.items() for a in ("x", "y", "z")[:n]])
    y = store.collaborators("x")[0]
    assert (y.id, y.evidence_count, len(y.evidence)) == ("y", 25, 20)
    assert y.weight == 13 * 1.0 + 12 * 0.5  # over all 25, not only those listed
    assert [e.participants for e in y.evidence] == [2] * 13 + [3] * 7  # the heaviest first
