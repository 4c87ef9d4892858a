"""Editor writes through the API: relationships, imports, merges; and exports for everyone."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from graph.store import GraphStore

LIST = "Arrangement;Dato;Verksemd\nVerkstad Vest;01.03.2024;KS\nVerkstad Vest;01.03.2024;Difi\n"


def test_relationships_are_written_and_deleted(client: TestClient, editor: dict[str, str]) -> None:
    rel = {"type": "PARTNER_OF", "source": "ks", "target": "husbanken"}
    assert client.post("/api/relationships", json=[rel], headers=editor).json()["created"] == 1
    assert "husbanken" in {c["id"] for c in client.get("/api/actors/ks/collaborators").json()["collaborators"]}
    dangling = client.post("/api/relationships", json=[{**rel, "target": "ghost"}], headers=editor)
    assert dangling.status_code == 422 and "ghost" in dangling.json()["detail"]
    assert client.request("DELETE", "/api/relationships", json=rel, headers=editor).status_code == 204
    assert client.request("DELETE", "/api/relationships", json=rel, headers=editor).status_code == 404
    assert client.post("/api/relationships", json=[rel]).status_code == 401


def test_an_import_checks_everything_and_writes_all_or_nothing(client: TestClient, editor: dict[str, str]) -> None:
    files = {"files": ("liste.csv", LIST.encode(), "text/csv")}
    dry = client.post("/api/import", params={"dry_run": "true"}, files=files, headers=editor).json()
    assert dry["dry_run"] and not dry["written"] and dry["counts"]["initiatives"]["created"] == 1
    assert client.get("/api/initiatives", params={"from": "2024-01-01"}).json()["items"] == []
    done = client.post("/api/import", files=files, headers=editor).json()
    assert done["written"] and done["rows"] == 2
    assert [i["title"] for i in client.get("/api/initiatives", params={"from": "2024-01-01"}).json()["items"]] == ["Verkstad Vest"]
    bad = client.post("/api/import", files={"files": ("liste.csv", b"Arrangement;Dato;Verksemd\nX;31.02.2024;KS\n", "text/csv")},
                      headers=editor)
    assert bad.status_code == 422 and not bad.json()["written"]
    error = bad.json()["errors"][0]
    assert (error["file"], error["record"]) == ("liste.csv", "2") and "2024" in error["message"] + str(error["field"])
    assert client.post("/api/import", files=files).status_code == 401


def test_a_merge_moves_relationships_onto_the_kept_actor(client: TestClient, editor: dict[str, str]) -> None:
    merged = client.post("/api/merge", json={"keep": "digitaliseringsdirektoratet", "drop": "difi"}, headers=editor)
    assert merged.status_code == 200 and merged.json()["moved"] > 0
    assert client.get("/api/actors/difi").status_code == 404
    assert "Difi" in client.get("/api/actors/digitaliseringsdirektoratet").json()["actor"]["aliases"]
    assert client.post("/api/merge", json={"keep": "ks", "drop": "ghost"}, headers=editor).status_code == 404
    assert client.post("/api/merge", json={"keep": "ks", "drop": "ks"}, headers=editor).status_code == 422


def test_the_graph_exports_in_every_format(client: TestClient, seeded: GraphStore) -> None:
    as_json = client.get("/api/export")
    assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/json")
    body = as_json.json()
    assert len(body["actors"]) == seeded.stats().actors and {"ks", "difi"} <= {a["id"] for a in body["actors"]}
    assert client.get("/api/export", params={"format": "graphml"}).text.startswith("<?xml")
    assert "<gexf" in client.get("/api/export", params={"format": "gexf"}).text
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/export", params={"format": "csv"}).content))
    assert {"actors.csv", "initiatives.csv", "relationships.csv"} <= set(archive.namelist())
    assert client.get("/api/export", params={"format": "pdf"}).status_code == 422


def test_a_file_of_no_known_format_is_a_422_naming_it(client: TestClient, editor: dict[str, str]) -> None:
    response = client.post("/api/import", files={"files": ("notat", b"\x00\x01", "application/octet-stream")}, headers=editor)
    assert response.status_code == 422 and not response.json()["written"]
    assert response.json()["errors"][0]["file"] == "notat" and "format" in response.json()["errors"][0]["message"]
    forced = client.post("/api/import", params={"format": "csv"}, headers=editor,
                         files={"files": ("notat", LIST.encode(), "text/plain")})
    assert forced.status_code == 200 and forced.json()["written"]
