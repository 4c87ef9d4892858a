"""What only the Neo4j store does: cluster ids written back onto the actors for Cypher users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import make_neo4j_store

from graph.model import Actor
from graph.neo4j_store import Neo4jStore
from graph.store_results import DEFAULT_CLUSTERS, SavedClusters

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j(neo4j_uri: str) -> Iterator[Neo4jStore]:
    store = make_neo4j_store(neo4j_uri)
    store.open()
    store.wipe()
    yield store
    store.close()


def clusters_on_nodes(store: Neo4jStore) -> dict[str, int | None]:
    return {r["id"]: r["cluster"] for r in store._read("MATCH (a:Actor) RETURN a.id AS id, a.cluster AS cluster")}


def test_the_default_clustering_is_written_onto_the_actors(neo4j: Neo4jStore) -> None:
    neo4j.upsert_actors([Actor(id=i, name=i.upper(), kind="other") for i in ("a", "b", "c")])
    neo4j.save_clusters(DEFAULT_CLUSTERS, SavedClusters(revision=1, membership={"a": 1, "b": 2, "c": 2}, next_id=3))
    assert clusters_on_nodes(neo4j) == {"a": 1, "b": 2, "c": 2}
    neo4j.save_clusters(DEFAULT_CLUSTERS, SavedClusters(revision=2, membership={"b": 5}, next_id=6))
    assert clusters_on_nodes(neo4j) == {"a": None, "b": 5, "c": None}  # the old ids are cleared
    neo4j.save_clusters("0.5", SavedClusters(revision=3, membership={"a": 9}, next_id=10))
    assert clusters_on_nodes(neo4j)["a"] is None  # other variants stay off the nodes
