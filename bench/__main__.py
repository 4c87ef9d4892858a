"""python -m bench [generate|import|queries|analytics|http|views] — see docs/benchmarks.md.
With no command, every benchmark runs in one go (`make bench`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import neo4j

from bench import analytics, first_asks, http, report, views
from bench.generate import SIZES, Generated, generate, generate_size
from bench.imports import child_json, measure

RESULTS = Path(__file__).resolve().parent / "results"
TESTS = Path(__file__).resolve().parent.parent / "tests"


@contextmanager
def neo4j_uri() -> Iterator[str]:
    """NEO4J_URI when set, else the embedded Neo4j the tests use."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    sys.path.insert(0, str(TESTS))
    import neo4j_server

    server = neo4j_server.start(heap="4g", tx_timeout_s=3600, pagecache_mb=2048)
    try:
        yield server.uri
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="With no command: every benchmark in one run (import, queries, analytics, HTTP, views).",
    )
    _common(parser, "M")
    _options(parser)
    sub = parser.add_subparsers(dest="command")
    gen = sub.add_parser("generate", help="write SYNTHETIC data in the canonical import format")
    gen.add_argument("--size", choices=sorted(SIZES), default="S")
    gen.add_argument("--rows", type=int, help="participation rows (overrides --size)")
    gen.add_argument("--seed", type=int, default=2016)
    gen.add_argument("--out", type=Path, required=True)
    for name, help_text, size in (
        ("import", "import speed against a per-row loop, per store", "S"),
        ("queries", "collaborators, neighbourhood, path and activity latency through the store, per store", "S"),
        ("analytics", "projection and clustering against igraph and networkx, per store", "S"),
        ("http", "collaborators through HTTP at several numbers of clients, per store", "S"),
        ("firsts", "each analytics endpoint's first ask of a fresh server, again, and after an import", "R"),
        ("views", "layout against igraph and networkx; explorer views in headless Chromium", "M"),
    ):
        _options(_common(sub.add_parser(name, help=help_text), size))
    args = parser.parse_args(argv)

    if args.command == "generate":
        made = generate(args.rows, args.out, args.seed) if args.rows else generate_size(args.size, args.out, args.seed)
        print(f"wrote {made.rows:,} synthetic participation rows to {made.folder}")
        return
    kinds = args.store.split(",")
    if unknown := set(kinds) - {"sqlite", "neo4j"}:
        parser.error(f"unknown store(s) {sorted(unknown)}; expected sqlite or neo4j")
    steps = {
        "import": _import,
        "queries": _queries,
        "analytics": _analytics,
        "http": _http,
        "firsts": _firsts,
        "views": _views,
    }
    for name in [args.command] if args.command else list(steps):
        started = time.perf_counter()
        steps[name](args, kinds)
        print(f"-- {name}: {time.perf_counter() - started:,.0f} s")


def _common(parser: argparse.ArgumentParser, size: str) -> argparse.ArgumentParser:
    parser.add_argument("--size", choices=sorted(SIZES), default=size)
    parser.add_argument("--store", default="sqlite,neo4j", help="sqlite, neo4j or both, comma-separated")
    parser.add_argument("--actors", type=int, help="about this many actors (default: one organisation per 40 rows)")
    parser.add_argument("--data", type=Path, default=Path("bench/data"))
    return parser


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch-size", type=int, default=10_000, help="import: rows per batch")
    parser.add_argument("--naive-rows", type=int, default=5_000, help="import: rows the per-row loop runs (it is slow)")
    parser.add_argument(
        "--networkx",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="analytics: also time networkx's Louvain (minutes and gigabytes at L)",
    )
    parser.add_argument("--clients", default="1,8,32", help="http: concurrent clients, comma-separated")
    parser.add_argument("--workers", default="1,2", help="http: `samspill serve --workers` to measure, comma-separated")
    parser.add_argument(
        "--view-actors", type=int, default=40_000, help="views: about this many actors (enough for 5,000 in a view)"
    )
    parser.add_argument("--layout-sizes", default="1000,5000,10000", help="views: nodes of the layout graphs")
    parser.add_argument("--networkx-max", type=int, default=2000, help="views: largest graph networkx lays out (slow)")
    parser.add_argument("--pages", default="500,5000", help="views: nodes of the views opened in Chromium")


