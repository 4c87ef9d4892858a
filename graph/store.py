"""The GraphStore contract: the only way the rest of Samspill touches stored data.

Two engines implement it (`sqlite_store.SQLiteStore`, `neo4j_store.Neo4jStore`); the suite in
`tests/contract/` runs the same cases against both and is the definition of "same behaviour".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graph.model import (
    Actor,
    ActorKind,
    Initiative,
    InitiativeKind,
    Label,
    Relationship,
    RelType,
    Role,
)

if TYPE_CHECKING:
    from graph.ties import TieTable  # built from the rows graph.collaboration defines

DEFAULT_BATCH_SIZE = 10_000
MAX_DEPTH = 3
MAX_LIMIT = 500
MAX_COLLABORATORS = 10_000  # one actor's whole list, for a download; a page is at most MAX_LIMIT


class StoreError(Exception):
    """A store could not do what was asked; the message says why."""


class StoreUnavailable(StoreError):
    """The engine cannot be reached (Neo4j down, database file unreadable)."""


class StoreTimeout(StoreUnavailable):
    """A query ran longer than the store's `query_timeout`; it was stopped."""


class MissingEndpoints(StoreError):
    """Relationships that name nodes which do not exist. Nothing of that batch was written."""

    def __init__(self, missing: list[tuple[int, Relationship, str]]):
        self.missing = missing
        lines = [f"record {index}: {rel.type} {rel.source} -> {rel.target}: no {what}" for index, rel, what in missing]
        super().__init__("relationships name nodes that do not exist:\n  " + "\n  ".join(lines[:20]))


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class UpsertCounts(_Result):
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            created=self.created + other.created,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
        )

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class ActorPage(_Result):
    items: list[Actor]
    next_cursor: str | None = None


class InitiativePage(_Result):
    items: list[Initiative]
    next_cursor: str | None = None


