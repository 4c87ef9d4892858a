"""Keys: writes need an editor key, reads are open unless configured otherwise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore

ACTOR = {"id": "ny-lab", "name": "Ny lab", "kind": "lab"}


def test_a_write_without_a_key_is_401_and_a_reader_key_403(client: TestClient, reader: dict[str, str]) -> None:
    missing = client.put("/api/actors/ny-lab", json=ACTOR)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = client.put("/api/actors/ny-lab", json=ACTOR, headers={"Authorization": "Bearer samspill_nope"})
    assert wrong.status_code == 401 and "unknown or revoked" in wrong.json()["detail"]
    basic = client.put("/api/actors/ny-lab", json=ACTOR, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 401
    assert client.put("/api/actors/ny-lab", json=ACTOR, headers=reader).status_code == 403
    assert client.get("/api/actors/ny-lab").status_code == 404  # nothing was written


def test_auth_comes_before_validation(client: TestClient) -> None:
    assert client.put("/api/actors/ny-lab", json={"nonsense": True}).status_code == 401


def test_an_editor_writes_and_deletes(client: TestClient, editor: dict[str, str]) -> None:
    created = client.put("/api/actors/ny-lab", json=ACTOR, headers=editor)
    assert created.status_code == 200 and created.json()["created"] == 1
    assert client.get("/api/actors/ny-lab").json()["actor"]["name"] == "Ny lab"
    other = client.put("/api/actors/ny-lab", json={**ACTOR, "id": "annan"}, headers=editor)
    assert other.status_code == 422 and "not the path's" in other.json()["detail"]
    assert client.delete("/api/actors/ny-lab", headers=editor).status_code == 204
    assert client.delete("/api/actors/ny-lab", headers=editor).status_code == 404


@pytest.fixture
def closed(seeded: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: seeded, Settings(read_key_required=True))) as test_client:
        yield test_client


def test_reads_can_require_a_key(closed: TestClient, reader: dict[str, str]) -> None:
    assert closed.get("/api/actors").status_code == 401
    assert closed.get("/api/clusters").status_code == 401
    assert closed.get("/api/actors", headers=reader).status_code == 200
    assert closed.get("/healthz").status_code == 200  # health stays open for probes


def test_settings_come_from_the_environment() -> None:
    settings = Settings.from_env({"SAMSPILL_READ_KEY_REQUIRED": "1", "SAMSPILL_CORS_ORIGINS": "https://a.no, https://b.no",
                                  "SAMSPILL_MAX_BODY_BYTES": "1000"})
    assert settings.read_key_required and settings.cors_origins == ["https://a.no", "https://b.no"]
    assert settings.max_body_bytes == 1000 and not Settings.from_env({}).read_key_required
