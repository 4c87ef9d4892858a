"""The store's collaboration graph, fetched once per revision and window and shared by every
analysis that reads it: as a `TieTable` (clusters, brokers; any size) and, built from that
table when first asked for, as a networkx graph (recommendations, paths, period comparison;
up to about a million ties). Readers must not change either."""

from __future__ import annotations

import datetime as dt
import weakref

import networkx as nx

from graph.store import ALL_EVIDENCE, Evidenced, GraphStore
from graph.ties import TieTable, to_networkx

Window = tuple[dt.date | None, dt.date | None]

# Per store: the revision last fetched at, and what was built then, by window and form. Only
# the latest revision is kept, so memory holds one revision's graphs at most.
_CACHE: weakref.WeakKeyDictionary[GraphStore, tuple[int, dict[object, object]]] = weakref.WeakKeyDictionary()


def per_revision(store: GraphStore) -> dict[object, object]:
    """What was built from the store at its current revision, by key; emptied by any write."""
    revision = store.revision()
    built_at, built = _CACHE.get(store, (None, {}))
    if built_at != revision:
        built = {}
        _CACHE[store] = (revision, built)
    return built


def table_of(
    store: GraphStore, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
) -> TieTable:
    built = per_revision(store)
    key = ((since, until), "table" if evidence in (None, ALL_EVIDENCE) else evidence)
    if key not in built:
        built[key] = store.tie_table(since=since, until=until, evidence=evidence)
    return built[key]  # type: ignore[return-value]


def projection_of(store: GraphStore, since: dt.date | None = None, until: dt.date | None = None) -> nx.Graph:
    built = per_revision(store)
    key = ((since, until), "networkx")
    if key not in built:
        built[key] = to_networkx(table_of(store, since, until))
    return built[key]  # type: ignore[return-value]
