"""What is decided before a request's body is read: a write's key, and an open story's rate
and size. FastAPI reads and parses a body before it resolves a route's dependencies, so
without this a 19 MB upload is parsed before its missing key is noticed. The routes' own
checks (api/access.py) stay; this layer only answers sooner. Every router of the API uses
GatedRoute."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

import anyio
from fastapi import HTTPException, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.types import Scope

from api import access
from api.keys import KeyRole, check_key
from graph.store import GraphStore
from graph.store_errors import StoreError

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="samspill"'}

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _needs(dependant: Dependant, call: Callable[..., Any]) -> bool:
    return dependant.call is call or any(_needs(d, call) for d in dependant.dependencies)


def client_address(scope: Scope, trusted: Iterable[Network]) -> str:
    """The client a request comes from. X-Forwarded-For counts only when the connection comes
    from a configured proxy (SAMSPILL_TRUSTED_PROXIES): then the nearest address it names
    that is not itself a trusted proxy."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    trusted = list(trusted)

    def is_trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in trusted)

    if not trusted or not is_trusted(peer):
        return peer
    forwarded = b",".join(v for k, v in scope["headers"] if k == b"x-forwarded-for").decode("latin-1")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not is_trusted(hop):
            return hop
    return peer


class GatedRoute(APIRoute):
    """A route that refuses before the body is read: a write without a valid editor key (401,
    403), an open story over its rate (429) or its size (413)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        needs_editor = _needs(self.dependant, access.editor)
        limited = bool((self.openapi_extra or {}).get(STORY_LIMITED))

        async def gated(request: Request) -> Response:
            if needs_editor:
                await _check_editor(request)
            if limited:
                await _check_story(request)
            return await handle(request)

        return gated


STORY_LIMITED = "x-samspill-story-limited"  # openapi_extra of the open story route


async def _check_editor(request: Request) -> None:
    presented = request.headers.get("authorization", "")
    scheme, _, secret = presented.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise HTTPException(401, "writes need an editor key: send it as 'Authorization: Bearer KEY'", headers=CHALLENGE)
    store: GraphStore = request.app.state.store
    try:
        key = await anyio.to_thread.run_sync(check_key, store, secret.strip())
    except StoreError:
        return  # the route's own check answers the store's 503 in its words
    if key is None:
        raise HTTPException(401, "the key is unknown or revoked", headers=CHALLENGE)
    if key.role != KeyRole.EDITOR:
        raise HTTPException(403, f"key {key.id} is a {key.role} key; writes need an editor key")


async def _check_story(request: Request) -> None:
    settings = request.app.state.settings
    too_large = HTTPException(413, f"a story may be at most {settings.story_max_bytes:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.story_max_bytes:
        raise too_large  # refused before it counts against the address's rate
    wait = request.app.state.story_limit.wait(client_address(request.scope, settings.trusted_proxy_networks))
    if wait:
        raise HTTPException(
            429, f"at most {settings.stories_per_minute} stories a minute from one address", headers={"Retry-After": str(wait)}
        )
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.story_max_bytes:
            raise too_large
    request._body = body  # Starlette's cache of the body: the route parses what was read here
