"""Every write, with no key, a wrong key, a reader key and an editor key: 401, 401, 403, allowed."""

from __future__ import annotations

import pytest
from access_matrix import WRITES
from fastapi.testclient import TestClient


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_every_write_needs_an_editor_key(client: TestClient, reader: dict[str, str], editor: dict[str, str],
                                         method: str, path: str, body: dict) -> None:
    assert client.request(method, path, **body).status_code == 401
    assert client.request(method, path, headers={"Authorization": "Bearer samspill_wrong"}, **body).status_code == 401
    assert client.request(method, path, headers=reader, **body).status_code == 403
    allowed = client.request(method, path, headers=editor, **body)
    assert allowed.status_code not in (401, 403) and allowed.status_code < 500, allowed.text
