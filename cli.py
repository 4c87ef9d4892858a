"""The `samspill` command line: set up the store, load seeds, ask who collaborates with whom."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from api.keys import KeyRole, create_key, list_keys, revoke_key
from graph.config import store_from_env
from graph.model import Actor, ActorKind, InitiativeKind
from graph.questions import bounds
from graph.questions.brokers import BrokersAsked, brokers_of
from graph.questions.calendar import CalendarAsked, calendar_page
from graph.questions.clusters import (
    ClusterAsked,
    ClustersAsked,
    NoSuchCluster,
    cluster_of,
    clusters_of,
)
from graph.questions.collaborators import (
    PAGE,
    CollaboratorsAsked,
    collaborators_of,
    every_collaborator,
)
from graph.questions.compare import CompareAsked, comparison_of
from graph.questions.hotspots import HotspotBy, HotspotsAsked, hotspots_of
from graph.questions.network import NetworkAsked, network_of
from graph.questions.paths import PathsAsked, paths_between
from graph.questions.recommendations import RecommendationsAsked, recommendations_for
from graph.questions.search import SearchAsked, suggestions_for
from graph.store import DEFAULT_BATCH_SIZE, GraphStore
from graph.store_errors import StoreError, StoreUnavailable
from graph.store_results import ClusterMethod, ResolutionStatus
from ingest.backup import BackupError, BackupFormat, BackupReport, backup, restore
from ingest.collaborator_sheet import to_csv, to_xlsx
from ingest.duplicates import find_duplicates, merge_actors
from ingest.errors import InputError, InputErrors
from ingest.export import ExportFormat, export
from ingest.formats import Format
from ingest.importer import ImportOptions, ImportReport, OnError, run_import
from ingest.mapping import load_mapping
from ingest.schema import document_schema
from ingest.seeds import load_seeds
from viz.network import drawn
from viz.page import standalone_page, view_title
from viz.texts import DEFAULT_LANG, Lang
from viz.view import ColourBy, ViewNotFound, ViewQuery, build_view

app = typer.Typer(
    help="Samspill: a knowledge graph of public-sector innovation — who collaborates with whom, and where activity clusters.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Create, inspect and empty the store.", no_args_is_help=True)
app.add_typer(db_app, name="db")
keys_app = typer.Typer(help="API keys for the HTTP API: create (shown once), list, revoke.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

EXIT_BAD_INPUT = 1

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
Since = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only evidence from this date on (YYYY-MM-DD).")]
Until = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only evidence up to this date (YYYY-MM-DD).")]


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(help="Embedded store file (default: $SAMSPILL_DB or ./samspill.db). Ignored when NEO4J_URI is set."),
    ] = None,
) -> None:
    ctx.obj = {"db": db}


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def opened_store(ctx: typer.Context) -> Iterator[GraphStore]:
    store = store_from_env(ctx.obj["db"] if ctx.obj else None)
    try:
        store.open()
        yield store
    except StoreUnavailable as exc:
        raise fail(f"the store is unavailable: {exc}") from exc
    except StoreError as exc:  # includes InvalidQuery: a value out of range
        raise fail(str(exc)) from exc
    finally:
        store.close()


def emit_json(value: Any) -> None:
    """What the API answers, field for field: an answer model (or a list of them) as JSON."""
    typer.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2, default=str))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


M = TypeVar("M", bound=BaseModel)


def _asked(model: type[M], **given: Any) -> M:
    """A question's parameters, or exit 2 naming the option a bound refused (as typer does)."""
    try:
        return model(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        option = "--" + str(first["loc"][0]).replace("_", "-") if first["loc"] else "an option"
        raise typer.BadParameter(first["msg"].removeprefix("Value error, "), param_hint=option) from exc


def resolve_or_exit(store: GraphStore, ref: str) -> Actor:
    """The one actor `ref` names, or exit 1 listing the closest candidates."""
    resolution = store.resolve_actor(ref)
    if resolution.status == ResolutionStatus.FOUND and resolution.actor is not None:
        return resolution.actor
    what = "matches more than one actor" if resolution.status == ResolutionStatus.AMBIGUOUS else "matches no actor"
    lines = [f"{ref!r} {what}."]
    if resolution.candidates:
        lines.append("Did you mean:")
        lines += [f"  {c.label}" for c in resolution.candidates]
    raise fail("\n".join(lines))


@keys_app.command("create")
def keys_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Who or what the key is for.", min=1)],
    role: Annotated[KeyRole, typer.Option(help="reader: reads only; editor: writes too.")] = KeyRole.READER,
    as_json: JsonFlag = False,
) -> None:
    """Create a key and print it: this is the only time it is shown."""
    if not name.strip():
        raise typer.BadParameter("the name must not be empty", param_hint="--name")
    with opened_store(ctx) as store:
        secret, key = create_key(store, name.strip(), role)
    if as_json:
        emit_json({**key.model_dump(mode="json"), "key": secret})
        return
    typer.echo(f"{key.role} key {key.id} for {key.name}:\n{secret}\nKeep it now: it is stored only as a hash.")


