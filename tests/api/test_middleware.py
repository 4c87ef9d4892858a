"""What every response carries and every request is held to: ETags, size caps, headers, CORS."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.app import create_app
from api.middleware import ResponseCache
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


def test_repeated_reads_are_answered_from_the_cache_until_a_write(client: TestClient, editor: dict[str, str]) -> None:
    cache: ResponseCache = client.app.state.response_cache  # type: ignore[attr-defined]
    first = client.get("/api/actors/ks/collaborators")
    hits = cache.hits
    again = client.get("/api/actors/ks/collaborators")
    assert cache.hits == hits + 1
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == "application/json" and again.headers["x-content-type-options"] == "nosniff"
    other = client.get("/api/actors/ks/collaborators?limit=1")
    assert len(other.json()["collaborators"]) == 1  # another URL, another answer
    client.put("/api/actors/ny", json={"id": "ny", "name": "Ny", "kind": "other"}, headers=editor)
    client.post("/api/relationships", json=[{"type": "PARTNER_OF", "source": "ks", "target": "ny"}], headers=editor)
    after = client.get("/api/actors/ks/collaborators")
    assert "ny" in {c["id"] for c in after.json()["collaborators"]}
    assert after.headers["etag"] != first.headers["etag"]


def test_requests_with_a_key_neither_read_nor_fill_the_cache(client: TestClient, reader: dict[str, str]) -> None:
    cache: ResponseCache = client.app.state.response_cache  # type: ignore[attr-defined]
    client.get("/api/actors/ks", headers=reader)
    client.get("/api/actors/ks", headers=reader)
    assert cache.hits == 0
    client.get("/api/actors/ks")
    client.get("/api/actors/ks", headers=reader)
    assert cache.hits == 0


def test_when_reads_need_a_key_nothing_is_answered_from_the_cache(seeded: GraphStore, reader: dict[str, str]) -> None:
    with TestClient(create_app(lambda: seeded, Settings(read_key_required=True))) as closed:
        assert closed.get("/api/actors/ks", headers=reader).status_code == 200
        assert closed.get("/api/actors/ks").status_code == 401
        assert closed.app.state.response_cache.hits == 0  # type: ignore[attr-defined]


def test_the_cache_can_be_turned_off(seeded: GraphStore) -> None:
    with TestClient(create_app(lambda: seeded, Settings(response_cache_mb=0))) as uncached:
        assert uncached.app.state.response_cache is None  # type: ignore[attr-defined]
        assert uncached.get("/api/actors/ks").status_code == 200
    assert Settings.from_env({"SAMSPILL_RESPONSE_CACHE_MB": "0"}).response_cache_mb == 0


def test_the_cache_drops_the_least_recently_used_and_never_keeps_a_large_answer() -> None:
    cache = ResponseCache(limit=10, largest=6)
    cache.put(b"a", [], b"aaaa")
    cache.put(b"b", [], b"bbbb")
    assert cache.get(b"a") is not None  # a is now the most recent
    cache.put(b"c", [], b"cccc")  # 12 bytes: b goes
    assert cache.get(b"b") is None and cache.get(b"a") is not None and cache.get(b"c") is not None
    cache.put(b"d", [], b"ddddddd")  # over `largest`
    assert cache.get(b"d") is None
    assert (cache.hits, cache.misses) == (3, 2)


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
