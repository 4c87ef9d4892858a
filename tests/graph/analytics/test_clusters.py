"""Clusters of a store: computed once per revision, ids kept across writes and processes."""

from __future__ import annotations

import datetime as dt

from counting_store import CountingProjections

from graph import revision_cache
from graph.analytics.clusters import active_years, stored_clusters
from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore


def meeting(store: GraphStore, name: str, actors: list[str]) -> None:
    store.upsert_actors([Actor(id=a, name=a.upper(), kind="other") for a in actors])
    store.upsert_initiatives([Initiative(id=name, title=name, kind="meeting")])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=name) for a in actors])


def test_clusters_are_computed_once_per_revision(store: GraphStore) -> None:
    for n in range(3):
        meeting(store, f"vest-{n}", ["v1", "v2", "v3", "v4"])
        meeting(store, f"aust-{n}", ["a1", "a2", "a3", "a4"])
    counting = CountingProjections(store)
    first, _, _ = stored_clusters(counting)
    again, _, _ = stored_clusters(counting)
    assert counting.projections == 1 and again == first and len(first.clusters) == 2
    meeting(store, "ny", ["v1", "n1"])
    stored_clusters(counting)
    assert counting.projections == 2


def test_ids_survive_a_write_and_a_new_process(store: GraphStore) -> None:
    for n in range(3):
        meeting(store, f"vest-{n}", ["v1", "v2", "v3", "v4"])
        meeting(store, f"aust-{n}", ["a1", "a2", "a3", "a4"])
        meeting(store, f"nord-{n}", ["n1", "n2", "n3"])
    _, before, _ = stored_clusters(store)
    revision_cache._CACHE.clear()  # as a new process would start
    meeting(store, "ekstra", ["v1", "v2"])  # a tie inside one cluster changes nothing else
    for n in range(3):
        meeting(store, f"sor-{n}", ["s1", "s2", "s3", "s4", "s5"])  # a new, larger group
    _, after, _ = stored_clusters(store)
    for actor in ("v1", "a1", "n1"):
        assert after.of(actor) == before.of(actor)
    assert after.of("s1") == before.next_id


def project(store: GraphStore, name: str, actors: list[str], year: int, themes: tuple[str, ...] = ()) -> None:
    store.upsert_initiatives([Initiative(id=name, title=name, kind="project", start=dt.date(year, 3, 1), themes=themes)])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=name) for a in actors])


def test_a_cluster_is_summarised_by_place_theme_years_and_brokers(store: GraphStore) -> None:
    store.upsert_actors([
        Actor(id="fylke-46", name="Vestland", kind="county", fylkesnummer="46"),
        Actor(id="bergen", name="Bergen kommune", kind="municipality", kommunenummer="4601"),
        Actor(id="voss", name="Voss herad", kind="municipality", kommunenummer="4621"),
        Actor(id="askoy", name="Askøy kommune", kind="municipality", kommunenummer="4627"),
        Actor(id="tromso", name="Tromsø kommune", kind="municipality", kommunenummer="5501"),
        Actor(id="alta", name="Alta kommune", kind="municipality", kommunenummer="5601"),
        Actor(id="ks", name="KS", kind="interest_organisation"),
    ])
    vest = ["fylke-46", "bergen", "voss", "askoy"]
    project(store, "v-2012", vest, 2012)  # one early outlier
    for year in (2019, 2020, 2021, 2022):
        project(store, f"v-{year}", vest, year, themes=("Velferdsteknologi",))
    for year in (2015, 2016):
        project(store, f"n-{year}", ["tromso", "alta", "ks"], year, themes=("Klima",))
    project(store, "bro", ["bergen", "ks"], 2020)  # Bergen reaches into the northern cluster
    report, communities, _ = stored_clusters(store)
    west = next(c for c in report.clusters if communities.of("voss") == c.id)
    north = next(c for c in report.clusters if communities.of("alta") == c.id)
    assert west.label == "Vestland · velferdsteknologi · 2019–2022"
    assert (west.initiatives, west.years) == (6, {2012: 1, 2019: 1, 2020: 2, 2021: 1, 2022: 1})
    assert [(t.theme, t.initiatives) for t in west.themes] == [("velferdsteknologi", 4)]
    assert [(m.code, m.name, m.actors) for m in west.municipalities] == [
        ("4601", "Bergen kommune", 1), ("4621", "Voss herad", 1), ("4627", "Askøy kommune", 1)]
    assert [(b.id, b.bridges) for b in west.brokers] == [("bergen", [north.id])]
    # No county holds most of it; the bridge project (2020) is a third of its initiatives.
    assert north.label == "KS, Alta kommune · klima · 2015–2020"
    assert [b.id for b in north.brokers] == ["ks"]


def test_active_years_leave_out_outliers_but_keep_the_bulk() -> None:
    assert active_years({}) is None
    assert active_years({2020: 3}) == (2020, 2020)
    assert active_years({2010: 1, 2018: 3, 2019: 3, 2020: 3}) == (2018, 2020)
    assert active_years({2016: 1, 2017: 1, 2018: 1, 2019: 1, 2020: 1}) == (2016, 2019)  # earliest of equal spans
