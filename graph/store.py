"""The GraphStore contract: the only way the rest of Samspill touches stored data. What a
store raises is in `store_errors`, what it answers in `store_results`.

Two engines implement it (`sqlite_store.SQLiteStore`, `neo4j_store.Neo4jStore`); the suite in
`tests/contract/` runs the same cases against both and is the definition of "same behaviour".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path as FilePath
from typing import Any, Protocol, runtime_checkable

import networkx as nx

from graph.model import Actor, ActorKind, Initiative, InitiativeKind, Relationship
from graph.store_results import (
    ActivityBy,
    ActivityFilters,
    ActivityRow,
    ActorPage,
    BackupFormat,
    Collaborator,
    DocumentKind,
    DocumentSwap,
    Evidenced,
    Finding,
    GroupActivity,
    InitiativePage,
    NodeRef,
    Path,
    Resolution,
    SavedClusters,
    StoreStats,
    Subgraph,
    UpsertCounts,
)
from graph.ties import TieTable

DEFAULT_BATCH_SIZE = 10_000
MAX_DEPTH = 3
MAX_LIMIT = 500
MAX_NODES = 5_000  # nodes in one neighbourhood
MAX_HOPS = 12  # the longest path looked for
MAX_COLLABORATORS = 10_000  # one actor's whole list, for a download; a page is at most MAX_LIMIT


@runtime_checkable
class GraphStore(Protocol):
    """Everything Samspill asks of a graph engine. Dates select by span overlap; undated
    initiatives and partnerships count only when no window is given."""

    engine: str
    query_timeout: float | None  # seconds a read may take (None: no limit); the API sets it

    def open(self) -> None: ...
    def close(self) -> None: ...
    def init_schema(self) -> None: ...
    def wipe(self) -> None: ...
    def ping(self) -> None: ...

    def upsert_actors(self, actors: Iterable[Actor], batch_size: int = DEFAULT_BATCH_SIZE) -> UpsertCounts: ...
    def upsert_initiatives(self, initiatives: Iterable[Initiative], batch_size: int = DEFAULT_BATCH_SIZE) -> UpsertCounts: ...
    def upsert_relationships(
        self, relationships: Iterable[Relationship], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> UpsertCounts: ...

    def write_batch(
        self,
        actors: list[Actor],
        initiatives: list[Initiative],
        relationships: list[Relationship],
        swap: DocumentSwap | None = None,
        delete_actors: Sequence[str] = (),
    ) -> bool:
        """Write an import's batch in one transaction: all of it or, if anything fails, none.
        Each list holds a record once; relationships may join the actors and initiatives given.
        With `swap`, the batch is written only if that document is still `expected` (it then
        becomes `new`, in the same transaction); False when it was not, and nothing was written.
        `delete_actors` are deleted last, with their relationships (a merge's DROP)."""
        ...

    def get_actor(self, actor_id: str) -> Actor | None: ...
    def get_initiative(self, initiative_id: str) -> Initiative | None: ...
    # Batched look-ups for importers: what of these is stored already (absent keys are absent).
    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]: ...
    def get_initiatives(self, initiative_ids: list[str]) -> dict[str, Initiative]: ...
    def get_relationships(self, relationships: list[Relationship]) -> dict[tuple[str, ...], Relationship]: ...
    def actors_by_orgnr(self, orgnrs: list[str]) -> dict[str, list[Actor]]: ...
    def find_actors(
        self,
        q: str | None = None,
        kind: ActorKind | None = None,
        county: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        municipality: str | None = None,
    ) -> ActorPage: ...
    def find_initiatives(
        self,
        kind: InitiativeKind | None = None,
        county: str | None = None,
        theme: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        open: bool | None = None,
        limit: int = 50,
        cursor: str | None = None,
        q: str | None = None,
    ) -> InitiativePage:
        """In order of start (undated first), then id; `q`: only those whose title has a word
        beginning with each word typed (case and accents aside)."""
        ...

    def resolve_actor(self, ref: str, suggest: bool = True) -> Resolution:
        """`suggest=False` skips looking for the closest names when nothing matches."""
        ...

    def resolve_actors(self, refs: list[str]) -> list[Resolution]:
        """Exact resolution of many references at once, in their order, with no suggestions
        (imports resolve thousands of names and need only the exact answers, in few round trips)."""
        ...

    def relationships_of(self, node: NodeRef) -> list[Relationship]: ...

    def collaborators(
        self,
        actor_id: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        among: list[str] | None = None,
    ) -> list[Collaborator]:
        """Ranked collaborators with their evidence; `among` keeps only those with these ids."""
        ...

    def count_collaborators(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None) -> int:
        """How many collaborators `collaborators` ranks in all (so a cut list can say "20 of 130")."""
        ...

    def neighbourhood(self, node: NodeRef, depth: int = 1, max_nodes: int = 200) -> Subgraph: ...
    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> Path | None: ...
    def activity(self, by: ActivityBy, filters: ActivityFilters | None = None) -> list[ActivityRow]: ...
    def projection(self, since: dt.date | None = None, until: dt.date | None = None) -> nx.Graph:
        """The weighted collaboration graph as networkx (for graphs up to about a million ties)."""
        ...

    def tie_table(
        self, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
    ) -> TieTable:
        """The same graph in flat arrays, built from a stream of the store's ties (any size);
        `evidence` narrows which initiatives and partnerships count."""
        ...

    def group_activity(
        self, groups: dict[str, str], since: dt.date | None = None, until: dt.date | None = None
    ) -> dict[str, GroupActivity]:
        """`groups` maps actor ids to a group name (a cluster, or each actor its own); the
        answer has an entry for each group whose actors took part in any initiative in the window."""
        ...

    def delete_actor(self, actor_id: str) -> bool: ...
    def delete_initiative(self, initiative_id: str) -> bool: ...
    def delete_relationship(self, relationship: Relationship) -> bool: ...

    def stats(self) -> StoreStats: ...
    def check(self) -> list[Finding]:
        """Everything wrong with what the store holds (its file or schema, dangling or
        duplicate records, derived data out of step): empty when it is sound."""
        ...

    def rebuild_ties(self) -> None:
        """The kept collaboration ties recomputed from the participations (what `check` finds
        them out of step with); every write keeps them, so this mends only damage. Run it while
        nothing else writes."""
        ...

    copy_format: BackupFormat | None  # the engine's own kind of copy (SQLite's file), or None

    def backup_to(self, target: FilePath, fmt: BackupFormat) -> None:
        """Everything (graph, documents) written to `target`, consistent while the store
        serves: as `copy_format` (a copy of the engine's own) or as the JSON export. A store
        refuses a format it cannot write with BackupError."""
        ...

    def restore_copy(self, source: FilePath) -> None:
        """Everything replaced at once by a copy of `copy_format` that `backup_to` made, once
        checked (BackupError says what is wrong with it); the revision moves past both."""
        ...

    def export(self) -> Iterator[dict[str, Any]]:
        """Every record as a dict with `record` = actor | initiative | relationship: all actors,
        then all initiatives, then all relationships, streamed."""
        ...

    def revision(self) -> int: ...
    def advance_revision(self, past: int) -> int:
        """Move the revision past both its own and `past` (a restored backup's), so nothing kept
        for either (ETags, cached answers, clusterings) is taken for what the store now holds."""
        ...

    def save_clusters(self, key: str, clusters: SavedClusters) -> None:
        """Keep a clustering (`key` names its variant: resolution, window) so the next one can
        keep its ids. Does not change the revision. Neo4j also sets `cluster` on each actor
        of the default variant, for Cypher and Bloom users."""
        ...

    def load_clusters(self, key: str) -> SavedClusters | None: ...

    # Documents beside the graph (API keys, submitted stories). They never change the
    # revision; `wipe` keeps the API keys.
    def put_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> None: ...
    def add_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> bool:
        """Store `doc` only if nothing is stored under `key` yet; says whether it was."""
        ...

    def get_document(self, kind: DocumentKind, key: str) -> dict[str, Any] | None: ...
    def documents(self, kind: DocumentKind) -> list[dict[str, Any]]:
        """Every document of a kind, by key."""
        ...
