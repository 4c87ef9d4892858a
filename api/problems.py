"""Every error as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from graph.cursor import BadCursor
from graph.limits import InvalidQuery
from graph.store_errors import StoreError, StoreUnavailable

RETRY_AFTER_S = 5


class FieldError(BaseModel):
    field: str  # where: "query.since", "body.consent"
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None  # for 422: each bad field


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, each a problem document."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": _title(status)}
        for status in statuses
    }


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return problem(
            exc.status_code, _title(exc.status_code), str(exc.detail), headers=dict(exc.headers) if exc.headers else None
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        # A validator's own ValueError reads as its message, without pydantic's "Value error, ".
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"].removeprefix("Value error, ")} for e in exc.errors()
        ]
        return problem(422, "Invalid request", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)

    @app.exception_handler(InvalidQuery)
    @app.exception_handler(BadCursor)
    async def invalid_query(_: Request, exc: Exception) -> JSONResponse:
        return problem(422, "Invalid request", str(exc))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(503, "Store unavailable", str(exc), headers={"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return problem(503, "Store error", str(exc), headers={"Retry-After": str(RETRY_AFTER_S)})


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
