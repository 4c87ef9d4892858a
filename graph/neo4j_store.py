"""The Neo4j store: the official driver over Bolt, managed transactions, UNWIND batches."""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from pathlib import Path as FilePath
from typing import Any, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import cypher as C
from graph.backups import BackupError, BackupFormat
from graph.collaboration import (
    EVIDENCE_SHOWN,
    ActorAttrs,
    Partnership,
    SharedInitiative,
    Tie,
    Totals,
    rank_collaborators,
    weigh_candidates,
)
from graph.cursor import decode_cursor, next_cursor
from graph.export_json import write_json
from graph.limits import check_limit
from graph.model import (
    STORED,
    Actor,
    ActorKind,
    Initiative,
    InitiativeKind,
    Label,
    Relationship,
    RelType,
    Role,
)
from graph.resolution import Lookup
from graph.rows import (
    actor_row,
    every_tie,
    evidence_params,
    initiative_filter_params,
    initiative_row,
    relationship_row,
    title_words,
    window_params,
)
from graph.store import DEFAULT_BATCH_SIZE, MAX_COLLABORATORS, MAX_HOPS
from graph.store_base import StoreBase
from graph.store_errors import StoreError, StoreTimeout, StoreUnavailable
from graph.store_results import (
    ALL_EVIDENCE,
    DEFAULT_CLUSTERS,
    FINDINGS_SHOWN,
    ActivityBy,
    ActivityFilters,
    ActivityRow,
    ActorPage,
    Collaborator,
    DocumentKind,
    DocumentSwap,
    Evidenced,
    Finding,
    GraphEdge,
    GraphNode,
    GroupActivity,
    InitiativePage,
    NodeRef,
    Path,
    SavedClusters,
    Subgraph,
    UpsertCounts,
    group_activity_from_rows,
)
from graph.text import search_words, tokens
from graph.ties import TIE_PAGE, TieTable, build_tie_table, tie_table_from_pages
from graph.writes import check_endpoints

T = TypeVar("T")
R = TypeVar("R")
EXPORT_PAGE_SIZE = 1000
TIES_REBUILD_PAGE = 2000  # initiatives whose ties one transaction of a rebuild adds


def _write_actors(tx: ManagedTransaction, batch: list[Actor]) -> UpsertCounts:
    return _outcomes(tx.run(C.UPSERT_ACTORS, rows=[_node_params(actor_row(a)) for a in batch]))


def _write_initiatives(tx: ManagedTransaction, batch: list[Initiative]) -> UpsertCounts:
    return _outcomes(tx.run(C.UPSERT_INITIATIVES, rows=[_node_params(initiative_row(i)) for i in batch]))


def _write_relationships(tx: ManagedTransaction, batch: list[Relationship]) -> UpsertCounts:
    check_endpoints(batch, lambda label, ids: set(ids) - set(tx.run(C.MISSING[label], ids=ids).single(strict=True)["ids"]))
    pairs = [[r.source, r.target] for r in batch if r.type == RelType.PARTICIPATED_IN]
    if pairs:
        _lock_initiatives(tx, [i for _, i in pairs])  # before asking who is new there
    joined = tx.run(C.JOINED, pairs=pairs).single(strict=True)["ids"] if pairs else []
    return _keeping_ties(tx, joined, lambda: _upsert_relationships(tx, batch))


def _lock_initiatives(tx: ManagedTransaction, ids: list[str]) -> None:
    tx.run(C.LOCK_INITIATIVES, ids=sorted(set(ids))).consume()  # in one order: fewer deadlocks


def _keeping_ties(tx: ManagedTransaction, initiatives: list[str], change: Callable[[], R]) -> R:
    """`change`, which changes who takes part in `initiatives` (and no others), with the kept
    ties moved from those initiatives' members before it to their members after it."""
    if initiatives:
        _lock_initiatives(tx, initiatives)
        tx.run(C.TIE_SHARES, initiatives=initiatives, sign=-1).consume()
    done = change()
    if initiatives:
        tx.run(C.TIE_SHARES, initiatives=initiatives, sign=1).consume()
    return done


