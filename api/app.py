"""The FastAPI application. The store is opened in the lifespan, never at import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from api import actors, problems
from api.deps import StoreDep
from graph.store import GraphStore, StoreError


def create_app(make_store: Callable[[], GraphStore]) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = make_store()
        app.state.store = store
        try:
            store.open()
        except StoreError:
            pass  # serve anyway: /readyz says 503 and requests get 503 until the store is back
        yield
        store.close()

    app = FastAPI(
        title="Samspill",
        summary="Who collaborates with whom in Norway's public-sector innovation, with evidence.",
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc load their scripts from a CDN, and no page we serve may
        # reach the internet: they stay off until the API ships its own copy of Swagger UI.
        docs_url=None,
        redoc_url=None,
    )
    problems.install(app)
    app.include_router(actors.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    def readyz(store: StoreDep) -> JSONResponse:
        try:
            store.ping()
        except StoreError as exc:
            return problems.problem(503, "Store unavailable", str(exc), headers={"Retry-After": str(problems.RETRY_AFTER_S)})
        return JSONResponse({"status": "ready", "engine": store.engine})

    return app
