"""Recommendations: actors a given actor has no tie to yet but probably should know.

Score (higher first): Adamic–Adar over shared partners in the collaboration graph — each
shared partner z adds 1/ln(degree of z), so a partner who works with few counts more than a
hub that works with everyone — plus 0.5 when both are in the same county and 0.25 when they
are the same kind of actor. Only actors with at least one shared partner are suggested, and
each suggestion says why in a sentence.
"""

from __future__ import annotations

import math

import networkx as nx
from pydantic import BaseModel

SAME_COUNTY, SAME_KIND = 0.5, 0.25
NAMED = 3  # shared partners named in the sentence


class Recommendation(BaseModel):
    id: str
    name: str
    score: float
    shared_partners: list[str]  # ids, the most telling first
    why: str


def recommend(graph: nx.Graph, actor_id: str, limit: int = 10) -> list[Recommendation]:
    if actor_id not in graph:
        return []
    me = graph.nodes[actor_id]
    tied = set(graph[actor_id]) | {actor_id}
    shared: dict[str, list[str]] = {}
    for partner in graph[actor_id]:
        for candidate in graph[partner]:
            if candidate not in tied:
                shared.setdefault(candidate, []).append(partner)
    found = []
    for candidate, partners in shared.items():
        partners.sort(key=lambda z: (graph.degree(z), z))  # fewest ties first: the most telling
        other = graph.nodes[candidate]
        county = me.get("county") is not None and me.get("county") == other.get("county")
        kind = me.get("kind") is not None and me.get("kind") == other.get("kind")
        score = sum(1 / math.log(graph.degree(z)) for z in partners) + SAME_COUNTY * county + SAME_KIND * kind
        found.append(Recommendation(id=candidate, name=other.get("name", candidate), score=round(score, 6),
                                    shared_partners=partners, why=_why(graph, partners, county, kind, other)))
    found.sort(key=lambda r: (-r.score, r.name.casefold(), r.id))
    return found[:limit]


def _why(graph: nx.Graph, partners: list[str], county: bool, kind: bool, other: dict) -> str:
    names = ", ".join(graph.nodes[z].get("name", z) for z in partners[:NAMED])
    more = f" and {len(partners) - NAMED} more" if len(partners) > NAMED else ""
    reasons = [f"shares {len(partners)} partner{'s' if len(partners) > 1 else ''}: {names}{more}"]
    if county:
        reasons.append(f"same county ({other.get('county')})")
    if kind:
        reasons.append(f"also a {str(other.get('kind')).replace('_', ' ')}")
    return "; ".join(reasons)
