"""The first HTTP endpoints: health, actor search, collaborators; errors as problem details."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from bench.generate import generate
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from ingest.importer import ImportOptions, run_import


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_collaborators_endpoint_ranks_with_evidence(client: TestClient) -> None:
    response = client.get("/api/actors/ks/collaborators")
    assert response.status_code == 200
    body = response.json()
    assert body["actor"]["id"] == "ks"
    assert body["collaborators"][0]["id"] == "difi"
    assert body["collaborators"][0]["weight"] == 2.0
    assert len(body["collaborators"][0]["evidence"]) == 2


def test_actor_search_pages(client: TestClient) -> None:
    first = client.get("/api/actors", params={"kind": "county", "limit": 10}).json()
    assert len(first["items"]) == 10 and first["next_cursor"]
    rest = client.get("/api/actors", params={"kind": "county", "limit": 10, "cursor": first["next_cursor"]}).json()
    assert len(rest["items"]) == 5 and rest["next_cursor"] is None
    assert client.get("/api/actors", params={"q": "tromsø"}).json()["items"][0]["id"] == "kommune-5501"


def test_unknown_actor_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/actors/ghost/collaborators")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found" and "ghost" in response.json()["detail"]


def test_bad_parameters_are_a_422_problem(client: TestClient) -> None:
    response = client.get("/api/actors/ks/collaborators", params={"since": "11.03.2016"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "query.since"


def test_a_forged_cursor_is_a_client_error(client: TestClient) -> None:
    response = client.get("/api/actors", params={"cursor": "forged"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_store_that_is_down_gives_503_with_retry_after() -> None:
    down = Neo4jStore("bolt://127.0.0.1:1", connection_timeout=1)
    with TestClient(create_app(lambda: down)) as test_client:
        ready = test_client.get("/readyz")
        assert ready.status_code == 503 and ready.headers["retry-after"]
        response = test_client.get("/api/actors/ks/collaborators")
        assert response.status_code == 503
        assert response.headers["retry-after"]
        assert response.headers["content-type"] == "application/problem+json"


def test_no_page_that_loads_from_a_cdn_is_served(client: TestClient) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "Samspill"
    page = client.get("/docs")
    assert page.status_code == 200 and "/static/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_a_read_past_the_store_timeout_is_stopped_and_answers_503(store: GraphStore, tmp_path: Path) -> None:
    data = generate(20_000, tmp_path / "data")  # synthetic: enough ties that projecting them takes a while
    run_import(store, [data.actors, data.initiatives, data.participation], ImportOptions())
    with TestClient(create_app(lambda: store, Settings(store_timeout_s=0.005))) as slow:
        response = slow.get("/api/clusters")
        assert response.status_code == 503 and response.headers["retry-after"]
        assert "took longer than 0.005 s" in response.json()["detail"]
        assert slow.get("/healthz").status_code == 200
    store.query_timeout = None
    store.open()  # the app closed it on the way out
    assert store.tie_table().ties > 0  # nothing is left broken


def test_the_openapi_documents_every_operation_with_a_summary_and_every_json_body_with_examples(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operations = [(path, method, op) for path, item in paths.items() for method, op in item.items()]
    assert len(operations) >= 25
    assert all(op.get("summary") for _, _, op in operations)
    bodies = [(path, op["requestBody"]["content"]["application/json"]) for path, _, op in operations
              if "application/json" in op.get("requestBody", {}).get("content", {})]
    assert len(bodies) == 6 and all(content.get("examples") for _, content in bodies)
