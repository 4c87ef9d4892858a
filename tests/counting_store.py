"""A store that counts how often the collaboration graph is fetched from it."""

from __future__ import annotations

from typing import Any

from graph.store import GraphStore


class CountingProjections:
    def __init__(self, store: GraphStore):
        self.store, self.projections = store, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def tie_table(self, *args: Any, **kwargs: Any) -> Any:
        self.projections += 1
        return self.store.tie_table(*args, **kwargs)
