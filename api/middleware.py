"""ASGI layers every request passes: a body size cap that holds for chunked uploads too, and
the headers every response carries."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import GraphStore, StoreError

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    # Nothing from another origin, ever: pages and exported views work offline.
    (b"content-security-policy",
     (b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")),
]


class _TooLarge(Exception):
    pass


def _problem(status: int, title: str, detail: str) -> tuple[dict, bytes]:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                         *SECURITY_HEADERS]}
    return start, body


class BodyLimit:
    """413 for a body over `limit` bytes: at once when Content-Length says so, else as soon as
    the chunks received pass it (so a chunked upload cannot fill memory)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        exceeded = refused = False

        async def counted() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            # Frameworks turn a failed body read into their own error (FastAPI: 400); the
            # client is owed the 413 instead.
            nonlocal refused
            if exceeded:
                if not refused:
                    refused = True
                    await self._refuse(send)
                return
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not refused:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        start, body = _problem(413, "Request body too large", f"the body may be at most {self.limit:,} bytes")
        await send(start)
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((n, v) for n, v in SECURITY_HEADERS if n not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class RevisionETag:
    """Reads under /api carry an ETag made of the store's revision, the day (calendars read
    from today) and the URL; `If-None-Match` with it answers 304. When reads are open the 304
    comes before any work; when reads need a key, after the handler has checked it."""

    def __init__(self, app: ASGIApp, store: Callable[[], GraphStore], keyed_reads: Callable[[], bool],
                 skip: tuple[str, ...] = ("/api/stories",)):
        self.app, self.store, self.keyed_reads, self.skip = app, store, keyed_reads, skip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not path.startswith("/api/") \
                or path.startswith(self.skip):
            await self.app(scope, receive, send)
            return
        try:
            revision = await anyio.to_thread.run_sync(self.store().revision)
        except StoreError:
            await self.app(scope, receive, send)  # the handler answers 503
            return
        url = path.encode() + b"?" + scope.get("query_string", b"")
        tag = f'W/"{revision}-{dt.date.today():%Y%m%d}-{zlib.crc32(url):08x}"'.encode()
        wanted = dict(scope["headers"]).get(b"if-none-match", b"")
        matches = any(t.strip() in (tag, b"*") for t in wanted.split(b",")) if wanted else False
        if matches and not self.keyed_reads():
            await _not_modified(send, tag)
            return
        replaced = False

        async def tagged(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 200:
                if matches:
                    replaced = True
                    await _not_modified(send, tag)
                    return
                message["headers"] = [*message.get("headers", []), (b"etag", tag)]
            elif replaced:
                return  # the body of a response replaced by 304
            await send(message)

        await self.app(scope, receive, tagged)


async def _not_modified(send: Send, tag: bytes) -> None:
    await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", tag), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": b""})
