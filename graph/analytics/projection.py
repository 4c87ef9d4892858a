"""The store's collaboration graph, built once per revision and window and shared by every
analysis that reads it (clusters, brokers, recommendations, paths). Readers must not change it."""

from __future__ import annotations

import datetime as dt
import weakref

import networkx as nx

from graph.store import GraphStore

Window = tuple[dt.date | None, dt.date | None]

# Per store: the revision last built at, and the graphs built then, by window. Only the
# latest revision is kept, so memory holds one revision's graphs at most.
_CACHE: weakref.WeakKeyDictionary[GraphStore, tuple[int, dict[Window, nx.Graph]]] = weakref.WeakKeyDictionary()


def projection_of(store: GraphStore, since: dt.date | None = None, until: dt.date | None = None) -> nx.Graph:
    revision = store.revision()
    built_at, graphs = _CACHE.get(store, (None, {}))
    if built_at != revision:
        graphs = {}
        _CACHE[store] = (revision, graphs)
    if (since, until) not in graphs:
        graphs[(since, until)] = store.projection(since=since, until=until)
    return graphs[(since, until)]
