"""The explorer: the page at `/`, its static files, and the views and suggestions it asks for."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from api.access import ReaderAccess
from api.actors import known_actor
from api.deps import StoreDep
from api.gate import GatedRoute
from api.problems import documented
from graph.questions.search import SearchAsked, Suggestion, suggestions_for
from graph.store import GraphStore
from graph.text import slugify
from viz.network import drawn
from viz.page import EXPLORER_CSP, STATIC, VIS, explorer_page
from viz.texts import DEFAULT_LANG, Lang
from viz.view import (
    View,
    ViewNotFound,
    ViewQuery,
    ViewSummary,
    build_view,
    path_view,
    view_file,
)

router = APIRouter(
    route_class=GatedRoute,
    prefix="/api",
    tags=["explorer"],
    dependencies=[ReaderAccess],
    responses=documented(401, 404, 422, 503),
)
page = APIRouter(route_class=GatedRoute, include_in_schema=False)


class Drawn(BaseModel):
    view: ViewSummary  # the nodes and edges are in `vis`; the export with format=json has them as a View
    vis: dict[str, Any]  # nodes, edges and options for vis-network, built with pyvis


def install(app: FastAPI) -> None:
    app.include_router(page)
    app.include_router(router)
    app.mount("/static/vis", StaticFiles(directory=VIS), name="vis")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


@page.get("/", response_class=HTMLResponse)
def explorer(lang: str | None = None) -> HTMLResponse:
    # A page, not an API: a language it has not is no error page but the default, with a notice.
    known = lang in {str(x) for x in Lang}
    page_html = explorer_page(Lang(lang) if known and lang else DEFAULT_LANG, None if known or not lang else lang[:40])
    return HTMLResponse(page_html, headers={"Content-Security-Policy": EXPLORER_CSP})


@router.get("/views/network", response_model=Drawn, summary="A view of the collaboration network, ready to draw")
def get_network_view(
    store: StoreDep, request: Request, query: Annotated[ViewQuery, Query()], lang: Lang = DEFAULT_LANG
) -> dict[str, Any]:
    view = _view(store, request, query, lang)
    return drawn(view, lang)


@router.get("/views/path", response_model=Drawn, summary="The best collaboration paths between two actors, ready to draw")
def get_path_view(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=200)],
    target: Annotated[str, Query(min_length=1, max_length=200)],
    k: Annotated[int, Query(ge=1, le=5)] = 3,
    lang: Lang = DEFAULT_LANG,
) -> dict[str, Any]:
    a, b = known_actor(store, source), known_actor(store, target)
    view = path_view(store, a.id, b.id, k=k, lang=lang)
    return drawn(view, lang)


@router.get(
    "/views/path/export",
    summary="The path view as a file: GraphML or GEXF for Gephi, or JSON",
    responses={200: {"content": {"application/xml": {}, "application/json": {}}}},
)
def export_path_view(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=200)],
    target: Annotated[str, Query(min_length=1, max_length=200)],
    k: Annotated[int, Query(ge=1, le=5)] = 3,
    format: Literal["graphml", "gexf", "json"] = "graphml",
    lang: Lang = DEFAULT_LANG,
) -> Response:
    a, b = known_actor(store, source), known_actor(store, target)
    return _file(path_view(store, a.id, b.id, k=k, lang=lang), format, f"path-{a.id}-{b.id}")


@router.get(
    "/views/network/export",
    summary="The same view as a file: GraphML or GEXF for Gephi, or JSON",
    responses={200: {"content": {"application/xml": {}, "application/json": {}}}},
)
def export_network_view(
    store: StoreDep,
    request: Request,
    query: Annotated[ViewQuery, Query()],
    format: Literal["graphml", "gexf", "json"] = "graphml",
    lang: Lang = DEFAULT_LANG,
) -> Response:
    return _file(_view(store, request, query, lang), format, _what(query))


def _file(view: View, format: Literal["graphml", "gexf", "json"], what: str) -> Response:
    body, media = (
        (view.model_dump_json(indent=1).encode(), "application/json")
        if format == "json"
        else (view_file(view, format), "application/xml")
    )
    # Named for what it shows and when, so three exports are not three samspill-view files.
    name = f"samspill-{slugify(what, max_length=80)}-{dt.date.today().isoformat()}.{format}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _what(query: ViewQuery) -> str:
    if query.focus:
        return query.focus
    if query.cluster is not None:
        return f"cluster-{query.cluster}"
    return "clusters" if query.overview else "network"


@router.get("/search", response_model=list[Suggestion], summary="Actors and initiatives whose name, alias or org. number match")
def search(store: StoreDep, asked: Annotated[SearchAsked, Query()]) -> list[Suggestion]:
    return suggestions_for(store, asked)


def _view(store: GraphStore, request: Request, query: ViewQuery, lang: Lang) -> View:
    settings = request.app.state.settings
    try:
        return build_view(store, query, lang, cap=settings.view_cap, layout_above=settings.layout_above)
    except ViewNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
