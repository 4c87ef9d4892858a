"""What was computed from a store at its current revision: the one cache of every answer that
is costly to compute (tie tables, clusterings, brokers, views). Any write moves
the revision, and the next ask starts an empty cache; a store dropped takes its cache with it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from graph.store import GraphStore

T = TypeVar("T")

# Per store: the revision last asked at, and what was built then, by key. Only the latest
# revision is kept, so memory holds one revision's answers at most.
_CACHE: weakref.WeakKeyDictionary[GraphStore, tuple[int, dict[object, object]]] = weakref.WeakKeyDictionary()


def per_revision(store: GraphStore) -> dict[object, object]:
    """What was built from the store at its current revision, by key; emptied by any write."""
    revision = store.revision()
    built_at, built = _CACHE.get(store, (None, {}))
    if built_at != revision:
        built = {}
        _CACHE[store] = (revision, built)
    return built


def kept(store: GraphStore, key: object, build: Callable[[], T]) -> T:
    """`build()` once per revision under `key`."""
    built = per_revision(store)
    if key not in built:
        built[key] = build()
    return built[key]  # type: ignore[return-value]