class ResolutionStatus(StrEnum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


class Candidate(_Result):
    id: str
    name: str
    kind: ActorKind
    reason: str
    orgnr: str | None = None
    kommunenummer: str | None = None
    county: str | None = None  # the county's name, so two namesakes can be told apart

    @property
    def label(self) -> str:
        """"kommune-1818  Herøy (Nordland) (municipality 1818, Nordland; same alias)"."""
        where = ", ".join(p for p in (self.kommunenummer, self.county) if p)
        return f"{self.id:<30} {self.name} ({self.kind}{' ' + where if where else ''}; {self.reason})"


class Resolution(_Result):
    ref: str
    status: ResolutionStatus
    actor: Actor | None = None
    candidates: list[Candidate] = Field(default_factory=list)


class EvidenceKind(StrEnum):
    INITIATIVE = "initiative"
    PARTNERSHIP = "partnership"


class Evidence(_Result):
    """Why two actors count as collaborators: one shared initiative or one partnership."""

    kind: EvidenceKind
    weight: float
    initiative_id: str | None = None
    title: str | None = None
    initiative_kind: InitiativeKind | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    participants: int | None = Field(default=None, description="actors in the initiative (n)")
    roles: list[Role] = Field(default_factory=list, description="the collaborator's roles in it")


class Collaborator(_Result):
    id: str
    name: str
    kind: ActorKind
    weight: float  # over all the evidence, listed or not
    evidence: list[Evidence] = Field(description="the heaviest evidence: every partnership, up to 20 shared initiatives")
    evidence_count: int = Field(description="all the evidence: shared initiatives and partnerships")
    orgnr: str | None = None
    kommunenummer: str | None = None
    municipality: str | None = Field(default=None, description="the municipality's name")
    county: str | None = Field(default=None, description="the county's name")


class NodeRef(_Result):
    label: Label
    id: str

    @property
    def key(self) -> str:
        return f"{self.label}:{self.id}"


class GraphNode(_Result):
    label: Label
    id: str
    name: str
    kind: str
    depth: int = 0


class GraphEdge(_Result):
    type: RelType
    source: NodeRef
    target: NodeRef
    role: Role | None = None


class Subgraph(_Result):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    is_truncated: bool = False


class Path(_Result):
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @property
    def hops(self) -> int:
        return len(self.edges)


class ActivityBy(StrEnum):
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    THEME = "theme"
    MONTH = "month"
    YEAR = "year"
    KIND = "kind"


class ActivityFilters(_Result):
    """Which initiatives count. Dates select initiatives whose span overlaps the window."""

    initiative_kind: InitiativeKind | None = None
    theme: str | None = None
    county: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    open: bool | None = None
    # Only initiatives one of these actors took part in, placed by them (and by the initiative
    # itself): the activity of a chosen part of the network. None: every actor.
    actors: tuple[str, ...] | None = None


class Evidenced(_Result):
    """Which evidence makes a tie: initiatives of one kind or theme (partnerships, having
    neither, then drop out), and only what cites a source when `sourced`."""

    initiative_kind: InitiativeKind | None = None
    theme: str | None = None
    sourced: bool = False

    @property
    def partnerships(self) -> bool:
        return self.initiative_kind is None and not self.theme


ALL_EVIDENCE = Evidenced()


class ActivityRow(_Result):
    key: str
    initiatives: int
    actors: int


class GroupActivity(_Result):
    """What a group of actors did together or apart: the distinct initiatives any of them took
    part in, and those initiatives counted per theme and per start year."""

    initiatives: int = 0
    themes: dict[str, int] = Field(default_factory=dict)
    years: dict[int, int] = Field(default_factory=dict)


def group_activity_from_rows(rows: Iterable[tuple[str, str, str | None, int]]) -> dict[str, GroupActivity]:
    """Both engines answer `group_activity` as (group, 'initiatives' | 'theme' | 'year', key, count) rows."""
    found: dict[str, dict[str, Any]] = {}
    for group, what, key, n in rows:
        entry = found.setdefault(group, {"initiatives": 0, "themes": {}, "years": {}})
        if what == "initiatives":
            entry["initiatives"] = n
        elif what == "theme":
            entry["themes"][key] = n
        else:
            entry["years"][int(key)] = n  # type: ignore[arg-type]
    return {group: GroupActivity(**entry) for group, entry in found.items()}


def clusters_key(resolution: float, since: dt.date | None = None, until: dt.date | None = None) -> str:
    """Names a clustering variant (resolution and window) when it is kept in a store."""
    window = f"|{since or ''}|{until or ''}" if since or until else ""
    return f"{float(resolution)!r}{window}"


DEFAULT_CLUSTERS = clusters_key(1.0)  # what `samspill clusters` shows by default: resolution 1, all time


class SavedClusters(_Result):
    """A clustering as last computed: at which revision, each actor's cluster, the next free id."""

    revision: int
    membership: dict[str, int]
    next_id: int


class DocumentKind(StrEnum):
    """What a store keeps beside the graph, as JSON documents by key."""

    API_KEY = "api_key"
    STORY = "story"


# The field of each kind's document that holds the key it is stored under.
DOCUMENT_KEY = {DocumentKind.API_KEY: "hash", DocumentKind.STORY: "id"}


class DocumentSwap(_Result):
    """A document replaced only if it is still as it was read: a decision taken once."""

    kind: DocumentKind
    key: str
    expected: dict[str, Any]
    new: dict[str, Any]


FINDINGS_SHOWN = 1000  # per check: a store broken everywhere is still reported on quickly


class Finding(_Result):
    """One thing `check` found wrong with what a store holds."""

    check: str  # what was checked, e.g. "foreign keys", "members"
    detail: str  # what is wrong, naming the records


class StoreStats(_Result):
    engine: str
    actors: int
    initiatives: int
    relationships: dict[RelType, int]
    revision: int


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
    def upsert_initiatives(
        self, initiatives: Iterable[Initiative], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> UpsertCounts: ...
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
    ) -> InitiativePage: ...
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
