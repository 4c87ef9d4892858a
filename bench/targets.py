"""Issue 20's targets, each with what was measured before it was taken up and what the newest
result files in bench/results/ show now: the table at the head of docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Runs = dict[str, list[dict[str, Any]]]  # result kind ("import", "queries", …) -> newest run per size


@dataclass(frozen=True)
class Target:
    goal: str
    before: str  # as measured when issue 20 was filed (its text and docs/benchmarks.md of that day)
    after: Callable[[Runs], tuple[str, bool | None]]  # (what the results show, met; None: not measured)


def _runs(runs: Runs, kind: str, size: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(run, result) of every store in the newest runs of `kind` whose size label starts with `size`."""
    return [(run, r) for run in runs.get(kind, []) if run["size"].startswith(size) for r in run["results"]]


def _when(run: dict[str, Any]) -> str:
    """The size and the day of a run: `L-100k, 2026-11-30`."""
    return f"{run['size']}, {run['file'][:10]}"


def _joined(parts: list[tuple[str, bool]]) -> tuple[str, bool | None]:
    if not parts:
        return "not measured yet", None
    return "; ".join(text for text, _ in parts), all(ok for _, ok in parts)


def _first_asks(runs: Runs) -> tuple[str, bool | None]:
    parts = []
    for run, r in _runs(runs, "firsts", "R"):
        worst = [(max(a["first"]["seconds"], a["after_import"]["seconds"]), a["endpoint"]) for a in r["asks"]]
        over = sorted((w for w in worst if w[0] > r["target_s"]), reverse=True)
        slowest = ", ".join(f"{name} {s:.1f} s" for s, name in over)
        parts.append((f"{r['store']} ({_when(run)}): {len(worst) - len(over)} of {len(worst)} met"
                      + (f"; over: {slowest}" if over else ""),
                      not over))
    return _joined(parts)


def _p99(query: str, size: str, limit_ms: float) -> Callable[[Runs], tuple[str, bool | None]]:
    def after(runs: Runs) -> tuple[str, bool | None]:
        parts = []
        for run, r in _runs(runs, "queries", size):
            if query in r["queries"]:
                p99 = r["queries"][query]["p99_ms"]
                parts.append((f"{r['store']} {p99:.1f} ms ({_when(run)})", p99 <= limit_ms))
        return _joined(parts)

    return after


def _http(runs: Runs) -> tuple[str, bool | None]:
    """Per store, its best "each actor once" at 8 clients, beside /healthz on the same server."""
    goal = {"sqlite": 1000.0, "neo4j": 300.0}
    best: dict[str, tuple[float, str]] = {}
    for run, r in _runs(runs, "http", ""):
        levels = r["levels"]
        fresh = [lv["requests_per_s"] for lv in levels if lv["asked"].startswith("each actor once") and lv["clients"] == 8]
        ceiling = [lv["requests_per_s"] for lv in levels if lv["asked"].startswith("/healthz")]
        if fresh and fresh[0] > best.get(r["store"], (0.0, ""))[0]:
            beside = f", /healthz {ceiling[0]:,.0f}" if ceiling else ""
            best[r["store"]] = (fresh[0], f"{r['store']} ×{r.get('workers', 1)} ({_when(run)}) {fresh[0]:,.0f} req/s{beside}")
    return _joined([(text, rps >= goal[store]) for store, (rps, text) in sorted(best.items())])


def _import(runs: Runs) -> tuple[str, bool | None]:
    parts = []
    for run, r in _runs(runs, "import", ""):
        if r["store"] == "sqlite" and run["size"][0] in "LR":
            first, peak = r["samspill"]["first"]["rows_per_s"], r["samspill"]["peak_rss_mb"]
            parts.append((f"{first:,.0f} rows/s, {peak:,.0f} MB ({_when(run)})", first >= 100_000 and peak <= 1024))
    return _joined(parts)


def _load_csv(runs: Runs) -> tuple[str, bool | None]:
    parts = [(f"{r['ratio_to_load_csv']:.2f}x ({_when(run)})", r["ratio_to_load_csv"] >= 0.7)
             for run, r in _runs(runs, "import", "") if "ratio_to_load_csv" in r]
    return _joined(parts)


def _projection(runs: Runs) -> tuple[str, bool | None]:
    parts = [(f"{r['projection']['seconds']:.1f} s ({_when(run)})", r["projection"]["seconds"] <= 20)
             for run, r in _runs(runs, "analytics", "L") if r["store"] == "neo4j"]
    return _joined(parts)


def _against_pandas(runs: Runs) -> tuple[str, bool | None]:
    parts = [(f"{r['store']} {r['samspill']['end_to_end_s']:.1f} s against {r['pandas_igraph']['seconds']:.1f} s "
              f"({r['end_to_end_ratio_to_pandas_igraph']:.2f}x)", r["end_to_end_ratio_to_pandas_igraph"] <= 1.5)
             for run, r in _runs(runs, "analytics", "R") if "pandas_igraph" in r]
    return _joined(parts)


def _leiden(runs: Runs) -> tuple[str, bool | None]:
    parts = [(f"{r['store']} {s['leiden_modularity']:.4f} against Louvain's {s['modularity']:.4f}",
              s["leiden_modularity"] >= s["modularity"])
             for run, r in _runs(runs, "analytics", "R") if "leiden_modularity" in (s := r["samspill"])]
    return _joined(parts)


TARGETS = [
    Target("every analytics endpoint's first ask <= 1 s on R, and after an import",
           "brokers 16.9 s, one cluster 19.8 s, clusters 5.9 s, recommendations 3.2-3.6 s, focus view 1.3 s", _first_asks),
    Target("search by name p99 <= 50 ms (R)", "1.75 s first ask, no full-text index", _p99("search_by_name", "R", 50)),
    Target("collaborators p99 <= 20 ms at L, both stores", "sqlite 164.2 ms, neo4j 264.1 ms (L-100k)",
           _p99("collaborators", "L", 20)),
    Target("HTTP each actor once >= 1,000 req/s embedded, >= 300 Neo4j, 8 clients", "sqlite 118, neo4j 22 req/s (L-100k)",
           _http),
    Target("embedded import >= 100,000 rows/s at L, peak <= 1 GB", "8,571 rows/s, 584 MB (L); 11.6k rows/s, 354 MB (R)",
           _import),
    Target("Neo4j import >= 0.7x LOAD CSV … IN TRANSACTIONS", "0.15x (M)", _load_csv),
    Target("Neo4j projection at L <= 20 s", "169.3 s (L-100k)", _projection),
    Target("`samspill clusters` end to end <= 1.5x pandas + igraph multilevel on R", "6.2 s against 2.8 s (2.2x)",
           _against_pandas),
    Target("Leiden's modularity >= Louvain's (R)", "no Leiden", _leiden),
]


def rows(runs: Runs) -> list[str]:
    lines = ["| target | before | now | met |", "|---|---|---|---|"]
    for t in TARGETS:
        now, met = t.after(runs)
        lines.append(f"| {t.goal} | {t.before} | {now} | {'–' if met is None else 'yes' if met else 'no'} |")
    return lines
