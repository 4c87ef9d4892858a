"""The explorer's speed: layout against the reference layouts, and views in headless Chromium.

- `layout`: Samspill's layout (igraph's Fruchterman–Reingold from a seeded start, fitted to
  the page) against igraph's own call with its defaults and networkx's `spring_layout`, on
  SYNTHETIC preferential-attachment graphs (heavy-tailed, like collaboration) of 1,000 to
  10,000 nodes; networkx only up to `networkx_max` nodes (it takes minutes at 10,000).
- `pages`: the generated data imported into the embedded store and served; the explorer
  opened in headless Chromium on a focus view truncated to exactly N nodes (500, 5,000):
  time to interactive when the server builds the view (first) and when it has it (again),
  the size of the view's JSON, and of the same view as a standalone file.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from bench.generate import Generated
from viz.layout import fruchterman_reingold

TESTS = Path(__file__).resolve().parent.parent / "tests"
REPEATS = 3  # layouts are timed this many times; the median is reported


def _graph(n: int) -> list[tuple[int, int, float]]:
    import igraph

    igraph.set_random_number_generator(random.Random(n))
    try:
        graph = igraph.Graph.Barabasi(n, 2)
    finally:
        igraph.set_random_number_generator(random)
    return [(a, b, 1.0) for a, b in graph.get_edgelist()]


def _median(run) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def layout(sizes: list[int], networkx_max: int) -> list[dict[str, Any]]:
    import igraph

    rows = []
    for n in sizes:
        edges = _graph(n)
        ig = igraph.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
        row: dict[str, Any] = {"nodes": n, "edges": len(edges),
                               "samspill_s": _median(lambda n=n, edges=edges: fruchterman_reingold(n, edges)),
                               "igraph_s": _median(lambda ig=ig: ig.layout_fruchterman_reingold())}
        row["ratio_to_igraph"] = row["samspill_s"] / row["igraph_s"]
        if n <= networkx_max:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from((a, b) for a, b, _ in edges)
            started = time.perf_counter()
            nx.spring_layout(g, seed=1)
            row["networkx_s"] = time.perf_counter() - started
        rows.append(row)
        print(f"layout {n:>6,} nodes: samspill {row['samspill_s']:.2f} s, igraph {row['igraph_s']:.2f} s "
              f"({row['ratio_to_igraph']:.2f}x)" + (f", networkx {row['networkx_s']:.1f} s" if "networkx_s" in row else ""))
    return rows


def pages(data: Generated, sizes: list[int], browser: Any = None) -> list[dict[str, Any]]:
    """`browser`: a Playwright Chromium already running in this process (one process can run
    only one sync Playwright); by default one is launched here."""
    sys.path.append(str(TESTS))  # after the real packages: tests/graph must not shadow graph
    from browser_harness import CHROMIUM, CHROMIUM_ARGS, serve, visit
    from playwright.sync_api import sync_playwright

    from api.settings import Settings
    from graph.analytics.clusters import stored_clusters
    from graph.analytics.projection import table_of
    from graph.sqlite_store import SQLiteStore
    from ingest.importer import ImportOptions, run_import
    from viz.network import drawn
    from viz.page import standalone_page
    from viz.texts import Lang
    from viz.view import ViewQuery, build_view

    rows = []
    with tempfile.TemporaryDirectory(prefix="samspill-bench-") as scratch:
        store = SQLiteStore(Path(scratch) / "views.db")
        store.open()
        run_import(store, [data.actors, data.initiatives, data.participation], ImportOptions())
        stored_clusters(store)  # as a server that has answered before: "first" is the view alone
        table = table_of(store)
        strength = table.strengths()
        hub = table.actors[max(range(len(table.actors)), key=strength.__getitem__)].id
        with contextlib.ExitStack() as launched:
            if browser is None:
                playwright = launched.enter_context(sync_playwright())
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                launched.callback(browser.close)
            for n in sizes:
                query = ViewQuery(focus=hub, depth=3)
                for url in serve(store, Settings(view_cap=n)):
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    first = visit(page, f"{url}/?focus={hub}&depth=3")
                    again = [visit(page, f"{url}/?focus={hub}&depth=3") for _ in range(REPEATS)]
                    nodes = int(page.get_attribute("#status", "data-nodes"))
                    json_bytes = len(page.request.get(f"{url}/api/views/network?focus={hub}&depth=3").body())
                    page.close()
                view = build_view(store, query, cap=n)
                html = standalone_page("Samspill", drawn(view, Lang.NN), Lang.NN)
                row = {"nodes": nodes, "edges": len(view.edges), "laid_out": view.laid_out,
                       "first_interactive_ms": first["interactive"],
                       "interactive_ms": statistics.median(v["interactive"] for v in again),
                       "draw_ms": statistics.median(v["draw"] for v in again),
                       "view_json_kb": json_bytes / 1024, "standalone_kb": len(html.encode()) / 1024}
                rows.append(row)
                print(f"view {nodes:>6,} nodes, {row['edges']:,} ties: interactive {row['interactive_ms']:.0f} ms "
                      f"(first {row['first_interactive_ms']:,} ms), JSON {row['view_json_kb']:,.0f} kB, "
                      f"standalone {row['standalone_kb']:,.0f} kB")
        store.close()
    return rows
