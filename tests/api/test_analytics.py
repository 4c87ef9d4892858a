"""Analytics endpoints answer what the CLI answers, from the same functions."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_paths_run_through_initiatives_or_fall_back_to_relationships(example_client: TestClient) -> None:
    body = example_client.get("/api/paths", params={"source": "oslo", "target": "tromso", "k": 2}).json()
    assert next([a["id"] for a in p["actors"]] for p in body["paths"]) == ["oslo", "tromso"]
    assert body["paths"][0]["hops"][0]["evidence"][0]["title"] == "Innovasjonskonferansen"
    assert body["relationship_path"] is None
    learned = example_client.get("/api/paths", params={"source": "nesta", "target": "difi"}).json()
    assert learned["paths"] == [] and [n["id"] for n in learned["relationship_path"]["nodes"]] == ["nesta", "difi"]
    assert example_client.get("/api/paths", params={"source": "oslo", "target": "ghost"}).status_code == 404
    assert example_client.get("/api/paths", params={"source": "oslo", "target": "ks", "k": 11}).status_code == 422


def test_clusters_one_cluster_and_brokers(example_client: TestClient) -> None:
    report = example_client.get("/api/clusters").json()
    assert report["clusters"] and {"modularity", "strong", "resolution"} <= set(report)
    first = report["clusters"][0]
    one = example_client.get(f"/api/clusters/{first['id']}").json()
    assert one["label"] == first["label"] and len(one["members"]) == first["size"]
    missing = example_client.get("/api/clusters/999")
    assert missing.status_code == 404 and "no cluster 999" in missing.json()["detail"]
    assert isinstance(example_client.get("/api/brokers").json(), list)
    assert example_client.get("/api/clusters", params={"resolution": 0}).status_code == 422
    leiden = example_client.get("/api/clusters", params={"method": "leiden"}).json()
    assert leiden["modularity"] >= report["modularity"] - 1e-9
    assert example_client.get(f"/api/clusters/{leiden['clusters'][0]['id']}", params={"method": "leiden"}).status_code == 200
    assert example_client.get("/api/brokers", params={"method": "leiden"}).status_code == 200
    refused = example_client.get("/api/clusters", params={"method": "infomap"})
    assert refused.status_code == 422 and "method" in refused.text


def test_hotspots_and_compare(example_client: TestClient) -> None:
    years = example_client.get("/api/hotspots", params={"by": "year"}).json()
    assert [(h["key"], h["initiatives"], h["change"]) for h in years] == [("2016", 1, 1), ("2018", 1, 1)]
    themed = example_client.get("/api/hotspots", params={"by": "county", "theme": "Velferdsteknologi"}).json()
    assert [(h["key"], h["initiatives"]) for h in themed] == [("03", 1), ("46", 1)]
    compared = example_client.get("/api/compare", params={"a": "2016", "b": "2018"}).json()
    assert (compared["a"], compared["b"], compared["kept_ties"]) == ("2016", "2018", 1)
    bad = example_client.get("/api/compare", params={"a": "2016", "b": "2018-13-01:2018-12-31"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("query.b: '2018-13-01")
