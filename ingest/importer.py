"""Importing files: validate everything first, then write batch by batch.

Pass 1 reads every row, parses it, resolves the actors and initiatives it names and collects
every problem. With problems and `on_error=abort`, nothing is written. Pass 2 takes the rows
again (kept from pass 1 up to a bound, else read anew) and writes them in batches (actors, then initiatives, then relationships), each batch
merged with what the store holds (ingest/merge.py) and committed on its own, so an
interrupted import leaves whole batches (each is one transaction) and running it again completes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import Actor, Initiative, Label, Relationship, RelType, Source, to_json
from graph.store import DEFAULT_BATCH_SIZE, GraphStore
from graph.store_errors import StoreError
from graph.text import core_key, name_key
from ingest import placing
from ingest.columns import TableKind
from ingest.errors import (
    InputError,
    InputErrors,
    error_at,
    from_validation,
    split_where,
)
from ingest.export import csv_cell
from ingest.formats import Format
from ingest.kinds import infer_kind
from ingest.mapping import Mapping
from ingest.merge import REFERENCE_FACTS, is_reference_id, merge
from ingest.records import (
    ActorRef,
    ActorRow,
    Given,
    InitiativeRow,
    ParticipationRow,
    RelationshipRow,
    RowProblems,
    given,
    is_placeholder,
)
from ingest.resolver import ActorResolver, Unresolved
from ingest.sections import Section, open_sections
from ingest.spill import SpillMap

# Rows parsed in pass 1 are kept for pass 2 up to this many; beyond it pass 2 parses again,
# so memory stays bounded however large the file is.
PARSED_CACHE_LIMIT = 20_000
# Rows checked together: the store is asked about all the actors a chunk names at once.
CHECK_CHUNK = 2_000
_MISSING = object()

# What a row about a municipality or county gives that is not written (ingest/merge.py).
_REFERENCE_GIVEN = REFERENCE_FACTS | {"name", "orgnr", "website"}

ORDER = (TableKind.ACTORS, TableKind.INITIATIVES, TableKind.PARTICIPATION, TableKind.RELATIONSHIPS)


class OnError(StrEnum):
    ABORT = "abort"
    SKIP = "skip"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ("actors", "initiatives", "relationships")})
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Each old number or name read as its 2024 unit, once each: many in an old file, so the
    # warnings hold one line about them and this list holds them all.
    readings: list[str] = field(default_factory=list)
    rejected_files: list[Path] = field(default_factory=list)
    rows: int = 0
    written: bool = False


@dataclass
class ImportOptions:
    format: Format | None = None
    mapping: Mapping | None = None
    dry_run: bool = False
    on_error: OnError = OnError.ABORT
    batch_size: int = DEFAULT_BATCH_SIZE
    source: str | None = None
    strict: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    null_values: tuple[str, ...] = ()  # cells that mean "no value" (NA, N/A, -), on top of a mapping's
    rename: bool = False  # a row's different name renames the actor it matched (the old name kept as an alias)


Progress = Callable[[int], None]


class Importer:
    def __init__(self, store: GraphStore, options: ImportOptions, progress: Progress | None = None):
        self.store = store
        self.options = options
        self.progress = progress or (lambda n: None)
        self.resolver = ActorResolver(store)
        self.report = ImportReport()
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        # What grows with the input is kept in spill maps: memory stays flat on any file.
        self._row_ids: SpillMap[str, str] = SpillMap()  # actor row -> the id it resolved to
        self._defined: SpillMap[tuple[str, str], tuple[str, Given]] = SpillMap()  # (kind, id) -> (first where, values given)
        self._new_actors: SpillMap[str, tuple[Actor, Source | None]] = SpillMap()  # created from participation lists
        self._named: SpillMap[str, bool] = SpillMap()  # stored actors a participation list names
        # A stored actor without an organisation number -> the number a row gives it, and the row's source.
        self._orgnrs: SpillMap[str, tuple[str, Source | None]] = SpillMap()
        self._inferred: Counter[str] = Counter()  # "kind company (word AS)" -> new actors so guessed
        self._kept_names = 0  # rows whose other name became an alias
        self._row_updates: SpillMap[str, dict[str, Any]] = SpillMap()  # actor row -> what pass 1 inferred for it
        # Keyed by (table kind, where): one register record feeds an actor and a PART_OF row.
        self._rejected: dict[tuple[str, str], tuple[Section, dict[str, Any], str]] = {}
        self._seen: dict[str, SpillMap[str, bool]] = {"actors": SpillMap(), "initiatives": SpillMap()}
        self._parsed: dict[tuple[str, str], Any] = {}
        self._sources: dict[Path, Source] = {}
        self._skipped: SpillMap[tuple[str, str], bool] = SpillMap()  # optional rows whose ends are not there (register parents)
        self._stored_initiatives: SpillMap[str, bool] = SpillMap()  # named by relationship rows, and in the store
        self._writer: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None  # the batch being written
        self._batches = 0  # handed to the writer so far

    # -- entry --------------------------------------------------------------------------------

    def run(self, paths: list[Path]) -> ImportReport:
        sections = self._open(paths)
        with _fewer_collections(), placing.collecting() as notes:
            self._validate(sections)
            self._summarise(notes)
            if self.report.errors and self.options.on_error == OnError.ABORT:
                return self.report
            if self.options.on_error == OnError.SKIP and not self.options.dry_run:
                self._write_rejected()
            self._write(sections)
        if self._kept_names:
            self.report.warnings.append(
                f"{self._kept_names:,} row(s) gave a stored actor another name: each was kept as "
                "an alias and the stored name stays (--rename renames)"
            )
        self.report.written = not self.options.dry_run
        return self.report

    def _summarise(self, notes: dict[str, int]) -> None:
        """What the import read into the data, said once each: old numbers, guessed kinds."""
        readings = sorted(n for n in notes if " read as " in n and not n.startswith(("city district", "municipality numbers")))
        self.report.readings = readings
        if readings:
            self.report.warnings.append(
                f"{len(readings):,} number(s) or name(s) from before 2024 read as their 2024 "
                f"unit, such as: {readings[0]} (--json lists each under readings)"
            )
        self.report.warnings += [
            f"{note} ({count:,} cells)" if count > 1 else note
            for note, count in sorted(notes.items())
            if note not in set(readings)
        ]
        for why, count in sorted(self._inferred.items()):
            self.report.warnings.append(f"{count:,} new actor(s): {why}")

    def _open(self, paths: list[Path]) -> list[Section]:
        sections: list[Section] = []
        problems: list[InputError] = []
        for path in paths:
            try:
                sections += open_sections(
                    path,
                    self.options.format,
                    self.options.mapping,
                    self.options.strict,
                    self.options.encoding,
                    self.options.delimiter,
                    self.options.null_values,
                )
            except InputError as exc:
                problems.append(exc)
            except InputErrors as exc:
                problems += exc.errors
        if problems:
            raise InputErrors(problems)
        for section in sections:
            if section.plan and section.plan.unused:
                self.report.warnings.append(f"{section.where}: columns not imported: {', '.join(section.plan.unused)}")
        return sorted(sections, key=lambda s: ORDER.index(s.kind))

    def _source(self, section: Section) -> Source | None:
        """The source every fact from `section` records: the file (or --source) and the import
        time. Per file, not per line, so a row that moves in an edited file stays unchanged."""
        if section.restore:
            return None
        if section.file not in self._sources:
            title = self.options.source or (self.options.mapping.source if self.options.mapping else None) or section.file.name
            self._sources[section.file] = Source(title=title, locator=section.file.name, imported=self.now)
        return self._sources[section.file]

    # -- pass 1 -------------------------------------------------------------------------------

    def _validate(self, sections: list[Section]) -> None:
        try:
            self._validate_rows(sections)
        except InputError as exc:  # the file itself broke off (truncated JSON, bad bytes)
            raise InputErrors([exc]) from exc

    def _validate_rows(self, sections: list[Section]) -> None:
        for section in sections:
            rows = section.rows()
            while chunk := list(islice(rows, CHECK_CHUNK)):
                converted = []
                for where, cells in chunk:
                    self.report.rows += 1
                    self.progress(1)
                    try:
                        converted.append((where, cells, section.convert(where, cells)))
                    except RowProblems as exc:
                        self._reject(section, where, cells, exc.problems)
                    except InputError as exc:
                        self._reject(section, where, cells, [exc])
                self._prefetch([row for _, _, row in converted])
                for where, cells, row in converted:
                    try:
                        self._check(section, where, row)
                    except RowProblems as exc:
                        self._reject(section, where, cells, exc.problems)
                        continue
                    if len(self._parsed) < PARSED_CACHE_LIMIT:
                        self._parsed[(section.kind, where)] = row

    def _prefetch(self, rows: list[Any]) -> None:
        """Ask the store about everything a chunk of rows names in a few queries."""
        refs: list[ActorRef] = []
        initiatives: set[str] = set()
        for row in rows:
            if isinstance(row, ActorRow):
                refs.append(_actor_row_ref(row))
            elif isinstance(row, ParticipationRow):
                refs.append(row.actor)
            elif isinstance(row, RelationshipRow):
                refs += [ref for ref in (row.source_ref, row.target_ref) if ref is not None]
                rel = row.relationship
                initiatives |= {
                    i
                    for i, label in ((rel.source, rel.source_label), (rel.target, rel.target_label))
                    if label == Label.INITIATIVE
                }
        self.resolver.prefetch(refs)
        for initiative_id in self.store.get_initiatives(sorted(initiatives)) if initiatives else ():
            self._stored_initiatives[initiative_id] = True

    def _reject(self, section: Section, where: str, cells: dict[str, Any], problems: list[InputError]) -> None:
        self.report.errors += problems
        self._rejected[(section.kind, where)] = (
            section,
            cells,
            "; ".join(p.message if not p.field else f"{p.field}: {p.message}" for p in problems),
        )
        kind = {TableKind.ACTORS: "actors", TableKind.INITIATIVES: "initiatives"}.get(section.kind, "relationships")
        self.report.counts[kind].rejected += 1

    def _define(self, kind: str, node_id: str, where: str, given: Given) -> None:
        """Rows defining one record must agree on every value they both give."""
        earlier = self._defined.get((kind, node_id))
        if earlier is None:
            self._defined[(kind, node_id)] = (where, given)
            return
        before = dict(earlier[1])
        differ = [name for name, value in given if name in before and before[name] != value]
        if differ:
            raise RowProblems(
                [error_at(where, f"{kind} {node_id!r} is also defined, differently ({', '.join(differ)}), at {earlier[0]}")]
            )
        if any(name not in before for name, _ in given):
            self._defined[(kind, node_id)] = (earlier[0], tuple(sorted({**before, **dict(given)}.items())))

    def _check(self, section: Section, where: str, row: Any) -> None:
        if isinstance(row, ActorRow):
            ref = _actor_row_ref(row)
            try:
                found = self.resolver.resolve(ref) if not row.has_id else row.actor.id
                reference = self.resolver.reference_unit(ref) if found is None and not row.has_id else None
            except Unresolved as exc:
                raise RowProblems([error_at(where, str(exc))]) from exc
            if reference is not None:
                self.resolver.register(reference)
                self._new_actors[reference.id] = (reference, self._source(section))
                found = reference.id
            actor_id = found or self.resolver.new_id(ref)
            update: dict[str, Any] = {"id": actor_id}
            if found is None and "kind" not in row.provided:
                update["kind"], why = infer_kind(row.actor.name, row.actor.organisation_form)
                if why:
                    self._inferred[f"kind {update['kind']} ({why})"] += 1
            if found is None and row.actor.country is None:
                update["country"] = self._country(ref._replace(kommunenummer=row.actor.kommunenummer))
            actor = row.actor.model_copy(update=update)
            if len(update) > 1:
                self._row_updates[where] = update
            # A row about a municipality or county gives it aliases at most (ingest/merge.py):
            # rows naming it in other ways (old names, old numbers) do not disagree.
            provided = row.provided - _REFERENCE_GIVEN if is_reference_id(actor_id) else row.provided
            self._define("actor", actor_id, where, given(actor, provided))
            self.resolver.register(actor)
            self._row_ids[where] = actor_id
        elif isinstance(row, InitiativeRow):
            self._define("initiative", row.initiative.id, where, given(row.initiative, row.provided))
        elif isinstance(row, ParticipationRow):
            if is_placeholder(row.actor):
                self._skipped[(section.kind, where)] = True
                self.report.warnings.append(
                    f"{where}: actor {row.actor.name!r} is a placeholder, not an organisation: row skipped"
                )
                return
            self._participant(section, where, row.actor)
            self._define("initiative", row.initiative.id, where, row.given)
        elif isinstance(row, RelationshipRow):
            try:
                self._endpoints(where, row)
            except RowProblems as exc:
                if not row.optional:
                    raise
                self._skipped[(section.kind, where)] = True
                self.report.warnings.append(f"{where}: skipped {row.relationship.type}: {exc.problems[0].message}")

    def _participant(self, section: Section, where: str, ref: ActorRef) -> str:
        try:
            found = self.resolver.resolve(ref)
            reference = self.resolver.reference_unit(ref) if found is None else None
        except Unresolved as exc:
            raise RowProblems([error_at(where, str(exc), field="actor")]) from exc
        if found is not None:
            self._keep_orgnr(found, ref, self._source(section))
            return found
        if reference is not None:  # a municipality or county the store does not hold yet
            self.resolver.register(reference, ref)
            self._new_actors[reference.id] = (reference, self._source(section))
            return reference.id
        if ref.id and not ref.name:
            raise RowProblems([error_at(where, f"no actor has id {ref.id!r}", field="actor_id")])
        if not ref.name:
            missing = f"organisation number {ref.orgnr}" if ref.orgnr else "that municipality or county number"
            raise RowProblems(
                [
                    error_at(
                        where,
                        f"no actor has {missing}; add the name so a new actor can be created",
                        field="actor_orgnr" if ref.orgnr else "actor_kommunenummer",
                    )
                ]
            )
        kind = ref.kind
        if kind is None:
            kind, why = infer_kind(ref.name)
            if why:
                self._inferred[f"kind {kind} ({why})"] += 1
        try:
            actor = Actor(
                id=self.resolver.new_id(ref, ref.id),
                name=ref.name,
                kind=kind,
                orgnr=ref.orgnr,
                kommunenummer=ref.kommunenummer,
                fylkesnummer=ref.fylkesnummer,
                country=self._country(ref),
            )
        except ValidationError as exc:
            raise RowProblems(from_validation(*split_where(where), exc)) from exc
        self.resolver.register(actor, ref)
        self._new_actors[actor.id] = (actor, self._source(section))
        return actor.id

    def _country(self, ref: ActorRef) -> str | None:
        """The country the data gives, or Norway when a Norwegian organisation or municipality
        number says so; otherwise unknown."""
        if ref.country:
            return ref.country
        if ref.orgnr or ref.kommunenummer:
            self._inferred["country NO (a Norwegian organisation or municipality number)"] += 1
            return "NO"
        return None

    def _keep_orgnr(self, actor_id: str, ref: ActorRef, source: Source | None) -> None:
        """A row's organisation number is kept on the stored actor it matched when that has none."""
        if not ref.orgnr or self.resolver.defined(actor_id) or actor_id in self._orgnrs:
            return
        if self.resolver.lacks_orgnr(actor_id, ref.orgnr):
            self._orgnrs[actor_id] = (ref.orgnr, source)

    def _endpoints(self, where: str, row: RelationshipRow) -> tuple[str, str]:
        rel = row.relationship
        ends = []
        problems = []
        for ref, raw, label, name in (
            (row.source_ref, rel.source, rel.source_label, "source"),
            (row.target_ref, rel.target, rel.target_label, "target"),
        ):
            if label == Label.INITIATIVE:
                if ("initiative", raw) in self._defined or raw in self._stored_initiatives:
                    ends.append(raw)
                else:
                    problems.append(error_at(where, f"no initiative has id {raw!r}", field=name))
                continue
            assert ref is not None
            try:
                found = self.resolver.resolve(ref)
            except Unresolved as exc:
                problems.append(error_at(where, str(exc), field=name))
                continue
            if found is None:
                hint = ", ".join(f"{c.id} ({c.name})" for c in self.resolver.closest(ref)[:5])
                problems.append(error_at(where, f"no actor matches {raw!r}" + (f"; closest: {hint}" if hint else ""), field=name))
            else:
                ends.append(found)
        if problems:
            raise RowProblems(problems)
        if ends[0] == ends[1] and rel.source_label == rel.target_label:
            raise RowProblems([error_at(where, f"{rel.type} from {ends[0]!r} to itself")])
        return ends[0], ends[1]

    # -- pass 2 -------------------------------------------------------------------------------

    def _write(self, sections: list[Section]) -> None:
        # One writer thread: a batch is written while the next is read and parsed, so the
        # store's work (Neo4j's above all) overlaps this process's. Shutting the pool down
        # waits for the batch in flight, so even Ctrl-C leaves whole batches.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-import-writer") as self._writer:
            self._write_batches(sections)
            self._settle()
        # An actor a list only names is read and left as it was: counted once, so the summary
        # adds up to the actors the files hold on a first run and on every run after.
        for actor_id, _ in self._named.items():  # noqa: PERF102 (a SpillMap walks its disk part by items)
            if actor_id not in self._seen["actors"]:
                self.report.counts["actors"].unchanged += 1
                self._seen["actors"][actor_id] = True

    def _write_batches(self, sections: list[Section]) -> None:
        batch = _Batch()
        for actor_id, (actor, source) in self._new_actors.items():
            given_fields = {"name", "kind", "orgnr", "kommunenummer", "fylkesnummer", "country", "aliases"}
            batch.put(batch.actors, actor_id, actor, frozenset(f for f in given_fields if getattr(actor, f)), source)
            if batch.size >= self.options.batch_size:
                self._flush(batch)
        for actor_id, (orgnr, source) in self._orgnrs.items():
            batch.put(batch.actors, actor_id, Actor.model_construct(orgnr=orgnr), frozenset({"orgnr"}), source)
            if batch.size >= self.options.batch_size:
                self._flush(batch)
        for section in sections:
            for where, cells in section.rows():
                self.progress(1)
                if (section.kind, where) in self._rejected or (section.kind, where) in self._skipped:
                    continue
                row = self._parsed.pop((section.kind, where), _MISSING)
                if row is _MISSING:
                    row = section.convert(where, cells)
                if row is not None:
                    self._add(batch, section, where, row)
                if batch.size >= self.options.batch_size:
                    self._flush(batch)
        self._flush(batch)

    def _add(self, batch: _Batch, section: Section, where: str, row: Any) -> None:
        if isinstance(row, ActorRow):
            update = self._row_updates.get(where) or {"id": self._row_ids[where]}
            actor = row.actor.model_copy(update=update)
            batch.put(batch.actors, actor.id, actor, row.provided | (set(update) - {"id"}), self._source(section))
        elif isinstance(row, InitiativeRow):
            batch.put(batch.initiatives, row.initiative.id, row.initiative, row.provided, self._source(section))
        elif isinstance(row, ParticipationRow):
            actor_id = self.resolver.resolve(row.actor)
            assert actor_id is not None
            if actor_id not in self._new_actors:
                self._named[actor_id] = True
            source = self._source(section)
            batch.put(batch.initiatives, row.initiative.id, row.initiative, row.initiative_provided, source)
            # Built without validating again, once per row of a list: both ends are validated
            # ids (the resolver's and the initiative's) and the role a parsed Role.
            rel = Relationship.model_construct(
                type=RelType.PARTICIPATED_IN,
                source=actor_id,
                target=row.initiative.id,
                source_label=Label.ACTOR,
                target_label=Label.INITIATIVE,
                role=row.role,
                start=None,
                end=None,
                date=None,
                sources=(source,) if source else (),
            )
            batch.put(batch.relationships, rel.key, rel, frozenset(), source)
        elif isinstance(row, RelationshipRow):
            source_id, target_id = self._endpoints(where, row)
            rel = row.relationship.model_copy(update={"source": source_id, "target": target_id})
            rel = Relationship.model_validate(rel.model_dump())  # re-orders PARTNER_OF ends
            provided = frozenset(k for k in ("start", "end", "date") if getattr(rel, k) is not None)
            batch.put(batch.relationships, rel.key, rel, provided, self._source(section))

    def _flush(self, batch: _Batch) -> None:
        if batch.size == 0:
            return
        self._settle()  # what this batch merges with must be in the store
        try:
            actors = self._merged("actors", batch.actors, self.store.get_actors)
            initiatives = self._merged("initiatives", batch.initiatives, self.store.get_initiatives)
            existing = self.store.get_relationships([entries[0][0] for entries in batch.relationships.values()])
        except StoreError as exc:
            raise _interrupted(exc, self._batches + 1) from exc
        rels = self._merged("relationships", batch.relationships, lambda keys: existing)
        batch.clear()
        if not self.options.dry_run:
            assert self._writer is not None, "batches are flushed inside _write"
            self._batches += 1
            self._pending = self._writer.submit(self._store_batch, self._batches, actors, initiatives, rels)

    def _store_batch(self, number: int, actors: list[Actor], initiatives: list[Initiative], rels: list[Relationship]) -> None:
        try:
            self.store.write_batch(actors, initiatives, rels)
        except StoreError as exc:
            raise _interrupted(exc, number) from exc

    def _settle(self) -> None:
        """Wait for the batch being written; its failure is the import's."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _merged(self, kind: str, items: dict[Any, list[Entry]], fetch: Callable[[list[Any]], dict[Any, Any]]) -> list[Any]:
        """What each record becomes: the stored one with every row about it merged in, in
        order, as if each were imported in turn. Only the records that change are returned."""
        existing = fetch(list(items))
        merged = []
        for key, entries in items.items():
            old = new = existing.get(key)
            for record, provided, source in entries:
                before, new = new, merge(new, record, provided, source, rename=self.options.rename)
                if (
                    kind == "actors"
                    and before is not None
                    and "name" in provided
                    and source is not None
                    and name_key(new.name) != name_key(record.name)
                    and core_key(record.name) not in before.name_keys
                ):
                    self._kept_names += 1
            if kind == "relationships" or key not in self._seen[kind]:
                self._count(kind, old, new)
                if kind != "relationships":  # as many as a file has rows: not remembered
                    self._seen[kind][key] = True
            if new is not old:
                merged.append(new)
        return merged

    def _count(self, kind: str, old: Any, new: Any) -> None:
        counts = self.report.counts[kind]
        if old is None:
            counts.created += 1
        elif old is new or to_json(old) == to_json(new):
            counts.unchanged += 1
        else:
            counts.updated += 1

    # -- rejected rows ------------------------------------------------------------------------

    def _write_rejected(self) -> None:
        by_file: dict[Path, list[tuple[Section, dict[str, Any], str, str]]] = {}
        for (_, where), (section, cells, reason) in self._rejected.items():
            by_file.setdefault(section.file, []).append((section, cells, reason, where))
        for file, rows in by_file.items():
            target = file.with_name(file.name + ".rejected.csv")
            headers: list[str] = []
            for section, cells, _, _ in rows:
                headers += [h for h in (section.headers or list(cells)) if h not in headers and h != "__extra__"]
            with target.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([*headers, "where", "error"])
                for _, cells, reason, where in rows:
                    writer.writerow([csv_cell(cells.get(h)) for h in headers] + [where, reason])
            self.report.rejected_files.append(target)


def _interrupted(exc: StoreError, number: int) -> StoreError:
    """The store's error, saying where the import stopped and how to go on."""
    stored = f"batches 1-{number - 1} are stored" if number > 1 else "nothing is stored"
    return type(exc)(f"{exc}; batch {number} was not written ({stored}): run the same import again to complete it")


