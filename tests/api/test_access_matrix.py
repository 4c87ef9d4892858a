"""Every write, with no key, a wrong key, a reader key and an editor key: 401, 401, 403, allowed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

# (method, path, body) — each would succeed (or fail on its own terms) with an editor key.
WRITES = [
    ("PUT", "/api/actors/ny", {"json": {"id": "ny", "name": "Ny", "kind": "other"}}),
    ("DELETE", "/api/actors/ks", {}),
    ("PUT", "/api/initiatives/nytt", {"json": {"id": "nytt", "title": "Nytt", "kind": "meeting"}}),
    ("DELETE", "/api/initiatives/ghost", {}),
    ("POST", "/api/relationships", {"json": [{"type": "PARTNER_OF", "source": "ks", "target": "difi"}]}),
    ("DELETE", "/api/relationships", {"json": {"type": "PARTNER_OF", "source": "ks", "target": "difi"}}),
    ("POST", "/api/import", {"files": {"files": ("a.csv", b"Arrangement;Verksemd\nMote;KS\n", "text/csv")}}),
    ("POST", "/api/merge", {"json": {"keep": "ks", "drop": "difi"}}),
    ("GET", "/api/stories", {}),
    ("POST", "/api/stories/ghost/approve", {}),
    ("POST", "/api/stories/ghost/reject", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_every_write_needs_an_editor_key(client: TestClient, reader: dict[str, str], editor: dict[str, str],
                                         method: str, path: str, body: dict) -> None:
    assert client.request(method, path, **body).status_code == 401
    assert client.request(method, path, headers={"Authorization": "Bearer samspill_wrong"}, **body).status_code == 401
    assert client.request(method, path, headers=reader, **body).status_code == 403
    allowed = client.request(method, path, headers=editor, **body)
    assert allowed.status_code not in (401, 403) and allowed.status_code < 500, allowed.text
