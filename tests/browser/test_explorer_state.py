"""One state behind the explorer: however the focus moves — search, a click on the canvas, a
name in the details, back and forward, a shared link — the details, the address and the graph
show the same actor, and the path finder takes its ends from that state."""

from __future__ import annotations

from browser.pages import details_name, node_ids, query, ready, selected_nodes, settled


def agree(page, served, actor_id: str) -> None:
    """Details, address and graph all on `actor_id`."""
    settled(page)
    name = served.store.get_actor(actor_id).name
    assert details_name(page) == name
    assert query(page).get("focus") == actor_id
    assert actor_id in node_ids(page)
    assert selected_nodes(page) == [actor_id]


def follow(page, actor_id: str) -> None:
    """A click on a collaborator's name in the details, and the focus moved to it."""
    page.click(f"#details-body [data-testid=collaborator][data-id='{actor_id}']")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('focus') === {actor_id!r}")


def click_node(page, node_id: str) -> None:
    where = page.evaluate("""(id) => {
        const s = window.__samspill, p = s.network.getPositions([id])[id];
        const dom = s.network.canvasToDOM(p), box = document.getElementById('graph').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""", node_id)
    page.mouse.click(where["x"], where["y"])


def test_a_search_moves_details_address_and_graph_together(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    agree(page, served, "difi")
    page.fill("#search", "KS")
    page.click("#suggestions li[data-id='ks']")
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'ks'")
    agree(page, served, "ks")


def test_a_name_in_the_details_moves_the_focus_and_the_details(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    agree(page, served, "difi")
    follow(page, "ks")
    agree(page, served, "ks")


def test_a_click_on_the_canvas_selects_without_moving_the_focus(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    settled(page)
    page.wait_for_timeout(300)  # physics settled: the node is where it is drawn
    click_node(page, "ks")
    page.wait_for_function("() => new URLSearchParams(location.search).get('sel') === 'ks'")
    settled(page)
    assert details_name(page) == "KS"
    assert selected_nodes(page) == ["ks"]
    assert query(page)["focus"] == "difi"  # the view stays; the details follow the selection
    page.click("#details-body [data-testid=focus-here]")
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'ks'")
    assert "sel" not in query(page)
    agree(page, served, "ks")


def test_back_and_forward_bring_back_each_focus_whole(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    agree(page, served, "difi")
    follow(page, "ks")
    agree(page, served, "ks")
    ks_nodes = node_ids(page)
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'difi'")
    agree(page, served, "difi")
    page.go_forward()
    page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'ks'")
    agree(page, served, "ks")
    assert node_ids(page) == ks_nodes


def test_a_shared_link_opens_on_the_same_focus_selection_and_filters(page, served) -> None:
    ready(page, served.url + "/?focus=ks&depth=2&sel=difi&actor_kind=state_agency&colour=kind&lang=en")
    settled(page)
    assert details_name(page) == "Difi"
    assert selected_nodes(page) == ["difi"]
    assert page.input_value("#f-actor_kind") == "state_agency"
    assert page.input_value("#f-colour") == "kind"
    assert page.input_value("#f-depth") == "2"
    assert query(page)["focus"] == "ks"


def test_the_path_ends_come_from_the_state_and_keep_their_names_after_a_reload(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    settled(page)
    page.click("#details-body [data-testid=path-from]")
    page.wait_for_function("() => new URLSearchParams(location.search).get('from') === 'difi'")
    # Moving the focus by a name in the details: the other end is the actor now shown.
    follow(page, "ks")
    settled(page)
    assert details_name(page) == "KS"
    page.click("#details-body [data-testid=path-to]")
    page.wait_for_function("() => new URLSearchParams(location.search).get('to') === 'ks'")
    page.click("#path-go")
    page.wait_for_function("() => new URLSearchParams(location.search).get('path') === 'difi,ks'")
    settled(page)
    assert page.inner_text("#path-from") == "Difi" and page.inner_text("#path-to") == "KS"
    page.reload()
    settled(page)
    page.wait_for_function("() => document.getElementById('path-from').textContent === 'Difi'")
    assert page.inner_text("#path-to") == "KS"  # names, never the raw ids
    assert page.locator("#paths [data-testid=path]").count() >= 1


def test_one_actor_as_both_ends_is_refused_before_asking(page, served) -> None:
    ready(page, served.url + "/?focus=ks&from=ks&to=ks&lang=en")
    settled(page)
    assert page.is_disabled("#path-go")
    assert page.inner_text("#path-note") == "Choose two different actors"


def test_switching_language_redraws_the_open_details(page, served) -> None:
    ready(page, served.url + "/?focus=difi&lang=en")
    settled(page)
    assert "Collaborates with" in page.inner_text("#details-body")
    page.select_option("#lang", "nb")
    page.wait_for_function("() => document.getElementById('details-body').innerText.includes('Samarbeider med')")
    assert "Actor kind" not in page.inner_text("#details-body")
    assert "Aktørtype" in page.inner_text("#details-body")


def test_reset_clears_focus_selection_filters_and_path_but_keeps_the_language(page, served) -> None:
    ready(page, served.url + "/?focus=ks&sel=difi&depth=2&actor_kind=state_agency&from=difi&to=ks&lang=nb")
    settled(page)
    page.click("#reset")
    page.wait_for_function("() => location.search === '?lang=nb'")
    settled(page)
    assert page.input_value("#f-actor_kind") == "" and page.input_value("#f-depth") == "1"
    assert page.inner_text("#path-from") == "–" and page.is_disabled("#path-go")
    assert page.get_attribute("#details-body", "data-id") is None
    assert page.inner_text("#details-body") == "Velg en node, et navn eller et søketreff for å se detaljer."
