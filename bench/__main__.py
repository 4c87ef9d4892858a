"""python -m bench generate|import — see docs/benchmarks.md."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.generate import SIZES, generate
from bench.imports import measure, sqlite_target

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

    server = neo4j_server.start()
    try:
        yield server.uri
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write SYNTHETIC data in the canonical import format")
    gen.add_argument("--size", choices=sorted(SIZES), default="S")
    gen.add_argument("--rows", type=int, help="participation rows (overrides --size)")
    gen.add_argument("--seed", type=int, default=2016)
    gen.add_argument("--out", type=Path, required=True)
    imp = sub.add_parser("import", help="import speed against a per-row loop, per store")
    imp.add_argument("--size", choices=sorted(SIZES), default="S")
    imp.add_argument("--store", default="sqlite,neo4j")
    imp.add_argument("--batch-size", type=int, default=10_000)
    imp.add_argument("--naive-rows", type=int, default=5_000, help="rows the per-row loop runs (it is slow)")
    imp.add_argument("--data", type=Path, default=Path("bench/data"))
    args = parser.parse_args(argv)

    if args.command == "generate":
        made = generate(args.rows or SIZES[args.size], args.out, args.seed)
        print(f"wrote {made.rows:,} synthetic participation rows to {made.folder}")
        return
    data = generate(SIZES[args.size], args.data / args.size)
    results = []
    for kind in args.store.split(","):
        if kind == "sqlite":
            results.append(measure("sqlite", sqlite_target(), data, args.batch_size, args.naive_rows))
        elif kind == "neo4j":
            with neo4j_uri() as uri:
                results.append(measure("neo4j", uri, data, args.batch_size, args.naive_rows))
        else:
            parser.error(f"unknown store {kind!r}; expected sqlite or neo4j")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{dt.date.today().isoformat()}-{args.size}-import.json"
    machine = {"python": platform.python_version(), "cores": os.cpu_count(), "platform": platform.platform()}
    out.write_text(json.dumps({"size": args.size, "rows": data.rows, "machine": machine, "results": results}, indent=2))
    for r in results:
        first, again = r["samspill"]["first"], r["samspill"]["again"]
        print(f"{r['store']:7} import {first['rows_per_s']:>9,.0f} rows/s ({first['seconds']:.1f} s), again "
              f"{again['rows_per_s']:>9,.0f} rows/s, peak {r['samspill']['peak_rss_mb']:,.0f} MB; per-row loop "
              f"{r['naive']['rows_per_s']:>7,.0f} rows/s; ratio {r['ratio_to_naive']:.1f}x")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
