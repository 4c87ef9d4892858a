"""The store's collaboration graph, fetched once per revision and window and shared by every
analysis that reads it: as a `TieTable` (clusters, brokers, recommendations; any size) and,
built from that table when first asked for, as a networkx graph (paths, period comparison; up
to about a million ties). Readers must not change either."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graph.revision_cache import kept
from graph.store import GraphStore
from graph.store_results import ALL_EVIDENCE, Evidenced
from graph.ties import TieTable, to_networkx

Window = tuple[dt.date | None, dt.date | None]


def table_of(
    store: GraphStore, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
) -> TieTable:
    key = ((since, until), "table" if evidence in (None, ALL_EVIDENCE) else evidence)
    return kept(store, key, lambda: store.tie_table(since=since, until=until, evidence=evidence))


def projection_of(store: GraphStore, since: dt.date | None = None, until: dt.date | None = None) -> nx.Graph:
    return kept(store, ((since, until), "networkx"), lambda: to_networkx(table_of(store, since, until)))
