"""Who an actor collaborates with: one page of the ranked list (or all of it), how many there
are in all, and for each collaborator what a caller needs to act on it (organisation number,
municipality and county by name)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from graph.model import Actor
from graph.places import gazetteer
from graph.questions.bounds import OFFSET_MAX, PAGE_MAX, Since, Until
from graph.store import MAX_COLLABORATORS, GraphStore
from graph.store_results import Collaborator

PAGE = 20  # the CLI's page; the API's is 50
ALL = MAX_COLLABORATORS


class CollaboratorsAsked(BaseModel):
    since: Since = None
    until: Until = None
    limit: int = Field(50, ge=1, le=PAGE_MAX, description=f"At most this many (1-{PAGE_MAX})")
    offset: int = Field(0, ge=0, le=OFFSET_MAX, description="Skip this many heavier ones (the next page)")


class CollaboratorsAnswer(BaseModel):
    actor: Actor
    since: dt.date | None = None
    until: dt.date | None = None
    total: int = Field(description="collaborators in all, listed or not")
    offset: int = Field(description="how many heavier ones come before the first listed")
    collaborators: list[Collaborator]

    @property
    def shown(self) -> str:
        """ "Collaborators 1–20 of 130", or "all 12"."""
        if self.offset == 0 and len(self.collaborators) == self.total:
            return f"all {self.total:,}"
        if not self.collaborators:
            return f"none of {self.total:,} from {self.offset + 1:,}"
        return f"{self.offset + 1:,}–{self.offset + len(self.collaborators):,} of {self.total:,}"


def collaborators_of(store: GraphStore, actor: Actor, asked: CollaboratorsAsked) -> CollaboratorsAnswer:
    """One page: `limit` collaborators after the `offset` heaviest."""
    return _ranked(store, actor, asked.since, asked.until, asked.limit, asked.offset)


def every_collaborator(
    store: GraphStore, actor: Actor, since: dt.date | None = None, until: dt.date | None = None
) -> CollaboratorsAnswer:
    """The whole list (up to MAX_COLLABORATORS), for a spreadsheet or `--all`."""
    return _ranked(store, actor, since, until, ALL, 0)


def _ranked(
    store: GraphStore, actor: Actor, since: dt.date | None, until: dt.date | None, limit: int, offset: int
) -> CollaboratorsAnswer:
    wanted = min(offset + limit, MAX_COLLABORATORS)
    found = store.collaborators(actor.id, since=since, until=until, limit=wanted)[offset:] if offset < wanted else []
    total = store.count_collaborators(actor.id, since=since, until=until)
    return CollaboratorsAnswer(
        actor=actor, since=since, until=until, total=total, offset=offset, collaborators=_placed(store, found)
    )


def _placed(store: GraphStore, found: list[Collaborator]) -> list[Collaborator]:
    places = gazetteer()
    actors = store.get_actors([c.id for c in found]) if found else {}
    listed = []
    for c in found:
        a = actors.get(c.id)
        if a is None:
            listed.append(c)
            continue
        municipality = places.municipalities.get(a.kommunenummer) if a.kommunenummer else None
        listed.append(
            c.model_copy(
                update={
                    "orgnr": a.orgnr,
                    "kommunenummer": a.kommunenummer,
                    "municipality": municipality.name if municipality else None,
                    "county": places.county_name(a.county),
                }
            )
        )
    return listed
