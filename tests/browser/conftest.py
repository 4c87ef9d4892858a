"""A real headless Chromium against the app served on 127.0.0.1 over a seeded embedded store.

Chromium is Debian's (`/usr/bin/chromium`, installed by `make test` when missing), driven by
Playwright. Without it these tests fail under CI=true and are skipped elsewhere. Every page a
test opens is watched: a console error, an uncaught exception, a dialog (what an injected
script would open) or a request leaving 127.0.0.1 fails the test. Screenshots land in
`tests/browser/artifacts/`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_harness import serve
from conftest import emptied, make_neo4j_store

from graph.model import STORED, Actor, Initiative, Relationship, Source
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from ingest.seeds import load_seeds

ARTIFACTS = Path(__file__).parent / "artifacts"

# Names that would run script if any of them reached the page as HTML.
XSS_NAMES = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>', "<a href=javascript:alert(3)>href</a>"]


def hostile(store: GraphStore) -> None:
    """Actors named like injected HTML, working with KS (so they are drawn beside it)."""
    # A javascript: URL is refused now; a store may still hold one an earlier version took.
    source = Source.model_validate({"title": "<img src=y onerror=alert(6)>", "url": "javascript:alert(7)"}, context=STORED)
    store.upsert_actors([Actor(id=f"xss-{k}", name=name, kind="other", aliases=(name + " alias",),
                               website="javascript:alert(4)", sources=(source,))
                         for k, name in enumerate(XSS_NAMES)])
    store.upsert_initiatives([Initiative(id="xss-meeting", title='<svg onload=alert(5)> "href" møte', kind="meeting",
                                         start=dt.date(2016, 3, 1), themes=("<b>tema</b>",))])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="xss-meeting")
                                for a in ("ks", "xss-0", "xss-1", "xss-2")])


def dated(store: GraphStore) -> None:
    """A few dated, placed meetings (the seeds' source gives no dates or places), made up for
    these tests: Bergen, Stavanger and KS in Vestland and Rogaland, 2018-2021 (Bergen and KS at
    six), and the
    University of Oslo at one of them."""
    meetings = [("m-bergen-2019", "Velferdsteknologi-verkstad", "4601", dt.date(2019, 5, 1), ("kommune-4601", "ks")),
                ("m-bergen-2020", "Innovasjonsnettverk Vest", "4601", dt.date(2020, 9, 1),
                 ("kommune-4601", "kommune-1103", "ks")),
                ("m-stavanger-2021", "Smartby-møte", "1103", dt.date(2021, 2, 1), ("kommune-1103", "ks")),
                *((f"m-dialog-{n}", f"Dialogmøte {n}", "4601", dt.date(2018, n, 10), ("kommune-4601", "ks"))
                  for n in range(1, 5))]
    store.upsert_initiatives([Initiative(id=i, title=title, kind="meeting", kommunenummer=place, start=start,
                                         themes=("innovasjon",)) for i, title, place, start, _ in meetings])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=i)
                                for i, _, _, _, actors in meetings for a in actors])
    # As a funder's register names it, with no alias: "UiO" must find it all the same.
    store.upsert_actors([Actor(id="uio", name="UNIVERSITETET I OSLO", kind="academia", orgnr="971035854")])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source="uio", target="m-bergen-2020")])


@dataclass
class Served:
    url: str
    store: GraphStore


@pytest.fixture(scope="module", params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app over the same data in each engine: the explorer must show the same on both.
    Module-scoped, so no test of another module (which may empty Neo4j) runs in between."""
    if request.param == "sqlite":
        store: GraphStore = SQLiteStore(tmp_path_factory.mktemp("explorer") / "samspill.db")
        store.open()
    else:
        store = make_neo4j_store(request.getfixturevalue("neo4j_uri"))
        store.open()
        emptied(store)
    load_seeds(store)
    hostile(store)
    dated(store)
    for url in serve(store):
        yield Served(url=url, store=store)
    store.close()


@dataclass
class Watch:
    """What a page did that it must not: console errors, exceptions, dialogs, requests away."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    away: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        assert self.away == [], f"requests left 127.0.0.1: {self.away}"
        assert self.errors == [], f"console errors: {self.errors}"


def watched(context) -> tuple[object, Watch]:
    watch = Watch()

    def route(r) -> None:
        url = urlparse(r.request.url)
        if url.scheme in ("data", "blob") or (url.scheme in ("http", "https", "ws") and url.hostname == "127.0.0.1") \
                or url.scheme == "file":
            r.continue_()
        else:
            watch.away.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))

    def dialog(d) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return page, watch


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    opened, watch = watched(context)
    opened.watch = watch
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    watch.assert_clean()