def _import(args: argparse.Namespace, kinds: list[str]) -> None:
    data = generate_size(args.size, args.data / args.size)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{dt.date.today().isoformat()}-{args.size}-import.json"
    results: list[dict[str, Any]] = []
    for kind in kinds:
        if kind == "sqlite":
            with tempfile.TemporaryDirectory(prefix="samspill-bench-") as scratch:
                results.append(measure("sqlite", str(Path(scratch) / "bench.db"), data, args.batch_size, args.naive_rows))
        else:
            with neo4j_uri() as uri:
                results.append(measure("neo4j", uri, data, args.batch_size, args.naive_rows))
        _save(out, args.size, data.rows, results)  # after each store: a later failure loses nothing
    for r in results:
        first, again = r["samspill"]["first"], r["samspill"]["again"]
        print(
            f"{r['store']:7} import {first['rows_per_s']:>9,.0f} rows/s ({first['seconds']:.1f} s), again "
            f"{again['rows_per_s']:>9,.0f} rows/s, peak {r['samspill']['peak_rss_mb']:,.0f} MB; per-row loop "
            f"{r['naive']['rows_per_s']:>7,.0f} rows/s; ratio {r['ratio_to_naive']:.1f}x"
        )
    print(f"results: {out}; {report.write()} regenerated")


@contextmanager
def loaded(kind: str, data: Generated) -> Iterator[str]:
    """A store of `kind` holding `data`, loaded in a child process: its path or URI."""
    files = [str(data.actors), str(data.initiatives), str(data.participation)]
    with tempfile.TemporaryDirectory(prefix="samspill-bench-") as scratch:
        if kind == "sqlite":
            target = str(Path(scratch) / "bench.db")
            child_json("bench.analytics", "load", kind, target, *files)
            yield target
        else:
            with neo4j_uri() as uri:
                child_json("bench.analytics", "load", kind, uri, *files)
                yield uri


def _each_store(
    args: argparse.Namespace, kinds: list[str], what: str, measure: Callable[[str, str, Generated], list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], Path]:
    """`measure(kind, target, data)` on a store of each kind loaded with the sized data; the
    results saved after each store, so a later failure loses nothing."""
    label, data, out = _sized(args, what)
    results: list[dict[str, Any]] = []
    for kind in kinds:
        with loaded(kind, data) as target:
            results += measure(kind, target, data)
        _save(out, label, data.rows, results)
    return results, out


def _queries(args: argparse.Namespace, kinds: list[str]) -> None:
    results, out = _each_store(
        args, kinds, "queries", lambda kind, target, data: [child_json("bench.queries", kind, target, str(data.participation))]
    )
    for r in results:
        for name, q in r["queries"].items():
            print(
                f"{r['store']:7} {name:30} p50 {q['p50_ms']:7.1f} ms, p95 {q['p95_ms']:7.1f} ms, "
                f"p99 {q['p99_ms']:7.1f} ms ({q['calls']} calls)"
            )
    print(f"results: {out}; {report.write()} regenerated")


def _sized(args: argparse.Namespace, what: str) -> tuple[str, Generated, Path]:
    """The generated data for --size/--actors, its label (L-100k) and today's result file."""
    label = args.size + (f"-{args.actors // 1000}k" if args.actors else "")
    data = generate_size(args.size, args.data / label, actors=args.actors)
    RESULTS.mkdir(exist_ok=True)
    return label, data, RESULTS / f"{dt.date.today().isoformat()}-{label}-{what}.json"


