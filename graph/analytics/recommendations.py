"""Recommendations: actors a given actor has no tie to yet but probably should know.

Score (higher first): Adamic–Adar over shared partners in the collaboration graph — each
shared partner z adds 1/ln(degree of z), so a partner who works with few counts more than a
hub that works with everyone — plus up to 1 for shared themes (the Jaccard overlap of the
themes of the initiatives each took part in), 0.5 when both are in the same county and 0.25
when they are the same kind of actor. Only actors with at least one shared partner are
suggested, and each suggestion says why in a sentence.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import networkx as nx
from pydantic import BaseModel

from graph.language import Lang, kind_name, pick
from graph.places import gazetteer
from graph.store import GraphStore

SHARED_THEMES, SAME_COUNTY, SAME_KIND = 1.0, 0.5, 0.25
NAMED = 3  # shared partners (and themes) named in the sentence

# Given actor ids, the themes each has worked on (actors with none may be left out).
ThemesOf = Callable[[list[str]], dict[str, set[str]]]


class Recommendation(BaseModel):
    id: str
    name: str
    score: float
    shared_partners: list[str]  # ids, the most telling first
    shared_themes: list[str] = []
    why: str


# (Bokmål, Nynorsk, English)
_REASONS = {
    "partner": ("deler 1 partner: {names}", "deler 1 partnar: {names}", "shares 1 partner: {names}"),
    "partners": ("deler {n} partnere: {names}", "deler {n} partnarar: {names}", "shares {n} partners: {names}"),
    "themes": ("begge arbeider med {themes}", "begge arbeider med {themes}", "both work on {themes}"),
    "county": ("samme fylke ({county})", "same fylke ({county})", "same county ({county})"),
    "kind": ("også {kind}", "også {kind}", "also {article} {kind}"),
    "more": (" og {n} til", " og {n} til", " and {n} more"),
}


def recommend(
    graph: nx.Graph, actor_id: str, limit: int = 10, themes_of: ThemesOf | None = None, lang: Lang = Lang.EN
) -> list[Recommendation]:
    if actor_id not in graph:
        return []
    me = graph.nodes[actor_id]
    tied = set(graph[actor_id]) | {actor_id}
    shared: dict[str, list[str]] = {}
    for partner in graph[actor_id]:
        for candidate in graph[partner]:
            if candidate not in tied:
                shared.setdefault(candidate, []).append(partner)
    themes = themes_of([actor_id, *shared]) if themes_of and shared else {}
    mine = themes.get(actor_id, set())
    degree = {z: graph.degree(z) for z in graph[actor_id]}
    # Every candidate scored, but only those shown made into answers: a hub has 20,000.
    scored = []
    for candidate, partners in shared.items():
        partners.sort(key=lambda z: (degree[z], z))  # fewest ties first: the most telling (and summed so)
        other = graph.nodes[candidate]
        county = me.get("county") is not None and me.get("county") == other.get("county")
        kind = me.get("kind") is not None and me.get("kind") == other.get("kind")
        theirs = themes.get(candidate, set())
        both = sorted(mine & theirs)
        overlap = len(both) / len(mine | theirs) if both else 0.0
        score = sum(1 / math.log(degree[z]) for z in partners) + SHARED_THEMES * overlap + SAME_COUNTY * county + SAME_KIND * kind
        name = other.get("name", candidate)
        scored.append((-round(score, 6), name.casefold(), candidate, name, both, county, kind))
    found = []
    for minus_score, _, candidate, name, both, county, kind in sorted(scored)[:limit]:
        partners = shared[candidate]
        found.append(
            Recommendation(
                id=candidate,
                name=name,
                score=-minus_score,
                shared_partners=partners,
                shared_themes=both,
                why=_why(graph, partners, both, county, kind, graph.nodes[candidate], lang),
            )
        )
    return found


def store_themes(store: GraphStore, since: dt.date | None = None, until: dt.date | None = None) -> ThemesOf:
    """Themes from the initiatives each actor took part in, in one store query."""

    def themes_of(actor_ids: list[str]) -> dict[str, set[str]]:
        done = store.group_activity({a: a for a in actor_ids}, since, until)
        return {a: set(d.themes) for a, d in done.items()}

    return themes_of


def _why(graph: nx.Graph, partners: list[str], themes: list[str], county: bool, kind: bool, other: dict, lang: Lang) -> str:
    names = _listed([graph.nodes[z].get("name", z) for z in partners], lang)
    reasons = [pick(_REASONS["partners" if len(partners) > 1 else "partner"], lang).format(n=len(partners), names=names)]
    if themes:
        reasons.append(pick(_REASONS["themes"], lang).format(themes=_listed(themes, lang)))
    if county:
        number = str(other.get("county"))
        reasons.append(pick(_REASONS["county"], lang).format(county=gazetteer().county_label(number, lang) or number))
    if kind:
        word = kind_name(str(other.get("kind")), lang)
        reasons.append(pick(_REASONS["kind"], lang).format(kind=word, article="an" if word[:1] in "aeiou" else "a"))
    return "; ".join(reasons)


def _listed(names: list[str], lang: Lang) -> str:
    more = pick(_REASONS["more"], lang).format(n=len(names) - NAMED) if len(names) > NAMED else ""
    return ", ".join(names[:NAMED]) + more
