"""Writing the whole graph out: a JSON document (re-importable as it is), CSV tables, and
GraphML / GEXF for Gephi. Every writer streams the store's export, one record at a time."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from graph.export_json import records, write_json
from graph.graph_files import Attr, Edge, Node, Schema, write_gexf, write_graphml
from graph.model import STORED, Actor, Initiative, Label, Relationship
from graph.store import GraphStore


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    GRAPHML = "graphml"
    GEXF = "gexf"


def export(store: GraphStore, fmt: ExportFormat, out: Path) -> dict[str, int]:
    writer = {ExportFormat.JSON: write_json, ExportFormat.CSV: _csv, ExportFormat.GRAPHML: _graphml, ExportFormat.GEXF: _gexf}
    return writer[fmt](store, out)


# -- CSV --------------------------------------------------------------------------------------

_CSV_COLUMNS = {
    "actors": [
        "id",
        "name",
        "kind",
        "orgnr",
        "kommunenummer",
        "fylkesnummer",
        "country",
        "population",
        "organisation_form",
        "aliases",
        "website",
        "description",
        "sources",
    ],
    "initiatives": ["id", "title", "kind", "start", "end", "kommunenummer", "themes", "open", "url", "description", "sources"],
    "relationships": ["type", "source", "source_label", "target", "target_label", "role", "start", "end", "date", "sources"],
}


def csv_cell(value: Any) -> str:
    """Text a spreadsheet shows as text: lists joined by '|', formula-looking cells prefixed by '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "|".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    # OWASP's list: a spreadsheet may run a cell that starts with any of these.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(store: GraphStore, out: Path) -> dict[str, int]:
    """Three canonical tables in the folder `out`: actors.csv, initiatives.csv, relationships.csv."""
    out.mkdir(parents=True, exist_ok=True)
    handles: dict[str, IO[str]] = {}
    writers: dict[str, Any] = {}
    counts = {name: 0 for name in _CSV_COLUMNS}
    try:
        for name, columns in _CSV_COLUMNS.items():
            handles[name] = (out / f"{name}.csv").open("w", encoding="utf-8-sig", newline="")
            writers[name] = csv.writer(handles[name])
            writers[name].writerow(columns)
        for kind, record in records(store):
            name = f"{kind}s"
            writers[name].writerow([csv_cell(record.get(c)) for c in _CSV_COLUMNS[name]])
            counts[name] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts


# -- GraphML and GEXF (Gephi) --------------------------------------------------------------------

_NODE_ATTRS = ("label", "node_type", "kind", "orgnr", "kommunenummer", "county", "country", "start", "end", "themes")
_EDGE_ATTRS = ("type", "role", "start", "end")


def _node(kind: str, record: dict[str, Any]) -> tuple[str, dict[str, str]]:
    # Through the model, not the raw record: names come out cleaned of what XML cannot hold.
    label = Label.ACTOR if kind == "actor" else Label.INITIATIVE
    model: Actor | Initiative = (Actor if label == Label.ACTOR else Initiative).model_validate(record, context=STORED)
    attrs = {
        "label": model.name if isinstance(model, Actor) else model.title,
        "node_type": str(label),
        "kind": str(model.kind),
        "orgnr": record.get("orgnr"),
        "kommunenummer": record.get("kommunenummer"),
        "county": model.county,
        "country": record.get("country"),
        "start": record.get("start"),
        "end": record.get("end"),
        "themes": "|".join(model.themes) if isinstance(model, Initiative) and model.themes else None,
    }
    return f"{label}:{model.id}", {k: str(v) for k, v in attrs.items() if v is not None}


def _edge(record: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    rel = Relationship.model_validate(record, context=STORED)
    attrs = {"type": str(rel.type), "role": rel.role, "start": rel.start, "end": rel.end}
    return (
        f"{rel.source_label}:{rel.source}",
        f"{rel.target_label}:{rel.target}",
        {k: str(v) for k, v in attrs.items() if v is not None},
    )


_SCHEMA = Schema(
    node_attrs=[Attr(n) for n in _NODE_ATTRS], edge_attrs=[Attr(n) for n in _EDGE_ATTRS], directed=True, edge_label="type"
)


def _items(store: GraphStore) -> Iterator[Node | Edge]:
    for kind, record in records(store):
        if kind == "relationship":
            source, target, attrs = _edge(record)
            yield Edge(source, target, dict(attrs))
        else:
            node_id, attrs = _node(kind, record)
            yield Node(node_id, dict(attrs))


def _graphml(store: GraphStore, out: Path) -> dict[str, int]:
    with out.open("w", encoding="utf-8") as h:
        return write_graphml(h, _SCHEMA, _items(store))


def _gexf(store: GraphStore, out: Path) -> dict[str, int]:
    with out.open("w", encoding="utf-8") as h:
        return write_gexf(h, _SCHEMA, _items(store))
