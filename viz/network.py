"""A view as a pyvis network: the nodes, edges and options vis-network draws.

pyvis builds the vis-network data; two of its habits are avoided. `Network.add_edge` scans
every edge already added (and `add_node` every node id) to refuse duplicates, which is
quadratic: minutes at 5,000 nodes. A view's nodes and edges are unique by construction, so
they go in through pyvis's own `Node` and `Edge` records directly. And pyvis's HTML templates
are not used at all (see `viz/page.py`).
"""

from __future__ import annotations

import json
from typing import Any

from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from graph.language import number
from viz.texts import texts
from viz.view import View, ViewEdge, ViewNode

# The best path's colour: no other highlight uses it (a selected node's ties are SELECTED).
PATH_COLOUR = "#e08600"
SELECTED = "#d62728"
_SHAPES = {"actor": "dot", "initiative": "diamond", "cluster": "hexagon"}


def pyvis_network(view: View, lang: str) -> Network:
    words = texts(lang)
    net = Network(height="100%", width="100%", cdn_resources="local")
    for node in view.nodes:
        options = Node(node.id, _SHAPES[node.type], label=node.label, **_node_options(node, words, lang)).options
        net.nodes.append(options)
        net.node_ids.append(node.id)
        net.node_map[node.id] = options
    for edge in view.edges:
        net.edges.append(Edge(edge.source, edge.target, **_edge_options(edge, words, lang)).options)
    net.set_options(_options_json(view))
    return net


def vis_data(view: View, lang: str) -> dict[str, Any]:
    """What the page hands to `new vis.Network(...)`: nodes, edges and options."""
    net = pyvis_network(view, lang)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def drawn(view: View, lang: str) -> dict[str, Any]:
    """What a page receives: the view's summary, and its drawing data."""
    return {"view": view.summary().model_dump(mode="json"), "vis": vis_data(view, lang)}


def _node_options(node: ViewNode, words: dict[str, str], lang: str) -> dict[str, Any]:
    # `title` is a plain string: vis-network 9 shows it with innerText, so it is never HTML.
    options: dict[str, Any] = {
        "title": _node_title(node, words, lang),
        "value": max(node.weight, 0.0) if node.type != "cluster" else float(node.members or 1),
        "color": node.colour,
        # Extra fields travel with the node to the page (details panel, filters, legend).
        "type": node.type,
        "kind": node.kind,
        "cluster": node.cluster,
        "county": node.county,
        "weight": node.weight,
    }
    if node.type == "initiative":
        options["color"] = {"background": "#ffffff", "border": "#555555"}
    if node.x is not None:
        options.update(x=node.x, y=node.y)
    return options


def _node_title(node: ViewNode, words: dict[str, str], lang: str) -> str:
    if node.type == "cluster":
        return f"{node.label}\n{number(node.members or 0, lang)} {words['actors']} · {words['cluster']} {node.cluster}"
    if node.type == "initiative":
        return f"{node.label}\n{words.get(f'initiative_kind.{node.kind}', node.kind)}"
    lines = [node.label, words.get(f"actor_kind.{node.kind}", node.kind)]
    lines.append(f"{words['weighted_degree']}: {number(node.weight, lang)}")
    if node.cluster is not None:
        lines.append(f"{words['cluster']} {node.cluster}")
    return "\n".join(lines)


def _edge_options(edge: ViewEdge, words: dict[str, str], lang: str) -> dict[str, Any]:
    if edge.weight == 0.0 and not edge.on_path:  # an initiative in focus to one of its participants
        return {"dashes": True, "width": 1, "color": "#999999"}
    parts = [f"{words['weight']} {number(edge.weight, lang)}"]
    if edge.initiatives:
        parts.append(f"{number(edge.initiatives, lang)} {words['shared']}")
    if edge.partnership:
        parts.append(words["partners"])
    options: dict[str, Any] = {"value": edge.weight, "title": " · ".join(parts)}
    if edge.on_path:
        options["on_path"] = True
        del options["value"]  # a fixed width, whatever the weight
        options.update(color={"color": PATH_COLOUR, "highlight": PATH_COLOUR, "opacity": 1.0}, width=6)
    return options


def _options_json(view: View) -> str:
    large = view.laid_out
    return json.dumps(
        {
            "nodes": {
                "shape": "dot",
                "scaling": {
                    "min": 6,
                    "max": 40,
                    "label": {"enabled": True, "min": 10, "max": 22, "drawThreshold": 9 if large else 5},
                },
                "font": {"face": "system-ui, sans-serif"},
            },
            "edges": {
                "smooth": False,
                "color": {"color": "#9aa5b1", "highlight": SELECTED, "opacity": 0.6},
                "scaling": {"min": 1, "max": 8},
            },
            # Physics only for small views; large ones arrive laid out and must not move.
            "physics": (
                {"enabled": False}
                if large
                else {
                    "enabled": True,
                    "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": True, "iterations": 200, "fit": True},
                }
            ),
            "interaction": {
                "hover": True,
                "tooltipDelay": 120,
                "hideEdgesOnDrag": large,
                "hideEdgesOnZoom": large,
                "navigationButtons": False,
                "keyboard": False,
                "multiselect": False,
            },
            "layout": {"improvedLayout": not large},
        }
    )
