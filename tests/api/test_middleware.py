"""What every response carries and every request is held to: ETags, size caps, headers, CORS."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore


def test_reads_carry_an_etag_that_answers_304_until_a_write(client: TestClient, editor: dict[str, str]) -> None:
    first = client.get("/api/actors/ks/collaborators")
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    same = client.get("/api/actors/ks/collaborators", headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.content == b""
    other_url = client.get("/api/actors/difi/collaborators", headers={"If-None-Match": tag})
    assert other_url.status_code == 200
    client.put("/api/actors/ny", json={"id": "ny", "name": "Ny", "kind": "other"}, headers=editor)
    changed = client.get("/api/actors/ks/collaborators", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_a_304_never_skips_the_key_check_when_reads_need_one(seeded: GraphStore, reader: dict[str, str]) -> None:
    with TestClient(create_app(lambda: seeded, Settings(read_key_required=True))) as closed:
        tag = closed.get("/api/actors", headers=reader).headers["etag"]
        assert closed.get("/api/actors", headers={"If-None-Match": tag}).status_code == 401
        assert closed.get("/api/actors", headers={**reader, "If-None-Match": tag}).status_code == 304


def test_a_body_over_the_cap_is_refused_unread_even_when_chunked(seeded: GraphStore, editor: dict[str, str]) -> None:
    with TestClient(create_app(lambda: seeded, Settings(max_body_bytes=1_000))) as small:
        declared = small.post("/api/relationships", content=b"[" + b" " * 2_000 + b"]",
                              headers={**editor, "Content-Type": "application/json"})
        assert declared.status_code == 413 and declared.headers["content-type"] == "application/problem+json"

        def chunks() -> Iterator[bytes]:
            yield b"["
            for _ in range(30):
                yield b" " * 100
            yield b"]"

        chunked = small.post("/api/relationships", content=chunks(), headers={**editor, "Content-Type": "application/json"})
        assert chunked.status_code == 413
        assert small.post("/api/relationships", json=[], headers=editor).status_code == 200


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/api/actors"), client.get("/api/actors/ghost"), client.get("/healthz")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "http" not in policy


def test_cors_is_off_unless_origins_are_configured(client: TestClient, seeded: GraphStore) -> None:
    asked = {"Origin": "https://kommune.no"}
    assert "access-control-allow-origin" not in client.get("/api/actors", headers=asked).headers
    with TestClient(create_app(lambda: seeded, Settings(cors_origins=["https://kommune.no"]))) as open_to:
        assert open_to.get("/api/actors", headers=asked).headers["access-control-allow-origin"] == "https://kommune.no"
        assert "access-control-allow-origin" not in open_to.get("/api/actors", headers={"Origin": "https://evil.example"}).headers
