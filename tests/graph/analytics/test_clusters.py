"""Clusters of a store: computed once per revision, ids kept across writes and processes."""

from __future__ import annotations

from graph.analytics import clusters as clusters_module
from graph.analytics.clusters import stored_clusters
from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore


def meeting(store: GraphStore, name: str, actors: list[str]) -> None:
    store.upsert_actors([Actor(id=a, name=a.upper(), kind="other") for a in actors])
    store.upsert_initiatives([Initiative(id=name, title=name, kind="meeting")])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=name) for a in actors])


class CountingProjections:
    def __init__(self, store: GraphStore):
        self.store, self.projections = store, 0

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def projection(self, *args, **kwargs):
        self.projections += 1
        return self.store.projection(*args, **kwargs)


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
    clusters_module._CACHE.clear()  # as a new process would start
    meeting(store, "ekstra", ["v1", "v2"])  # a tie inside one cluster changes nothing else
    for n in range(3):
        meeting(store, f"sor-{n}", ["s1", "s2", "s3", "s4", "s5"])  # a new, larger group
    _, after, _ = stored_clusters(store)
    for actor in ("v1", "a1", "n1"):
        assert after.of(actor) == before.of(actor)
    assert after.of("s1") == before.next_id
