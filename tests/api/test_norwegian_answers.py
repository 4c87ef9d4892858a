"""The API over real Norwegian names and numbers: search, actors by number, collaborators that
say how many there are and carry what a caller acts on, as JSON, CSV and Excel."""

from __future__ import annotations

import io
import json

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from cli import app
from graph.config import store_from_env
from graph.model import Initiative, Relationship
from graph.store import GraphStore


def test_search_leaves_legal_form_words_out(client: TestClient) -> None:
    ids = [a["id"] for a in client.get("/api/actors", params={"q": "Oslo kommune"}).json()["items"]]
    assert "kommune-0301" in ids
    assert [a["id"] for a in client.get("/api/actors", params={"q": "Tana"}).json()["items"]] == ["kommune-5628"]


def test_an_actor_by_any_years_municipality_number_or_organisation_number(client: TestClient) -> None:
    assert client.get("/api/actors/3024").json()["actor"]["id"] == "kommune-3201"  # Bærum, 2020-2023
    assert client.get("/api/actors/958935420").json()["actor"]["name"] == "Oslo"
    assert client.get("/api/actors/9876").status_code == 404


def _meeting(store: GraphStore, size: int) -> None:
    members = [f"kommune-{n}" for n in ("0301", "4601", "5001", "1103", "3201", "5501")][:size]
    store.upsert_initiatives([Initiative(id="mote", title="Møte", kind="meeting")])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=m, target="mote") for m in members])


def test_collaborators_say_how_many_there_are_and_page_on(client: TestClient, seeded: GraphStore) -> None:
    _meeting(seeded, 6)
    first = client.get("/api/actors/kommune-0301/collaborators", params={"limit": 2}).json()
    assert (first["total"], first["offset"], len(first["collaborators"])) == (5, 0, 2)
    for c in first["collaborators"]:
        unit = c["id"].removeprefix("kommune-")
        assert (c["kommunenummer"], len(c["orgnr"])) == (unit, 9) and c["municipality"] and c["county"]
    rest = client.get("/api/actors/kommune-0301/collaborators", params={"limit": 50, "offset": 2}).json()
    listed = [c["id"] for c in first["collaborators"]] + [c["id"] for c in rest["collaborators"]]
    everyone = [c["id"] for c in client.get("/api/actors/kommune-0301/collaborators").json()["collaborators"]]
    assert listed == everyone and len(everyone) == 5


def test_collaborators_download_as_excel_and_csv(client: TestClient, seeded: GraphStore) -> None:
    _meeting(seeded, 6)
    xlsx = client.get("/api/actors/kommune-0301/collaborators/download", params={"format": "xlsx", "lang": "en"})
    assert xlsx.status_code == 200 and xlsx.headers["x-samspill-total"] == "5"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Collaborators of Oslo (all 5)"
    assert rows[1][:5] == ("Rank", "Id", "Name", "Kind", "Organisation number")
    assert len(rows) == 2 + 5 and {r[1] for r in rows[2:]} == {"kommune-4601", "kommune-5001", "kommune-1103",
                                                               "kommune-3201", "kommune-5501"}
    assert all(isinstance(r[5], str) and len(r[5]) == 4 for r in rows[2:])  # municipality numbers keep their zeros
    text = client.get("/api/actors/kommune-0301/collaborators/download", params={"format": "csv"}).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Rang,Id,Navn,Type,Org.nr.") and len(text.splitlines()) == 6


def test_the_cli_and_the_api_answer_collaborators_alike(store_env: dict[str, str], tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"]).exit_code == 0
    listed = tmp_path / "mote.csv"
    listed.write_text("actor,initiative\n0301,Møte\n4601,Møte\n5001,Møte\n1103,Møte\n3024,Møte\n", encoding="utf-8")
    imported = runner.invoke(app, ["import", str(listed)])
    assert imported.exit_code == 0, imported.output
    cli = runner.invoke(app, ["collaborators", "Oslo kommune", "--json", "--limit", "3"])
    assert cli.exit_code == 0, cli.output
    store = store_from_env(env=store_env)
    store.open()
    try:
        with TestClient(create_app(lambda: store, Settings())) as client:
            api = client.get("/api/actors/kommune-0301/collaborators", params={"limit": 3}).json()
    finally:
        store.close()
    assert json.loads(cli.output) == api
    assert api["total"] == 4 and len(api["collaborators"]) == 3


def test_an_upload_takes_null_markers_and_attaches_municipalities(client: TestClient, editor: dict[str, str]) -> None:
    listed = "Deltaker;Prosjekt;Startdato\nOSLO KOMMUNE;Byprosjekt;NA\nTANA;Byprosjekt;NA\n3024;Byprosjekt;NA\n"
    files = {"files": ("liste.csv", listed.encode(), "text/csv")}
    refused = client.post("/api/import", files=files, headers=editor)
    assert refused.status_code == 422 and "'NA' is not a date" in refused.json()["errors"][0]["message"]
    done = client.post("/api/import", params={"null": "NA"}, files=files, headers=editor).json()
    assert done["written"] and done["counts"]["actors"]["created"] == 0
    assert done["readings"] == [] and done["readings_total"] == 0  # 3024 named an actor, read by resolution
    ids = {c["id"] for c in client.get("/api/actors/kommune-0301/collaborators").json()["collaborators"]}
    assert ids == {"kommune-5628", "kommune-3201"}
