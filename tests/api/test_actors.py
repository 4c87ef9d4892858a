"""Actor endpoints: search by municipality, detail with counts, network, recommendations."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_by_municipality(example_client: TestClient) -> None:
    found = example_client.get("/api/actors", params={"municipality": "4601"}).json()
    assert [a["id"] for a in found["items"]] == ["bergen"]
    bad = example_client.get("/api/actors", params={"municipality": "46"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.municipality"


def test_an_actor_comes_with_its_counts(example_client: TestClient) -> None:
    oslo = example_client.get("/api/actors/oslo").json()
    assert oslo["actor"]["name"] == "Oslo"
    assert oslo["counts"] == {"initiatives": 2, "relationships": {"PARTICIPATED_IN": 2, "PARTNER_OF": 1, "PART_OF": 1}}
    assert example_client.get("/api/actors/ghost").status_code == 404


def test_network_is_capped_and_says_so(example_client: TestClient) -> None:
    whole = example_client.get("/api/actors/oslo/network", params={"depth": 2}).json()
    assert whole["nodes"][0]["id"] == "oslo" and not whole["is_truncated"]
    capped = example_client.get("/api/actors/oslo/network", params={"depth": 2, "max_nodes": 3}).json()
    assert len(capped["nodes"]) == 3 and capped["is_truncated"]
    assert example_client.get("/api/actors/oslo/network", params={"depth": 4}).status_code == 422


def test_recommendations_say_why(example_client: TestClient) -> None:
    body = example_client.get("/api/actors/tromso/recommendations").json()
    assert body["actor"]["id"] == "tromso" and body["recommendations"] == []  # Tromsø met everyone at the conference
    assert example_client.get("/api/actors/ghost/recommendations").status_code == 404