def _ids(tx: ManagedTransaction, query: str, **params: Any) -> list[str]:
    return list(tx.run(query, params).single(strict=True)["ids"])


def _delete_actor(tx: ManagedTransaction, actor_id: str) -> int:
    tx.run(C.LOCK_ACTOR, id=actor_id).consume()  # no participation of it is added while it goes
    return _keeping_ties(tx, _ids(tx, C.MEMBER_OF, id=actor_id), lambda: _count(tx, C.DELETE[Label.ACTOR], id=actor_id))


def _upsert_relationships(tx: ManagedTransaction, batch: list[Relationship]) -> UpsertCounts:
    groups: dict[tuple[RelType, Label, Label], list[dict[str, Any]]] = defaultdict(list)
    for rel in batch:
        row = relationship_row(rel)
        props = {k: row[k] for k in ("role", "start_date", "end_date", "doc") if row[k] is not None}
        # Only what the query reads: the doc travels once, inside props.
        groups[rel.shape].append({"source": row["source"], "target": row["target"], "role": row["role"], "props": props})
    counts = UpsertCounts()
    for shape, rows in groups.items():
        counts += _outcomes(tx.run(C.UPSERT_RELATIONSHIP[shape], rows=rows))
    return counts


class Neo4jStore(StoreBase[ManagedTransaction]):
    engine = "neo4j"
    _write_actors = staticmethod(_write_actors)
    _write_initiatives = staticmethod(_write_initiatives)
    _write_relationships = staticmethod(_write_relationships)

    def __init__(
        self,
        uri: str,
        username: str | None = None,
        password: str | None = None,
        database: str = "neo4j",
        connection_timeout: float = 5.0,
        query_timeout: float | None = None,
    ):
        self.uri = uri
        self.query_timeout = query_timeout
        self.database = database
        self._auth = (username, password or "") if username else None
        self._timeout = connection_timeout
        self._driver: Driver | None = None
        self._asking = threading.local()  # .tx: the read transaction a question's reads share

    # -- lifecycle ---------------------------------------------------------------------------

    def open(self) -> None:
        if self._driver is None:
            self._driver = GraphDatabase.driver(
                self.uri,
                auth=self._auth,
                connection_timeout=self._timeout,
                connection_acquisition_timeout=self._timeout * 2,
                max_transaction_retry_time=self._timeout * 3,
                # Schema-free queries on an empty database draw "unknown property" warnings.
                notifications_min_severity="OFF",
            )
        self.init_schema()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _run(self, write: bool, work: Callable[[ManagedTransaction], R]) -> R:
        if self._driver is None:
            raise StoreError("the Neo4j store is not open; call open() first")
        try:
            # Reads in read sessions: a cluster or Aura (neo4j://, neo4j+s://) routes them to its readers.
            mode = WRITE_ACCESS if write else READ_ACCESS
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                return session.execute_write(work) if write else self._read_once(session, work, self.query_timeout)
        except ClientError as exc:
            if exc.code and "TransactionTimedOut" in exc.code:
                raise StoreTimeout(f"a query on Neo4j at {self.uri} took longer than {self.query_timeout} s") from exc
            raise StoreError(f"Neo4j query failed: {exc}") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}") from exc
        except TransientError as exc:  # still failing after the driver's retries (a database shutting down)
            raise StoreUnavailable(f"Neo4j at {self.uri} cannot serve this now: {exc.message or exc}") from exc
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials: {exc}") from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"Neo4j query failed: {exc}") from exc

    def _read_once(self, session: Session, work: Callable[[ManagedTransaction], R], timeout: float | None) -> R:
        """A read without the driver's retries: they back off for up to half a minute while
        Neo4j is down, and a request is owed its 503 at once. One quick second try on a fresh
        connection covers a pooled one that died while Neo4j restarted. Neo4j ends a read
        that runs past `timeout`, but its monitor looks only every few seconds: an answer
        that comes later than `timeout` is refused here as well, as SQLite's clock check does."""
        ends = None if timeout is None else time.monotonic() + timeout
        try:
            with session.begin_transaction(timeout=timeout) as tx:
                answer = work(tx)  # type: ignore[arg-type]  # the same run() as a managed one
        except (ServiceUnavailable, SessionExpired):
            with session.begin_transaction(timeout=timeout) as tx:
                answer = work(tx)  # type: ignore[arg-type]
        if ends is not None and time.monotonic() > ends:
            raise StoreTimeout(f"a query on Neo4j at {self.uri} took longer than {timeout} s")
        return answer

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        if (tx := getattr(self._asking, "tx", None)) is not None:
            return [r.data() for r in tx.run(query, params)]
        return self._run(False, lambda tx: [r.data() for r in tx.run(query, params)])

    def _in_one_read(self, ask: Callable[[], R]) -> R:
        """`ask`, whose reads share one read transaction: one snapshot for all of them, and a
        round trip per query instead of a session and a transaction each (most of the time
        of a small answer). A retried transaction asks again from the start."""
        if getattr(self._asking, "tx", None) is not None:
            return ask()  # already inside one: its reads join it

        def work(tx: ManagedTransaction) -> R:
            self._asking.tx = tx
            try:
                return ask()
            finally:
                self._asking.tx = None

        return self._run(False, work)

    def init_schema(self) -> None:
        if self._driver is None:
            raise StoreError("the Neo4j store is not open; call open() first")
        try:
            with self._driver.session(database=self.database) as session:
                present = {r["name"] for query in C.SCHEMA_NAMES for r in session.run(query)}
                for name, statement in C.SCHEMA:
                    if (name in present) != statement.startswith("DROP"):
                        continue
                    # Schema changes cannot share a transaction. Processes opening one new
                    # database at once deadlock on its label locks: the driver retries those.
                    try:
                        session.execute_write(_consumed, statement)
                    except ClientError as exc:
                        # Another process created the same rule between our look and our CREATE.
                        if not (exc.code and ("AlreadyExists" in exc.code or "EquivalentSchemaRule" in exc.code)):
                            raise
                session.run(C.AWAIT_INDEXES).consume()
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}") from exc
        except TransientError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} could not create the schema now: {exc.message or exc}") from exc
        except ClientError as exc:
            raise StoreError(f"could not create the Neo4j schema: {exc}") from exc
        self._build_ties()  # at once on a new database; a page at a time on one from before they were kept
        self._index_titles()

    def _index_titles(self) -> None:
        if self._read(C.DONE, key="titles")[0]["done"]:
            return

        def page(tx: ManagedTransaction) -> bool:
            rows = [
                {"id": r["id"], "words": title_words(r["title"] or "")}
                for r in tx.run(C.UNINDEXED_TITLES, page=TIES_REBUILD_PAGE)
            ]
            tx.run(C.INDEX_TITLES, rows=rows).consume()
            return bool(rows)

        while self._run(True, page):
            pass
        self._run(True, lambda tx: tx.run(C.MARK_DONE, key="titles").consume())

    def rebuild_ties(self) -> None:
        while self._run(True, functools.partial(_count, query=C.TIES_CLEAR_SLICE, slice=10_000)):
            pass
        self._run(True, lambda tx: tx.run(C.TIES_RESET).consume())
        self._build_ties()
        self._run(True, lambda tx: tx.run(C.BUMP_REVISION).consume())

    def _build_ties(self) -> None:
        if self._read(C.DONE, key="ties")[0]["done"]:
            return

        def page(tx: ManagedTransaction) -> bool:
            state = tx.run(C.TIES_REBUILT).single(strict=True)
            if state["done"]:
                return False
            ids = [r["id"] for r in tx.run(C.TIES_PAGE, after=state["after"], page=TIES_REBUILD_PAGE)]
            if ids:
                tx.run(C.TIE_SHARES, initiatives=ids, sign=1).consume()
            tx.run(C.TIES_PROGRESS, after=ids[-1] if ids else state["after"], done=not ids).consume()
            return bool(ids)

        while self._run(True, page):
            pass

    def ping(self) -> None:
        self._read(C.PING)

    def wipe(self) -> None:
        for query in C.WIPE_SLICES:
            while self._run(True, functools.partial(_count, query=query, slice=10_000)):
                pass
        self._run(True, lambda tx: tx.run(C.WIPE_CLUSTERS).consume())
        self._run(True, lambda tx: tx.run(C.WIPE_DOCUMENTS).consume())
        self._run(True, lambda tx: tx.run(C.BUMP_REVISION).consume())

    # -- writes ------------------------------------------------------------------------------

    def _in_transaction(self, write: Callable[[ManagedTransaction, list[T]], UpsertCounts]) -> Callable[[list[T]], UpsertCounts]:
        def write_batch(batch: list[T]) -> UpsertCounts:
            def work(tx: ManagedTransaction) -> UpsertCounts:
                counts = write(tx, batch)
                if counts.created or counts.updated:
                    tx.run(C.BUMP_REVISION).consume()
                return counts

            return self._run(True, work)

        return write_batch

    def write_batch(
        self,
        actors: list[Actor],
        initiatives: list[Initiative],
        relationships: list[Relationship],
        swap: DocumentSwap | None = None,
        delete_actors: Sequence[str] = (),
    ) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            if swap is not None:
                # LOCK_DOCUMENT writes the node first: a second writer waits here until the first
                # commits, then reads what it committed (Neo4j reads the latest committed value).
                stored = tx.run(C.LOCK_DOCUMENT, kind=str(swap.kind), key=swap.key).single()
                if stored is None or json.loads(stored["doc"]) != swap.expected:
                    return False
            counts = [
                *([_write_actors(tx, actors)] if actors else []),
                *([_write_initiatives(tx, initiatives)] if initiatives else []),
                *([_write_relationships(tx, relationships)] if relationships else []),
            ]
            for actor_id in delete_actors:
                _delete_actor(tx, actor_id)
            if delete_actors or any(c.created or c.updated for c in counts):
                tx.run(C.BUMP_REVISION).consume()
            if swap is not None:
                tx.run(C.PUT_DOCUMENT, kind=str(swap.kind), key=swap.key, doc=json.dumps(swap.new, ensure_ascii=False)).consume()
            return True

        return self._run(True, work)

    def delete_actor(self, actor_id: str) -> bool:
        return self._delete(lambda tx: _delete_actor(tx, actor_id))

    def delete_initiative(self, initiative_id: str) -> bool:
        return self._delete(
            lambda tx: _keeping_ties(tx, [initiative_id], lambda: _count(tx, C.DELETE[Label.INITIATIVE], id=initiative_id))
        )

    def delete_relationship(self, relationship: Relationship) -> bool:
        rel = relationship
        params = {"source": rel.source, "target": rel.target, "role": str(rel.role) if rel.role else None}

        def delete(tx: ManagedTransaction) -> int:
            leaving = []
            if rel.type == RelType.PARTICIPATED_IN:
                _lock_initiatives(tx, [rel.target])  # before asking whether the actor leaves it
                leaving = _ids(tx, C.LEAVES, **params)
            return _keeping_ties(tx, leaving, lambda: _count(tx, C.DELETE_RELATIONSHIP[rel.shape], **params))

        return self._delete(delete)

    def _delete(self, delete: Callable[[ManagedTransaction], int]) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            deleted = delete(tx) > 0
            if deleted:
                tx.run(C.BUMP_REVISION).consume()
            return deleted

        return self._run(True, work)

    # -- reads -------------------------------------------------------------------------------

    def get_actor(self, actor_id: str) -> Actor | None:
        rows = self._read(C.GET[Label.ACTOR], id=actor_id)
        return Actor.model_validate_json(rows[0]["doc"], context=STORED) if rows else None

    def get_initiative(self, initiative_id: str) -> Initiative | None:
        rows = self._read(C.GET[Label.INITIATIVE], id=initiative_id)
        return Initiative.model_validate_json(rows[0]["doc"], context=STORED) if rows else None

    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]:
        rows = self._read(C.GET_MANY[Label.ACTOR], ids=actor_ids)
        return {r["id"]: Actor.model_validate_json(r["doc"], context=STORED) for r in rows}

    def get_initiatives(self, initiative_ids: list[str]) -> dict[str, Initiative]:
        rows = self._read(C.GET_MANY[Label.INITIATIVE], ids=initiative_ids)
        return {r["id"]: Initiative.model_validate_json(r["doc"], context=STORED) for r in rows}

    def get_relationships(self, relationships: list[Relationship]) -> dict[tuple[str, ...], Relationship]:
        shapes: dict[tuple[RelType, Label, Label], list[dict[str, Any]]] = defaultdict(list)
        for rel in relationships:
            shapes[rel.shape].append(relationship_row(rel))
        found: dict[tuple[str, ...], Relationship] = {}
        for shape, rows in shapes.items():
            for r in self._read(C.GET_RELATIONSHIPS[shape], rows=rows):
                rel = Relationship.model_validate_json(r["doc"], context=STORED)
                found[rel.key] = rel
        return found

    def actors_by_orgnr(self, orgnrs: list[str]) -> dict[str, list[Actor]]:
        found: dict[str, list[Actor]] = {}
        for r in self._read(C.ACTORS_BY_ORGNR, orgnrs=orgnrs):
            found.setdefault(r["orgnr"], []).append(Actor.model_validate_json(r["doc"], context=STORED))
        return found

    def find_actors(
        self,
        q: str | None = None,
        kind: ActorKind | None = None,
        county: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        municipality: str | None = None,
    ) -> ActorPage:
        check_limit(limit)
        after = decode_cursor(cursor)
        words = search_words(q or "")
        if q is not None and q.strip() and not words:
            return ActorPage(items=[])
        params = {
            "kind": str(kind) if kind else None,
            "county": county,
            "municipality": municipality,
            "after_key": after[0] if after else None,
            "after_id": after[1] if after else None,
            "limit": limit + 1,
        }
        if words:
            # Lucene: every word required, as a prefix; words hold no Lucene syntax characters.
            rows = self._read(C.SEARCH_ACTORS, match=" ".join(f"+{w}*" for w in words), **params)
        else:
            rows = self._read(C.FIND_ACTORS, **params)
        items = [Actor.model_validate_json(r["doc"], context=STORED) for r in rows[:limit]]
        return ActorPage(items=items, next_cursor=next_cursor([(r["k"], r["id"]) for r in rows], limit))

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
        check_limit(limit)
        after = decode_cursor(cursor)
        words = tokens(q or "")
        if q is not None and q.strip() and not words:
            return InitiativePage(items=[])
        rows = self._read(
            C.SEARCH_INITIATIVES if words else C.FIND_INITIATIVES,
            match=" ".join(f"+{w}*" for w in words),
            **initiative_filter_params(kind, theme, since, until, open),
            county=county,
            after_start=after[0] if after else None,
            after_id=after[1] if after else None,
            limit=limit + 1,
        )
        items = [Initiative.model_validate_json(r["doc"], context=STORED) for r in rows[:limit]]
        return InitiativePage(items=items, next_cursor=next_cursor([(r["s"], r["id"]) for r in rows], limit))

    def _exact_actors(self, lookups: list[Lookup]) -> list[list[tuple[Actor, str]]]:
        params = [{"n": n, "ref": ref, "orgnr": orgnr, "key": key} for n, (ref, orgnr, key) in enumerate(lookups)]
        # Folded words only reach the full-text phrase, so no Lucene syntax can.
        phrases = [{**p, "phrase": f'"{p["key"]}"'} for p in params if p["key"]]

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            rows = [r.data() for r in tx.run(C.EXACT_ACTORS, lookups=params)]
            if phrases:
                rows += [r.data() for r in tx.run(C.ALIAS_ACTORS, lookups=phrases)]
            return rows

        found: list[list[tuple[Actor, str]]] = [[] for _ in lookups]
        for r in self._run(False, work) if lookups else []:
            found[r["n"]].append((Actor.model_validate_json(r["doc"], context=STORED), r["why"]))
        return found

    def relationships_of(self, node: NodeRef) -> list[Relationship]:
        rows = self._read(C.RELATIONSHIPS_OF[node.label], id=node.id)
        return sorted((Relationship.model_validate_json(r["doc"], context=STORED) for r in rows), key=lambda r: r.key)

    def collaborators(
        self,
        actor_id: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        among: list[str] | None = None,
    ) -> list[Collaborator]:
        check_limit(limit, maximum=MAX_COLLABORATORS)
        return self._in_one_read(lambda: self._collaborators(actor_id, since, until, limit, among))

    def _collaborators(
        self, actor_id: str, since: dt.date | None, until: dt.date | None, limit: int, among: list[str] | None
    ) -> list[Collaborator]:
        window = {**window_params(since, until), "among": among}
        partners = [
            Partnership(r["id"], r["name"], r["kind"], r["start"], r["end"])
            for r in self._read(C.COLLABORATORS_PARTNERS, actor=actor_id, **window)
        ]

        weights = C.KEPT_COLLABORATOR_WEIGHTS if since is None and until is None else C.COLLABORATOR_WEIGHTS

        def weighed(ids: list[str] | None, n: int) -> Totals:
            rows = self._read(weights, actor=actor_id, limit=n, **{**window, "among": ids})
            return {r["id"]: (r["w"], r["shared"]) for r in rows}

        totals, window["among"] = weigh_candidates(weighed, partners, among, limit)
        shared = [
            SharedInitiative(
                r["id"],
                r["name"],
                r["kind"],
                tuple(r["roles"]),
                r["initiative"],
                r["title"],
                r["initiative_kind"],
                r["start"],
                r["end"],
                r["n"],
                *totals[r["id"]],
            )
            for r in self._read(C.COLLABORATORS_SHARED, actor=actor_id, evidence=EVIDENCE_SHOWN, **window)
        ]
        return rank_collaborators(shared, partners, limit)

    def count_collaborators(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None) -> int:
        query = C.KEPT_COUNT_COLLABORATORS if since is None and until is None else C.COUNT_COLLABORATORS
        return int(self._read(query, actor=actor_id, **window_params(since, until))[0]["n"])

    def _expand(self, refs: list[NodeRef]) -> tuple[list[GraphEdge], dict[str, GraphNode]]:
        edges: list[GraphEdge] = []
        described: dict[str, GraphNode] = {}
        for label in Label:
            ids = [r.id for r in refs if r.label == label]
            for row in self._read(C.EXPAND[label], ids=ids) if ids else []:
                edge = _edge(row)
                edges.append(edge)
                for end, prefix in ((edge.source, "s"), (edge.target, "t")):
                    described[end.key] = GraphNode(
                        label=end.label, id=end.id, name=row[f"{prefix}_name"], kind=row[f"{prefix}_kind"]
                    )
        return edges, described

    def _among(self, refs: list[NodeRef]) -> list[GraphEdge]:
        ids = {label: [r.id for r in refs if r.label == label] for label in Label}
        return [_edge(row) for row in self._read(C.EDGES_AMONG, actors=ids[Label.ACTOR], initiatives=ids[Label.INITIATIVE])]

    def _describe(self, refs: set[NodeRef]) -> dict[str, GraphNode]:
        described: dict[str, GraphNode] = {}
        for label in Label:
            ids = sorted(r.id for r in refs if r.label == label)
            for row in self._read(C.DESCRIBE[label], ids=ids) if ids else []:
                described[f"{label}:{row['id']}"] = GraphNode(label=label, id=row["id"], name=row["name"], kind=row["kind"])
        return described

    def neighbourhood(self, node: NodeRef, depth: int = 1, max_nodes: int = 200) -> Subgraph:
        return self._in_one_read(lambda: super(Neo4jStore, self).neighbourhood(node, depth, max_nodes))

    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> Path | None:
        return self._in_one_read(lambda: self._shortest_path(source, target, max_hops))

    def _shortest_path(self, source: str, target: str, max_hops: int) -> Path | None:
        check_limit(max_hops, "max_hops", MAX_HOPS)
        if source == target:
            described = self._describe({NodeRef(label=Label.ACTOR, id=source)})
            return Path(nodes=list(described.values()), edges=[]) if described else None
        rows = self._read(C.shortest_path(max_hops), source=source, target=target)
        if not rows:
            return None
        nodes = [GraphNode(label=Label(n["label"]), id=n["id"], name=n["name"], kind=n["kind"]) for n in rows[0]["nodes"]]
        edges = [_edge(e) for e in rows[0]["edges"]]
        return Path(nodes=nodes, edges=edges)

    def activity(self, by: ActivityBy, filters: ActivityFilters | None = None) -> list[ActivityRow]:
        f = filters or ActivityFilters()
        params = {
            **initiative_filter_params(f.initiative_kind, f.theme, f.since, f.until, f.open),
            "county": f.county,
            "actors": None if f.actors is None else list(f.actors),
        }
        rows = self._read(C.activity_query(ActivityBy(by)), **params)
        return [ActivityRow(key=r["key"], initiatives=r["initiatives"], actors=r["actors"]) for r in rows]

    def tie_table(
        self, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
    ) -> TieTable:
        e = evidence or ALL_EVIDENCE
        params = evidence_params(since, until, e.initiative_kind, e.theme, e.sourced)

        def build(tx: ManagedTransaction) -> TieTable:
            actors = [
                ActorAttrs(r["id"], r["name"], r["kind"], r["county"], r["kommunenummer"]) for r in tx.run(C.PROJECTION_ACTORS)
            ]
            partners = [(r["a"], r["b"]) for r in tx.run(C.PROJECTION_PARTNERS, params)] if e.partnerships else []
            if every_tie(since, until, e):
                pages = _tie_pages(tx.run(C.KEPT_TIES))
                return tie_table_from_pages(sorted(actors, key=lambda a: a.id), pages, partners, in_order=False)
            ties = (Tie(r["a"], r["b"], r["weight"], r["initiatives"]) for r in tx.run(C.PROJECTION_TIES, params))
            return build_tie_table(actors, ties, partners)  # ties streamed, never all in memory

        return self._run(False, build)

    def group_activity(
        self, groups: dict[str, str], since: dt.date | None = None, until: dt.date | None = None
    ) -> dict[str, GroupActivity]:
        if not groups:
            return {}
        rows = self._read(C.GROUP_ACTIVITY, groups=[[a, g] for a, g in groups.items()], **window_params(since, until))
        return group_activity_from_rows((r["grp"], r["what"], r["key"], r["n"]) for r in rows)

    def _totals(self) -> tuple[int, int, dict[RelType, int]]:
        by_type = {RelType(r["type"]): r["n"] for r in self._read(C.COUNT_RELATIONSHIPS) if r["type"] in set(RelType)}
        return self._read(C.COUNT[Label.ACTOR])[0]["n"], self._read(C.COUNT[Label.INITIATIVE])[0]["n"], by_type

    copy_format: BackupFormat | None = None  # Community has no online dump

    def backup_to(self, target: FilePath, fmt: BackupFormat = BackupFormat.JSON) -> None:
        """The JSON export with the documents beside it, read in pages of one transaction each
        while the store serves; restorable into either engine."""
        if fmt != BackupFormat.JSON:
            raise BackupError("only the embedded store is copied as an SQLite file; back Neo4j up as JSON")
        write_json(self, FilePath(target), documents=True)

    def restore_copy(self, source: FilePath) -> None:
        raise BackupError(f"{source}: Neo4j makes no copies of its own; restore a JSON backup")

    def check(self) -> list[Finding]:
        present = {r["name"] for r in self._read(C.CONSTRAINTS)}
        findings = [
            Finding(check="constraints", detail=f"the constraint {name} is missing (run `samspill db init`)")
            for name in C.EXPECTED_CONSTRAINTS
            if name not in present
        ]
        for name, query in C.CHECKS:
            findings += [
                Finding(check=name, detail=r["detail"])
                for r in self._read(query, most=FINDINGS_SHOWN, types=[str(t) for t in RelType])
            ]
        return findings

    def export(self) -> Iterator[dict[str, Any]]:
        # Nodes first, then relationships (each page of nodes brings those it starts), so a
        # reader can write sections in order while holding one page in memory.
        for label, record in ((Label.ACTOR, "actor"), (Label.INITIATIVE, "initiative")):
            for page in self._export_pages(label):
                for row in page:
                    yield {"record": record, **json.loads(row["doc"])}
        for label in Label:
            for page in self._export_pages(label):
                for row in page:
                    for doc in row["rels"]:
                        yield {"record": "relationship", **json.loads(doc)}

    def _export_pages(self, label: Label) -> Iterator[list[dict[str, Any]]]:
        after: str | None = None
        while page := self._read(C.EXPORT_PAGE[label], after=after, page=EXPORT_PAGE_SIZE):
            yield page
            after = page[-1]["id"]

    def revision(self) -> int:
        rows = self._read(C.REVISION)
        return int(rows[0]["value"]) if rows else 0

    def advance_revision(self, past: int) -> int:
        return self._run(True, lambda tx: tx.run(C.ADVANCE_REVISION, past=past).single(strict=True)["value"])

    def save_clusters(self, key: str, clusters: SavedClusters) -> None:
        self._run(True, lambda tx: tx.run(C.SAVE_CLUSTERS, key=key, doc=clusters.model_dump_json()).consume())
        if key != DEFAULT_CLUSTERS:
            return
        while self._run(True, lambda tx: tx.run(C.CLEAR_CLUSTER_SLICE, slice=10_000).single(strict=True)["n"]):
            pass
        rows = [{"id": actor, "cluster": cluster} for actor, cluster in sorted(clusters.membership.items())]
        for start in range(0, len(rows), DEFAULT_BATCH_SIZE):
            self._run(True, functools.partial(_consumed, query=C.SET_CLUSTERS, rows=rows[start : start + DEFAULT_BATCH_SIZE]))

    def load_clusters(self, key: str) -> SavedClusters | None:
        rows = self._read(C.LOAD_CLUSTERS, key=key)
        return SavedClusters.model_validate_json(rows[0]["doc"]) if rows else None

    def put_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> None:
        text = json.dumps(doc, ensure_ascii=False)
        self._run(True, lambda tx: tx.run(C.PUT_DOCUMENT, kind=str(kind), key=key, doc=text).consume())

    def add_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> bool:
        text = json.dumps(doc, ensure_ascii=False)
        return self._run(
            True, lambda tx: tx.run(C.ADD_DOCUMENT, kind=str(kind), key=key, doc=text).single(strict=True)["created"]
        )

    def get_document(self, kind: DocumentKind, key: str) -> dict[str, Any] | None:
        rows = self._read(C.GET_DOCUMENT, kind=str(kind), key=key)
        return json.loads(rows[0]["doc"]) if rows else None

    def documents(self, kind: DocumentKind) -> list[dict[str, Any]]:
        return [json.loads(r["doc"]) for r in self._read(C.DOCUMENTS, kind=str(kind))]


