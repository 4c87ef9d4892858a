"""The embedded store: one SQLite file (WAL), the zero-setup default."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path as FilePath
from typing import Any, TypeVar

from graph import sqlite_queries as Q
from graph import traversal
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
)
from graph.resolution import Lookup
from graph.rows import (
    actor_row,
    every_tie,
    evidence_params,
    fts_match,
    initiative_filter_params,
    initiative_row,
    relationship_row,
    title_words,
    window_params,
)
from graph.store import MAX_COLLABORATORS, MAX_HOPS
from graph.store_base import StoreBase
from graph.store_errors import StoreError, StoreTimeout, StoreUnavailable
from graph.store_results import (
    ALL_EVIDENCE,
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
    UpsertCounts,
    group_activity_from_rows,
)
from graph.ties import TIE_PAGE, TieTable, build_tie_table, tie_table_from_pages
from graph.writes import check_endpoints

T = TypeVar("T")
BUSY_TIMEOUT_S = 30.0


class SQLiteStore(StoreBase[sqlite3.Connection]):
    engine = "sqlite"

    def __init__(self, path: str | FilePath, query_timeout: float | None = None):
        self.path = FilePath(path)
        self.query_timeout = query_timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------------

    def open(self) -> None:
        self.init_schema()

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # It holds contact e-mails and key hashes: a new file is its owner's alone, and
                # SQLite gives its -wal and -shm files the same mode.
                if not self.path.exists():
                    os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
                for pragma in Q.PRAGMAS:
                    _patiently(conn, pragma)
                # Only the migration that indexes the titles already stored calls it.
                conn.create_function("samspill_title_words", 1, title_words, deterministic=True)
            except (sqlite3.Error, OSError) as exc:
                raise StoreUnavailable(f"cannot open the embedded store at {self.path}: {exc}") from exc
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE so readers never wait on a lock upgrade."""
        conn = self._conn()
        if not getattr(self._local, "writer", False):
            conn.execute(Q.WRITER_CACHE)
            self._local.writer = True
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the embedded store at {self.path} is busy or read-only: {exc}") from exc
        try:
            yield conn
            _settle_ties(conn)
        except BaseException as exc:
            # SQLite has already rolled back after some errors (a full disk, an I/O error).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise StoreError(f"could not write to {self.path}, nothing of this write was kept: {exc}") from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"could not commit to {self.path}, nothing of this write was kept: {exc}") from exc

    def _read(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        conn = self._conn()
        with self._deadline(conn):
            return conn.execute(sql, params).fetchall()

    @contextmanager
    def _deadline(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Reads give up after `query_timeout` seconds (SQLite checks the clock every few
        thousand steps of its engine), so a slow query never holds a caller past it."""
        if self.query_timeout is not None:
            ends = time.monotonic() + self.query_timeout
            conn.set_progress_handler(lambda: time.monotonic() > ends, 5_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreTimeout(f"a query on {self.path} took longer than {self.query_timeout} s") from exc
            raise StoreError(f"query failed on {self.path}: {exc}") from exc
        finally:
            if self.query_timeout is not None:
                conn.set_progress_handler(None, 0)

    def init_schema(self) -> None:
        conn = self._conn()
        if self._schema_version(conn) == Q.SCHEMA_VERSION:
            return
        # Several processes may open a new file at once: the version is read again under the
        # write lock, so only the first one migrates and the others find the work done.
        with self._write() as tx:
            for target in range(self._schema_version(tx), Q.SCHEMA_VERSION):
                for statement in _statements(Q.MIGRATIONS[target]):
                    tx.execute(statement)
                tx.execute(f"PRAGMA user_version = {target + 1:d}")

    def _schema_version(self, conn: sqlite3.Connection) -> int:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > Q.SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {version}; this Samspill knows up to {Q.SCHEMA_VERSION}")
        return version

    def ping(self) -> None:
        self._read("SELECT 1")

    def wipe(self) -> None:
        with self._write() as tx:
            for statement in Q.WIPE:
                tx.execute(statement)
            tx.execute(Q.BUMP_REVISION)

    # -- writes ------------------------------------------------------------------------------

    def _in_transaction(self, write: Callable[[sqlite3.Connection, list[T]], UpsertCounts]) -> Callable[[list[T]], UpsertCounts]:
        def write_batch(batch: list[T]) -> UpsertCounts:
            with self._write() as tx:
                counts = write(tx, batch)
                if counts.created or counts.updated:
                    tx.execute(Q.BUMP_REVISION)
            return counts

        return write_batch

    def _write_actors(self, tx: sqlite3.Connection, batch: list[Actor]) -> UpsertCounts:
        rows = [actor_row(a) for a in batch]
        existing = dict(tx.execute(Q.ACTOR_DOCS, (json.dumps([r["id"] for r in rows]),)).fetchall())
        changed = [r for r in rows if existing.get(r["id"]) != r["doc"]]
        tx.executemany(Q.INSERT_ACTOR, changed)
        # The keys and the search index follow the rows, a statement per table for the batch.
        ids = [(r["id"],) for r in changed]
        rowids = dict(tx.execute(Q.ACTOR_ROWIDS, (json.dumps([r["id"] for r in changed]),)).fetchall())
        tx.executemany(Q.DELETE_ACTOR_KEYS, ids)
        tx.executemany(
            Q.INSERT_ACTOR_KEY,
            [
                (key, r["id"], int(alias))
                for r in changed
                for key, alias in ((r["name_key"], False), *((k, True) for k in r["alias_keys"]))
            ],
        )
        tx.executemany(Q.DELETE_ACTOR_SEARCH, [(rowids[r["id"]],) for r in changed])
        tx.executemany(Q.INSERT_ACTOR_SEARCH, [(rowids[r["id"]], r["search_text"]) for r in changed])
        return _counts(rows, existing, changed)

    def _write_initiatives(self, tx: sqlite3.Connection, batch: list[Initiative]) -> UpsertCounts:
        rows = [initiative_row(i) for i in batch]
        existing = dict(tx.execute(Q.INITIATIVE_DOCS, (json.dumps([r["id"] for r in rows]),)).fetchall())
        changed = [r for r in rows if existing.get(r["id"]) != r["doc"]]
        tx.executemany(Q.INSERT_INITIATIVE, changed)
        tx.executemany(Q.DELETE_THEMES, [(r["id"],) for r in changed])
        tx.executemany(Q.INSERT_THEME, [(r["id"], t) for r in changed for t in r["theme_keys"]])
        rowids = dict(tx.execute(Q.INITIATIVE_ROWIDS, (json.dumps([r["id"] for r in changed]),)).fetchall())
        tx.executemany(Q.DELETE_INITIATIVE_SEARCH, [(rowids[r["id"]],) for r in changed])
        tx.executemany(Q.INSERT_INITIATIVE_SEARCH, [(rowids[r["id"]], r["search_text"]) for r in changed])
        return _counts(rows, existing, changed)

    def _write_relationships(self, tx: sqlite3.Connection, batch: list[Relationship]) -> UpsertCounts:
        def existing(label: Label, ids: list[str]) -> set[str]:
            sql = Q.EXISTING_ACTORS if label == Label.ACTOR else Q.EXISTING_INITIATIVES
            return {row[0] for row in tx.execute(sql, (json.dumps(ids),))}

        check_endpoints(batch, existing)
        created = updated = unchanged = 0
        for table, rels, key in self._relationship_tables(batch):
            rows = [relationship_row(r) for r in rels]
            stored = self._stored_docs(tx, table, rows)
            changed = []
            for row in rows:
                old = stored.get(key(row))
                if old is None:
                    created += 1
                elif old == row["doc"]:
                    unchanged += 1
                    continue
                else:
                    updated += 1
                changed.append(row)
            upsert = Q.UPSERT_PARTICIPATION if table == "participations" else Q.UPSERT_LINK[table]
            tx.executemany(upsert, changed)
        return UpsertCounts(created=created, updated=updated, unchanged=unchanged)

    def write_batch(
        self,
        actors: list[Actor],
        initiatives: list[Initiative],
        relationships: list[Relationship],
        swap: DocumentSwap | None = None,
        delete_actors: Sequence[str] = (),
    ) -> bool:
        with self._write() as tx:  # BEGIN IMMEDIATE: no other writer between the check and the writes
            if swap is not None:
                stored = tx.execute(Q.GET_DOCUMENT, (str(swap.kind), swap.key)).fetchone()
                if stored is None or json.loads(stored[0]) != swap.expected:
                    return False
            counts = [
                *([self._write_actors(tx, actors)] if actors else []),
                *([self._write_initiatives(tx, initiatives)] if initiatives else []),
                *([self._write_relationships(tx, relationships)] if relationships else []),
            ]
            for actor_id in delete_actors:
                tx.execute(Q.DELETE_ACTOR, (actor_id,))
            if delete_actors or any(c.created or c.updated for c in counts):
                tx.execute(Q.BUMP_REVISION)
            if swap is not None:
                tx.execute(Q.PUT_DOCUMENT, (str(swap.kind), swap.key, json.dumps(swap.new, ensure_ascii=False)))
        return True

    @staticmethod
    def _relationship_tables(
        batch: list[Relationship],
    ) -> list[tuple[str, list[Relationship], Callable[[dict[str, Any]], tuple[str, ...]]]]:
        participations = [r for r in batch if r.type == RelType.PARTICIPATED_IN]
        actor_links = [r for r in batch if r.type != RelType.PARTICIPATED_IN and r.source_label == Label.ACTOR]
        initiative_links = [r for r in batch if r.type != RelType.PARTICIPATED_IN and r.source_label == Label.INITIATIVE]

        def participation_key(row: dict[str, Any]) -> tuple[str, ...]:
            return (row["source"], row["target"], row["role"])

        def link_key(row: dict[str, Any]) -> tuple[str, ...]:
            return (row["source"], row["type"], row["target"])

        return [
            ("participations", participations, participation_key),
            ("actor_links", actor_links, link_key),
            ("initiative_links", initiative_links, link_key),
        ]

    @staticmethod
    def _stored_docs(tx: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> dict[tuple[str, ...], str]:
        if not rows:
            return {}
        if table == "participations":
            keys = json.dumps([[r["source"], r["target"], r["role"]] for r in rows])
            return {(a, i, role): doc for a, i, role, doc in tx.execute(Q.PARTICIPATION_DOCS, (keys,))}
        keys = json.dumps([[r["source"], r["type"], r["target"]] for r in rows])
        return {(src, ty, dst): doc for src, ty, dst, doc in tx.execute(Q.LINK_DOCS[table], (keys,))}

    def delete_actor(self, actor_id: str) -> bool:
        return self._delete(Q.DELETE_ACTOR, (actor_id,))

    def delete_initiative(self, initiative_id: str) -> bool:
        return self._delete(Q.DELETE_INITIATIVE, (initiative_id,))

    def delete_relationship(self, relationship: Relationship) -> bool:
        rel = relationship
        if rel.type == RelType.PARTICIPATED_IN:
            return self._delete(Q.DELETE_PARTICIPATION, (rel.source, rel.target, str(rel.role)))
        table = _link_table(rel.shape[1])
        return self._delete(Q.DELETE_LINK[table], (rel.source, str(rel.type), rel.target))

    def _delete(self, sql: str, params: tuple[str, ...]) -> bool:
        with self._write() as tx:
            deleted = tx.execute(sql, params).rowcount > 0
            if deleted:
                tx.execute(Q.BUMP_REVISION)
        return deleted

    # -- reads -------------------------------------------------------------------------------

    def get_actor(self, actor_id: str) -> Actor | None:
        rows = self._read(Q.GET_ACTOR, (actor_id,))
        return Actor.model_validate_json(rows[0][0], context=STORED) if rows else None

    def get_initiative(self, initiative_id: str) -> Initiative | None:
        rows = self._read(Q.GET_INITIATIVE, (initiative_id,))
        return Initiative.model_validate_json(rows[0][0], context=STORED) if rows else None

    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]:
        rows = self._read(Q.ACTOR_DOCS, (json.dumps(actor_ids),))
        return {actor_id: Actor.model_validate_json(doc, context=STORED) for actor_id, doc in rows}

    def get_initiatives(self, initiative_ids: list[str]) -> dict[str, Initiative]:
        rows = self._read(Q.INITIATIVE_DOCS, (json.dumps(initiative_ids),))
        return {initiative_id: Initiative.model_validate_json(doc, context=STORED) for initiative_id, doc in rows}

    def get_relationships(self, relationships: list[Relationship]) -> dict[tuple[str, ...], Relationship]:
        found: dict[tuple[str, ...], Relationship] = {}
        conn = self._conn()
        for table, rels, key in self._relationship_tables(relationships):
            rows = [_key_row(r) for r in rels]
            stored = self._stored_docs(conn, table, rows)
            for rel, row in zip(rels, rows):
                if key(row) in stored:
                    found[rel.key] = Relationship.model_validate_json(stored[key(row)], context=STORED)
        return found

    def actors_by_orgnr(self, orgnrs: list[str]) -> dict[str, list[Actor]]:
        found: dict[str, list[Actor]] = {}
        for orgnr, doc in self._read(Q.ACTORS_BY_ORGNR, (json.dumps(orgnrs),)):
            found.setdefault(orgnr, []).append(Actor.model_validate_json(doc, context=STORED))
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
        match = fts_match(q)
        if q is not None and q.strip() and match is None:
            return ActorPage(items=[])
        params = {
            "match": match,
            "kind": str(kind) if kind else None,
            "county": county,
            "municipality": municipality,
            "after_key": after[0] if after else None,
            "after_id": after[1] if after else None,
            "limit": limit + 1,
        }
        rows = self._read(Q.FIND_ACTORS, params)
        items = [Actor.model_validate_json(r[0], context=STORED) for r in rows[:limit]]
        return ActorPage(items=items, next_cursor=next_cursor([(r[1], r[2]) for r in rows], limit))

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
        match = fts_match(q, every_word=True)
        if q is not None and q.strip() and match is None:
            return InitiativePage(items=[])
        params = {
            "match": match,
            **initiative_filter_params(kind, theme, since, until, open),
            "county": county,
            "after_start": after[0] if after else None,
            "after_id": after[1] if after else None,
            "limit": limit + 1,
        }
        rows = self._read(Q.FIND_INITIATIVES, params)
        items = [Initiative.model_validate_json(r[0], context=STORED) for r in rows[:limit]]
        return InitiativePage(items=items, next_cursor=next_cursor([(r[1], r[2]) for r in rows], limit))

    def _exact_actors(self, lookups: list[Lookup]) -> list[list[tuple[Actor, str]]]:
        # A local file: one indexed query per look-up costs microseconds, no batching needed.
        return [
            [
                (Actor.model_validate_json(doc, context=STORED), why)
                for doc, why in self._read(Q.EXACT_ACTORS, {"ref": ref, "orgnr": orgnr, "key": key})
            ]
            for ref, orgnr, key in lookups
        ]

    def relationships_of(self, node: NodeRef) -> list[Relationship]:
        sql = Q.RELATIONSHIPS_OF_ACTOR if node.label == Label.ACTOR else Q.RELATIONSHIPS_OF_INITIATIVE
        rels = [Relationship.model_validate_json(r[0], context=STORED) for r in self._read(sql, {"id": node.id})]
        return sorted(rels, key=lambda r: r.key)

    def collaborators(
        self,
        actor_id: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        among: list[str] | None = None,
    ) -> list[Collaborator]:
        check_limit(limit, maximum=MAX_COLLABORATORS)
        params = {"actor": actor_id, "among": None if among is None else json.dumps(among), **window_params(since, until)}
        partners = [Partnership(*r) for r in self._read(Q.COLLABORATORS_PARTNERS, params)]

        weights = Q.KEPT_COLLABORATOR_WEIGHTS if since is None and until is None else Q.COLLABORATOR_WEIGHTS

        def weighed(ids: list[str] | None, n: int) -> Totals:
            rows = self._read(weights, {**params, "among": None if ids is None else json.dumps(ids), "limit": n})
            return {r[0]: (r[1], r[2]) for r in rows}

        totals, wanted = weigh_candidates(weighed, partners, among, limit)
        params["among"] = json.dumps(wanted)
        shared = [
            SharedInitiative(r[0], r[1], r[2], tuple(r[3].split(",")), r[4], r[5], r[6], r[7], r[8], r[9], *totals[r[0]])
            for r in self._read(Q.COLLABORATORS_SHARED, {**params, "evidence": EVIDENCE_SHOWN})
        ]
        return rank_collaborators(shared, partners, limit)

    def count_collaborators(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None) -> int:
        sql = Q.KEPT_COUNT_COLLABORATORS if since is None and until is None else Q.COUNT_COLLABORATORS
        return int(self._read(sql, {"actor": actor_id, **window_params(since, until)})[0][0])

    def _expand(self, refs: list[NodeRef]) -> tuple[list[GraphEdge], dict[str, GraphNode]]:
        edges = [traversal.edge(row) for row in self._links(refs)]
        return edges, self._describe({ref for e in edges for ref in (e.source, e.target)})

    def _links(self, refs: list[NodeRef]) -> list[traversal.Row]:
        rows: list[traversal.Row] = []
        for label, sql in ((Label.ACTOR, Q.EDGES_OF_ACTORS), (Label.INITIATIVE, Q.EDGES_OF_INITIATIVES)):
            ids = [r.id for r in refs if r.label == label]
            if ids:
                rows += self._read(sql, {"ids": json.dumps(ids)})
        return rows

    def _among(self, refs: list[NodeRef]) -> list[GraphEdge]:
        ids = {label: json.dumps([r.id for r in refs if r.label == label]) for label in Label}
        return [
            traversal.edge(row)
            for row in self._read(Q.EDGES_AMONG, {"actors": ids[Label.ACTOR], "initiatives": ids[Label.INITIATIVE]})
        ]

    def _describe(self, refs: set[NodeRef]) -> dict[str, GraphNode]:
        described: dict[str, GraphNode] = {}
        for label, sql in ((Label.ACTOR, Q.DESCRIBE_ACTORS), (Label.INITIATIVE, Q.DESCRIBE_INITIATIVES)):
            ids = sorted(r.id for r in refs if r.label == label)
            for node_id, name, kind in self._read(sql, (json.dumps(ids),)) if ids else []:
                node = GraphNode(label=label, id=node_id, name=name, kind=kind)
                described[f"{label}:{node_id}"] = node
        return described

    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> Path | None:
        check_limit(max_hops, "max_hops", MAX_HOPS)
        refs = (NodeRef(label=Label.ACTOR, id=source), NodeRef(label=Label.ACTOR, id=target))
        return traversal.shortest_path(refs[0], refs[1], max_hops, self._links, self._describe)

    def activity(self, by: ActivityBy, filters: ActivityFilters | None = None) -> list[ActivityRow]:
        f = filters or ActivityFilters()
        params = {
            **initiative_filter_params(f.initiative_kind, f.theme, f.since, f.until, f.open),
            "county": f.county,
            "actors": None if f.actors is None else json.dumps(list(f.actors)),
        }
        rows = self._read(Q.activity_query(ActivityBy(by)), params)
        return [ActivityRow(key=k, initiatives=i, actors=a) for k, i, a in rows]

    def tie_table(
        self, since: dt.date | None = None, until: dt.date | None = None, evidence: Evidenced | None = None
    ) -> TieTable:
        e = evidence or ALL_EVIDENCE
        params = evidence_params(since, until, e.initiative_kind, e.theme, e.sourced)
        conn = self._conn()
        with self._deadline(conn):
            actors = sorted((ActorAttrs(*r) for r in conn.execute(Q.PROJECTION_ACTORS)), key=lambda actor: actor.id)
            partners = conn.execute(Q.PROJECTION_PARTNERS, params).fetchall() if e.partnerships else []
            if every_tie(since, until, e):
                return tie_table_from_pages(actors, _pages(conn.execute(Q.KEPT_TIES)), partners)
            # streamed, never all in memory
            return build_tie_table(actors, (Tie(*r) for r in conn.execute(Q.PROJECTION_TIES, params)), partners)

    def group_activity(
        self, groups: dict[str, str], since: dt.date | None = None, until: dt.date | None = None
    ) -> dict[str, GroupActivity]:
        if not groups:
            return {}
        params = {"groups": json.dumps(list(groups.items())), **window_params(since, until)}
        return group_activity_from_rows(self._read(Q.GROUP_ACTIVITY, params))

    def rebuild_ties(self) -> None:
        with self._write() as tx:
            for statement in Q.REBUILD_TIES:
                tx.execute(statement)
            tx.execute(Q.BUMP_REVISION)

    def _totals(self) -> tuple[int, int, dict[RelType, int]]:
        by_type = {RelType(t): n for t, n in self._read(Q.COUNT_RELATIONSHIPS)}
        return self._read(Q.COUNT_ACTORS)[0][0], self._read(Q.COUNT_INITIATIVES)[0][0], by_type

    copy_format: BackupFormat | None = BackupFormat.SQLITE

    def backup_to(self, target: FilePath, fmt: BackupFormat = BackupFormat.SQLITE) -> None:
        """SQLite: a consistent copy of the whole file (graph, documents, kept clusterings),
        taken in one step of SQLite's online backup while readers and writers go on. JSON: the
        export with the documents, restorable into either engine."""
        if fmt == BackupFormat.JSON:
            write_json(self, FilePath(target), documents=True)
            return
        with closing(sqlite3.connect(target)) as copy:
            self._conn().backup(copy)

    def restore_copy(self, source: FilePath) -> None:
        """Everything replaced by a copy `backup_to` made, at once, once the copy is checked; the
        revision then moves past both, so nothing kept for an earlier revision is taken for the
        restored one."""
        self.check_copy(FilePath(source))
        before = self.revision()
        with closing(sqlite3.connect(f"{FilePath(source).resolve().as_uri()}?mode=ro", uri=True)) as original:
            original.backup(self._conn())
        self.init_schema()  # a copy from an earlier Samspill is brought up to this one's schema
        self.advance_revision(before)

    @staticmethod
    def check_copy(source: FilePath) -> None:
        """A whole, undamaged Samspill store file of a schema this Samspill knows, or BackupError."""
        try:
            with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
                damage = [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source}: a damaged SQLite file ({exc})") from exc
        if not {"meta", "actors", "initiatives", "participations"} <= tables:
            raise BackupError(f"{source}: an SQLite file, but not a Samspill store")
        if version > Q.SCHEMA_VERSION:
            raise BackupError(f"{source} has schema version {version}; this Samspill knows up to {Q.SCHEMA_VERSION}")
        if damage:
            raise BackupError(f"{source}: damaged ({'; '.join(damage[:5])})")

    def check(self) -> list[Finding]:
        try:
            findings = [Finding(check="integrity", detail=row[0]) for row in self._read(Q.INTEGRITY_CHECK) if row[0] != "ok"]
            for table, rowid, parent, _ in self._read(Q.FOREIGN_KEY_CHECK)[:FINDINGS_SHOWN]:
                row = self._read(Q.DANGLING_ROW[table], (rowid,)) if table in Q.DANGLING_ROW else []
                named = f" ({', '.join(map(str, row[0]))})" if row else ""
                findings.append(Finding(check="foreign keys", detail=f"{table} row {rowid}{named}: names a missing {parent} row"))
            for name, sql in Q.CHECKS:
                findings += [
                    Finding(check=name, detail=row[0]) for row in self._read(f"SELECT * FROM ({sql}) LIMIT ?", (FINDINGS_SHOWN,))
                ]
        except sqlite3.DatabaseError as exc:  # damage so deep that SQLite cannot walk the file
            return [Finding(check="integrity", detail=f"{self.path}: {exc}")]
        return findings

    def export(self) -> Iterator[dict[str, Any]]:
        conn = self._conn()
        for record, sql in (
            ("actor", Q.EXPORT_ACTORS),
            ("initiative", Q.EXPORT_INITIATIVES),
            ("relationship", Q.EXPORT_RELATIONSHIPS),
        ):
            for (doc,) in conn.execute(sql):
                yield {"record": record, **json.loads(doc)}

    def revision(self) -> int:
        return int(self._read(Q.REVISION)[0][0])

    def advance_revision(self, past: int) -> int:
        with self._write() as tx:
            current = int(tx.execute(Q.REVISION).fetchone()[0])
            tx.execute(Q.SET_REVISION, (max(current, past) + 1,))
        return max(current, past) + 1

    def save_clusters(self, key: str, clusters: SavedClusters) -> None:
        with self._write() as tx:
            tx.execute(Q.SAVE_CLUSTERS, (key, clusters.model_dump_json()))

    def load_clusters(self, key: str) -> SavedClusters | None:
        rows = self._read(Q.LOAD_CLUSTERS, (key,))
        return SavedClusters.model_validate_json(rows[0][0]) if rows else None

    def put_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> None:
        with self._write() as tx:
            tx.execute(Q.PUT_DOCUMENT, (str(kind), key, json.dumps(doc, ensure_ascii=False)))

    def add_document(self, kind: DocumentKind, key: str, doc: dict[str, Any]) -> bool:
        with self._write() as tx:
            return tx.execute(Q.ADD_DOCUMENT, (str(kind), key, json.dumps(doc, ensure_ascii=False))).rowcount == 1

    def get_document(self, kind: DocumentKind, key: str) -> dict[str, Any] | None:
        rows = self._read(Q.GET_DOCUMENT, (str(kind), key))
        return json.loads(rows[0][0]) if rows else None

    def documents(self, kind: DocumentKind) -> list[dict[str, Any]]:
        return [json.loads(doc) for (doc,) in self._read(Q.DOCUMENTS, (str(kind),))]


def _pages(cursor: sqlite3.Cursor, size: int = TIE_PAGE) -> Iterator[list[Any]]:
    while page := cursor.fetchmany(size):
        yield page


def _settle_ties(tx: sqlite3.Connection) -> None:
    """The members this transaction added or removed, brought into the kept ties."""
    if tx.execute(Q.HAS_MEMBER_CHANGES).fetchone()[0]:
        for statement in Q.SETTLE_TIES:
            tx.execute(statement)


def _patiently(conn: sqlite3.Connection, sql: str) -> None:
    """Run `sql`, waiting out a lock: switching a new file to WAL takes it exclusively, and
    SQLite answers "database is locked" there at once instead of calling its busy handler."""
    waited_until = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > waited_until:
                raise
            time.sleep(0.01)


def _counts(rows: list[dict[str, Any]], existing: dict[str, str], changed: list[dict[str, Any]]) -> UpsertCounts:
    created = sum(1 for r in changed if r["id"] not in existing)
    return UpsertCounts(created=created, updated=len(changed) - created, unchanged=len(rows) - len(changed))


def _key_row(rel: Relationship) -> dict[str, Any]:
    """The parts of a relationship's row that identify it (no serialised doc)."""
    return {"type": str(rel.type), "source": rel.source, "target": rel.target, "role": str(rel.role) if rel.role else None}


def _link_table(label: Label) -> str:
    return "actor_links" if label == Label.ACTOR else "initiative_links"


def _statements(script: str) -> Iterator[str]:
    """The statements of a script one by one (a trigger's body holds several), so a migration
    runs inside the transaction its version number is written in (executescript would commit)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise StoreError(f"an unfinished statement in a migration: {pending.strip()[:80]!r}")
