"""The `samspill` command line: set up the store, load seeds, ask who collaborates with whom."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from graph.config import store_from_env
from graph.limits import InvalidQuery
from graph.model import Actor
from graph.store import GraphStore, ResolutionStatus, StoreError, StoreUnavailable
from ingest.errors import InputErrors
from ingest.seeds import load_seeds

app = typer.Typer(
    help="Samspill: a knowledge graph of public-sector innovation — who collaborates with whom, "
    "and where activity clusters.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Create, inspect and empty the store.", no_args_is_help=True)
app.add_typer(db_app, name="db")

EXIT_BAD_INPUT = 1

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
Since = Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Only evidence from this date on (YYYY-MM-DD).")]
Until = Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Only evidence up to this date (YYYY-MM-DD).")]


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        Optional[Path],
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
    except InvalidQuery as exc:
        raise fail(str(exc)) from exc
    except StoreError as exc:
        raise fail(str(exc)) from exc
    finally:
        store.close()


def emit_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def resolve_or_exit(store: GraphStore, ref: str) -> Actor:
    """The one actor `ref` names, or exit 1 listing the closest candidates."""
    resolution = store.resolve_actor(ref)
    if resolution.status == ResolutionStatus.FOUND and resolution.actor is not None:
        return resolution.actor
    what = "matches more than one actor" if resolution.status == ResolutionStatus.AMBIGUOUS else "matches no actor"
    lines = [f"{ref!r} {what}."]
    if resolution.candidates:
        lines.append("Did you mean:")
        lines += [f"  {c.id:<40} {c.name} ({c.kind}; {c.reason})" for c in resolution.candidates]
    raise fail("\n".join(lines))


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


@db_app.command("wipe")
def db_wipe(
    ctx: typer.Context, yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False
) -> None:
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


@app.command()
def collaborators(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Actor id, organisation number or name.")],
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many collaborators.")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Who an actor collaborates with, heaviest first, with the evidence for each."""
    with opened_store(ctx) as store:
        actor = resolve_or_exit(store, ref)
        found = store.collaborators(
            actor.id, since=since.date() if since else None, until=until.date() if until else None, limit=limit
        )
    if as_json:
        emit_json({"actor": {"id": actor.id, "name": actor.name}, "collaborators": [c.model_dump(mode="json") for c in found]})
        return
    typer.echo(f"Collaborators of {actor.name} ({actor.id}): {len(found)}")
    for c in found:
        typer.echo(f"{c.weight:7.3f}  {c.name} ({c.id}, {c.kind})")
        for e in c.evidence:
            if e.kind == "partnership":
                typer.echo(f"           partnership{_span(e.start, e.end)}")
            else:
                roles = ", ".join(e.roles)
                typer.echo(f"           {e.title} [{e.initiative_kind}, {e.participants} actors{_span(e.start, e.end)}] as {roles}")


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if not start:
        return ""
    return f", {start}" + (f"–{end}" if end and end != start else "")


@app.command()
def path(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="From: actor id, organisation number or name.")],
    target: Annotated[str, typer.Argument(help="To: actor id, organisation number or name.")],
    max_hops: Annotated[int, typer.Option(min=1, max=12, help="Longest path to look for.")] = 6,
    as_json: JsonFlag = False,
) -> None:
    """The shortest chain of relationships joining two actors."""
    with opened_store(ctx) as store:
        a = resolve_or_exit(store, source)
        b = resolve_or_exit(store, target)
        found = store.shortest_path(a.id, b.id, max_hops=max_hops)
    if found is None:
        raise fail(f"no path of at most {max_hops} hops joins {a.name} and {b.name}")
    if as_json:
        emit_json(found.model_dump(mode="json"))
        return
    typer.echo(f"{found.hops} hop(s):")
    typer.echo(f"  {found.nodes[0].name} ({found.nodes[0].label.lower()} {found.nodes[0].id})")
    for edge, node in zip(found.edges, found.nodes[1:]):
        arrow = "->" if edge.target.id == node.id else "<-"
        role = f" as {edge.role}" if edge.role else ""
        typer.echo(f"  {arrow} {edge.type}{role} {arrow} {node.name} ({node.label.lower()} {node.id})")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (and, in later versions, the explorer) with uvicorn."""
    import uvicorn

    from api.app import create_app

    db = ctx.obj["db"] if ctx.obj else None
    uvicorn.run(create_app(lambda: store_from_env(db)), host=host, port=port)


if __name__ == "__main__":
    sys.exit(app())
