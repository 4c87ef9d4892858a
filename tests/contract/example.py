"""A small graph whose collaboration weights are computed by hand in the tests that use it.

- project  (2016): Oslo, Bergen                         -> 1/(2-1) = 1 each pair
- conference (2018-06-01): Oslo, Bergen, KS, Difi, Tromsø -> 1/(5-1) = 0.25 each pair
- meeting (undated): KS, Difi                            -> 1
- partnership Oslo–KS from 2017-01-01                    -> 1
- Difi LEARNED_FROM Nesta; Oslo county (fylke-03) is also named "Oslo"
"""

from __future__ import annotations

import datetime as dt

from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore

ACTORS = [
    Actor(id="oslo", name="Oslo", kind="municipality", kommunenummer="0301", fylkesnummer="03"),
    Actor(id="fylke-03", name="Oslo", kind="county", fylkesnummer="03"),
    Actor(id="bergen", name="Bergen", kind="municipality", kommunenummer="4601", fylkesnummer="46"),
    Actor(id="tromso", name="Tromsø", kind="municipality", kommunenummer="5501", aliases=("Romsa",)),
    Actor(id="ks", name="KS", kind="interest_organisation", aliases=("Kommunesektorens organisasjon",)),
    Actor(id="difi", name="Difi", kind="state_agency", orgnr="991825827"),
    Actor(id="nesta", name="Nesta", kind="innovation_agency", country="GB"),
    Actor(id="loner", name="Einsam etat", kind="state_agency"),
]
INITIATIVES = [
    Initiative(
        id="project", title="Velferdsprosjekt", kind="project", start=dt.date(2016, 1, 1),
        end=dt.date(2016, 12, 31), kommunenummer="4601", themes=("Velferdsteknologi",),
    ),
    Initiative(
        id="conference", title="Innovasjonskonferansen", kind="conference", start=dt.date(2018, 6, 1),
        themes=("Innovasjon",), open=True,
    ),
    Initiative(id="meeting", title="Møte", kind="meeting"),
]


def _took_part(actor: str, initiative: str, role: str = "participant") -> Relationship:
    return Relationship(type="PARTICIPATED_IN", source=actor, target=initiative, role=role)


RELATIONSHIPS = [
    _took_part("oslo", "project", "organiser"),
    _took_part("bergen", "project"),
    *(_took_part(a, "conference") for a in ("oslo", "bergen", "ks", "difi", "tromso")),
    _took_part("ks", "conference", "speaker"),
    _took_part("ks", "meeting"),
    _took_part("difi", "meeting"),
    Relationship(type="PARTNER_OF", source="oslo", target="ks", start=dt.date(2017, 1, 1)),
    Relationship(type="LEARNED_FROM", source="difi", target="nesta"),
    Relationship(type="PART_OF", source="oslo", target="fylke-03"),
]


def load(store: GraphStore) -> None:
    store.upsert_actors(ACTORS)
    store.upsert_initiatives(INITIATIVES)
    store.upsert_relationships(RELATIONSHIPS)
