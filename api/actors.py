"""Actors: search, one actor with its counts, collaborators, network, recommendations; editor writes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Path, Query, Response

from api import examples
from api.access import Editor, ReaderAccess
from api.deps import StoreDep
from api.gate import GatedRoute
from api.problems import documented
from graph.language import Lang
from graph.model import Actor
from graph.questions.bounds import TEXT_MAX, Since, Until
from graph.questions.collaborators import (
    CollaboratorsAnswer,
    CollaboratorsAsked,
    collaborators_of,
    every_collaborator,
)
from graph.questions.details import ActorDetail, actor_by_id, actor_detail
from graph.questions.network import NetworkAsked, network_of
from graph.questions.recommendations import (
    RecommendationsAnswer,
    RecommendationsAsked,
    recommendations_for,
)
from graph.questions.search import ActorsAsked, actors_matching
from graph.store_results import ActorPage, Subgraph, UpsertCounts
from ingest.collaborator_sheet import to_csv, to_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(
    route_class=GatedRoute,
    prefix="/api/actors",
    tags=["actors"],
    dependencies=[ReaderAccess],
    responses=documented(401, 403, 404, 409, 413, 422, 503),
)

ActorId = Annotated[str, Path(min_length=1, max_length=TEXT_MAX, description="The actor's id (a slug)")]


@router.get("", response_model=ActorPage, summary="Search actors by name, alias or organisation number")
def search_actors(store: StoreDep, asked: Annotated[ActorsAsked, Query()]) -> ActorPage:
    return actors_matching(store, asked)


def known_actor(store: StoreDep, actor_id: str) -> Actor:
    """The actor with this id, or the one a number names: an organisation number, a
    municipality number of any year since 1994, a county number (the answer carries its id)."""
    actor = actor_by_id(store, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return actor


@router.get("/{actor_id}", response_model=ActorDetail, summary="One actor: properties, sources and counts")
def get_actor(store: StoreDep, actor_id: ActorId) -> ActorDetail:
    return actor_detail(store, known_actor(store, actor_id))


@router.get(
    "/{actor_id}/collaborators",
    response_model=CollaboratorsAnswer,
    summary="Collaborators ranked by weight, each with its evidence, organisation number and place; "
    "`total` says how many there are in all",
)
def get_collaborators(store: StoreDep, actor_id: ActorId, asked: Annotated[CollaboratorsAsked, Query()]) -> CollaboratorsAnswer:
    return collaborators_of(store, known_actor(store, actor_id), asked)


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@router.get(
    "/{actor_id}/collaborators/download",
    summary="Every collaborator as a CSV file or an Excel workbook",
    responses={200: {"content": {"text/csv": {}, XLSX_TYPE: {}}}},
    response_class=Response,
)
def download_collaborators(
    store: StoreDep,
    actor_id: ActorId,
    format: SheetFormat = SheetFormat.XLSX,
    lang: Lang = Lang.NB,
    since: Annotated[Since, Query()] = None,
    until: Annotated[Until, Query()] = None,
) -> Response:
    actor = known_actor(store, actor_id)
    answer = every_collaborator(store, actor, since, until)
    name = f"samspill-collaborators-{actor.id}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "X-Samspill-Total": str(answer.total)}
    if format == SheetFormat.CSV:
        return Response(("\ufeff" + to_csv(answer, lang)).encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(to_xlsx(answer, lang), media_type=XLSX_TYPE, headers=headers)


@router.get(
    "/{actor_id}/network",
    response_model=Subgraph,
    summary="The actor's neighbourhood: nodes within depth hops, nearest first, capped at max_nodes",
)
def get_network(store: StoreDep, actor_id: ActorId, asked: Annotated[NetworkAsked, Query()]) -> Subgraph:
    return network_of(store, known_actor(store, actor_id), asked)


@router.get(
    "/{actor_id}/recommendations",
    response_model=RecommendationsAnswer,
    summary="Actors it has no tie to yet but shares partners with, scored, each with why",
)
def get_recommendations(
    store: StoreDep, actor_id: ActorId, asked: Annotated[RecommendationsAsked, Query()]
) -> RecommendationsAnswer:
    return recommendations_for(store, known_actor(store, actor_id), asked)


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
