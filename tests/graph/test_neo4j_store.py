"""What only the Neo4j store does: cluster ids written back onto the actors for Cypher users."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_neo4j_store

from graph.model import Actor, Initiative, Label, Relationship
from graph.neo4j_store import Neo4jStore
from graph.store_results import DEFAULT_CLUSTERS, NodeRef, SavedClusters

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


def test_a_routing_uri_reads_and_writes_as_a_direct_one(neo4j_uri: str) -> None:
    # neo4j:// asks the server for its routing table first, as a cluster or Aura is asked.
    routed = make_neo4j_store(neo4j_uri.replace("bolt://", "neo4j://"))
    routed.open()
    try:
        routed.wipe()
        routed.upsert_actors([Actor(id="r", name="Routed", kind="other")])
        assert routed.get_actor("r").name == "Routed"
        assert [a.id for a in routed.find_actors(q="rout").items] == ["r"]
    finally:
        routed.wipe()
        routed.close()


def test_reads_go_through_read_transactions(neo4j: Neo4jStore) -> None:
    # Inside a read transaction Neo4j refuses a write: a read that a cluster routes to a
    # reader can then never have been a write in disguise.
    from graph.store_errors import StoreError

    with pytest.raises(StoreError):
        neo4j._read("CREATE (n:Actor {id: 'written-in-a-read'}) RETURN n.id AS id")
    assert neo4j.get_actor("written-in-a-read") is None


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A second test server whose Bolt requires TLS, with a certificate from an authority of our own."""
    import neo4j_server

    certificates = neo4j_server.make_certificates(tmp_path_factory.mktemp("tls"))
    server = neo4j_server.start(tls=certificates)
    try:
        yield f"neo4j+s://127.0.0.1:{server.port}", certificates / "ca.crt"
    finally:
        server.stop()


def test_a_tls_routing_uri_as_aura_gives_works_when_its_authority_is_trusted(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    uri, authority = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(authority))  # where OpenSSL, and so the driver, finds trusted authorities
    store = make_neo4j_store(uri)
    store.open()
    try:
        store.upsert_actors([Actor(id="s", name="Sikker", kind="other")])
        assert store.get_actor("s").name == "Sikker"
    finally:
        store.close()


def test_a_tls_uri_whose_certificate_is_not_trusted_is_refused_clearly(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from graph.store_errors import StoreUnavailable

    uri, _ = tls_server
    empty = tmp_path / "none.crt"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))  # no authority trusted
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    store = make_neo4j_store(uri)
    with pytest.raises(StoreUnavailable, match="unavailable|certificate"):
        store.open()
    store.close()


def test_the_reads_of_one_question_share_one_read_transaction(neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j.upsert_actors([Actor(id=i, name=i.upper(), kind="other") for i in ("a", "b", "c")])
    neo4j.upsert_initiatives([Initiative(id="m", title="Møte", kind="meeting")])
    neo4j.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="m") for a in ("a", "b", "c")])
    assert neo4j._driver is not None
    opened: list[str] = []
    session = neo4j._driver.session

    def counted(**kwargs: object) -> object:
        opened.append(str(kwargs.get("default_access_mode")))
        return session(**kwargs)

    monkeypatch.setattr(neo4j._driver, "session", counted)
    assert {c.id for c in neo4j.collaborators("a")} == {"b", "c"}  # partners, weights, evidence: three queries
    assert [n.id for n in neo4j.neighbourhood(NodeRef(label=Label.ACTOR, id="a"), depth=2).nodes] != []
    path = neo4j.shortest_path("a", "c")
    assert path is not None and [n.id for n in path.nodes] == ["a", "m", "c"]
    assert opened == ["READ"] * 3  # one read session per question, however many queries it asks
    assert neo4j._asking.tx is None  # and none left open for the next question


def test_an_answer_later_than_the_query_timeout_is_refused_though_the_server_did_not_stop_it(neo4j: Neo4jStore) -> None:
    # Neo4j's transaction monitor looks every few seconds: a 50 ms read under a 20 ms limit
    # runs to its end there, and the store still owes its caller a timeout, as SQLite gives.
    from graph.store_errors import StoreTimeout

    neo4j.upsert_actors([Actor(id="a", name="A", kind="other")])
    neo4j.query_timeout = 0.02
    def slow_read() -> list[dict[str, object]]:
        time.sleep(0.05)  # the caller's side of a slow answer: Neo4j sees an idle transaction
        return neo4j._read("MATCH (a:Actor) RETURN a.id AS id")

    with pytest.raises(StoreTimeout, match=r"longer than 0\.02 s"):
        neo4j._in_one_read(slow_read)
    neo4j.query_timeout = None
    assert neo4j.get_actor("a").name == "A"  # the connection still works
