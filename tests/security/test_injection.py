"""Values shaped like Cypher or SQL are stored as text and change nothing else. Every statement
either store runs during a whole working session is recorded: no value ever appears in a
statement's text (values travel as parameters), and every label and relationship type in a
Cypher statement is one of the model's."""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from contract import example
from fastapi.testclient import TestClient

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph import cypher
from graph.model import Actor, Initiative, Label, Relationship, RelType
from graph.store import GraphStore
from graph.store_results import ActivityBy, NodeRef
from ingest.backup import backup
from ingest.importer import ImportOptions, run_import

PAYLOADS = [
    "'; DROP TABLE actors; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM participations WHERE ('1'='1",
    "`Actor` `) MATCH (n) DETACH DELETE n",
    "\u0060Initiative\u0060",
    "}) DETACH DELETE n //",
    "$actor {id: 'x'}",
    "n.name = 'x' SET n:Admin",
    "1; ATTACH DATABASE '/tmp/x.db' AS x",
    "%s %d {0} {{name}}",
]


class _Recorder:
    def __init__(self) -> None:
        self.statements: list[str] = []


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Recorder]:
    """Every statement text either engine is handed: the connections' and the driver's."""
    recorder = _Recorder()
    real_connect = sqlite3.connect

    class Recording(sqlite3.Connection):  # SQLite's own trace shows statements with values bound in
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
            recorder.statements.append(sql)
            return super().execute(sql, *args)

        def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
            recorder.statements.append(sql)
            return super().executemany(sql, *args)

        def executescript(self, sql: str) -> sqlite3.Cursor:  # type: ignore[override]
            recorder.statements.append(sql)
            return super().executescript(sql)

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        return real_connect(*args, **kwargs, factory=Recording)

    monkeypatch.setattr(sqlite3, "connect", connect)
    for cls in (neo4j.ManagedTransaction, neo4j.Session):
        real_run = cls.run

        def run(self: Any, query: Any, *args: Any, _real: Any = real_run, **kwargs: Any) -> Any:
            recorder.statements.append(str(query))
            return _real(self, query, *args, **kwargs)

        monkeypatch.setattr(cls, "run", run)
    yield recorder


def _work_the_store(store: GraphStore, tmp_path: Path) -> None:
    """A session of everything staff do, with hostile text in every free-text field."""
    example.load(store)
    actors = [Actor(id=f"hostile-{n}", name=text, kind="other", aliases=(text[::-1],), description=text)
              for n, text in enumerate(PAYLOADS)]
    initiatives = [Initiative(id=f"hostile-initiative-{n}", title=text, kind="meeting", themes=(text,))
                   for n, text in enumerate(PAYLOADS)]
    store.upsert_actors(actors)
    store.upsert_initiatives(initiatives)
    store.upsert_relationships([Relationship(type=RelType.PARTICIPATED_IN, source=a.id, target=i.id)
                                for a, i in zip(actors, initiatives)] +
                               [Relationship(type=RelType.PARTICIPATED_IN, source="ks", target=i.id) for i in initiatives])
    listed = tmp_path / "hostile.csv"
    with listed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["arrangement", "dato", "verksemd"])
        writer.writerows([text, "01.02.2021", f"{text} AS"] for text in PAYLOADS)
    assert run_import(store, [listed], ImportOptions()).errors == []
    secret, _ = create_key(store, "injection", KeyRole.EDITOR)
    with TestClient(create_app(lambda: store, Settings(response_cache_mb=0))) as client:
        for text in PAYLOADS:
            for url, params in (("/api/actors", {"q": text}), ("/api/search", {"q": text}),
                                ("/api/initiatives", {"theme": text}), ("/api/hotspots", {"by": "theme"}),
                                (f"/api/actors/{text}", {}), ("/api/paths", {"source": text, "target": "ks"})):
                assert client.get(url, params=params).status_code < 500
        assert client.put("/api/actors/hostile-0", json={"id": "hostile-0", "name": PAYLOADS[4], "kind": "other"},
                          headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        assert client.post("/api/stories", json={"title": PAYLOADS[0], "text": PAYLOADS[1], "organisations": PAYLOADS[:3],
                                                 "contact_email": "a@b.no", "consent": True}).status_code == 202
    store.open()  # the app closes its store when it stops
    for actor in actors:
        store.collaborators(actor.id)
        store.neighbourhood(NodeRef(label=Label.ACTOR, id=actor.id), depth=2)
        store.resolve_actor(actor.name)
    store.shortest_path("hostile-1", "oslo")
    store.activity(ActivityBy.THEME)
    store.tie_table()
    store.check()
    backup(store, tmp_path / "hostile.backup", None)


def test_hostile_text_is_stored_as_text_and_never_reaches_a_statement(store: GraphStore, recorded: _Recorder,
                                                                     tmp_path: Path) -> None:
    _work_the_store(store, tmp_path)
    assert len(recorded.statements) > 25  # the session did real work (the schema exists: no CREATE)
    for text in PAYLOADS:
        spliced = [s for s in recorded.statements if text in s or text.replace("'", "''") in s]
        assert spliced == [], f"{text!r} is in a statement's text"
    names = {store.get_actor(f"hostile-{n}").name for n in range(1, len(PAYLOADS))}  # type: ignore[union-attr]
    assert names == set(PAYLOADS[1:])  # stored as given
    assert store.get_actor("hostile-0").name == PAYLOADS[4]  # type: ignore[union-attr]
    stats = store.stats()
    assert stats.actors >= len(example.ACTORS) + len(PAYLOADS)  # nothing was dropped or deleted
    assert stats.relationships[RelType.PARTICIPATED_IN] >= 10 + 2 * len(PAYLOADS)
    assert store.check() == []


LABELS = {str(label) for label in Label} | {cypher.META, cypher.DOCUMENT, cypher.TIE}
TYPES = {str(rel_type) for rel_type in RelType}


@pytest.mark.neo4j
def test_every_label_and_relationship_type_in_a_cypher_statement_is_the_models(
        neo4j_uri: str, recorded: _Recorder, tmp_path: Path) -> None:
    from conftest import emptied, make_neo4j_store

    store = make_neo4j_store(neo4j_uri)
    store.open()
    try:
        emptied(store)
        _work_the_store(store, tmp_path)
    finally:
        store.close()
    cypher_run = [s for s in recorded.statements if "MATCH" in s or "MERGE" in s or "CREATE" in s]
    assert len(cypher_run) > 25
    # Labels follow a variable (or nothing) and a colon inside ( ), types inside [ ].
    labels = {m for s in cypher_run for m in re.findall(r"\(\s*\w*\s*:\s*(\w+)", s)}
    labels |= {m for s in cypher_run for m in re.findall(r"\(\s*\w+\s*:\s*\w+\s*:\s*(\w+)", s)}
    types = {t for s in cypher_run for group in re.findall(r"\[\s*\w*\s*:\s*([\w|]+)", s) for t in group.split("|")}
    assert labels and labels <= LABELS, labels - LABELS
    assert types and types <= TYPES, types - TYPES