@keys_app.command("list")
def keys_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Every key: id, name, role, created, revoked."""
    with opened_store(ctx) as store:
        found = list_keys(store)
    if as_json:
        emit_json([k.model_dump(mode="json") for k in found])
        return
    for k in found:
        state = f"revoked {k.revoked:%Y-%m-%d %H:%M}" if k.revoked else "active"
        typer.echo(f"{k.id}  {k.role:6}  {k.created:%Y-%m-%d %H:%M}  {state:24}  {k.name}")


@keys_app.command("revoke")
def keys_revoke(
    ctx: typer.Context, key_id: Annotated[str, typer.Argument(metavar="ID", help="A key id from `keys list`.")]
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    with opened_store(ctx) as store:
        key = revoke_key(store, key_id)
    if key is None:
        raise fail(f"no key with id {key_id!r}; see `samspill keys list`")
    typer.echo(f"revoked {key.id} ({key.name})")


@db_app.command("init")
def db_init(ctx: typer.Context) -> None:
    """Create the schema: tables and indexes (SQLite) or constraints and indexes (Neo4j)."""
    with opened_store(ctx) as store:
        store.init_schema()
        typer.echo(f"{store.engine} store ready")


@db_app.command("stats")
def db_stats(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Count actors, initiatives and relationships by type."""
    with opened_store(ctx) as store:
        stats = store.stats()
    if as_json:
        emit_json(stats.model_dump(mode="json"))
        return
    typer.echo(f"engine        {stats.engine}\nactors        {stats.actors}\ninitiatives   {stats.initiatives}")
    for rel_type, count in stats.relationships.items():
        typer.echo(f"{rel_type:<16}{count}")
    typer.echo(f"revision      {stats.revision}")


