"""A view as pyvis data: plain-text tooltips, physics only for small views."""

from __future__ import annotations

from viz.network import drawn, pyvis_network, vis_data
from viz.view import LegendEntry, View, ViewEdge, ViewNode

NAME = '<img src=x onerror=alert(1)>'


def view(laid_out: bool = False) -> View:
    nodes = [ViewNode(id="a", label=NAME, type="actor", kind="municipality", county="46", cluster=1, weight=1.5,
                      colour="#1f77b4", x=1.0 if laid_out else None, y=2.0 if laid_out else None),
             ViewNode(id="b", label="KS", type="actor", kind="interest_organisation", cluster=1, weight=1.5,
                      colour="#1f77b4", x=3.0 if laid_out else None, y=4.0 if laid_out else None),
             ViewNode(id="m", label="Møte", type="initiative", kind="meeting", weight=0.0, colour="#b0b0b0")]
    edges = [ViewEdge(source="a", target="b", weight=1.5, initiatives=2, partnership=True),
             ViewEdge(source="m", target="a", weight=0.0, initiatives=1, partnership=False)]
    return View(query=None, nodes=nodes, edges=edges, legend=[LegendEntry(key="1", label=NAME, colour="#1f77b4", nodes=2)],
                laid_out=laid_out, aggregated=False, is_truncated=False, matched=2, isolated=0, ties=1, revision=3)


def test_nodes_and_edges_carry_what_the_page_reads() -> None:
    data = vis_data(view(), "en")
    a = next(n for n in data["nodes"] if n["id"] == "a")
    assert (a["label"], a["shape"], a["value"], a["color"], a["kind"], a["cluster"]) == (
        NAME, "dot", 1.5, "#1f77b4", "municipality", 1)
    assert next(n for n in data["nodes"] if n["id"] == "m")["shape"] == "diamond"
    tie, link = data["edges"]
    assert (tie["from"], tie["to"], tie["value"]) == ("a", "b", 1.5)
    assert link["dashes"] is True and "title" not in link


def test_tooltips_are_plain_text_in_the_chosen_language() -> None:
    # vis-network 9 shows a string title with innerText: it can never become HTML.
    nodes = {n["id"]: n for n in vis_data(view(), "en")["nodes"]}
    assert nodes["a"]["title"].splitlines() == [NAME, "municipality", "weighted degree: 1.5", "cluster 1"]
    assert vis_data(view(), "nn")["edges"][0]["title"] == "samarbeidsvekt 1,5 · 2 felles initiativ · partnarar"


def test_small_views_settle_with_physics_large_ones_arrive_laid_out() -> None:
    assert vis_data(view(), "en")["options"]["physics"]["enabled"] is True
    laid = vis_data(view(laid_out=True), "en")
    assert laid["options"]["physics"] == {"enabled": False}
    assert laid["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert {(n["id"], n.get("x"), n.get("y")) for n in laid["nodes"]} >= {("a", 1.0, 2.0), ("b", 3.0, 4.0)}


def test_the_network_is_a_pyvis_network_without_duplicate_checks() -> None:
    net = pyvis_network(view(), "en")
    assert net.get_nodes() == ["a", "b", "m"] and len(net.get_edges()) == 2


def test_a_page_gets_the_summary_without_the_nodes_twice() -> None:
    sent = drawn(view(), "en")
    assert "nodes" not in sent["view"] and sent["view"]["legend"][0]["label"] == NAME
    assert len(sent["vis"]["nodes"]) == 3
