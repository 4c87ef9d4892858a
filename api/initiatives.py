"""Initiatives: filtered lists, one initiative with its participants and their roles; editor writes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Path, Query, Response
from pydantic import BaseModel

from api import examples
from api.access import Editor, ReaderAccess
from api.gate import GatedRoute
from api.deps import StoreDep
from api.problems import documented
from graph.model import (
    ActorKind,
    Initiative,
    InitiativeKind,
    Label,
    Relationship,
    RelType,
    Role,
)
from graph.store import InitiativePage, NodeRef, UpsertCounts

router = APIRouter(route_class=GatedRoute, prefix="/api/initiatives", tags=["initiatives"], dependencies=[ReaderAccess],
                   responses=documented(401, 403, 404, 409, 413, 422, 503))

InitiativeId = Annotated[str, Path(min_length=1, max_length=200, description="The initiative's id (a slug)")]


class Participant(BaseModel):
    id: str
    name: str
    kind: ActorKind
    roles: list[Role]


class InitiativeDetail(BaseModel):
    initiative: Initiative
    participants: list[Participant]  # by name
    related: list[Relationship]  # PART_OF links to other initiatives


@router.get("", response_model=InitiativePage, summary="Initiatives by kind, place, theme, dates and openness")
def list_initiatives(
    store: StoreDep,
    kind: InitiativeKind | None = None,
    county: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    theme: Annotated[str | None, Query(max_length=100)] = None,
    from_: Annotated[dt.date | None, Query(alias="from", description="Overlapping this date or later")] = None,
    to: Annotated[dt.date | None, Query(description="Starting on or before this date")] = None,
    open: Annotated[bool | None, Query(description="Only public events (true) or only closed ones (false)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> InitiativePage:
    return store.find_initiatives(kind=kind, county=county, theme=theme, since=from_, until=to, open=open,
                                  limit=limit, cursor=cursor)


@router.get("/{initiative_id}", response_model=InitiativeDetail, summary="One initiative with its participants")
def get_initiative(store: StoreDep, initiative_id: InitiativeId) -> InitiativeDetail:
    initiative = store.get_initiative(initiative_id)
    if initiative is None:
        raise HTTPException(404, f"no initiative with id {initiative_id!r}")
    relationships = store.relationships_of(NodeRef(label=Label.INITIATIVE, id=initiative.id))
    roles: dict[str, set[Role]] = defaultdict(set)
    for r in relationships:
        if r.type == RelType.PARTICIPATED_IN:
            roles[r.source].add(r.role or Role.PARTICIPANT)
    actors = store.get_actors(sorted(roles))
    participants = sorted(
        (Participant(id=a.id, name=a.name, kind=a.kind, roles=sorted(roles[a.id])) for a in actors.values()),
        key=lambda p: (p.name.casefold(), p.id))
    related = [r for r in relationships if r.type != RelType.PARTICIPATED_IN]
    return InitiativeDetail(initiative=initiative, participants=participants, related=related)


@router.put("/{initiative_id}", response_model=UpsertCounts, summary="Create or replace an initiative (editor)")
def put_initiative(
    store: StoreDep, _: Editor, initiative_id: InitiativeId,
    initiative: Annotated[Initiative, Body(openapi_examples=examples.INITIATIVE)],
) -> UpsertCounts:
    if initiative.id != initiative_id:
        raise HTTPException(422, f"the body's id {initiative.id!r} is not the path's {initiative_id!r}")
    return store.upsert_initiatives([initiative])


@router.delete("/{initiative_id}", status_code=204, summary="Delete an initiative and its relationships (editor)")
def delete_initiative(store: StoreDep, _: Editor, initiative_id: InitiativeId) -> Response:
    if not store.delete_initiative(initiative_id):
        raise HTTPException(404, f"no initiative with id {initiative_id!r}")
    return Response(status_code=204)