def _actor_row_ref(row: ActorRow) -> ActorRef:
    """How a row of an actors table names the actor it describes, to find it if it exists."""
    return ActorRef(
        id=row.actor.id if row.has_id else None,
        orgnr=row.actor.orgnr,
        name=row.actor.name,
        kind=row.actor.kind if "kind" in row.provided else None,
    )


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """An import makes millions of small objects, most of which live until it ends; with the
    default thresholds the collector scans them over and over (a fifth of a large import's
    time). Collect less often while importing; the thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


# A row's contribution to a record: the record as the row gives it, the fields it gives, its source.
Entry = tuple[Any, frozenset[str], Source | None]


@dataclass
class _Batch:
    actors: dict[str, list[Entry]] = field(default_factory=dict)
    initiatives: dict[str, list[Entry]] = field(default_factory=dict)
    relationships: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)

    @staticmethod
    def put(items: dict[Any, list[Entry]], key: Any, record: Any, provided: frozenset[str], source: Source | None) -> None:
        entries = items.setdefault(key, [])
        last = entries[-1] if entries else None
        if last is not None and last[0] is record and last[2] is source:
            entries[-1] = (record, last[1] | provided, source)  # a list repeats one parsed initiative
        else:
            entries.append((record, provided, source))

    @property
    def size(self) -> int:
        return len(self.actors) + len(self.initiatives) + len(self.relationships)

    def clear(self) -> None:
        self.actors.clear()
        self.initiatives.clear()
        self.relationships.clear()


def run_import(store: GraphStore, paths: list[Path], options: ImportOptions, progress: Progress | None = None) -> ImportReport:
    return Importer(store, options, progress).run(paths)
