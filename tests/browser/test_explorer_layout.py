"""On a desk (1600×1000) and on a phone (390×844): everything reachable, nothing laid out wider
than the screen, and no serious accessibility issue (axe-core, vendored, run in the page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.conftest import ARTIFACTS, watched
from browser.pages import details_name, ready, settled

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DESK, PHONE = {"width": 1600, "height": 1000}, {"width": 390, "height": 844}


@pytest.fixture(params=["desk", "phone"])
def sized(browser, request: pytest.FixtureRequest):
    # Without the page's CSP only so axe, injected by the test, may run: the page is unchanged.
    context = browser.new_context(viewport=DESK if request.param == "desk" else PHONE, bypass_csp=True,
                                  is_mobile=request.param == "phone", has_touch=request.param == "phone")
    page, watch = watched(context)
    page.size = request.param
    yield page
    context.close()
    watch.assert_clean()


def box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def within(page, selector: str) -> bool:
    b, width, height = box(page, selector), page.viewport_size["width"], page.viewport_size["height"]
    return b is not None and b["x"] >= 0 and b["x"] + b["width"] <= width + 0.5 and b["y"] + b["height"] <= height


def test_nothing_is_wider_than_the_screen_and_the_main_controls_are_on_it(sized, served) -> None:
    ready(sized, served.url + "/?focus=ks&lang=nb")
    settled(sized)
    width = sized.viewport_size["width"]
    assert sized.evaluate("() => document.documentElement.scrollWidth") <= width
    for control in ("#search", "#export-menu summary", "#lang", "#share", "#mode-network", "#mode-clusters"):
        assert within(sized, control), control
    assert box(sized, "#search")["height"] >= (40 if sized.size == "phone" else 30)
    graph, details = box(sized, ".canvas-box"), box(sized, "#details")
    assert graph["height"] >= 300 and graph["width"] >= width * (0.95 if sized.size == "phone" else 0.5)
    # The details beside the graph on a desk, below it on a phone: never drawn over it.
    overlap = not (details["x"] >= graph["x"] + graph["width"] or details["y"] >= graph["y"] + graph["height"])
    assert not overlap
    if sized.size == "desk":  # the legend and the path finder above the fold
        for control in ("#legend", "#path-go"):
            assert within(sized, control), control
    ARTIFACTS.mkdir(exist_ok=True)
    sized.screenshot(path=str(ARTIFACTS / f"explorer-{sized.size}.png"))


def test_on_a_phone_the_filters_open_in_a_drawer_and_close_with_escape(sized, served) -> None:
    if sized.size == "desk":
        ready(sized, served.url + "/?lang=en")
        assert not sized.is_visible("#filters-toggle") and sized.is_visible("#f-actor_kind")
        return
    ready(sized, served.url + "/?focus=ks&lang=en")
    settled(sized)
    assert not sized.is_visible("#f-actor_kind")
    sized.click("#filters-toggle")
    sized.wait_for_selector("#f-actor_kind", state="visible")
    assert within(sized, "#filters") and sized.get_attribute("#filters-toggle", "aria-expanded") == "true"
    sized.select_option("#f-actor_kind", "municipality")
    sized.wait_for_function("() => new URLSearchParams(location.search).get('actor_kind') === 'municipality'")
    sized.keyboard.press("Escape")
    sized.wait_for_selector("#f-actor_kind", state="hidden")
    assert sized.evaluate("() => document.activeElement.id") == "filters-toggle"
    settled(sized)
    assert details_name(sized) == "KS"


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("view", ["/?focus=ks&sel=kommune-4601", "/?from=difi&to=kommune-4601&path=difi,kommune-4601",
                                  "/?overview=true", "/?focus=ks&lang=en"])
def test_axe_finds_no_serious_or_critical_issue(sized, served, view: str) -> None:
    ready(sized, served.url + view)
    settled(sized)
    sized.click("#drawn summary")
    assert axe(sized) == []


def test_the_graph_has_a_text_alternative_reachable_by_keyboard(sized, served) -> None:
    ready(sized, served.url + "/?focus=difi&lang=en")
    settled(sized)
    label = sized.get_attribute("#graph canvas", "aria-label")
    nodes = int(sized.get_attribute("#status", "data-nodes"))
    assert label and f"{nodes} nodes" in label
    assert sized.locator("#drawn-list [data-testid=drawn-node]").count() == nodes
    assert sized.inner_text("#drawn-count") == f"({nodes} of {nodes})"
    sized.click("#drawn summary")
    sized.keyboard.press("Tab")
    sized.keyboard.press("Tab")  # by keyboard alone, to the second node listed
    active = sized.evaluate("() => [document.activeElement.dataset.testid, document.activeElement.dataset.id, "
                            "getComputedStyle(document.activeElement).outlineStyle]")
    assert active[0] == "drawn-node" and active[2] != "none"  # the focus is visible
    chosen = active[1]
    sized.keyboard.press("Enter")
    sized.wait_for_function(f"() => new URLSearchParams(location.search).get('sel') === {chosen!r}")
    settled(sized)
    assert sized.evaluate("() => window.__samspill.network.getSelectedNodes()") == [chosen]
    assert details_name(sized) == served.store.get_actor(chosen).name
