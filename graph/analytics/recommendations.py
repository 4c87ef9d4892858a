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

from graph.collaboration import ActorAttrs
from graph.language import Lang, kind_name, pick
from graph.places import gazetteer
from graph.store import GraphStore
from graph.ties import TieTable, from_networkx

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
    graph: nx.Graph | TieTable, actor_id: str, limit: int = 10, themes_of: ThemesOf | None = None, lang: Lang = Lang.EN
) -> list[Recommendation]:
    table = graph if isinstance(graph, TieTable) else from_networkx(graph)
    if actor_id not in table.position:
        return []
    me = table.actors[table.position[actor_id]]
    mine = table.partners(table.position[actor_id])
    tied = {*mine, table.position[actor_id]}
    shared: dict[int, list[int]] = {}
    for partner in mine:
        for candidate in table.partners(partner):
            if candidate not in tied:
                shared.setdefault(candidate, []).append(partner)
    ids = table.ids()
    themes = themes_of([actor_id, *(ids[c] for c in shared)]) if themes_of and shared else {}
    my_themes = themes.get(actor_id, set())
    degree = {z: len(table.partners(z)) for z in mine}
    # Every candidate scored, but only those shown made into answers: a hub has 20,000.
    scored = []
    for candidate, partners in shared.items():
        partners.sort(key=lambda z: (degree[z], ids[z]))  # fewest ties first: the most telling (and summed so)
        other = table.actors[candidate]
        county = me.county is not None and me.county == other.county
        kind = me.kind is not None and me.kind == other.kind
        theirs = themes.get(other.id, set())
        both = sorted(my_themes & theirs)
        overlap = len(both) / len(my_themes | theirs) if both else 0.0
        score = sum(1 / math.log(degree[z]) for z in partners) + SHARED_THEMES * overlap + SAME_COUNTY * county + SAME_KIND * kind
        scored.append((-round(score, 6), other.name.casefold(), other.id, candidate, both, county, kind))
    found = []
    for minus_score, _, _, candidate, both, county, kind in sorted(scored)[:limit]:
        other = table.actors[candidate]
        partners = shared[candidate]
        found.append(
            Recommendation(
                id=other.id,
                name=other.name,
                score=-minus_score,
                shared_partners=[ids[z] for z in partners],
                shared_themes=both,
                why=_why([table.actors[z].name for z in partners], both, county, kind, other, lang),
            )
        )
    return found


def store_themes(store: GraphStore, since: dt.date | None = None, until: dt.date | None = None) -> ThemesOf:
    """Themes from the initiatives each actor took part in, in one store query."""

    def themes_of(actor_ids: list[str]) -> dict[str, set[str]]:
        done = store.group_activity({a: a for a in actor_ids}, since, until)
        return {a: set(d.themes) for a, d in done.items()}

    return themes_of


def _why(partners: list[str], themes: list[str], county: bool, kind: bool, other: ActorAttrs, lang: Lang) -> str:
    names = _listed(partners, lang)
    reasons = [pick(_REASONS["partners" if len(partners) > 1 else "partner"], lang).format(n=len(partners), names=names)]
    if themes:
        reasons.append(pick(_REASONS["themes"], lang).format(themes=_listed(themes, lang)))
    if county:
        number = str(other.county)
        reasons.append(pick(_REASONS["county"], lang).format(county=gazetteer().county_label(number, lang) or number))
    if kind:
        word = kind_name(str(other.kind), lang)
        reasons.append(pick(_REASONS["kind"], lang).format(kind=word, article="an" if word[:1] in "aeiou" else "a"))
    return "; ".join(reasons)


def _listed(names: list[str], lang: Lang) -> str:
    more = pick(_REASONS["more"], lang).format(n=len(names) - NAMED) if len(names) > NAMED else ""
    return ", ".join(names[:NAMED]) + more