def _analytics(args: argparse.Namespace, kinds: list[str]) -> None:
    label, data, out = _sized(args, "analytics")
    files = [data.actors, data.initiatives, data.participation]
    results: list[dict[str, Any]] = []
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix="samspill-bench-") as scratch:
            if kind == "sqlite":
                results.append(analytics.measure("sqlite", str(Path(scratch) / "bench.db"), files, Path(scratch), args.networkx))
            else:
                with neo4j_uri() as uri:
                    results.append(analytics.measure("neo4j", uri, files, Path(scratch), args.networkx))
        _save(out, label, data.rows, results)
    for r in results:
        s, ig = r["samspill"], r["igraph"]
        nx_part = f"; networkx {r['networkx']['seconds']:.1f} s" if "networkx" in r else ""
        print(
            f"{r['store']:7} {r['projection']['ties']:,} ties: projection {r['projection']['seconds']:.1f} s "
            f"({r['projection']['peak_rss_mb']:,.0f} MB); clustering {s['clustering_s']:.1f} s vs igraph "
            f"{ig['seconds']:.1f} s ({r['clustering_ratio_to_igraph']:.2f}x); end to end {s['end_to_end_s']:.1f} s, "
            f"{s['peak_rss_mb']:,.0f} MB{nx_part}"
        )
    print(f"results: {out}; {report.write()} regenerated")


def _http(args: argparse.Namespace, kinds: list[str]) -> None:
    clients = [int(c) for c in args.clients.split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    results, out = _each_store(
        args,
        kinds,
        "http",
        lambda kind, target, data: [http.measure(kind, target, data.participation, clients, workers=n) for n in workers],
    )
    for r in results:
        for level in r["levels"]:
            print(
                f"{r['store']:7} x{r['workers']} {level['clients']:3} clients: {level['requests_per_s']:8,.0f} req/s, "
                f"p50 {level['p50_ms']:.1f} ms, p99 {level['p99_ms']:.1f} ms, errors {level['errors']}"
            )
    print(f"results: {out}; {report.write()} regenerated")


def _firsts(args: argparse.Namespace, kinds: list[str]) -> None:
    results, out = _each_store(
        args, kinds, "firsts", lambda kind, target, data: [first_asks.measure(kind, target, data.participation)]
    )
    for r in results:
        for ask in r["asks"]:
            print(
                f"{r['store']:7} {ask['endpoint']:28} first {ask['first']['seconds']:7.2f} s, again "
                f"{ask['again']['seconds']:6.3f} s, after an import {ask['after_import']['seconds']:7.2f} s"
            )
    print(f"results: {out}; {report.write()} regenerated")


def _views(args: argparse.Namespace, kinds: list[str]) -> None:
    if "sqlite" not in kinds:
        print("views: skipped (they are measured on the embedded store)")
        return
    label, data, out = _sized(argparse.Namespace(**{**vars(args), "actors": args.view_actors}), "views")
    result = {
        "store": "sqlite",
        "layout": views.layout([int(n) for n in args.layout_sizes.split(",")], args.networkx_max),
        "pages": views.pages(data, [int(n) for n in args.pages.split(",")]),
    }
    _save(out, label, data.rows, [result])
    print(f"results: {out}; {report.write()} regenerated")


def _save(out: Path, size: str, rows: int, results: list[dict[str, Any]]) -> None:
    machine = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "sqlite": sqlite3.sqlite_version,
        "neo4j_driver": neo4j.__version__,
    }
    # Runs of one store at a time on the same day and size add to the file rather than replace it.
    kept = json.loads(out.read_text())["results"] if out.exists() else []
    ours = {r["store"] for r in results}
    merged = [r for r in kept if r["store"] not in ours] + results
    out.write_text(json.dumps({"size": size, "rows": rows, "machine": machine, "results": merged}, indent=2))


if __name__ == "__main__":
    main()
