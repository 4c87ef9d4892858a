"""Export: a JSON document that re-imports to the same graph, CSV tables, GraphML and GEXF."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from contract import example

from graph.store import GraphStore
from ingest.export import ExportFormat, csv_cell, export
from ingest.importer import ImportOptions, run_import
from ingest.schema import document_schema
from ingest.seeds import load_seeds


def test_json_export_round_trips_through_an_empty_store(store: GraphStore, tmp_path: Path) -> None:
    load_seeds(store)
    first = tmp_path / "first.json"
    counts = export(store, ExportFormat.JSON, first)
    assert counts == {"actors": 390, "initiatives": 18, "relationships": 401}
    store.wipe()
    report = run_import(store, [first], ImportOptions())
    assert report.errors == []
    assert report.counts["actors"].created == 390
    second = tmp_path / "second.json"
    export(store, ExportFormat.JSON, second)

    def body(path: Path) -> dict:
        data = json.loads(path.read_text(encoding="utf-8"))
        del data["samspill_export"]
        return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in data.items()}

    assert body(first) == body(second)


def test_an_empty_store_exports_a_document_that_imports(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    export(store, ExportFormat.JSON, path)
    assert run_import(store, [path], ImportOptions()).errors == []


def test_csv_export_writes_three_tables_and_defuses_formulas(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    from graph.model import Actor
    store.upsert_actors([Actor(id="formula", name="=HYPERLINK(\"x\")", kind="other")])
    counts = export(store, ExportFormat.CSV, tmp_path / "tables")
    assert counts["actors"] == len(example.ACTORS) + 1
    rows = list(csv.DictReader((tmp_path / "tables" / "actors.csv").open(encoding="utf-8-sig")))
    assert {r["id"]: r["name"] for r in rows}["formula"] == "'=HYPERLINK(\"x\")"
    assert {r["id"]: r["aliases"] for r in rows}["tromso"] == "Romsa"
    assert csv_cell("-1") == "'-1" and csv_cell(["a", "b"]) == "a|b" and csv_cell(True) == "true"
    for risky in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(risky) == "'" + risky
    assert csv_cell("Oslo = hovudstad") == "Oslo = hovudstad"  # only the first character matters


def test_graphml_opens_as_a_graph_with_every_node_and_edge(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    path = tmp_path / "graph.graphml"
    counts = export(store, ExportFormat.GRAPHML, path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == counts["nodes"] == len(example.ACTORS) + len(example.INITIATIVES)
    assert graph.number_of_edges() == counts["edges"] == len(example.RELATIONSHIPS)
    assert graph.nodes["Actor:tromso"]["label"] == "Tromsø"
    assert isinstance(graph, nx.MultiDiGraph)  # KS has two roles at the conference
    assert [d["type"] for d in graph.get_edge_data("Actor:ks", "Actor:oslo").values()] == ["PARTNER_OF"]


def test_gexf_is_well_formed_with_labels(store: GraphStore, tmp_path: Path) -> None:
    example.load(store)
    path = tmp_path / "graph.gexf"
    export(store, ExportFormat.GEXF, path)
    graph = nx.read_gexf(path)
    assert graph.nodes["Actor:tromso"]["label"] == "Tromsø"
    assert graph.number_of_edges() == len(example.RELATIONSHIPS)
    ET.parse(path)


def test_schema_describes_the_import_document() -> None:
    schema = document_schema()
    assert set(schema["properties"]) == {"actors", "initiatives", "relationships"}
    assert "Actor" in schema["$defs"] and "orgnr" in schema["$defs"]["Actor"]["properties"]