def _tie_pages(result: Any, size: int = TIE_PAGE) -> Iterator[list[tuple[str, str, float, int]]]:
    """The kept ties, read one lower end at a time (KEPT_TIES), as pages of (a, b, weight,
    initiatives) of about `size` ties."""
    page: list[tuple[str, str, float, int]] = []
    for a, b, weight, initiatives in result:
        page.extend(zip(repeat(a), b, weight, initiatives))
        if len(page) >= size:
            yield page
            page = []
    yield page


def _consumed(tx: ManagedTransaction, query: str, **params: Any) -> None:
    tx.run(query, params).consume()


def _count(tx: ManagedTransaction, query: str, **params: Any) -> int:
    return int(tx.run(query, params).single(strict=True)["n"])


def _node_params(row: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in row.items() if v is not None}
    return {"id": row["id"], "props": props}


def _outcomes(result: Any) -> UpsertCounts:
    counts = {r["outcome"]: r["n"] for r in result}
    return UpsertCounts(created=counts.get("created", 0), updated=counts.get("updated", 0), unchanged=counts.get("unchanged", 0))


def _edge(row: dict[str, Any]) -> GraphEdge:
    return GraphEdge(
        type=RelType(row["type"]),
        source=NodeRef(label=Label(row["s_label"]), id=row["s_id"]),
        target=NodeRef(label=Label(row["t_label"]), id=row["t_id"]),
        role=Role(row["role"]) if row.get("role") else None,
    )
