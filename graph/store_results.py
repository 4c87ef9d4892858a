"""What a store answers: the typed results of the GraphStore contract (counts, pages,
resolutions, collaborators with their evidence, subgraphs and paths, activity, kept
clusterings, documents, findings and stats)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Actor, ActorKind, Initiative, InitiativeKind, Label, RelType, Role


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
        """ "kommune-1818  Herøy (Nordland) (municipality 1818, Nordland; same alias)"."""
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


class ClusterMethod(StrEnum):
    """How communities are found: Louvain, or Leiden (its refinement: never a badly connected
    community, and a partition at least as modular)."""

    LOUVAIN = "louvain"
    LEIDEN = "leiden"


def clusters_key(
    resolution: float, since: dt.date | None = None, until: dt.date | None = None, method: ClusterMethod = ClusterMethod.LOUVAIN
) -> str:
    """Names a clustering variant (resolution, window, method) when it is kept in a store."""
    window = f"|{since or ''}|{until or ''}" if since or until else ""
    how = f"|{method}" if method != ClusterMethod.LOUVAIN else ""
    return f"{float(resolution)!r}{window}{how}"


DEFAULT_CLUSTERS = clusters_key(1.0)  # what `samspill clusters` shows by default: resolution 1, all time


class SavedClusters(_Result):
    """A clustering as last computed: at which revision, each actor's cluster, the next free id."""

    revision: int
    membership: dict[str, int]
    next_id: int


class BackupFormat(StrEnum):
    SQLITE = "sqlite"  # the embedded store's own copy
    JSON = "json"  # the export with the documents: any store's, restorable into either


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
