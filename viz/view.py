"""What the explorer and `samspill viz` draw: a part of the collaboration network chosen by
focus, cluster and filters, sized by weighted degree, coloured, and laid out when large.

Everything here works on the store's tie table (fetched once per revision and filter), so a
view costs no query beyond it; only an initiative focus asks the store for its participants.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Callable
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.analytics.clusters import ClusterReport, place_names, stored_clusters
from graph.analytics.paths import paths_or_chain
from graph.analytics.projection import table_of
from graph.graph_files import Attr, Edge, Node, Schema, write_gexf, write_graphml
from graph.model import ActorKind, InitiativeKind, Label, RelType
from graph.revision_cache import kept
from graph.store import GraphStore
from graph.store_results import Evidenced, EvidenceKind, NodeRef
from graph.ties import TieTable
from graph.traversal import reach
from viz.colours import GREY, colour_for_kind, distinct
from viz.layout import fruchterman_reingold
from viz.texts import Lang, texts

NODE_CAP = 5_000  # above this many actors a view shows clusters instead
LAYOUT_ABOVE = 300  # above this many nodes the server lays the view out
EDGES_PER_NODE = 3  # ties drawn at most per node: beyond that a view is a hairball, and slow
LEGEND_CLUSTERS = 19  # clusters with a colour of their own; the rest share grey


class ViewNotFound(LookupError):
    """The focus or the cluster a view asks for does not exist."""


class ColourBy(StrEnum):
    CLUSTER = "cluster"
    KIND = "kind"
    COUNTY = "county"


class ViewQuery(BaseModel):
    """What to draw. With no focus and no cluster: the whole network (clusters above the cap)."""

    model_config = ConfigDict(frozen=True)

    focus: str | None = Field(default=None, min_length=1, max_length=200, description="an actor or initiative id")
    depth: int = Field(default=1, ge=1, le=3, description="steps of collaboration from the focus")
    cluster: int | None = Field(default=None, ge=0, le=2**31, description="only this cluster's members")
    overview: bool = Field(default=False, description="one node per cluster")
    actor_kind: ActorKind | None = None
    county: str | None = Field(default=None, pattern=r"^\d{2}$", description="county number, e.g. 46")
    initiative_kind: InitiativeKind | None = Field(default=None, description="only ties from initiatives of this kind")
    theme: str | None = Field(default=None, max_length=100, description="only ties from initiatives with this theme")
    since: dt.date | None = None
    until: dt.date | None = None
    min_weight: float = Field(default=0.0, ge=0, le=1e6, description="hide ties lighter than this")
    sourced: bool = Field(default=False, description="only evidence that cites a source")
    colour: ColourBy = ColourBy.CLUSTER


class ViewNode(BaseModel):
    id: str
    label: str
    type: Literal["actor", "initiative", "cluster"]
    kind: str  # the actor's or initiative's kind; "cluster" for a cluster
    county: str | None = None
    cluster: int | None = None
    weight: float  # weighted degree in the view's graph; a cluster's: its members' sum
    members: int | None = None  # a cluster's size
    depth: int | None = None  # steps from the focus
    colour: str
    x: float | None = None
    y: float | None = None


class ViewEdge(BaseModel):
    source: str
    target: str
    weight: float
    initiatives: int  # shared initiatives (for clusters: summed over the ties between them)
    partnership: bool
    on_path: bool = False  # on the best path of a path view


class LegendEntry(BaseModel):
    key: str
    label: str
    colour: str
    nodes: int


class ViewSummary(BaseModel):
    """A view without its nodes and edges: what a page needs beside the drawing data."""

    query: ViewQuery | None  # None for a path view
    legend: list[LegendEntry]
    laid_out: bool = Field(description="positions come from the server; draw with physics off")
    aggregated: bool = Field(description="nodes are clusters standing for the actors matched")
    is_truncated: bool = Field(description="fewer actors are drawn than the query matched")
    matched: int = Field(description="actors the query matched")
    isolated: int = Field(description="matched actors left out because no tie of the view reaches them")
    ties: int = Field(description="ties among the nodes; above 4 a node only the strongest are drawn")
    revision: int


class View(ViewSummary):
    nodes: list[ViewNode]
    edges: list[ViewEdge]

    def summary(self) -> ViewSummary:
        return ViewSummary.model_validate(self.model_dump(exclude={"nodes", "edges"}))


def build_view(
    store: GraphStore, query: ViewQuery, lang: Lang = Lang.NN, cap: int = NODE_CAP, layout_above: int = LAYOUT_ABOVE
) -> View:
    report, _, table = stored_clusters(store)  # the whole graph's clusters: ids as /api/clusters
    core = _core(store, query, lang, cap, layout_above)
    nodes = [n.model_copy() for n in core.nodes]
    legend = _colour(nodes, query.colour, report, place_names(table)["county"], texts(lang))
    return core.model_copy(update={"nodes": nodes, "legend": legend, "query": query})


def _core(store: GraphStore, query: ViewQuery, lang: Lang, cap: int, layout_above: int) -> View:
    """The view uncoloured: chosen, tied and laid out once per revision (colouring is cheap
    and changes nothing else)."""
    key = ("view", query.model_copy(update={"colour": ColourBy.CLUSTER}), lang, cap, layout_above)
    return kept(store, key, lambda: _built(store, query, lang, cap, layout_above))


def _built(store: GraphStore, query: ViewQuery, lang: Lang, cap: int, layout_above: int) -> View:
    revision = store.revision()
    table = table_of(
        store,
        query.since,
        query.until,
        Evidenced(initiative_kind=query.initiative_kind, theme=query.theme, sourced=query.sourced),
    )
    report, communities, _ = stored_clusters(store)
    cluster_of = communities.membership
    selection = _select(store, table, query, cluster_of, cap)
    if selection.aggregate:
        nodes, edges, tied = _cluster_nodes(table, selection.chosen, cluster_of, report, texts(lang))
    else:
        nodes, edges, tied = _actor_nodes(table, selection, query, cluster_of)
    laid_out = len(nodes) > layout_above
    if laid_out:
        _place(nodes, edges)
    return View(
        query=query,
        nodes=nodes,
        edges=edges,
        legend=[],
        laid_out=laid_out,
        aggregated=selection.aggregate,
        is_truncated=selection.truncated,
        matched=selection.matched,
        isolated=selection.isolated,
        ties=tied,
        revision=revision,
    )


def strongest(
    ties: list[tuple[float, int, int, int]], limit: int, keep: frozenset[int] = frozenset()
) -> list[tuple[float, int, int, int]]:
    """At most `limit` of (weight, a, b, tie), beyond the ties in `keep` which are always
    drawn: each end's heaviest tie first, so every node keeps a line to its closest partner,
    then the heaviest of the rest."""
    if len(ties) <= limit:
        return ties
    by_weight = sorted(ties, key=lambda t: (t[3] not in keep, -t[0], t[1], t[2]))
    kept: list[tuple[float, int, int, int]] = []
    seen: set[int] = set()
    for t in by_weight:
        if t[3] in keep or t[1] not in seen or t[2] not in seen:
            kept.append(t)
            seen.update((t[1], t[2]))
    chosen = {t[3] for t in kept}
    kept += [t for t in by_weight if t[3] not in chosen][: max(limit - len(kept), 0)]
    return sorted(kept, key=lambda t: (t[1], t[2]))


class _Selection(BaseModel):
    chosen: dict[int, int | None]  # actor position -> steps from the focus
    initiative: ViewNode | None = None  # an initiative in focus, drawn beside its participants
    participants: list[int] = []
    matched: int
    isolated: int = 0
    truncated: bool = False
    aggregate: bool = False


def _select(store: GraphStore, table: TieTable, query: ViewQuery, cluster_of: dict[str, int], cap: int) -> _Selection:
    def shown(i: int) -> bool:
        actor = table.actors[i]
        return (query.actor_kind is None or actor.kind == query.actor_kind) and (
            query.county is None or actor.county == query.county
        )

    if query.focus:
        return _around_focus(store, table, query, shown, cap)
    if query.cluster is not None:
        if query.cluster not in set(cluster_of.values()):
            raise ViewNotFound(f"no cluster {query.cluster}")
        members = [table.position[a] for a, c in cluster_of.items() if c == query.cluster and a in table.position]
        picked = [i for i in members if shown(i)]
    else:
        picked = [i for i in range(len(table.actors)) if shown(i)]
    tied = set(_tied(table, set(picked), query.min_weight))
    kept = [i for i in picked if i in tied]
    aggregate = query.cluster is None and (query.overview or len(kept) > cap)
    return _Selection(
        chosen=dict.fromkeys(kept),
        matched=len(picked),
        isolated=len(picked) - len(kept),
        aggregate=aggregate,
        truncated=aggregate and not query.overview,
    )


def _tied(table: TieTable, among: set[int], min_weight: float) -> list[int]:
    """Those of `among` with a tie of at least `min_weight` to another of them."""
    return [i for i in among if any(j in among and table.weight[k] >= min_weight for j, k in table.neighbours(i))]


def _around_focus(store: GraphStore, table: TieTable, query: ViewQuery, shown: Callable[[int], bool], cap: int) -> _Selection:
    initiative, start = None, []
    if query.focus in table.position:
        start = [table.position[query.focus]]
    else:
        found = store.get_initiative(query.focus or "")
        if found is None:
            raise ViewNotFound(f"no actor or initiative {query.focus!r}")
        taking_part = {
            r.source
            for r in store.relationships_of(NodeRef(label=Label.INITIATIVE, id=found.id))
            if r.type == RelType.PARTICIPATED_IN
        }
        start = sorted(table.position[a] for a in taking_part if a in table.position)
        initiative = ViewNode(
            id=found.id, label=found.title, type="initiative", kind=str(found.kind), weight=0.0, depth=0, colour=GREY
        )

    def near(i: int) -> list[int]:
        return [j for j, k in table.neighbours(i) if table.weight[k] >= query.min_weight and shown(j)]

    first = 1 if initiative else 0
    reached: dict[int, int | None] = {i: first + steps for i, steps in reach(start, query.depth - first, near).items()}
    matched = len(reached)
    truncated = matched > cap
    if truncated:  # the nearest first, then the heaviest
        strength = table.strengths()
        reached = dict(sorted(reached.items(), key=lambda item: (item[1], -strength[item[0]], item[0]))[:cap])
    return _Selection(
        chosen=reached,
        initiative=initiative,
        participants=[i for i in start if i in reached],
        matched=matched,
        truncated=truncated,
    )


def _actor_nodes(
    table: TieTable, selection: _Selection, query: ViewQuery, cluster_of: dict[str, int]
) -> tuple[list[ViewNode], list[ViewEdge], int]:
    chosen = selection.chosen
    ties: list[tuple[float, int, int, int]] = []
    weight: defaultdict[int, float] = defaultdict(float)
    for i in chosen:
        for j, k in table.neighbours(i):
            if i < j and j in chosen and table.weight[k] >= query.min_weight:
                w = table.weight[k]
                weight[i] += w
                weight[j] += w
                ties.append((w, i, j, k))
    ids = table.ids()
    edges = [
        ViewEdge(
            source=ids[i],
            target=ids[j],
            weight=round(w, 6),
            initiatives=table.initiatives[k],
            partnership=bool(table.partnership[k]),
        )
        for w, i, j, k in strongest(ties, EDGES_PER_NODE * max(len(chosen), 1), _reaching(table, chosen, query))
    ]
    nodes = []
    if selection.initiative:
        nodes.append(selection.initiative)
        edges += [
            ViewEdge(source=selection.initiative.id, target=ids[i], weight=0.0, initiatives=1, partnership=False)
            for i in selection.participants
        ]
    for i, depth in chosen.items():
        actor = table.actors[i]
        nodes.append(
            ViewNode(
                id=actor.id,
                label=actor.name,
                type="actor",
                kind=actor.kind,
                county=actor.county,
                cluster=cluster_of.get(actor.id),
                weight=round(weight[i], 6),
                depth=depth,
                colour=GREY,
            )
        )
    return nodes, edges, len(ties)


def _reaching(table: TieTable, chosen: dict[int, int | None], query: ViewQuery) -> frozenset[int]:
    """In a focus view, the tie that brought each node in: its heaviest to a node one step
    nearer the focus. Cutting ties for readability must never cut these, or a neighbour would
    be drawn with no line to what put it there."""
    reaching = set()
    for i, depth in chosen.items():
        if not depth:
            continue
        nearer = [
            (table.weight[k], k)
            for j, k in table.neighbours(i)
            if chosen.get(j, -1) == depth - 1 and table.weight[k] >= query.min_weight
        ]
        if nearer:
            reaching.add(max(nearer)[1])
    return frozenset(reaching)


def _cluster_nodes(
    table: TieTable,
    chosen: dict[int, int | None],
    cluster_of: dict[str, int],
    report: ClusterReport,
    words: dict[str, str],
) -> tuple[list[ViewNode], list[ViewEdge], int]:
    ids = table.ids()
    group = {i: cluster_of.get(ids[i]) for i in chosen}
    size = Counter(c for c in group.values() if c is not None)
    inner: dict[int, float] = defaultdict(float)
    between: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0])
    for x, y, w, n in zip(table.a, table.b, table.weight, table.initiatives):
        cx, cy = group.get(x), group.get(y)
        if cx is None or cy is None:
            continue
        if cx == cy:
            inner[cx] += w
        else:
            entry = between[(min(cx, cy), max(cx, cy))]
            entry[0] += w
            entry[1] += n
    labels = {c.id: c.label for c in report.clusters}
    nodes = [
        ViewNode(
            id=f"cluster:{c}",
            label=labels.get(c, f"{words['cluster']} {c}"),
            type="cluster",
            kind="cluster",
            cluster=c,
            weight=round(inner[c], 6),
            members=n,
            colour=GREY,
        )
        for c, n in sorted(size.items(), key=lambda item: (-item[1], item[0]))
    ]
    edges = [
        ViewEdge(source=f"cluster:{a}", target=f"cluster:{b}", weight=round(w, 6), initiatives=int(n), partnership=False)
        for (a, b), (w, n) in sorted(between.items())
    ]
    return nodes, edges, len(edges)


def _colour(
    nodes: list[ViewNode], by: ColourBy, report: ClusterReport, counties: dict[str, str], words: dict[str, str]
) -> list[LegendEntry]:
    actors = [n for n in nodes if n.type != "initiative"]
    if by == ColourBy.CLUSTER or any(n.type == "cluster" for n in nodes):
        ranked = [c.id for c in report.clusters][:LEGEND_CLUSTERS]  # the largest clusters
        labels = {c.id: c.label for c in report.clusters}
        for n in actors:
            n.colour = distinct(ranked.index(n.cluster)) if n.cluster in ranked else GREY
        counts = Counter(n.cluster if n.cluster in ranked else None for n in actors)
        legend = [
            LegendEntry(key=str(c), label=labels[c], colour=distinct(k), nodes=counts[c])
            for k, c in enumerate(ranked)
            if counts[c]
        ]
        rest = words["other_clusters"] if report.clusters[LEGEND_CLUSTERS:] else words["no_cluster"]
        return legend + ([LegendEntry(key="", label=rest, colour=GREY, nodes=counts[None])] if counts[None] else [])
    if by == ColourBy.KIND:
        for n in actors:
            n.colour = colour_for_kind(n.kind)
        kinds = Counter(n.kind for n in actors)
        return [
            LegendEntry(key=kind, label=words[f"actor_kind.{kind}"], colour=colour_for_kind(kind), nodes=kinds[kind])
            for kind in ActorKind
            if kinds[kind]
        ]
    codes = sorted(counties)
    for n in actors:
        n.colour = distinct(codes.index(n.county)) if n.county in codes else GREY
    placed = Counter(n.county if n.county in codes else None for n in actors)
    by_county = [
        LegendEntry(key=code, label=counties[code], colour=distinct(k), nodes=placed[code])
        for k, code in enumerate(codes)
        if placed[code]
    ]
    return by_county + ([LegendEntry(key="", label=words["no_county"], colour=GREY, nodes=placed[None])] if placed[None] else [])


def path_view(store: GraphStore, source: str, target: str, k: int = 3, lang: Lang = Lang.NN) -> View:
    """The k best collaboration paths between two actors; each hop goes through its heaviest
    initiative (a diamond) or is drawn straight when a partnership is its best evidence. The
    first path is marked `on_path`."""
    paths, _ = paths_or_chain(store, source, target, k=k)
    report, communities, table = stored_clusters(store)
    nodes: dict[str, ViewNode] = {}
    edges: dict[tuple[str, str], ViewEdge] = {}
    for rank, path in enumerate(paths):
        for actor in path.actors:
            attrs = table.actors[table.position[actor.id]] if actor.id in table.position else None
            nodes.setdefault(
                actor.id,
                ViewNode(
                    id=actor.id,
                    label=actor.name,
                    type="actor",
                    kind=actor.kind,
                    county=attrs.county if attrs else None,
                    cluster=communities.membership.get(actor.id),
                    weight=0.0,
                    colour=GREY,
                ),
            )
        for hop in path.hops:
            best = next((e for e in hop.evidence if e.initiative_id), None)
            via = best.initiative_id if best is not None else None
            partners = any(e.kind == EvidenceKind.PARTNERSHIP for e in hop.evidence)
            steps = [(hop.source, hop.target)]
            if best is not None and via is not None and not partners:
                nodes.setdefault(
                    via,
                    ViewNode(
                        id=via,
                        label=best.title or via,
                        type="initiative",
                        kind=str(best.initiative_kind),
                        weight=0.0,
                        colour=GREY,
                    ),
                )
                steps = [(hop.source, via), (via, hop.target)]
            for a, b in steps:
                key = (min(a, b), max(a, b))
                edge = edges.setdefault(
                    key,
                    ViewEdge(
                        source=a, target=b, weight=round(hop.weight, 6), initiatives=hop.shared_initiatives, partnership=partners
                    ),
                )
                edge.on_path = edge.on_path or rank == 0
    for n in nodes.values():
        if n.type == "actor":
            n.weight = sum(e.weight for e in edges.values() if n.id in (e.source, e.target))
    drawn = list(nodes.values())
    legend = _colour(drawn, ColourBy.CLUSTER, report, place_names(table)["county"], texts(lang))
    return View(
        query=None,
        nodes=drawn,
        edges=list(edges.values()),
        legend=legend,
        laid_out=False,
        aggregated=False,
        is_truncated=False,
        matched=len([n for n in drawn if n.type == "actor"]),
        isolated=0,
        ties=len(edges),
        revision=store.revision(),
    )


def _place(nodes: list[ViewNode], edges: list[ViewEdge]) -> None:
    where = {n.id: k for k, n in enumerate(nodes)}
    positions = fruchterman_reingold(len(nodes), [(where[e.source], where[e.target], max(e.weight, 0.01)) for e in edges])
    for n, (x, y) in zip(nodes, positions):
        n.x, n.y = x, y


_VIEW_FILE = Schema(
    node_attrs=[
        Attr("label"),
        Attr("type"),
        Attr("kind"),
        Attr("weight", "double"),
        Attr("colour"),
        Attr("county"),
        Attr("cluster", "int"),
        Attr("members", "int"),
        Attr("x", "double"),
        Attr("y", "double"),
    ],
    edge_attrs=[Attr("weight", "double"), Attr("initiatives", "int"), Attr("partnership", "boolean")],
    directed=False,
)


def view_file(view: View, format: Literal["graphml", "gexf"]) -> bytes:
    """A view as GraphML or GEXF, with its attributes and positions (Gephi reads both)."""
    items: list[Node | Edge] = [
        Node(
            n.id,
            {
                "label": n.label,
                "type": n.type,
                "kind": n.kind,
                "weight": n.weight,
                "colour": n.colour,
                "county": n.county,
                "cluster": n.cluster,
                "members": n.members,
                "x": n.x,
                "y": n.y,
            },
        )
        for n in view.nodes
    ]
    items += [
        Edge(e.source, e.target, {"weight": e.weight, "initiatives": e.initiatives, "partnership": e.partnership})
        for e in view.edges
    ]
    out = io.StringIO()
    (write_graphml if format == "graphml" else write_gexf)(out, _VIEW_FILE, items)
    return out.getvalue().encode("utf-8")
