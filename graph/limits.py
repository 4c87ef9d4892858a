"""Bounds on what one query may ask for, checked the same way by both stores."""

from __future__ import annotations

from graph.store import MAX_DEPTH, MAX_LIMIT
from graph.store_errors import StoreError


class InvalidQuery(StoreError, ValueError):
    """A query parameter is out of its allowed range."""


def check_limit(value: int, name: str = "limit", maximum: int = MAX_LIMIT) -> None:
    if not 1 <= value <= maximum:
        raise InvalidQuery(f"{name} must be between 1 and {maximum}, got {value}")


def check_depth(depth: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidQuery(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
