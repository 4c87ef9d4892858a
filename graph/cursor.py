"""Opaque keyset cursors for paged lists: the sort key of the last item of a page."""

from __future__ import annotations

import base64
import json

from graph.store import StoreError


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
