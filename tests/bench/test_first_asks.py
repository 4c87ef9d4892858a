"""A smoke run of the first-ask benchmark keeps the harness working (figures are not judged here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from api.app import create_app
from api.settings import Settings
from bench import first_asks
from bench.analytics import run_load
from bench.generate import FUNDER, generate
from bench.imports import open_store
from bench.report import render


def test_the_first_ask_benchmark_asks_each_endpoint_before_and_after_an_import(tmp_path: Path) -> None:
    data = generate(600, tmp_path / "data", actors=150, shape=FUNDER)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    result = first_asks.measure("sqlite", target, data.participation)
    names = [ask["endpoint"] for ask in result["asks"]]
    assert names == [name for name, _ in first_asks.endpoints(result["busiest"])]
    for ask in result["asks"]:
        assert {ask[k]["status"] for k in ("first", "again", "after_import")} == {200}, ask
    collaborators = next(a for a in result["asks"] if a["endpoint"] == "collaborators (busiest)")
    assert collaborators["after_import"]["kB"] >= collaborators["first"]["kB"]  # the new project is in the answer
    run = {"size": "R", "rows": 600, "machine": {"cores": 2}, "results": [result], "file": "x.json"}
    page = render([], firsts=[run])
    assert "## First asks" in page and "| R | sqlite | brokers |" in page


def test_each_profiled_question_is_the_one_its_endpoint_answers(tmp_path: Path) -> None:
    data = generate(600, tmp_path / "data", actors=150, shape=FUNDER)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    actor = first_asks.busiest(data.participation)
    store = open_store("sqlite", target)
    try:
        with TestClient(create_app(lambda: store, Settings())) as client:
            for name, url, question in first_asks._asks(actor):
                answered = TypeAdapter(Any).dump_python(question(store), mode="json")
                assert client.get(url).json() == answered, name
    finally:
        store.close()


def test_the_profile_of_a_first_ask_names_where_its_time_goes(tmp_path: Path) -> None:
    data = generate(600, tmp_path / "data", actors=150, shape=FUNDER)
    target = str(tmp_path / "bench.db")
    run_load("sqlite", target, [data.actors, data.initiatives, data.participation])
    found = first_asks.profile("sqlite", target, "brokers", first_asks.busiest(data.participation))
    assert found["profiled_s"] > 0 and len(found["top"]) == 6
    assert [f["own_s"] for f in found["top"]] == sorted((f["own_s"] for f in found["top"]), reverse=True)
    assert all(f["calls"] >= 1 for f in found["top"])
    assert not any("/work/" in f["function"] or "site-packages" in f["function"] for f in found["top"])
    run = {"size": "R", "rows": 600, "machine": {"cores": 2}, "results": [
        {"store": "sqlite", "busiest": "x", "target_s": 1.0, "asks": [
            {"endpoint": "brokers", "url": "/api/brokers", "first": {"seconds": 2.0}, "again": {"seconds": 0.0},
             "after_import": {"seconds": 2.0}, "profile": found}]}], "file": "x.json"}
    page = render([], firsts=[run])
    assert f"`{found['top'][0]['function']}` {found['top'][0]['own_s']:.2f} s" in page
