"""The CLI and the API are two faces of one questions layer: each question asked both ways,
on the same store, gives the same data (`--json` against the API's body), on both engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from contract import example
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from cli import app
from graph.config import store_from_env
from graph.model import Relationship
from graph.store import GraphStore

# (what is asked, the CLI's words, the API's path and parameters)
QUESTIONS: list[tuple[str, list[str], str, dict[str, Any]]] = [
    ("collaborators", ["collaborators", "ks", "--limit", "2", "--offset", "1"], "/api/actors/ks/collaborators",
     {"limit": 2, "offset": 1}),
    ("collaborators in a window", ["collaborators", "bergen", "--since", "2017-01-01"], "/api/actors/bergen/collaborators",
     {"since": "2017-01-01", "limit": 20}),
    ("network", ["network", "difi", "--depth", "2", "--max-nodes", "6"], "/api/actors/difi/network",
     {"depth": 2, "max_nodes": 6}),
    ("paths", ["path", "tromso", "difi", "--k", "2"], "/api/paths", {"source": "tromso", "target": "difi", "k": 2}),
    ("a chain of relationships", ["path", "nesta", "ks"], "/api/paths", {"source": "nesta", "target": "ks"}),
    ("clusters", ["clusters", "--resolution", "0.5"], "/api/clusters", {"resolution": 0.5}),
    ("clusters in a window", ["clusters", "--since", "2018-01-01"], "/api/clusters", {"since": "2018-01-01"}),
    ("one cluster", ["cluster", "1"], "/api/clusters/1", {}),
    ("brokers", ["brokers", "--limit", "3"], "/api/brokers", {"limit": 3}),
    ("hot spots by county", ["hotspots", "--by", "county", "--per-capita"], "/api/hotspots",
     {"by": "county", "per_capita": True}),
    ("hot spots by year among kinds", ["hotspots", "--by", "year", "--actor-kind", "municipality"], "/api/hotspots",
     {"by": "year", "actor_kind": "municipality"}),
    ("hot spots by theme", ["hotspots", "--by", "theme", "--kind", "project"], "/api/hotspots",
     {"by": "theme", "kind": "project"}),
    ("recommendations", ["recommend", "loner", "--limit", "2", "--lang", "nn"], "/api/actors/loner/recommendations",
     {"limit": 2, "lang": "nn"}),
    ("compare", ["compare", "--period", "2016", "--period", "2018"], "/api/compare", {"a": "2016", "b": "2018"}),
    ("search", ["search", "innovasjon"], "/api/search", {"q": "innovasjon"}),
    ("search by number", ["search", "991825827"], "/api/search", {"q": "991825827"}),
    ("calendar", ["calendar", "--from", "2018-01-01"], "/api/calendar", {"from": "2018-01-01"}),
]


@pytest.fixture
def faces(store_env: dict[str, str]) -> Iterator[tuple[CliRunner, TestClient]]:
    store: GraphStore = store_from_env(env=store_env)
    store.open()
    example.load(store)
    # The lone agency at KS and Difi's meeting: someone to recommend the conference's others to.
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source="loner", target="meeting")])
    try:
        with TestClient(create_app(lambda: store, Settings())) as client:
            yield CliRunner(), client
    finally:
        store.close()


def test_every_question_gives_the_cli_and_the_api_the_same_answer(faces: tuple[CliRunner, TestClient]) -> None:
    runner, client = faces
    for what, words, path, params in QUESTIONS:
        said = runner.invoke(app, [*words, "--json"])
        assert said.exit_code == 0, f"{what}: {said.output}"
        answered = client.get(path, params=params)
        assert answered.status_code == 200, f"{what}: {answered.text}"
        assert json.loads(said.output) == answered.json(), what


def test_the_questions_are_not_empty_so_parity_means_something(faces: tuple[CliRunner, TestClient]) -> None:
    _, client = faces
    bodies = {what: client.get(path, params=params).json() for what, _, path, params in QUESTIONS}
    assert bodies["collaborators"]["collaborators"] and bodies["network"]["nodes"]
    assert bodies["paths"]["paths"] and bodies["a chain of relationships"]["relationship_path"]
    assert bodies["clusters"]["clusters"] and bodies["one cluster"]["members"] and bodies["brokers"]
    assert bodies["hot spots by county"] and bodies["recommendations"]["recommendations"]
    assert bodies["search"] and bodies["search by number"][0]["id"] == "difi" and bodies["calendar"]["items"]
    assert bodies["compare"]["kept_ties"] == 1
