"""The FastAPI application. The store is opened in the lifespan, never at import."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from api import (
    actors,
    analytics,
    calendar,
    docs,
    edits,
    explorer,
    initiatives,
    problems,
    stories,
)
from api.deps import StoreDep
from api.middleware import BodyLimit, ResponseCache, RevisionETag, SecurityHeaders
from api.problems import documented
from api.ratelimit import RateLimit
from api.settings import Settings
from graph.store import GraphStore
from graph.store_errors import StoreError


def create_app(make_store: Callable[[], GraphStore], settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    store = make_store()  # made now, opened in the lifespan (or already open, as in the tests)
    store.query_timeout = settings.store_timeout_s

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with contextlib.suppress(StoreError):  # serve anyway: /readyz and requests say 503 until the store is back
            store.open()
        yield
        store.close()

    app = FastAPI(
        title="Samspill",
        summary="Who collaborates with whom in Norway's public-sector innovation, with evidence.",
        version="0.2.0",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc load their scripts from a CDN; api/docs.py serves /docs
        # from local files instead, and there is no /redoc.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.story_limit = RateLimit(settings.stories_per_minute)
    problems.install(app)
    docs.install(app)
    explorer.install(app)
    for router in (
        actors.router,
        initiatives.router,
        analytics.router,
        calendar.router,
        stories.router,
        edits.router,
        edits.reads,
    ):
        app.include_router(router)
    # Added innermost first: the body cap and headers wrap everything, the ETag check the routes.
    cache = ResponseCache(settings.response_cache_mb * 1024 * 1024) if settings.response_cache_mb else None
    app.state.response_cache = cache
    app.add_middleware(RevisionETag, store=lambda: app.state.store, keyed_reads=lambda: settings.read_key_required, cache=cache)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    @app.get("/healthz", tags=["health"], summary="The process is alive")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="The store answers (503 when it does not)", responses=documented(503))
    def readyz(store: StoreDep) -> JSONResponse:
        try:
            store.ping()
        except StoreError as exc:
            return problems.problem(503, "Store unavailable", str(exc), headers={"Retry-After": str(problems.RETRY_AFTER_S)})
        return JSONResponse({"status": "ready", "engine": store.engine})

    return app


def app_from_env() -> FastAPI:
    """The app on the configured store (SAMSPILL_DB or NEO4J_URI), for `samspill serve
    --workers N`: uvicorn calls this once in each worker process."""
    from graph.config import store_from_env

    return create_app(store_from_env)
