"""The small things an analyst trips over: short forms, a search with no hits, Escape, file
names, what a PNG says, names for the canvas and the charts' place on the page."""

from __future__ import annotations

import struct
from pathlib import Path

from browser.pages import ready, settled


def test_a_short_form_finds_the_body_it_stands_for(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    page.fill("#search", "UiO")
    page.wait_for_selector("#suggestions li[data-id='uio']")
    page.fill("#search", "")
    page.fill("#search", "Kommunesektorens")  # KS by what its letters stand for
    page.wait_for_selector("#suggestions li[data-id='ks']")


def test_a_search_with_no_hits_says_so(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    page.fill("#search", "Ingen slik aktør")
    page.wait_for_selector("#search-note:not([hidden])")
    assert page.inner_text("#search-note") == "Nothing matches “Ingen slik aktør”"
    assert page.is_hidden("#suggestions")
    page.keyboard.press("Escape")
    assert page.is_hidden("#search-note")


def test_escape_closes_the_export_menu(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    page.click("#export-menu summary")
    assert page.is_visible("[data-export=png]")
    page.keyboard.press("Escape")
    assert page.is_hidden("[data-export=png]")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"


def test_exports_are_named_for_what_they_show(page, served) -> None:
    ready(page, served.url + "/?focus=ks&lang=en")
    for fmt in ("png", "graphml", "json"):
        page.click("#export-menu summary")
        with page.expect_download() as download:
            page.click(f"[data-export={fmt}]")
        name = download.value.suggested_filename
        assert name.startswith("samspill-ks-") and name.endswith(f".{fmt}"), name
    ready(page, served.url + "/?from=difi&to=ks&path=difi,ks&lang=en")
    page.click("#export-menu summary")
    with page.expect_download() as download:
        page.click("[data-export=gexf]")
    assert download.value.suggested_filename.startswith("samspill-path-difi-ks-")


def test_the_png_carries_a_caption_and_the_legend_below_the_drawing(page, served) -> None:
    ready(page, served.url + "/?focus=ks&lang=en")
    canvas = page.evaluate("() => [window.__samspill.network.canvas.frame.canvas.width, "
                           "window.__samspill.network.canvas.frame.canvas.height]")
    page.click("#export-menu summary")
    with page.expect_download() as download:
        page.click("[data-export=png]")
    head = Path(download.value.path()).read_bytes()[:24]
    width, height = struct.unpack(">II", head[16:24])  # the PNG's IHDR
    assert width == canvas[0] and height > canvas[1] + 30  # room for the caption and the legend


def test_the_canvas_has_a_name_and_the_charts_sit_in_a_landmark(page, served) -> None:
    ready(page, served.url + "/?focus=ks&lang=en")
    settled(page)
    assert page.get_attribute("#graph canvas", "aria-label").startswith("The collaboration network:")
    assert page.evaluate("() => !!document.getElementById('chart-county').closest('main')")
    assert page.evaluate("() => document.querySelector('.activity').getAttribute('aria-labelledby')") == "activity-title"


def test_the_page_allows_no_inline_script(page, served) -> None:
    response = page.goto(served.url + "/")
    policy = response.headers["content-security-policy"]
    scripts = policy.split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    page.wait_for_selector("body[data-ready='1']")
    # An inline script put into the page does not run.
    ran = page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                                   document.body.append(s); return window.__ran === 1; }""")
    assert ran is False
    page.watch.errors.clear()  # the refusal Chromium reports
