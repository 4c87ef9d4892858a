"""Standalone view files open offline from disk; a 5,000-node view is drawn laid out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser.conftest import ARTIFACTS, XSS_NAMES, watched
from browser_harness import serve, visit
from conftest import neo4j_env
from typer.testing import CliRunner

from bench.generate import generate
from cli import app
from graph.sqlite_store import SQLiteStore
from ingest.importer import ImportOptions, run_import
from viz.view import ViewQuery, build_view


def open_offline(browser, path: Path):
    """A page in a context where every request but the file itself is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    page, watch = watched(context)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    return context, page, watch


@pytest.fixture
def store_args(served, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CLI pointed at the served store: its file, or the Neo4j it is on."""
    for name in ("NEO4J_URI", "SAMSPILL_DB"):
        monkeypatch.delenv(name, raising=False)
    if isinstance(served.store, SQLiteStore):
        return ["--db", str(served.store.path)]
    for name, value in neo4j_env(served.store.uri).items():
        monkeypatch.setenv(name, value)
    return []


def test_the_exported_standalone_file_renders_offline(browser, served, store_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "ks.html"
    result = CliRunner().invoke(app, [*store_args, "viz", "--focus", "KS", "--depth", "2",
                                      "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    context, page, watch = open_offline(browser, out)
    try:
        nodes = int(page.get_attribute("#status", "data-nodes"))
        assert nodes == len(build_view(served.store, ViewQuery(focus="ks", depth=2)).nodes) > 1
        assert page.locator("#legend li").count() >= 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "standalone.png"))
    finally:
        context.close()
    watch.assert_clean()


def test_a_standalone_file_keeps_html_shaped_names_as_text(browser, store_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "xss.html"
    result = CliRunner().invoke(app, [*store_args, "viz", "--focus", "xss-meeting",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for name in XSS_NAMES:
        assert name not in html  # only ever inside escaped JSON
    context, page, watch = open_offline(browser, out)
    try:
        labels = page.evaluate("() => JSON.parse(document.getElementById('view').textContent).vis.nodes.map(n => n.label)")
        assert set(XSS_NAMES) <= set(labels)
        assert page.locator("img, svg, iframe").count() == 0
    finally:
        context.close()
    watch.assert_clean()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    """Synthetic data from the benchmark generator, about 5,000 collaborating actors."""
    folder = tmp_path_factory.mktemp("large")
    data = generate(45_000, folder / "data", actors=40_000)  # 4,815 of them with a tie
    store = SQLiteStore(folder / "large.db")
    store.open()
    report = run_import(store, [data.actors, data.initiatives, data.participation], ImportOptions())
    assert not report.errors
    for url in serve(store):
        yield url, store
    store.close()


def test_a_5000_node_view_renders_laid_out(browser, large) -> None:
    url, _ = large
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page, watch = watched(context)
    timings = {}
    try:
        for time in ("first", "again"):  # the first builds and lays the view out; the server keeps it
            timings[time] = visit(page, url + "/?lang=en")
        nodes, edges = (int(page.get_attribute("#status", f"data-{k}")) for k in ("nodes", "edges"))
        laid = page.evaluate("() => window.__samspill.nodes.get().every(n => n.x !== undefined)")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "large.png"))
        record = {"nodes": nodes, "edges": edges, **timings}
        (ARTIFACTS / "large.json").write_text(json.dumps(record))
        print(f"\n5,000-node view: {record}")
        assert 4_500 <= nodes <= 5_000 and laid
    finally:
        context.close()
    watch.assert_clean()
