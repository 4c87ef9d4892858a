"""Actors: search, one actor, its collaborators."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from api.deps import StoreDep
from graph.model import Actor, ActorKind
from graph.store import ActorPage, Collaborator

router = APIRouter(prefix="/api/actors", tags=["actors"])


class CollaboratorsOut(BaseModel):
    actor: Actor
    since: dt.date | None
    until: dt.date | None
    collaborators: list[Collaborator]


@router.get("", response_model=ActorPage)
def search_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name, alias or organisation number")] = None,
    kind: ActorKind | None = None,
    county: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> ActorPage:
    return store.find_actors(q=q, kind=kind, county=county, limit=limit, cursor=cursor)


@router.get("/{actor_id}", response_model=Actor)
def get_actor(store: StoreDep, actor_id: str) -> Actor:
    actor = store.get_actor(actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return actor


@router.get("/{actor_id}/collaborators", response_model=CollaboratorsOut)
def get_collaborators(
    store: StoreDep,
    actor_id: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> CollaboratorsOut:
    actor = get_actor(store, actor_id)
    found = store.collaborators(actor.id, since=since, until=until, limit=limit)
    return CollaboratorsOut(actor=actor, since=since, until=until, collaborators=found)
