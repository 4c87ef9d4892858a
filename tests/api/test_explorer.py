"""The explorer's page, files and endpoints, on both stores (the seeds and the contract example)."""

from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.model import Actor
from graph.store import GraphStore


def test_the_page_is_served_with_a_policy_that_allows_only_its_own_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"] == "no-referrer"
    assert '<html lang="nn">' in page.text and '<html lang="en">' in client.get("/?lang=en").text
    assert '<html lang="nb">' in client.get("/?lang=nb").text


def test_an_unknown_language_gives_the_page_in_nynorsk_with_a_notice_never_an_error(client: TestClient) -> None:
    page = client.get("/", params={"lang": "se"})
    assert page.status_code == 200 and '<html lang="nn">' in page.text
    assert 'data-unknown-lang="se"' in page.text
    hostile = client.get("/", params={"lang": '"><script>alert(1)</script>' * 3})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text  # escaped, and cut to 40 characters
    assert 'data-unknown-lang' not in client.get("/", params={"lang": "en"}).text


def test_the_page_files_come_from_samspill_itself(client: TestClient) -> None:
    for path in ("/static/vis/vis-network.min.js", "/static/vis/vis-network.css", "/static/explorer.js",
                 "/static/draw.js", "/static/explorer.css"):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/../api/app.py").status_code == 404


def test_a_network_view_is_ready_to_draw(example_client: TestClient) -> None:
    body = example_client.get("/api/views/network", params={"focus": "oslo", "min_weight": 1, "lang": "en"}).json()
    assert {n["id"] for n in body["vis"]["nodes"]} == {"oslo", "bergen", "ks"}
    assert body["view"]["query"]["focus"] == "oslo" and body["view"]["laid_out"] is False
    assert "physics" in body["vis"]["options"]


def test_view_queries_are_checked(example_client: TestClient) -> None:
    missing = example_client.get("/api/views/network", params={"focus": "nobody"})
    assert missing.status_code == 404 and missing.json()["detail"] == "no actor or initiative 'nobody'"
    assert example_client.get("/api/views/network", params={"cluster": 99}).status_code == 404
    for bad in ({"depth": 4}, {"min_weight": -1}, {"colour": "red"}, {"actor_kind": "x"}, {"since": "soon"}):
        assert example_client.get("/api/views/network", params=bad).status_code == 422, bad


def test_the_view_cap_is_a_setting(seeded: GraphStore) -> None:
    with TestClient(create_app(lambda: seeded, Settings(view_cap=10, layout_above=3))) as capped:
        view = capped.get("/api/views/network").json()["view"]
        assert view["aggregated"] and view["is_truncated"] and view["matched"] > 10
        focused = capped.get("/api/views/network", params={"focus": "difi"}).json()
        assert focused["view"]["laid_out"] and all("x" in n for n in focused["vis"]["nodes"])


def test_a_view_exports_as_graphml_gexf_and_json(example_client: TestClient) -> None:
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        response = example_client.get("/api/views/network/export", params={"format": fmt, "min_weight": 1})
        assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
        assert set(read(io.BytesIO(response.content)).nodes) == {"oslo", "bergen", "ks", "difi"}, fmt
    named = example_client.get("/api/views/network/export", params={"format": "gexf", "focus": "oslo"})
    assert f'filename="samspill-oslo-{dt.date.today().isoformat()}.gexf"' in named.headers["content-disposition"]
    whole = json.loads(example_client.get("/api/views/network/export", params={"format": "json"}).content)
    assert len(whole["nodes"]) == 5 and len(whole["edges"]) == 10
    assert example_client.get("/api/views/network/export", params={"format": "pdf"}).status_code == 422


def test_the_path_view_goes_through_the_shared_initiative(example_client: TestClient) -> None:
    body = example_client.get("/api/views/path", params={"source": "bergen", "target": "difi"}).json()
    assert {n["id"] for n in body["vis"]["nodes"]} >= {"bergen", "conference", "difi"}
    assert sum(1 for e in body["vis"]["edges"] if e.get("on_path")) == 2
    assert example_client.get("/api/views/path", params={"source": "bergen", "target": "nobody"}).status_code == 404
    exported = example_client.get("/api/views/path/export", params={"source": "bergen", "target": "difi"})
    assert {"bergen", "conference", "difi"} <= set(nx.read_graphml(io.BytesIO(exported.content)).nodes)
    assert "samspill-path-bergen-difi-" in exported.headers["content-disposition"]


def test_a_path_tie_counts_every_initiative_its_ends_share(example_client: TestClient) -> None:
    # Oslo and Bergen share the project and the conference: two, whatever the list shows.
    body = example_client.get("/api/views/path", params={"source": "oslo", "target": "bergen", "lang": "en"}).json()
    hop = example_client.get("/api/paths", params={"source": "oslo", "target": "bergen"}).json()["paths"][0]["hops"][0]
    shared = sum(1 for e in hop["evidence"] if e["initiative_id"]) + hop["more_evidence"]
    on_path = [e["title"] for e in body["vis"]["edges"] if e.get("on_path")]
    assert shared == 2 and on_path and all("2 shared initiatives" in title for title in on_path)


def test_search_suggests_actors_by_name_alias_and_number_and_initiatives_by_title(client: TestClient) -> None:
    def found(q: str) -> list[tuple[str, str]]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200
        return [(s["type"], s["id"]) for s in response.json()]

    assert ("actor", "ks") in found("KS")
    assert ("actor", "kommunal-og-moderniseringsdepartementet") in found("KMD")  # an alias
    assert found("972 417 858")[0] == ("actor", "kommunal-og-moderniseringsdepartementet")  # its org. number
    assert ("initiative", "workshop-kommunar-og-statlege-etatar") in found("workshop statlege")
    assert found("zzzz") == []
    assert ("actor", "ks") in found("Kommunesektorens organisasjon")  # what the letters stand for
    assert found("HOD")[0] == ("actor", "helse-og-omsorgsdepartementet")
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_a_short_form_finds_a_register_name_with_no_alias(client: TestClient, seeded: GraphStore) -> None:
    seeded.upsert_actors([Actor(id="uio", name="UNIVERSITETET I OSLO", kind="academia"),
                          Actor(id="nav", name="ARBEIDS- OG VELFERDSETATEN", kind="state_agency")])
    for short, wanted in (("UiO", "uio"), ("uio", "uio"), ("NAV", "nav")):
        assert wanted in [s["id"] for s in client.get("/api/search", params={"q": short}).json()], short
    assert len(client.get("/api/search", params={"q": "kommune"}).json()) <= 10


def test_recommendations_say_why_in_the_language_asked(client: TestClient) -> None:
    said = {lang: [r["why"] for r in client.get("/api/actors/ks/recommendations", params={"lang": lang}).json()["recommendations"]]
            for lang in ("nb", "nn", "en")}
    assert said["en"] and all(w.startswith("shares ") for w in said["en"])
    assert all(w.startswith("deler ") for w in said["nb"] + said["nn"])
