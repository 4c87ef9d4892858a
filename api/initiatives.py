"""Initiatives: filtered lists, one initiative with its participants and their roles; editor writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Path, Query, Response

from api import examples
from api.access import Editor, ReaderAccess
from api.deps import StoreDep
from api.gate import GatedRoute
from api.problems import documented
from graph.model import Initiative
from graph.questions.bounds import TEXT_MAX
from graph.questions.details import InitiativeDetail, initiative_detail
from graph.questions.search import InitiativesAsked, initiatives_matching
from graph.store_results import InitiativePage, UpsertCounts

router = APIRouter(
    route_class=GatedRoute,
    prefix="/api/initiatives",
    tags=["initiatives"],
    dependencies=[ReaderAccess],
    responses=documented(401, 403, 404, 409, 413, 422, 503),
)

InitiativeId = Annotated[str, Path(min_length=1, max_length=TEXT_MAX, description="The initiative's id (a slug)")]


@router.get("", response_model=InitiativePage, summary="Initiatives by kind, place, theme, dates and openness")
def list_initiatives(store: StoreDep, asked: Annotated[InitiativesAsked, Query()]) -> InitiativePage:
    return initiatives_matching(store, asked)


@router.get("/{initiative_id}", response_model=InitiativeDetail, summary="One initiative with its participants")
def get_initiative(store: StoreDep, initiative_id: InitiativeId) -> InitiativeDetail:
    initiative = store.get_initiative(initiative_id)
    if initiative is None:
        raise HTTPException(404, f"no initiative with id {initiative_id!r}")
    return initiative_detail(store, initiative)


@router.put("/{initiative_id}", response_model=UpsertCounts, summary="Create or replace an initiative (editor)")
def put_initiative(
    store: StoreDep,
    _: Editor,
    initiative_id: InitiativeId,
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
