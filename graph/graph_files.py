"""GraphML and GEXF, the two files Gephi, Cytoscape and yEd open: the one writer of both, for
the whole graph (`samspill export`, streamed record by record) and for a drawn view.

Hand-written on purpose: networkx's writers build the whole graph and document in memory
first, and an export of a million relationships must stream. XML text goes through
xml.sax.saxutils, so names cannot break the markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Literal
from xml.sax.saxutils import escape, quoteattr

AttrType = Literal["string", "double", "int", "boolean"]
_GEXF_TYPE = {"string": "string", "double": "double", "int": "integer", "boolean": "boolean"}


@dataclass(frozen=True)
class Attr:
    name: str
    type: AttrType = "string"


@dataclass(frozen=True)
class Node:
    id: str
    attrs: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    attrs: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Schema:
    node_attrs: Sequence[Attr]
    edge_attrs: Sequence[Attr]
    directed: bool
    edge_label: str | None = None  # the edge attribute GEXF shows as the edge's label


def _text(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _present(attrs: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in attrs.items() if v is not None}


def write_graphml(h: IO[str], schema: Schema, items: Iterable[Node | Edge]) -> dict[str, int]:
    """Nodes and edges in any order; returns how many of each were written."""
    counts = {"nodes": 0, "edges": 0}
    h.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for a in schema.node_attrs:
        h.write(f'  <key id="{a.name}" for="node" attr.name="{a.name}" attr.type="{a.type}"/>\n')
    for a in schema.edge_attrs:
        h.write(f'  <key id="e_{a.name}" for="edge" attr.name="{a.name}" attr.type="{a.type}"/>\n')
    h.write(f'  <graph id="samspill" edgedefault="{"directed" if schema.directed else "undirected"}">\n')
    for item in items:
        if isinstance(item, Edge):
            h.write(f'    <edge id="e{counts["edges"]}" source={quoteattr(item.source)} target={quoteattr(item.target)}>')
            h.write("".join(f'<data key="e_{k}">{escape(_text(v))}</data>' for k, v in _present(item.attrs).items()))
            h.write("</edge>\n")
            counts["edges"] += 1
        else:
            h.write(f"    <node id={quoteattr(item.id)}>")
            h.write("".join(f'<data key="{k}">{escape(_text(v))}</data>' for k, v in _present(item.attrs).items()))
            h.write("</node>\n")
            counts["nodes"] += 1
    h.write("  </graph>\n</graphml>\n")
    return counts


def write_gexf(h: IO[str], schema: Schema, items: Iterable[Node | Edge]) -> dict[str, int]:
    """Every node before the first edge (GEXF lists them apart); a node's "label" attribute
    is its GEXF label."""
    counts = {"nodes": 0, "edges": 0}
    node_ids = {a.name: str(i) for i, a in enumerate(a for a in schema.node_attrs if a.name != "label")}
    edge_ids = {a.name: str(i) for i, a in enumerate(schema.edge_attrs)}
    kinds = "directed" if schema.directed else "undirected"
    h.write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
    h.write(f'  <meta lastmodifieddate="{dt.date.today().isoformat()}"><creator>Samspill</creator></meta>\n')
    h.write(f'  <graph defaultedgetype="{kinds}" mode="static">\n    <attributes class="node">\n')
    h.write(
        "".join(
            f'      <attribute id="{node_ids[a.name]}" title="{a.name}" type="{_GEXF_TYPE[a.type]}"/>\n'
            for a in schema.node_attrs
            if a.name in node_ids
        )
    )
    h.write('    </attributes>\n    <attributes class="edge">\n')
    h.write(
        "".join(
            f'      <attribute id="{edge_ids[a.name]}" title="{a.name}" type="{_GEXF_TYPE[a.type]}"/>\n'
            for a in schema.edge_attrs
        )
    )
    h.write("    </attributes>\n    <nodes>\n")
    in_edges = False
    for item in items:
        if isinstance(item, Edge):
            if not in_edges:
                h.write("    </nodes>\n    <edges>\n")
                in_edges = True
            attrs = _present(item.attrs)
            label = f" label={quoteattr(_text(attrs[schema.edge_label]))}" if schema.edge_label in attrs else ""
            h.write(
                f'      <edge id="{counts["edges"]}" source={quoteattr(item.source)} target={quoteattr(item.target)}'
                f"{label}><attvalues>"
            )
            h.write("".join(f'<attvalue for="{edge_ids[k]}" value={quoteattr(_text(v))}/>' for k, v in attrs.items()))
            h.write("</attvalues></edge>\n")
            counts["edges"] += 1
        else:
            if in_edges:
                raise ValueError(f"GEXF lists nodes before edges; node {item.id!r} came after an edge")
            attrs = _present(item.attrs)
            label = _text(attrs.pop("label", item.id))
            h.write(f"      <node id={quoteattr(item.id)} label={quoteattr(label)}><attvalues>")
            h.write("".join(f'<attvalue for="{node_ids[k]}" value={quoteattr(_text(v))}/>' for k, v in attrs.items()))
            h.write("</attvalues></node>\n")
            counts["nodes"] += 1
    h.write("    </edges>\n" if in_edges else "    </nodes>\n    <edges>\n    </edges>\n")
    h.write("  </graph>\n</gexf>\n")
    return counts
