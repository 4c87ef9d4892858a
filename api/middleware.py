"""ASGI layers every request passes: a body size cap that holds for chunked uploads too, and
the headers every response carries."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections import OrderedDict
from collections.abc import Callable

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import GraphStore
from graph.store_errors import StoreError

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    # Nothing from another origin, ever: pages and exported views work offline.
    (
        b"content-security-policy",
        (
            b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            b"script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        ),
    ),
]


class _TooLarge(Exception):
    pass


def _problem(status: int, title: str, detail: str) -> tuple[dict, bytes]:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            *SECURITY_HEADERS,
        ],
    }
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
                message["headers"] = [*message.get("headers", []), *((n, v) for n, v in SECURITY_HEADERS if n not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class ResponseCache:
    """Whole 200 answers by ETag, least recently used dropped first, at most `limit` bytes.
    The ETag names the store's revision, the day and the URL: the answer it tags cannot
    change without the tag changing, so a hit is as fresh as asking the store again."""

    def __init__(self, limit: int, largest: int = 1024 * 1024):
        self.limit, self.largest = limit, largest
        self._entries: OrderedDict[bytes, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._size = 0
        self.hits = self.misses = 0

    def get(self, tag: bytes) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        entry = self._entries.get(tag)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(tag)
        return entry

    def put(self, tag: bytes, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > min(self.largest, self.limit) or tag in self._entries:
            return
        self._entries[tag] = (headers, body)
        self._size += len(body)
        while self._size > self.limit:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._size -= len(dropped)


class RevisionETag:
    """Reads under /api carry an ETag made of the store's revision, the day (calendars read
    from today) and the URL; `If-None-Match` with it answers 304. When reads are open the 304
    comes before any work; when reads need a key, after the handler has checked it.

    With a `cache`, anonymous reads are answered from it when reads are open: the same tag is
    the same answer. Requests with a key neither read nor fill it (what a key may see is
    decided by the handler, every time)."""

    def __init__(
        self,
        app: ASGIApp,
        store: Callable[[], GraphStore],
        keyed_reads: Callable[[], bool],
        skip: tuple[str, ...] = ("/api/stories",),
        cache: ResponseCache | None = None,
    ):
        self.app, self.store, self.keyed_reads, self.skip, self.cache = app, store, keyed_reads, skip, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not path.startswith("/api/")
            or path.startswith(self.skip)
        ):
            await self.app(scope, receive, send)
            return
        try:
            revision = await anyio.to_thread.run_sync(self.store().revision)
        except StoreError:
            await self.app(scope, receive, send)  # the handler answers 503
            return
        url = path.encode() + b"?" + scope.get("query_string", b"")
        tag = f'W/"{revision}-{dt.date.today():%Y%m%d}-{zlib.crc32(url):08x}"'.encode()
        headers = dict(scope["headers"])
        wanted = headers.get(b"if-none-match", b"")
        matches = any(t.strip() in (tag, b"*") for t in wanted.split(b",")) if wanted else False
        open_reads = not self.keyed_reads()
        if matches and open_reads:
            await _not_modified(send, tag)
            return
        # The crc names the URL in the tag a client sees; the cache keys on the URL itself.
        cache = self.cache if open_reads and b"authorization" not in headers else None
        key = tag + b" " + url
        if cache is not None and (hit := cache.get(key)) is not None:
            await send({"type": "http.response.start", "status": 200, "headers": hit[0]})
            await send({"type": "http.response.body", "body": hit[1]})
            return
        replaced = False
        kept: list[tuple[bytes, bytes]] | None = None
        body: list[bytes] = []

        async def tagged(message: Message) -> None:
            nonlocal replaced, kept
            if message["type"] == "http.response.start" and message["status"] == 200:
                if matches:
                    replaced = True
                    await _not_modified(send, tag)
                    return
                message["headers"] = [*message.get("headers", []), (b"etag", tag)]
                kept = message["headers"] if cache is not None else None
            elif replaced:
                return  # the body of a response replaced by 304
            elif kept is not None and cache is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    cache.put(key, kept, b"".join(body))
                elif sum(map(len, body)) > cache.largest:  # a file streamed out: not kept
                    kept = None
                    body.clear()
            await send(message)

        await self.app(scope, receive, tagged)


async def _not_modified(send: Send, tag: bytes) -> None:
    await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", tag), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": b""})
