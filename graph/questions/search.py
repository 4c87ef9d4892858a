"""Finding actors and initiatives: by what a user types (a name, a short form such as UiO, an
alias or an organisation number), and as filtered, paged lists."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.acronyms import spelled_out
from graph.model import Actor, ActorKind, InitiativeKind
from graph.questions.bounds import PAGE_MAX, TEXT_MAX
from graph.store import GraphStore
from graph.store_results import ActorPage, InitiativePage, ResolutionStatus
from graph.text import tokens

SUGGESTIONS = 10


class SearchAsked(BaseModel):
    q: str = Field(min_length=1, max_length=TEXT_MAX, description="Name, short form, alias or organisation number")


class Suggestion(BaseModel):
    id: str
    name: str
    type: Literal["actor", "initiative"]
    kind: str
    detail: str | None = None  # what tells two alike names apart: org. number, year


class ActorsAsked(BaseModel):
    q: str | None = Field(None, max_length=TEXT_MAX, description="Name, alias or organisation number")
    kind: ActorKind | None = None
    county: str | None = Field(None, pattern=r"^\d{2}$", description="County number, e.g. 46")
    municipality: str | None = Field(None, pattern=r"^\d{4}$", description="Municipality number, e.g. 4601")
    limit: int = Field(50, ge=1, le=PAGE_MAX, description=f"At most this many (1-{PAGE_MAX})")
    cursor: str | None = Field(None, max_length=500, description="next_cursor of the page before")


def actors_matching(store: GraphStore, asked: ActorsAsked) -> ActorPage:
    return store.find_actors(
        q=asked.q, kind=asked.kind, county=asked.county, municipality=asked.municipality, limit=asked.limit, cursor=asked.cursor
    )


class InitiativesAsked(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    q: str | None = Field(None, max_length=TEXT_MAX, description="Words the title has words beginning with")
    kind: InitiativeKind | None = None
    county: str | None = Field(None, pattern=r"^\d{2}$", description="County number, e.g. 46")
    theme: str | None = Field(None, max_length=100)
    from_: dt.date | None = Field(None, alias="from", description="Overlapping this date or later")
    to: dt.date | None = Field(None, description="Starting on or before this date")
    open: bool | None = Field(None, description="Only public events (true) or only closed ones (false)")
    limit: int = Field(50, ge=1, le=PAGE_MAX, description=f"At most this many (1-{PAGE_MAX})")
    cursor: str | None = Field(None, max_length=500, description="next_cursor of the page before")


def initiatives_matching(store: GraphStore, asked: InitiativesAsked) -> InitiativePage:
    return store.find_initiatives(
        kind=asked.kind,
        county=asked.county,
        theme=asked.theme,
        since=asked.from_,
        until=asked.to,
        open=asked.open,
        limit=asked.limit,
        cursor=asked.cursor,
        q=asked.q,
    )


def suggestions_for(store: GraphStore, asked: SearchAsked) -> list[Suggestion]:
    """At most SUGGESTIONS: the actor an organisation number names, actors by name (a short form
    also spelled out), then initiatives whose title words begin with every word typed."""
    q = asked.q
    found: dict[str, Suggestion] = {}
    if q.strip().replace(" ", "").isdigit():  # an organisation number
        resolution = store.resolve_actor(q.replace(" ", ""), suggest=False)
        if resolution.status != ResolutionStatus.NOT_FOUND:
            actors = [resolution.actor] if resolution.actor else [store.get_actor(c.id) for c in resolution.candidates]
            for a in actors:
                if a is not None:
                    found[a.id] = _suggested(a)
    # "UiO" also as Universitetet i Oslo, whatever aliases the store holds; then as typed.
    for text in (*spelled_out(q), q):
        for a in store.find_actors(q=text, limit=SUGGESTIONS).items:
            found.setdefault(a.id, _suggested(a))
    room = SUGGESTIONS - len(found)
    if room > 0 and tokens(q):  # as actor search: each word typed begins a word of the title
        for i in store.find_initiatives(q=q, limit=room).items:
            found[i.id] = Suggestion(
                id=i.id, name=i.title, type="initiative", kind=i.kind, detail=str(i.start.year) if i.start else None
            )
    return list(found.values())[:SUGGESTIONS]


def _suggested(actor: Actor) -> Suggestion:
    return Suggestion(id=actor.id, name=actor.name, type="actor", kind=actor.kind, detail=actor.orgnr)
