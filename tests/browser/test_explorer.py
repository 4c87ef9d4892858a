"""The explorer in a real browser: find KS, see who it works with, filter, follow a path,
switch to clusters, share the link, export a file that opens offline."""

from __future__ import annotations

from pathlib import Path

from browser.conftest import ARTIFACTS, XSS_NAMES
from browser.pages import drawn, node_ids, ready, settled
from browser_harness import serve

from graph.sqlite_store import SQLiteStore
from ingest.importer import ImportOptions, run_import
from ingest.mapping import load_mapping
from ingest.seeds import load_seeds


def test_the_page_loads_offline_with_no_errors(page, served) -> None:
    ready(page, served.url + "/")
    assert page.title().startswith("Samspill")
    assert drawn(page)[0] > 0
    page.watch.assert_clean()


def test_search_then_focus_shows_the_neighbours(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    page.fill("#search", "KS")
    page.wait_for_selector("#suggestions li[data-id='ks']")
    page.click("#suggestions li[data-id='ks']")
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'ks'")
    page.wait_for_selector("body[data-ready='1']")
    expected = {c.id for c in served.store.collaborators("ks", limit=500)} | {"ks"}
    assert node_ids(page) == expected
    page.wait_for_selector("#details-body .name")
    assert page.inner_text("#details-body .name") == "KS"
    assert page.locator("#details-body [data-testid=collaborator]").count() == len(expected) - 1


def test_a_filter_changes_the_drawn_node_count(page, served) -> None:
    ready(page, served.url + "/?focus=ks&depth=2")
    before = drawn(page)[0]
    page.select_option("#f-actor_kind", "other")
    page.wait_for_function(f"() => document.querySelector('#status').dataset.nodes !== '{before}'")
    page.wait_for_selector("body[data-ready='1']")
    after = node_ids(page)
    assert 1 < len(after) < before
    kinds = page.evaluate("() => window.__samspill.nodes.get().filter(n => n.id !== 'ks').map(n => n.kind)")
    assert set(kinds) == {"other"}
    assert "actor_kind=other" in page.url


def test_the_path_view_highlights_the_right_path(page, served) -> None:
    ready(page, served.url + "/?focus=xss-0&depth=2")
    page.evaluate("() => window.__samspill.select('xss-0')")
    page.click("#details-body [data-testid=path-from]")
    page.evaluate("() => window.__samspill.select('ks')")
    page.wait_for_selector("#details-body [data-testid=path-to]")
    page.click("#details-body [data-testid=path-to]")
    page.click("#path-go")
    page.wait_for_function("() => new URLSearchParams(location.search).get('path') === 'xss-0,ks'")
    page.wait_for_selector("body[data-ready='1']")
    on_path = page.evaluate("() => window.__samspill.edges.get().filter(e => e.on_path).map(e => [e.from, e.to])")
    # xss-0 and KS share one meeting: the path runs through it.
    assert sorted(tuple(sorted(e)) for e in on_path) == [("ks", "xss-meeting"), ("xss-0", "xss-meeting")]


def test_names_shaped_like_html_stay_text_everywhere(page, served) -> None:
    ready(page, served.url + "/?focus=xss-meeting&lang=en")
    labels = page.evaluate("() => window.__samspill.nodes.get().map(n => n.label)")
    assert set(XSS_NAMES) <= set(labels)
    for k in range(len(XSS_NAMES)):  # tooltips, details panel
        page.evaluate(f"() => window.__samspill.select('xss-{k}')")
        page.wait_for_function(f"() => document.querySelector('#details-body .name')?.textContent === {XSS_NAMES[k]!r}")
        assert page.locator("#details-body a[href^='javascript']").count() == 0
    page.evaluate("() => window.__samspill.select('xss-meeting')")
    page.wait_for_selector("#details-body dl")
    page.fill("#search", "img src")  # suggestions
    page.wait_for_selector("#suggestions li")
    assert page.locator("#suggestions img, #details-body img, #details-body script, #legend img").count() == 0
    page.mouse.move(10, 10)
    page.watch.assert_clean()  # no dialog opened


def test_a_tooltip_shows_an_html_shaped_name_as_text(page, served) -> None:
    ready(page, served.url + "/?focus=xss-0&lang=en")
    where = page.evaluate("""() => {
        const s = window.__samspill, p = s.network.getPositions(['xss-0'])['xss-0'];
        const dom = s.network.canvasToDOM(p), box = document.getElementById('graph').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.move(where["x"], where["y"])
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.inner_text().splitlines()[0] == XSS_NAMES[0]
    assert page.locator("div.vis-tooltip :not(br)").count() == 0  # text: innerText makes line breaks only
    page.watch.assert_clean()


def test_a_shared_url_reopens_the_same_view(page, served, browser) -> None:
    ready(page, served.url + "/?lang=en")
    page.fill("#search", "KS")
    page.click("#suggestions li[data-id='ks']")
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'ks'")
    page.select_option("#f-depth", "2")
    page.select_option("#f-colour", "kind")
    page.wait_for_function("() => location.search.includes('colour=kind') && document.body.dataset.ready === '1'")
    shared, ids = page.url, node_ids(page)
    legend = page.inner_text("#legend")
    other = browser.new_context()
    try:
        reopened = other.new_page()
        ready(reopened, shared)
        assert set(reopened.evaluate("() => window.__samspill.nodes.getIds()")) == ids
        assert reopened.inner_text("#legend") == legend
        assert reopened.input_value("#f-depth") == "2"
    finally:
        other.close()


def test_the_cluster_view_shows_one_node_per_cluster(page, served) -> None:
    ready(page, served.url + "/")
    page.click("#mode-clusters")
    page.wait_for_function("() => location.search.includes('overview=true') && document.body.dataset.ready === '1'")
    types = page.evaluate("() => window.__samspill.nodes.get().map(n => n.type)")
    assert types and set(types) == {"cluster"}
    first = page.evaluate("() => window.__samspill.nodes.get()[0].cluster")
    page.evaluate(f"() => window.__samspill.select('cluster:{first}')")
    page.click("#details-body [data-testid=open-cluster]")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('cluster') === '{first}'")
    page.wait_for_selector("body[data-ready='1']")
    assert set(page.evaluate("() => window.__samspill.nodes.get().map(n => n.cluster)")) == {first}


def test_clicking_a_county_bar_filters_the_graph(page, served) -> None:
    ready(page, served.url + "/")
    bar = page.locator("#chart-county [data-testid=county-bar]").first
    key = bar.get_attribute("data-key")
    bar.click()
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('county') === '{key}'")
    page.wait_for_selector("body[data-ready='1']")
    counties = page.evaluate("() => window.__samspill.nodes.get().map(n => n.county)")
    assert set(counties) <= {key}


def test_the_language_switch_changes_the_interface(page, served) -> None:
    ready(page, served.url + "/")
    assert page.inner_text("#mode-clusters") == "Klynger"
    for lang, word in (("en", "Clusters"), ("nb", "Klynger"), ("nn", "Klynger")):
        page.select_option("#lang", lang)
        page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
        assert page.inner_text("#mode-clusters") == word
        assert page.inner_text("#mode-network") == ("Network" if lang == "en" else "Nettverk")
    page.select_option("#lang", "nb")
    assert "lang=nb" in page.url
    assert page.text_content("#filters-title") == "Filtre"  # Bokmål, where Nynorsk says "Filter"


def test_exports_are_downloaded(page, served) -> None:
    ready(page, served.url + "/?focus=ks")
    for fmt, head in (("png", b"\x89PNG"), ("graphml", b"<?xml"), ("gexf", b"<?xml"), ("json", b"{")):
        page.click("#export-menu summary")
        with page.expect_download() as download:
            page.click(f"[data-export={fmt}]")
        path = download.value.path()
        assert Path(path).read_bytes().startswith(head), fmt


def test_the_readme_screenshot_shows_the_seeded_network(page, tmp_path) -> None:
    # docs/img/explorer.png, explorer-desktop.png and explorer-phone.png are these files,
    # copied: the sourced seeds alone, KS two steps out, Difi selected.
    store = SQLiteStore(tmp_path / "seeds.db")
    store.open()
    load_seeds(store)
    ARTIFACTS.mkdir(exist_ok=True)
    for url in serve(store):
        for name, size, lang in (("explorer", (1440, 900), "en"), ("explorer-desktop", (1600, 1000), "nb"),
                                 ("explorer-phone", (390, 844), "nb")):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            ready(page, url + f"/?focus=ks&depth=2&sel=difi&lang={lang}")
            page.wait_for_selector("#details-body[data-ready='1'] .name")
            assert len(node_ids(page)) > 5
            assert page.is_hidden("#years")  # the seeds' source gives no dates: no year slider
            page.wait_for_timeout(500)  # physics settled
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    store.close()


def test_the_county_chart_after_a_2019_governor_list_shows_the_15_named_counties(page, tmp_path) -> None:
    # docs/img/county-chart.png is this file, copied: a real 2019 list, by municipality number.
    store = SQLiteStore(tmp_path / "governors.db")
    store.open()
    load_seeds(store)
    data = Path(__file__).parents[1] / "ingest" / "data" / "norway"
    report = run_import(store, [data / "county-governors-by-municipality-2019.csv"],
                        ImportOptions(mapping=load_mapping(data / "county-governors.mapping.yaml")))
    assert report.errors == []
    page.set_viewport_size({"width": 1440, "height": 1500})
    for url in serve(store):
        ready(page, url + "/?lang=en")
        page.wait_for_selector("#chart-county [data-testid=county-bar]")
        labels = page.eval_on_selector_all("#chart-county [data-testid=county-bar] .label", "els => els.map(e => e.textContent)")
        assert len(labels) == 15 and not [label for label in labels if label.isdigit() or "(" in label], labels
        assert {"Akershus", "Buskerud", "Østfold", "Vestfold", "Telemark", "Troms", "Finnmark"} <= set(labels)
        # The whole list in the picture (the page shows it in a scrolling box).
        page.locator("#chart-county").evaluate("list => { list.style.maxHeight = 'none'; }")
        page.locator("#chart-county").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#chart-county").locator("xpath=..").screenshot(path=str(ARTIFACTS / "county-chart.png"))
        # A click on a bar of the real list filters by that county, names it in the control
        # and marks the bar; the chart then counts only what the filter leaves.
        page.click("#chart-county [data-testid=county-bar][data-key='46']")
        page.wait_for_function("() => new URLSearchParams(location.search).get('county') === '46'")
        settled(page)
        assert page.eval_on_selector("#f-county", "s => s.options[s.selectedIndex].textContent") == "Vestland"
        assert page.get_attribute("#chart-county [data-key='46']", "aria-pressed") == "true"
        assert {n for n in page.evaluate("() => window.__samspill.nodes.get().map(n => n.county)")} <= {"46"}
    store.close()
