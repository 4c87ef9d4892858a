"""Paged lists: opaque keyset cursors (the sort key of the last item of a page), and the one
loop that reads a paged list to its end."""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from graph.store_errors import StoreError

T = TypeVar("T", covariant=True)
PAGE = 500  # items fetched a page at a time by `every_item`


class BadCursor(StoreError):
    pass


def encode_cursor(*sort_key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(sort_key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, parts: int = 2) -> list[str] | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(f"cursor {cursor!r} is not one this server issued") from exc
    if not (isinstance(value, list) and len(value) == parts and all(isinstance(v, str) for v in value)):
        raise BadCursor(f"cursor {cursor!r} is not one this server issued")
    return value


def next_cursor(rows: list[tuple[str, str]], limit: int) -> str | None:
    """Given the sort keys of up to limit + 1 fetched rows, the cursor of the next page."""
    return encode_cursor(*rows[limit - 1]) if len(rows) > limit else None


class Page(Protocol[T]):
    @property
    def items(self) -> Sequence[T]: ...

    @property
    def next_cursor(self) -> str | None: ...


def every_item(fetch: Callable[[str | None], Page[T]], most: int | None = None) -> Iterator[T]:
    """Each item of a paged list, page after page (`fetch(cursor)` gives one), at most `most`."""

    def pages() -> Iterator[T]:
        cursor = None
        while True:
            page = fetch(cursor)
            yield from page.items
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    return itertools.islice(pages(), most)
