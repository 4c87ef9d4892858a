"""The explorer never shows a partial answer as whole: charts follow every filter, a cut list
says how much was cut, counts equal the API's, and paths are listed hop by hop."""

from __future__ import annotations

import json
from urllib.request import urlopen

from browser.pages import details_name, query, ready, settled


def api(served, path: str):
    with urlopen(served.url + path) as response:
        return json.loads(response.read())


def chart(page, list_id: str) -> dict[str, str]:
    return dict(page.eval_on_selector_all(f"#{list_id} button", "bs => bs.map(b => [b.dataset.key, b.textContent])"))


def test_the_charts_follow_the_county_and_year_filters(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    settled(page)
    everything = chart(page, "chart-year")
    ready(page, served.url + "/?lang=en&county=46&since=2019-01-01&until=2020-12-31")
    settled(page)
    wanted = api(served, "/api/hotspots?by=year&county=46&since=2019-01-01&until=2020-12-31")
    assert sorted(chart(page, "chart-year")) == [h["key"] for h in wanted] == ["2019", "2020"]
    assert chart(page, "chart-year") != everything
    counties = api(served, "/api/hotspots?by=county&county=46&since=2019-01-01&until=2020-12-31")
    assert page.get_attribute("#chart-county", "data-total") == str(sum(h["initiatives"] for h in counties))


def test_the_charts_follow_the_actor_kind_theme_and_minimum_weight(page, served) -> None:
    # Only the University of Oslo is academia: one meeting, in 2020.
    ready(page, served.url + "/?lang=en&actor_kind=academia")
    settled(page)
    assert list(chart(page, "chart-year")) == ["2020"]
    ready(page, served.url + "/?lang=en&theme=innovasjon&min_weight=1")
    settled(page)
    wanted = api(served, "/api/hotspots?by=year&theme=innovasjon&min_weight=1")
    assert list(chart(page, "chart-year")) == [h["key"] for h in wanted]
    assert wanted and wanted != api(served, "/api/hotspots?by=year")


def test_a_chart_click_sets_the_matching_control_and_marks_the_bar(page, served) -> None:
    ready(page, served.url + "/?lang=en")
    settled(page)
    bar = page.locator("#chart-county [data-testid=county-bar][data-key='46']")
    bar.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('county') === '46'")
    settled(page)
    assert page.input_value("#f-county") == "46"
    assert page.get_attribute("#chart-county [data-testid=county-bar][data-key='46']", "aria-pressed") == "true"
    page.locator("#chart-year [data-testid=year-column][data-key='2019']").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('since') === '2019-01-01'")
    settled(page)
    assert query(page)["until"] == "2019-12-31"
    assert page.input_value("#f-from") == "2019" and page.input_value("#f-to") == "2019"
    assert page.get_attribute("#chart-year [data-testid=year-column][data-key='2019']", "aria-pressed") == "true"


def test_a_cut_list_of_collaborators_says_how_many_and_shows_all_on_asking(page, served) -> None:
    total = api(served, "/api/actors/difi/collaborators?limit=1")["total"]
    assert total > 10
    ready(page, served.url + "/?focus=difi&lang=en")
    settled(page)
    assert page.inner_text("[data-testid=collaborators-total]") == f"10 of {total}"
    assert page.locator("#details-body [data-testid=collaborator]").count() == 10
    page.click("[data-testid=show-all]")
    page.wait_for_function(f"() => document.querySelectorAll('#details-body [data-testid=collaborator]').length === {total}")
    assert page.inner_text("[data-testid=collaborators-total]") == f"{total} of {total}"


def test_evidence_left_out_is_counted(page, served) -> None:
    # Bergen and KS share six meetings; three are named, and the other three said.
    ready(page, served.url + "/?focus=ks&lang=en")
    settled(page)
    row = page.locator("#details-body li", has=page.locator("[data-testid=collaborator][data-id='kommune-4601']"))
    assert row.locator(".more").inner_text().strip() == "+3 more initiatives"


def test_the_paths_are_listed_hop_by_hop_with_the_apis_counts(page, served) -> None:
    ready(page, served.url + "/?lang=en&from=difi&to=kommune-4601&path=difi,kommune-4601")
    settled(page)
    answer = api(served, "/api/paths?source=difi&target=kommune-4601&k=3")
    listed = page.locator("#paths [data-testid=path]")
    assert listed.count() == len(answer["paths"]) >= 1
    words = page.inner_text("#paths")
    assert "1 steps" not in words and "1 more initiatives" not in words  # the singular where one is meant
    for k, path in enumerate(answer["paths"]):
        hops = listed.nth(k).locator("[data-testid=hop]")
        assert hops.count() == len(path["hops"])
        for h, hop in enumerate(path["hops"]):
            shared = sum(1 for e in hop["evidence"] if e["initiative_id"]) + hop["more_evidence"]
            assert hops.nth(h).get_attribute("data-initiatives") == str(shared)
    # The drawing's ties say the same counts as the list.
    best = answer["paths"][0]["hops"]
    drawn = page.evaluate("() => window.__samspill.edges.get().filter(e => e.on_path).map(e => e.title)")
    ks_bergen = next(h for h in best if {h["source"], h["target"]} == {"ks", "kommune-4601"})
    assert f"{ks_bergen['more_evidence'] + 3} shared initiatives" in " ".join(drawn)


def test_the_best_path_has_a_colour_no_other_highlight_uses_and_fits_the_view(page, served) -> None:
    ready(page, served.url + "/?lang=en&from=difi&to=kommune-4601&path=difi,kommune-4601")
    settled(page)
    colours = page.evaluate("""() => {
        const s = window.__samspill;
        return { path: s.edges.get().filter(e => e.on_path).map(e => e.color.color),
                 selected: s.network.edgesHandler.options.color.highlight };
    }""")
    assert set(colours["path"]) == {"#e08600"} and colours["selected"] != "#e08600"
    inside = page.evaluate("""() => {
        const s = window.__samspill, box = document.getElementById('graph').getBoundingClientRect();
        return s.nodes.getIds().every(id => {
            const p = s.network.canvasToDOM(s.network.getPositions([id])[id]);
            return p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height;
        });
    }""")
    assert inside


def test_details_show_county_names_and_kinds_in_words(page, served) -> None:
    ready(page, served.url + "/?focus=kommune-4601&lang=en")
    settled(page)
    assert details_name(page) == "Bergen"
    facts = page.inner_text("#details-body dl")
    assert "Vestland" in facts and "\t46" not in facts and "municipality" in facts
    ready(page, served.url + "/?focus=xss-0&lang=nb")
    settled(page)
    assert "annen aktør" in page.inner_text("#details-body dl")


def test_the_charts_follow_a_cluster(page, served) -> None:
    cluster = api(served, "/api/clusters")["clusters"][0]["id"]
    ready(page, served.url + f"/?lang=en&cluster={cluster}")
    settled(page)
    wanted = api(served, f"/api/hotspots?by=county&cluster={cluster}")
    assert page.get_attribute("#chart-county", "data-total") == str(sum(h["initiatives"] for h in wanted))
    assert sorted(chart(page, "chart-county")) == sorted(h["key"] for h in wanted)
