"""Kept clusterings: what a store remembers of the last clustering, on both stores."""

from __future__ import annotations

from graph.model import Actor
from graph.store import GraphStore
from graph.store_results import DEFAULT_CLUSTERS, SavedClusters


def test_a_kept_clustering_comes_back_and_does_not_change_the_revision(store: GraphStore) -> None:
    store.upsert_actors([Actor(id="a", name="A", kind="other"), Actor(id="b", name="B", kind="other")])
    revision = store.revision()
    assert store.load_clusters("0.5") is None
    kept = SavedClusters(revision=revision, membership={"a": 3, "b": 4}, next_id=5)
    store.save_clusters("0.5", kept)
    store.save_clusters("0.5|2016-01-01|", kept.model_copy(update={"next_id": 9}))
    assert store.load_clusters("0.5") == kept
    assert store.load_clusters("0.5|2016-01-01|").next_id == 9
    assert store.revision() == revision


def test_wipe_forgets_kept_clusterings(store: GraphStore) -> None:
    store.save_clusters(DEFAULT_CLUSTERS, SavedClusters(revision=0, membership={}, next_id=1))
    store.wipe()
    assert store.load_clusters(DEFAULT_CLUSTERS) is None