@db_app.command("check")
def db_check(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Check the store: SQLite's integrity check and foreign keys, or Neo4j's constraints; no
    duplicate, dangling or orphaned records; kept counts and indexes in step. Exits 1 on any
    finding, listing each."""
    with opened_store(ctx) as store:
        findings = store.check()
        engine = store.engine
    if as_json:
        emit_json({"engine": engine, "sound": not findings, "findings": [f.model_dump() for f in findings]})
    else:
        for finding in findings:
            typer.echo(f"{finding.check}: {finding.detail}")
    if findings:
        raise fail(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in the {engine} store", code=1)
    if not as_json:
        typer.echo(f"{engine} store is sound")


@db_app.command("rebuild-ties")
def db_rebuild_ties(ctx: typer.Context) -> None:
    """Recompute the kept collaboration ties from the participations, when `db check` finds
    them out of step. Every write keeps them, so this mends only damage; run it while nothing
    else writes."""
    with opened_store(ctx) as store:
        started = time.perf_counter()
        store.rebuild_ties()
        engine = store.engine
    typer.echo(f"{engine} store: collaboration ties rebuilt in {time.perf_counter() - started:.1f} s")


@db_app.command("backup")
def db_backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The backup file to write (replaced only once the copy is whole).")],
    fmt: Annotated[
        BackupFormat | None,
        typer.Option(
            "--format", help="sqlite (the embedded store's default: an online copy) or json (Neo4j's: restorable into either)"
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Back the store up while it serves: graph, API keys and stories awaiting an editor."""
    _backup_command(ctx, "backed up to", lambda store: backup(store, path, fmt), as_json)


@db_app.command("restore")
def db_restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A file `samspill db backup` wrote.")],
    replace: Annotated[bool, typer.Option("--replace", help="Empty a store that holds anything first.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Fill an empty store from a backup (either format, into either engine)."""
    _backup_command(ctx, "restored from", lambda store: restore(store, path, replace), as_json)


def _backup_command(ctx: typer.Context, what: str, act: Callable[[GraphStore], BackupReport], as_json: bool) -> None:
    with opened_store(ctx) as store:
        try:
            report = act(store)
        except BackupError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        emit_json({**vars(report), "path": str(report.path), "format": str(report.format)})
        return
    typer.echo(
        f"{what} {report.path} ({report.format}): {report.actors:,} actors, {report.initiatives:,} initiatives, "
        f"{report.relationships:,} relationships; revision {report.revision}"
    )


@db_app.command("wipe")
def db_wipe(ctx: typer.Context, yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False) -> None:
    """Delete every actor, initiative and relationship (asks for --yes)."""
    if not yes:
        raise fail("wipe deletes everything in the store; run it again with --yes", code=2)
    with opened_store(ctx) as store:
        store.wipe()
        typer.echo(f"{store.engine} store emptied")


@app.command()
def seed(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Load the sourced seeds: the Difi 2016 document and all municipalities and counties.
    Loading twice changes nothing."""
    with opened_store(ctx) as store:
        try:
            counts = load_seeds(store)
        except InputErrors as exc:
            raise fail(str(exc)) from exc
    result = {k: v.model_dump() for k, v in vars(counts).items()}
    if as_json:
        emit_json(result)
        return
    for name, c in result.items():
        typer.echo(f"{name:<14} created {c['created']:>5}  updated {c['updated']:>5}  unchanged {c['unchanged']:>5}")


@app.command("import")
def import_files(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="CSV, XLSX, JSON, YAML or Enhetsregisteret files.")],
    format: Annotated[Format | None, typer.Option("--format", help="Format of every file (default: detected).")] = None,
    mapping: Annotated[Path | None, typer.Option(help="YAML mapping of a spreadsheet's columns (docs/import.md).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and count; write nothing.")] = False,
    on_error: Annotated[
        OnError,
        typer.Option(
            help="abort: write nothing if any row is bad; skip: write the good rows and put the bad ones in PATH.rejected.csv."
        ),
    ] = OnError.ABORT,
    batch_size: Annotated[int, typer.Option(min=1, max=100_000, help="Rows per committed batch.")] = DEFAULT_BATCH_SIZE,
    source: Annotated[str | None, typer.Option(help="Name of the source recorded on every fact (default: file name).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Unknown columns are errors, not warnings.")] = False,
    encoding: Annotated[str | None, typer.Option(help="CSV encoding (default: UTF-8 or Windows-1252, detected).")] = None,
    delimiter: Annotated[str | None, typer.Option(help="CSV delimiter (default: detected among ; , tab |).")] = None,
    null: Annotated[
        list[str] | None, typer.Option("--null", help='A cell that means "no value" (NA, N/A, -); repeatable.')
    ] = None,
    rename: Annotated[
        bool,
        typer.Option(
            "--rename",
            help="A row's different name renames the stored actor it "
            "matched (the old name is kept as an alias). Off: it becomes an alias.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import actors, initiatives, relationships or participation lists. Everything is
    validated first; bad input is reported with file, line and column, and nothing is written."""
    try:
        options = ImportOptions(
            format=format,
            mapping=load_mapping(mapping) if mapping else None,
            dry_run=dry_run,
            on_error=on_error,
            batch_size=batch_size,
            source=source,
            strict=strict,
            encoding=encoding,
            delimiter=delimiter,
            null_values=tuple(null or ()),
            rename=rename,
        )
    except InputErrors as exc:
        raise fail(str(exc)) from exc
    with opened_store(ctx) as store:
        try:
            with _progress(as_json) as advance:
                report = run_import(store, paths, options, advance)
        except (InputError, InputErrors) as exc:
            raise fail(str(exc)) from exc
    _print_report(report, options, as_json)
    if report.errors and options.on_error == OnError.ABORT:
        raise typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    """A progress bar on stderr with rows read (both passes) and rows/s; none when piped."""
    if quiet or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class RowsPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:,.0f} rows/s")

    columns = (SpinnerColumn(), TextColumn("{task.completed:,} rows"), RowsPerSecond(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=None)
        yield lambda n: bar.advance(task, n)


LINES_SHOWN = 200


def _print_report(report: ImportReport, options: ImportOptions, as_json: bool) -> None:
    counts = {kind: vars(c) for kind, c in report.counts.items()}
    if as_json:
        emit_json(
            {
                "dry_run": options.dry_run,
                "written": report.written,
                "rows": report.rows,
                "counts": counts,
                "errors": [str(e) for e in report.errors],
                "warnings": report.warnings,
                "readings": report.readings,
                "rejected_files": [str(p) for p in report.rejected_files],
            }
        )
        return
    for label, said in (("error", report.errors), ("warning", report.warnings)):
        for line in said[:LINES_SHOWN]:
            typer.echo(f"{label}: {line}", err=True)
        if len(said) > LINES_SHOWN:
            typer.echo(f"{label}: … {LINES_SHOWN} of {len(said):,} shown (--json lists them all)", err=True)
    if report.errors and options.on_error == OnError.ABORT:
        typer.echo(f"{len(report.errors)} problem(s); nothing was written.", err=True)
        return
    title = "would be written (dry run)" if options.dry_run else "written"
    typer.echo(f"{report.rows} rows read; {title}:")
    typer.echo(f"{'':<14}{'created':>9}{'updated':>9}{'unchanged':>11}{'rejected':>10}")
    for kind, c in counts.items():
        typer.echo(f"{kind:<14}{c['created']:>9}{c['updated']:>9}{c['unchanged']:>11}{c['rejected']:>10}")
    for path in report.rejected_files:
        typer.echo(f"rejected rows, with their reasons: {path}")


@app.command("export")
def export_graph(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="File to write (for csv: a folder of three tables).")],
    format: Annotated[
        ExportFormat, typer.Option("--format", help="json (re-importable), csv, graphml or gexf (Gephi).")
    ] = ExportFormat.JSON,
) -> None:
    """Write the whole graph to a file: JSON to back up or move, CSV for spreadsheets,
    GraphML/GEXF for Gephi."""
    with opened_store(ctx) as store:
        try:
            counts = export(store, format, out)
        except OSError as exc:
            raise fail(f"cannot write {out}: {exc}") from exc
    typer.echo(f"wrote {out}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@app.command()
def duplicates(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List actors that are probably the same organisation, with the reason."""
    with opened_store(ctx) as store:
        groups = find_duplicates(store)
    if as_json:
        emit_json(
            [
                {"reason": g.reason, "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "orgnr": a.orgnr} for a in g.actors]}
                for g in groups
            ]
        )
        return
    if not groups:
        typer.echo("no likely duplicates")
    for group in groups:
        typer.echo(group.reason)
        for actor in group.actors:
            typer.echo(f"  {actor.id:<40} {actor.name} ({actor.kind}{', ' + actor.orgnr if actor.orgnr else ''})")


@app.command()
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The actor to keep: id, organisation number or name.")],
    drop: Annotated[str, typer.Argument(help="The actor to merge into it and delete.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do it without asking.")] = False,
) -> None:
    """Merge DROP into KEEP: DROP's relationships move to KEEP, its name and organisation number
    become aliases, the merge is recorded as a source, and DROP is deleted."""
    with opened_store(ctx) as store:
        kept, dropped = resolve_or_exit(store, keep), resolve_or_exit(store, drop)
        if kept.id == dropped.id:
            raise fail(f"{keep!r} and {drop!r} are the same actor ({kept.id})")
        if not yes:
            if not sys.stdin.isatty():
                raise fail(f"merging deletes {dropped.id}; run it again with --yes", code=2)
            typer.confirm(f"Merge {dropped.name} ({dropped.id}) into {kept.name} ({kept.id})?", abort=True)
        result = merge_actors(store, kept.id, dropped.id)
    typer.echo(
        f"merged {dropped.id} into {kept.id}: {result.moved} relationship(s) moved, "
        f"{result.dropped_relationships} between the two dropped"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the import document (actors, initiatives, relationships)."""
    emit_json(document_schema())


Resolution = Annotated[
    float,
    typer.Option(min=bounds.RESOLUTION_MIN, max=bounds.RESOLUTION_MAX, help="Cluster resolution: higher finds smaller clusters."),
]


Method = Annotated[
    ClusterMethod,
    typer.Option(help="louvain, or leiden: Louvain refined, never a badly connected cluster, at least as modular."),
]


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@app.command()
def collaborators(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Actor id, organisation number, municipality number or name.")],
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, typer.Option(min=1, max=bounds.PAGE_MAX, help="At most this many collaborators.")] = PAGE,
    offset: Annotated[
        int, typer.Option(min=0, max=bounds.OFFSET_MAX, help="Skip this many heavier ones first (the next page).")
    ] = 0,
    all_: Annotated[bool, typer.Option("--all", help=f"Every collaborator (up to {bounds.OFFSET_MAX:,}).")] = False,
    output: Annotated[Path | None, typer.Option(help="Write the list to a .csv or .xlsx file instead.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Who an actor collaborates with, heaviest first, with the evidence for each."""
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter("the file must end in .csv or .xlsx", param_hint="--output")
    with opened_store(ctx) as store:
        actor = resolve_or_exit(store, ref)
        if all_ or output:
            answer = every_collaborator(store, actor, _day(since), _day(until))
        else:
            answer = collaborators_of(
                store, actor, CollaboratorsAsked(since=_day(since), until=_day(until), limit=limit, offset=offset)
            )
    if output is not None:
        data = to_xlsx(answer) if output.suffix.lower() == ".xlsx" else to_csv(answer).encode("utf-8-sig")
        output.write_bytes(data)
        typer.echo(f"Collaborators of {actor.name} ({actor.id}): {answer.shown}, written to {output}")
        return
    if as_json:
        emit_json(answer)
        return
    typer.echo(f"Collaborators of {actor.name} ({actor.id}): {answer.shown}")
    for c in answer.collaborators:
        where = ", ".join(p for p in (c.orgnr and f"org.nr. {c.orgnr}", c.municipality, c.county) if p)
        typer.echo(f"{c.weight:7.3f}  {c.name} ({c.id}, {c.kind}{'; ' + where if where else ''})")
        for e in c.evidence:
            if e.kind == "partnership":
                typer.echo(f"           partnership{_span(e.start, e.end)}")
            else:
                roles = ", ".join(e.roles)
                typer.echo(
                    f"           {e.title} [{e.initiative_kind}, {e.participants} actors{_span(e.start, e.end)}] as {roles}"
                )
    rest = answer.total - answer.offset - len(answer.collaborators)
    if rest > 0:
        typer.echo(f"… {rest:,} more: --offset {answer.offset + len(answer.collaborators)}, --all, or --output list.xlsx")


@app.command()
def network(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Actor id, organisation number, municipality number or name.")],
    depth: Annotated[int, typer.Option(min=1, max=bounds.DEPTH_MAX, help="Hops from the actor.")] = 1,
    max_nodes: Annotated[int, typer.Option(min=1, max=bounds.NODES_MAX, help="At most this many nodes, nearest first.")] = 200,
    as_json: JsonFlag = False,
) -> None:
    """An actor's neighbourhood: every actor and initiative within DEPTH hops, nearest first."""
    with opened_store(ctx) as store:
        actor = resolve_or_exit(store, ref)
        found = network_of(store, actor, NetworkAsked(depth=depth, max_nodes=max_nodes))
    if as_json:
        emit_json(found)
        return
    cut = f" (cut at {max_nodes:,}; --max-nodes shows more)" if found.is_truncated else ""
    typer.echo(
        f"Within {depth} hop(s) of {actor.name} ({actor.id}): {len(found.nodes):,} nodes, {len(found.edges):,} relationships{cut}"
    )
    for n in found.nodes[1:]:
        typer.echo(f"  {n.depth}  {n.name} ({n.label.lower()} {n.id})")


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A name, a short form (UiO), an alias or an organisation number.")],
    as_json: JsonFlag = False,
) -> None:
    """Actors and initiatives matching what you type, as the explorer's search box suggests them."""
    if not text.strip() or len(text) > bounds.TEXT_MAX:
        raise typer.BadParameter(f"give 1 to {bounds.TEXT_MAX} characters", param_hint="TEXT")
    with opened_store(ctx) as store:
        found = suggestions_for(store, SearchAsked(q=text))
    if as_json:
        emit_json(found)
        return
    if not found:
        typer.echo(f"nothing matches {text!r}")
    for s in found:
        typer.echo(f"{s.type:10} {s.name} ({s.id}, {s.kind}{', ' + s.detail if s.detail else ''})")


@app.command()
def calendar(
    ctx: typer.Context,
    from_: Annotated[
        dt.datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="Events running on or after this date (default: today)."),
    ] = None,
    to: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Events starting on or before this date.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=bounds.PAGE_MAX, help="At most this many events.")] = 50,
    cursor: Annotated[str | None, typer.Option(help="next_cursor of the page before.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Open initiatives with dates, soonest first (events under way first of all)."""
    with opened_store(ctx) as store:
        page = calendar_page(
            store, CalendarAsked.model_validate({"from": _day(from_), "to": _day(to), "limit": limit, "cursor": cursor})
        )
    if as_json:
        emit_json(page)
        return
    if not page.items:
        typer.echo("no open initiatives with dates in that time")
    for i in page.items:
        typer.echo(f"{_span(i.start, i.end)[2:]:23}  {i.title} ({i.kind}, {i.id})")
    if page.next_cursor:
        typer.echo(f"… more: --cursor {page.next_cursor}")


@app.command()
def clusters(
    ctx: typer.Context,
    resolution: Resolution = 1.0,
    since: Since = None,
    until: Until = None,
    method: Method = ClusterMethod.LOUVAIN,
    as_json: JsonFlag = False,
) -> None:
    """Communities of collaborators, largest first, each with its leading actors and counties."""
    with opened_store(ctx) as store:
        asked = ClustersAsked(resolution=resolution, since=_day(since), until=_day(until), method=method)
        report = clusters_of(store, asked)
    if as_json:
        emit_json(report)
        return
    strength = "a clear division" if report.strong else "weak: the graph has little community structure"
    typer.echo(f"{len(report.clusters)} clusters, modularity {report.modularity:.3f} ({strength})")
    for c in report.clusters:
        typer.echo(
            f"{c.id:4}  {c.label}  [{c.size} actors, {c.initiatives} initiatives, internal weight {c.internal_weight:.2f}]"
        )


@app.command()
def cluster(
    ctx: typer.Context,
    cluster_id: Annotated[int, typer.Argument(metavar="ID", help="A cluster id from `samspill clusters`.")],
    resolution: Resolution = 1.0,
    method: Method = ClusterMethod.LOUVAIN,
    as_json: JsonFlag = False,
) -> None:
    """One cluster: its summary, every member by weighted degree, and its brokers."""
    with opened_store(ctx) as store:
        try:
            summary = cluster_of(store, cluster_id, ClusterAsked(resolution=resolution, method=method))
        except NoSuchCluster as exc:
            raise fail(str(exc)) from exc
    if as_json:
        emit_json(summary)
        return
    typer.echo(f"Cluster {summary.id}: {summary.label} [{summary.size} actors, {summary.initiatives} initiatives]")
    facts = {
        "themes": ", ".join(f"{t.theme} ({t.initiatives})" for t in summary.themes),
        "counties": ", ".join(f"{p.name or p.code} ({p.actors})" for p in summary.counties),
        "municipalities": ", ".join(f"{p.name or p.code} ({p.actors})" for p in summary.municipalities),
        "years": ", ".join(f"{y}: {n}" for y, n in summary.years.items()),
    }
    for fact, text in facts.items():
        if text:
            typer.echo(f"  {fact}: {text}")
    for m in summary.members:
        broker = f"  broker (betweenness {m.betweenness:.3f})" if m.betweenness is not None else ""
        typer.echo(f"{m.weighted_degree:8.3f}  {m.name} ({m.id}){broker}")


@app.command()
def brokers(
    ctx: typer.Context,
    resolution: Resolution = 1.0,
    limit: Annotated[int, typer.Option(min=1, max=bounds.BROKERS_MAX, help="At most this many brokers.")] = 20,
    method: Method = ClusterMethod.LOUVAIN,
    as_json: JsonFlag = False,
) -> None:
    """Actors whose ties bridge clusters, most paths through them first."""
    with opened_store(ctx) as store:
        found = brokers_of(store, BrokersAsked(resolution=resolution, limit=limit, method=method))
    if as_json:
        emit_json(found)
        return
    typer.echo(f"{len(found)} brokers")
    for b in found:
        bridged = ", ".join(f"{s.cluster} ({s.share:.0%})" for s in b.bridges)
        typer.echo(f"{b.betweenness:6.3f}  {b.name} ({b.id}) bridges clusters {bridged}")


@app.command()
def hotspots(
    ctx: typer.Context,
    by: Annotated[HotspotBy, typer.Option(help="What to count activity by.")] = HotspotBy.COUNTY,
    per_capita: Annotated[bool, typer.Option("--per-capita", help="Rank places per 10,000 inhabitants.")] = False,
    kind: Annotated[InitiativeKind | None, typer.Option(help="Only initiatives of this kind.")] = None,
    theme: Annotated[str | None, typer.Option(help="Only initiatives with this theme.")] = None,
    county: Annotated[str | None, typer.Option(help="Only initiatives in this county (number, e.g. 46).")] = None,
    since: Since = None,
    until: Until = None,
    actor_kind: Annotated[ActorKind | None, typer.Option(help="Only initiatives actors of this kind took part in.")] = None,
    in_cluster: Annotated[
        int | None, typer.Option("--cluster", min=0, help="Only initiatives this cluster's members took part in.")
    ] = None,
    min_weight: Annotated[float, typer.Option(min=0, help="Only actors with a tie at least this heavy.")] = 0.0,
    as_json: JsonFlag = False,
) -> None:
    """Where and when activity concentrates: initiatives and actors by place, theme, month or year."""
    asked = _asked(
        HotspotsAsked,
        by=by,
        per_capita=per_capita,
        kind=kind,
        theme=theme,
        county=county,
        since=_day(since),
        until=_day(until),
        actor_kind=actor_kind,
        cluster=in_cluster,
        min_weight=min_weight,
    )
    with opened_store(ctx) as store:
        spots = hotspots_of(store, asked)
    if as_json:
        emit_json(spots)
        return
    if not spots:
        typer.echo(f"No activity by {by.value} matches (undated initiatives have no month or year).")
    for s in spots:
        place = f"{s.key} {s.name}" if s.name else s.key
        rate = f"  {s.initiatives_per_10k:.2f} per 10,000" if s.initiatives_per_10k is not None else ""
        change = f"  ({s.change:+d})" if s.change is not None else ""
        typer.echo(f"{place:40} {s.initiatives:6} initiatives {s.actors:6} actors{rate}{change}")


@app.command()
def recommend(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Actor id, organisation number or name.")],
    limit: Annotated[int, typer.Option(min=1, max=bounds.RECOMMENDATIONS_MAX, help="At most this many suggestions.")] = 10,
    lang: Annotated[Lang, typer.Option(help="The language of each why: nb, nn or en.")] = Lang.EN,
    as_json: JsonFlag = False,
) -> None:
    """Actors this one has no tie to yet but shares partners with, best first, each with why."""
    with opened_store(ctx) as store:
        actor = resolve_or_exit(store, ref)
        answer = recommendations_for(store, actor, RecommendationsAsked(limit=limit, lang=lang))
    if as_json:
        emit_json(answer)
        return
    typer.echo(f"Suggested for {actor.name} ({actor.id}): {len(answer.recommendations)}")
    for r in answer.recommendations:
        typer.echo(f"{r.score:7.3f}  {r.name} ({r.id}): {r.why}")


@app.command()
def compare(
    ctx: typer.Context,
    period: Annotated[list[str], typer.Option(help="A period, twice: YYYY or YYYY-MM-DD:YYYY-MM-DD.")],
    resolution: Resolution = 1.0,
    as_json: JsonFlag = False,
) -> None:
    """The collaboration network of one period against another: ties and clusters that changed."""
    if len(period) != 2:
        raise typer.BadParameter("give --period exactly twice", param_hint="--period")
    asked = _asked(CompareAsked, a=period[0], b=period[1], resolution=resolution)
    with opened_store(ctx) as store:
        result = comparison_of(store, asked)
    if as_json:
        emit_json(result)
        return
    typer.echo(
        f"{period[0]} → {period[1]}: {result.new_ties} new ties, {result.lost_ties} ended, {result.kept_ties} kept; "
        f"modularity {result.modularity_before:.3f} → {result.modularity_after:.3f}"
    )
    for t in result.new_examples:
        typer.echo(f"  new    {t.names[0]} – {t.names[1]} ({t.weight:.2f})")
    for c in result.clusters:
        if c.change != "stable":
            typer.echo(f"  cluster {c.id if c.id is not None else '–'}: {c.change} ({c.size_before} → {c.size_after} actors)")


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if not start:
        return ""
    return f", {start}" + (f"–{end}" if end and end != start else "")


@app.command()
def path(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="From: actor id, organisation number or name.")],
    target: Annotated[str, typer.Argument(help="To: actor id, organisation number or name.")],
    k: Annotated[int, typer.Option("--k", min=1, max=bounds.PATHS_MAX, help="How many alternatives, shortest first.")] = 3,
    max_hops: Annotated[int, typer.Option(min=1, max=bounds.HOPS_MAX, help="Longest path to look for.")] = 6,
    since: Since = None,
    until: Until = None,
    as_json: JsonFlag = False,
) -> None:
    """How two actors are joined: the k shortest collaboration paths, each hop with the
    initiatives it rests on; failing those, the shortest chain of any relationships."""
    with opened_store(ctx) as store:
        a = resolve_or_exit(store, source)
        b = resolve_or_exit(store, target)
        answer = paths_between(store, a, b, PathsAsked(k=k, max_hops=max_hops, since=_day(since), until=_day(until)))
    if not answer.found:
        raise fail(f"no path of at most {max_hops} hops joins {a.name} and {b.name}")
    if as_json:
        emit_json(answer)
        return
    chain = answer.relationship_path
    if chain is not None:
        typer.echo(f"No collaboration joins {a.name} and {b.name}; the shortest chain of relationships, {chain.hops} hop(s):")
        typer.echo(f"  {chain.nodes[0].name} ({chain.nodes[0].label.lower()} {chain.nodes[0].id})")
        for edge, node in zip(chain.edges, chain.nodes[1:]):
            arrow = "->" if edge.target.id == node.id else "<-"
            role = f" as {edge.role}" if edge.role else ""
            typer.echo(f"  {arrow} {edge.type}{role} {arrow} {node.name} ({node.label.lower()} {node.id})")
        return
    typer.echo(f"{len(answer.paths)} collaboration path(s) from {a.name} to {b.name}, shortest first:")
    for n, found in enumerate(answer.paths, 1):
        typer.echo(f"{n}. {len(found.hops)} hop(s), weakest tie {found.weakest:.3f}")
        typer.echo(f"   {found.through}")


@app.command()
def viz(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.", dir_okay=False)],
    focus: Annotated[str | None, typer.Option(help="Actor (id, organisation number or name) or initiative id.")] = None,
    depth: Annotated[int, typer.Option(min=1, max=3, help="Steps of collaboration from the focus.")] = 1,
    cluster: Annotated[int | None, typer.Option(help="Only this cluster's members (ids as `samspill clusters`).")] = None,
    overview: Annotated[bool, typer.Option("--clusters", help="One node per cluster.")] = False,
    actor_kind: Annotated[ActorKind | None, typer.Option(help="Only actors of this kind.")] = None,
    county: Annotated[str | None, typer.Option(help="Only actors in this county (number, e.g. 46).")] = None,
    initiative_kind: Annotated[InitiativeKind | None, typer.Option(help="Only ties from initiatives of this kind.")] = None,
    theme: Annotated[str | None, typer.Option(help="Only ties from initiatives with this theme.")] = None,
    since: Since = None,
    until: Until = None,
    min_weight: Annotated[float, typer.Option(min=0, help="Hide ties lighter than this.")] = 0.0,
    sourced: Annotated[bool, typer.Option("--sourced", help="Only evidence that cites a source.")] = False,
    colour: Annotated[ColourBy, typer.Option(help="Colour nodes by cluster, kind or county.")] = ColourBy.CLUSTER,
    lang: Annotated[Lang, typer.Option(help="Interface language: nb (Bokmål), nn (Nynorsk) or en (English).")] = DEFAULT_LANG,
) -> None:
    """Write a view of the network as one HTML file that opens offline, from disk."""
    if not out.parent.is_dir():
        raise fail(f"{out.parent}: no such directory")
    with opened_store(ctx) as store:
        if focus is not None and store.get_initiative(focus) is None:
            focus = resolve_or_exit(store, focus).id
        try:
            query = ViewQuery(
                focus=focus,
                depth=depth,
                cluster=cluster,
                overview=overview,
                actor_kind=actor_kind,
                county=county,
                initiative_kind=initiative_kind,
                theme=theme,
                since=since.date() if since else None,
                until=until.date() if until else None,
                min_weight=min_weight,
                sourced=sourced,
                colour=colour,
            )
            view = build_view(store, query, lang)
        except ViewNotFound as exc:
            raise fail(str(exc)) from exc
        title = view_title(store, query)
        html = standalone_page(title, drawn(view, lang), lang)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(out)  # never a half-written page under the name asked for
    how = "laid out on the server" if view.laid_out else "laid out in the browser"
    typer.echo(
        f"Wrote {out}: {len(view.nodes)} nodes, {len(view.edges)} ties, {how}"
        + (f"; {view.matched} actors matched, aggregated into clusters" if view.aggregated else "")
    )


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Processes serving at once (each with its own caches, kept right by the store's revision)."
        ),
    ] = 1,
) -> None:
    """Serve the explorer (at /) and the HTTP API (under /api, documented at /docs) with uvicorn."""
    import uvicorn

    from api.app import create_app

    db = ctx.obj["db"] if ctx.obj else None
    # proxy_headers off: uvicorn would trust X-Forwarded-For from 127.0.0.1; the app trusts it
    # only from SAMSPILL_TRUSTED_PROXIES (api/gate.py).
    if workers == 1:
        uvicorn.run(create_app(lambda: store_from_env(db)), host=host, port=port, proxy_headers=False)
        return
    # Each worker process builds its own app from the environment, so --db travels there.
    if db:
        os.environ["SAMSPILL_DB"] = str(db)
    uvicorn.run("api.app:app_from_env", factory=True, workers=workers, host=host, port=port, proxy_headers=False)


if __name__ == "__main__":
    sys.exit(app())
