"""The glue both stores share, written once: upserts in batches of one transaction each (the
revision moves when a batch changed anything), resolving references, neighbourhoods walked by
graph.traversal, the networkx projection built from the tie table, and the stats. Each engine
supplies the native parts: its transaction, its writes and its queries."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

import networkx as nx

from graph import traversal
from graph.limits import check_depth, check_limit
from graph.model import Actor, Initiative, Relationship, RelType
from graph.resolution import Lookup, resolve, resolve_exactly
from graph.store import DEFAULT_BATCH_SIZE, MAX_NODES
from graph.store_results import (
    ActorPage,
    Evidenced,
    GraphEdge,
    GraphNode,
    NodeRef,
    Resolution,
    StoreStats,
    Subgraph,
    UpsertCounts,
)
from graph.ties import TieTable, to_networkx
from graph.writes import upsert_in_batches

Tx = TypeVar("Tx")  # an engine's open write transaction
T = TypeVar("T")


class StoreBase(ABC, Generic[Tx]):
    engine: str

    # -- what each engine supplies ------------------------------------------------------------

    @abstractmethod
    def _in_transaction(self, write: Callable[[Tx, list[T]], UpsertCounts]) -> Callable[[list[T]], UpsertCounts]:
        """`write` run on one batch in one transaction that also moves the revision when the
        batch created or updated anything."""

    @abstractmethod
    def _write_actors(self, tx: Tx, batch: list[Actor]) -> UpsertCounts: ...

    @abstractmethod
    def _write_initiatives(self, tx: Tx, batch: list[Initiative]) -> UpsertCounts: ...

    @abstractmethod
    def _write_relationships(self, tx: Tx, batch: list[Relationship]) -> UpsertCounts: ...

    @abstractmethod
    def _exact_actors(self, lookups: list[Lookup]) -> list[list[tuple[Actor, str]]]: ...

    @abstractmethod
    def _describe(self, refs: set[NodeRef]) -> dict[str, GraphNode]: ...

    @abstractmethod
    def _expand(self, refs: list[NodeRef]) -> tuple[list[GraphEdge], dict[str, GraphNode]]: ...

    @abstractmethod
    def _among(self, refs: list[NodeRef]) -> list[GraphEdge]: ...

    @abstractmethod
    def _totals(self) -> tuple[int, int, dict[RelType, int]]:
        """Actors, initiatives, and relationships by type (types the store holds none of may be left out)."""

    find_actors: Callable[..., ActorPage]  # the contract's search (graph/store.py), which resolution falls back on

    @abstractmethod
    def tie_table(
        self, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
    ) -> TieTable: ...

    @abstractmethod
    def revision(self) -> int: ...

    # -- the shared glue ----------------------------------------------------------------------

    def upsert_actors(self, actors: Iterable[Actor], batch_size: int = DEFAULT_BATCH_SIZE) -> UpsertCounts:
        return upsert_in_batches(actors, lambda a: a.id, batch_size, self._in_transaction(self._write_actors))

    def upsert_initiatives(self, initiatives: Iterable[Initiative], batch_size: int = DEFAULT_BATCH_SIZE) -> UpsertCounts:
        return upsert_in_batches(initiatives, lambda i: i.id, batch_size, self._in_transaction(self._write_initiatives))

    def upsert_relationships(self, relationships: Iterable[Relationship], batch_size: int = DEFAULT_BATCH_SIZE) -> UpsertCounts:
        return upsert_in_batches(relationships, lambda r: r.key, batch_size, self._in_transaction(self._write_relationships))

    def resolve_actor(self, ref: str, suggest: bool = True) -> Resolution:
        return resolve(ref, self._exact_actors, lambda q, n: self.find_actors(q=q, limit=n).items, suggest)

    def resolve_actors(self, refs: list[str]) -> list[Resolution]:
        return resolve_exactly(refs, self._exact_actors)

    def neighbourhood(self, node: NodeRef, depth: int = 1, max_nodes: int = 200) -> Subgraph:
        check_depth(depth)
        check_limit(max_nodes, "max_nodes", MAX_NODES)
        start = self._describe({node}).get(node.key)
        if start is None:
            raise KeyError(node.key)
        return traversal.neighbourhood(start, depth, max_nodes, self._expand, self._among)

    def projection(self, since: dt.date | None = None, until: dt.date | None = None) -> nx.Graph:
        return to_networkx(self.tie_table(since, until))

    def stats(self) -> StoreStats:
        actors, initiatives, by_type = self._totals()
        return StoreStats(
            engine=self.engine,
            actors=actors,
            initiatives=initiatives,
            relationships={t: by_type.get(t, 0) for t in RelType},
            revision=self.revision(),
        )
