"""Actors: search, one actor with its counts, collaborators, network, recommendations; editor writes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Path, Query, Response
from pydantic import BaseModel

from api import examples
from api.access import Editor, ReaderAccess
from api.gate import GatedRoute
from api.deps import StoreDep
from api.problems import documented
from graph.analytics.projection import projection_of
from graph.analytics.recommendations import Recommendation, recommend, store_themes
from graph.language import Lang
from graph.model import Actor, ActorKind, Label, RelType
from graph.questions.collaborators import CollaboratorsAnswer, collaborators_of
from graph.store import MAX_COLLABORATORS, ActorPage, NodeRef, ResolutionStatus, Subgraph, UpsertCounts
from ingest.collaborator_sheet import to_csv, to_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(route_class=GatedRoute, prefix="/api/actors", tags=["actors"], dependencies=[ReaderAccess], responses=documented(401, 403, 404, 409, 413, 422, 503))

ActorId = Annotated[str, Path(min_length=1, max_length=200, description="The actor's id (a slug)")]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many (1-500)")]


class ActorCounts(BaseModel):
    initiatives: int  # initiatives it took part in
    relationships: dict[RelType, int]  # every relationship it has, by type


class ActorDetail(BaseModel):
    actor: Actor
    counts: ActorCounts


class RecommendationsOut(BaseModel):
    actor: Actor
    recommendations: list[Recommendation]


@router.get("", response_model=ActorPage, summary="Search actors by name, alias or organisation number")
def search_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name, alias or organisation number")] = None,
    kind: ActorKind | None = None,
    county: Annotated[str | None, Query(pattern=r"^\d{2}$", description="County number, e.g. 46")] = None,
    municipality: Annotated[str | None, Query(pattern=r"^\d{4}$", description="Municipality number, e.g. 4601")] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the page before")] = None,
) -> ActorPage:
    return store.find_actors(q=q, kind=kind, county=county, municipality=municipality, limit=limit, cursor=cursor)


def known_actor(store: StoreDep, actor_id: str) -> Actor:
    """The actor with this id, or the one a number names: an organisation number, a
    municipality number of any year since 1994, a county number (the answer carries its id)."""
    actor = store.get_actor(actor_id)
    if actor is None and actor_id.isdigit():
        resolution = store.resolve_actor(actor_id, suggest=False)
        actor = resolution.actor if resolution.status == ResolutionStatus.FOUND else None
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return actor


@router.get("/{actor_id}", response_model=ActorDetail, summary="One actor: properties, sources and counts")
def get_actor(store: StoreDep, actor_id: ActorId) -> ActorDetail:
    actor = known_actor(store, actor_id)
    relationships = store.relationships_of(NodeRef(label=Label.ACTOR, id=actor.id))
    by_type = Counter(r.type for r in relationships)
    initiatives = len({r.target for r in relationships if r.type == RelType.PARTICIPATED_IN})
    return ActorDetail(actor=actor, counts=ActorCounts(initiatives=initiatives, relationships=dict(sorted(by_type.items()))))


Since = Annotated[dt.date | None, Query(description="Only evidence from this date on")]
Until = Annotated[dt.date | None, Query(description="Only evidence up to this date")]


@router.get("/{actor_id}/collaborators", response_model=CollaboratorsAnswer,
            summary="Collaborators ranked by weight, each with its evidence, organisation number and place; "
                    "`total` says how many there are in all")
def get_collaborators(
    store: StoreDep,
    actor_id: ActorId,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_COLLABORATORS, description="Skip this many heavier ones (the next page)")] = 0,
) -> CollaboratorsAnswer:
    return collaborators_of(store, known_actor(store, actor_id), since=since, until=until, limit=limit, offset=offset)


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@router.get("/{actor_id}/collaborators/download", summary="Every collaborator as a CSV file or an Excel workbook",
            responses={200: {"content": {"text/csv": {}, XLSX_TYPE: {}}}}, response_class=Response)
def download_collaborators(
    store: StoreDep,
    actor_id: ActorId,
    format: SheetFormat = SheetFormat.XLSX,
    lang: Lang = Lang.NB,
    since: Since = None,
    until: Until = None,
) -> Response:
    actor = known_actor(store, actor_id)
    answer = collaborators_of(store, actor, since=since, until=until, limit=MAX_COLLABORATORS)
    name = f"samspill-collaborators-{actor.id}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "X-Samspill-Total": str(answer.total)}
    if format == SheetFormat.CSV:
        return Response(("\ufeff" + to_csv(answer, lang)).encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(to_xlsx(answer, lang), media_type=XLSX_TYPE, headers=headers)


@router.get("/{actor_id}/network", response_model=Subgraph,
            summary="The actor's neighbourhood: nodes within depth hops, nearest first, capped at max_nodes")
def get_network(
    store: StoreDep,
    actor_id: ActorId,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> Subgraph:
    actor = known_actor(store, actor_id)
    return store.neighbourhood(NodeRef(label=Label.ACTOR, id=actor.id), depth=depth, max_nodes=max_nodes)


@router.get("/{actor_id}/recommendations", response_model=RecommendationsOut,
            summary="Actors it has no tie to yet but shares partners with, scored, each with why")
def get_recommendations(store: StoreDep, actor_id: ActorId, limit: Annotated[int, Query(ge=1, le=100)] = 10,
                        lang: Annotated[Lang, Query(description="The language of each `why`")] = Lang.EN) -> RecommendationsOut:
    actor = known_actor(store, actor_id)
    found = recommend(projection_of(store), actor.id, limit=limit, themes_of=store_themes(store), lang=lang)
    return RecommendationsOut(actor=actor, recommendations=found)


@router.put("/{actor_id}", response_model=UpsertCounts, summary="Create or replace an actor (editor)")
def put_actor(
    store: StoreDep, _: Editor, actor_id: ActorId, actor: Annotated[Actor, Body(openapi_examples=examples.ACTOR)]
) -> UpsertCounts:
    if actor.id != actor_id:
        raise HTTPException(422, f"the body's id {actor.id!r} is not the path's {actor_id!r}")
    return store.upsert_actors([actor])


@router.delete("/{actor_id}", status_code=204, summary="Delete an actor and its relationships (editor)")
def delete_actor(store: StoreDep, _: Editor, actor_id: ActorId) -> Response:
    if not store.delete_actor(actor_id):
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return Response(status_code=204)
