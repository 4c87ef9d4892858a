"""Initiative endpoints: filtered lists and one initiative with its participants."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_initiatives_filter_by_theme_dates_and_openness(example_client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        return [i["id"] for i in example_client.get("/api/initiatives", params=params).json()["items"]]

    assert ids() == ["meeting", "project", "conference"]  # undated first, then by start
    assert ids(theme="Velferdsteknologi") == ["project"]
    assert ids(**{"from": "2017-01-01"}) == ["conference"]
    assert ids(to="2016-12-31") == ["project"]
    assert ids(open="true") == ["conference"]
    assert example_client.get("/api/initiatives", params={"from": "2017"}).status_code == 422


def test_an_initiative_lists_its_participants_with_their_roles(example_client: TestClient) -> None:
    body = example_client.get("/api/initiatives/conference").json()
    assert body["initiative"]["title"] == "Innovasjonskonferansen"
    assert [(p["id"], p["roles"]) for p in body["participants"]] == [
        ("bergen", ["participant"]), ("difi", ["participant"]), ("ks", ["participant", "speaker"]),
        ("oslo", ["participant"]), ("tromso", ["participant"])]
    missing = example_client.get("/api/initiatives/ghost")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
