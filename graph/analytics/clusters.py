"""Cluster summaries: what each community of collaborators is, in a few facts and a label."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx
from pydantic import BaseModel

from graph.analytics.brokers import bridging, membership, participation_of, weight_by_cluster
from graph.analytics.communities import SEED, Communities, Community, find_communities
from graph.analytics.projection import table_of
from graph.collaboration import ActorAttrs
from graph.revision_cache import kept
from graph.store import GraphStore
from graph.store_results import ClusterMethod, GroupActivity, SavedClusters, clusters_key
from graph.ties import TieTable, from_networkx

LEADING = 5
TOP = 5  # themes, counties and municipalities listed per cluster
BROKERS = 3
ACTIVE_SHARE = 0.8  # the active years hold this share of a cluster's dated initiatives
THEME_SHARE = 0.25  # a theme names a cluster when at least this share of its initiatives have it

Activity = Callable[[dict[str, str]], dict[str, GroupActivity]]


class LeadingActor(BaseModel):
    id: str
    name: str
    weighted_degree: float  # the sum of its collaboration weights, in the whole graph


class InnerBroker(BaseModel):
    id: str
    name: str
    participation: float  # 0..1, how evenly its tie weight spreads over clusters
    bridges: list[int]  # the other clusters it reaches, most tie weight first


class PlaceShare(BaseModel):
    code: str
    name: str | None
    actors: int


class ThemeShare(BaseModel):
    theme: str
    initiatives: int


class ClusterSummary(BaseModel):
    id: int
    label: str
    size: int
    leading: list[LeadingActor]
    brokers: list[InnerBroker]  # members whose ties reach furthest into other clusters
    counties: list[PlaceShare]
    municipalities: list[PlaceShare]
    kinds: dict[str, int]
    internal_weight: float  # collaboration weight on ties inside the cluster
    initiatives: int  # distinct initiatives any member took part in (in the window)
    themes: list[ThemeShare]
    active_years: tuple[int, int] | None  # the shortest span of start years holding 80% of them
    years: dict[int, int]  # initiatives by start year


class ClusterReport(BaseModel):
    resolution: float
    modularity: float
    strong: bool  # modularity high enough that the division means something
    clusters: list[ClusterSummary]


def cluster_report(
    graph: nx.Graph | TieTable,
    resolution: float = 1.0,
    seed: int = SEED,
    previous: Communities | None = None,
    activity: Activity | None = None,
    method: ClusterMethod = ClusterMethod.LOUVAIN,
) -> tuple[ClusterReport, Communities]:
    """Communities with their summaries. `activity` answers what groups of actors took part in
    (a store's `group_activity`); without it the summaries say nothing of initiatives."""
    table = graph if isinstance(graph, TieTable) else from_networkx(graph)
    communities = find_communities(table, resolution=resolution, seed=seed, previous=previous, method=method)
    done = activity({m: str(c.id) for c in communities.items for m in c.members}) if activity else {}
    strength = table.strengths()
    member = membership(table, communities)
    inside, shares = weight_by_cluster(table, member)
    where = table.position
    names = place_names(table)
    summaries = []
    for community in communities.items:
        members = [table.actors[where[m]] for m in community.members]
        leading = sorted(members, key=lambda a: (-strength[where[a.id]], a.id))[:LEADING]
        counties = _places([a.county for a in members], names["county"])
        did = done.get(str(community.id), GroupActivity())
        themes = [
            ThemeShare(theme=t, initiatives=n) for t, n in sorted(did.themes.items(), key=lambda item: (-item[1], item[0]))[:TOP]
        ]
        active = active_years(did.years)
        summaries.append(
            ClusterSummary(
                id=community.id,
                label=_label(leading, counties, themes, did.initiatives, active),
                size=len(members),
                leading=[LeadingActor(id=a.id, name=a.name, weighted_degree=round(strength[where[a.id]], 6)) for a in leading],
                brokers=_inner_brokers(members, community.id, shares, where),
                counties=counties[:TOP],
                municipalities=_places([a.kommunenummer for a in members], names["municipality"])[:TOP],
                kinds=dict(sorted(Counter(a.kind or "other" for a in members).items())),
                internal_weight=round(inside.get(community.id, 0.0), 6),
                initiatives=did.initiatives,
                themes=themes,
                active_years=active,
                years=dict(sorted(did.years.items())),
            )
        )
    _tell_apart(summaries)
    report = ClusterReport(
        resolution=resolution, modularity=round(communities.modularity, 6), strong=communities.strong, clusters=summaries
    )
    return report, communities


def active_years(years: dict[int, int], share: float = ACTIVE_SHARE) -> tuple[int, int] | None:
    """The shortest run of years holding `share` of the initiatives (the earliest such run),
    so a single early or late outlier does not stretch a cluster's span."""
    if not years:
        return None
    first, last = min(years), max(years)
    counts = [years.get(y, 0) for y in range(first, last + 1)]
    need = share * sum(counts)
    best: tuple[int, int] | None = None
    left, running = 0, 0
    for right, n in enumerate(counts):
        running += n
        while running - counts[left] >= need and left < right:
            running -= counts[left]
            left += 1
        if running >= need and (best is None or right - left < best[1] - best[0]):
            best = (left, right)
    assert best is not None
    return first + best[0], first + best[1]


def place_names(table: TieTable) -> dict[str, dict[str, str]]:
    """County and municipality numbers to names, from the county and municipality actors."""
    names: dict[str, dict[str, str]] = {"county": {}, "municipality": {}}
    for a in table.actors:
        if a.kind == "county" and a.county:
            names["county"][a.county] = a.name
        elif a.kind == "municipality" and a.kommunenummer:
            names["municipality"][a.kommunenummer] = a.name
    return names


def _places(codes: list[str | None], names: dict[str, str]) -> list[PlaceShare]:
    counts = Counter(code for code in codes if code)
    return [
        PlaceShare(code=code, name=names.get(code), actors=n)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _inner_brokers(
    members: list[ActorAttrs], cluster: int, shares: dict[int, dict[int, float]], where: dict[str, int]
) -> list[InnerBroker]:
    """The members whose ties reach other clusters most evenly; the clusters each reaches are
    ranked only for the few shown."""
    ranked = []
    for actor in members:
        out = shares.get(where[actor.id])
        if out and any(c >= 0 and c != cluster for c in out) and sum(out.values()) > 0:
            ranked.append((round(participation_of(out), 6), actor))
    ranked.sort(key=lambda item: (-item[0], item[1].id))
    found = []
    for participation, actor in ranked[:BROKERS]:
        bridges, _ = bridging(shares[where[actor.id]])
        found.append(
            InnerBroker(
                id=actor.id, name=actor.name, participation=participation, bridges=[c for c, _ in bridges if c != cluster]
            )
        )
    return found


def _label(
    leading: list[ActorAttrs],
    counties: list[PlaceShare],
    themes: list[ThemeShare],
    initiatives: int,
    active: tuple[int, int] | None,
) -> str:
    """ "Vestland · velferdsteknologi · 2019–2024": the county most of it is in (when one is;
    else its two leading actors), its main theme (when a quarter of its initiatives share
    one) and its active years."""
    size = sum(c.actors for c in counties)
    if counties and counties[0].actors * 2 > size:
        parts = [counties[0].name or counties[0].code]
    else:
        parts = [", ".join(a.name for a in leading[:2])]
    if themes and initiatives and themes[0].initiatives >= THEME_SHARE * initiatives:
        parts.append(themes[0].theme)
    if active:
        parts.append(str(active[0]) if active[0] == active[1] else f"{active[0]}–{active[1]}")
    return " · ".join(parts)


def _tell_apart(summaries: list[ClusterSummary]) -> None:
    """Clusters that would share a label get their leading actor's name added."""
    seen = Counter(s.label for s in summaries)
    for s in summaries:
        if seen[s.label] > 1 and s.leading and s.leading[0].name not in s.label:
            s.label = f"{s.label} ({s.leading[0].name})"


def stored_clusters(
    store: GraphStore,
    resolution: float = 1.0,
    since: dt.date | None = None,
    until: dt.date | None = None,
    method: ClusterMethod = ClusterMethod.LOUVAIN,
) -> tuple[ClusterReport, Communities, TieTable]:
    """The clusters of the store's collaboration graph, computed once per revision; ids carry
    over from the clustering the store last kept for this variant (in any process)."""
    key = clusters_key(resolution, since, until, method)
    return kept(store, ("clusters", key), lambda: _clustered(store, key, resolution, since, until, method))


def _clustered(
    store: GraphStore, key: str, resolution: float, since: dt.date | None, until: dt.date | None, method: ClusterMethod
) -> tuple[ClusterReport, Communities, TieTable]:
    revision = store.revision()
    graph = table_of(store, since, until)
    saved = store.load_clusters(key)
    report, communities = cluster_report(
        graph,
        resolution=resolution,
        previous=_restored(saved) if saved else None,
        activity=lambda groups: store.group_activity(groups, since, until),
        method=method,
    )
    if saved is None or saved.revision != revision:
        store.save_clusters(key, SavedClusters(revision=revision, membership=communities.membership, next_id=communities.next_id))
    return report, communities, graph


def _restored(saved: SavedClusters) -> Communities:
    members: dict[int, list[str]] = defaultdict(list)
    for actor, cluster in saved.membership.items():
        members[cluster].append(actor)
    items = tuple(Community(id=c, members=tuple(sorted(m))) for c, m in sorted(members.items()))
    return Communities(items=items, modularity=0.0, resolution=0.0, next_id=saved.next_id)
