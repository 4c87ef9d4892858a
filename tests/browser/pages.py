"""What the explorer tests ask of a page: wait for it, read what is drawn and what its state is."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def settled(page) -> None:
    """The graph drawn, the details and the charts answered, whatever moved last."""
    page.wait_for_function("""() => document.body.dataset.ready === '1'
        && document.getElementById('details-body').dataset.ready !== '0'
        && document.getElementById('chart-county').dataset.ready === '1'""", timeout=20_000)


def drawn(page) -> tuple[int, int]:
    status = page.locator("#status")
    return int(status.get_attribute("data-nodes")), int(status.get_attribute("data-edges"))


def node_ids(page) -> set[str]:
    return set(page.evaluate("() => window.__samspill.nodes.getIds()"))


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def details_name(page) -> str:
    page.wait_for_selector("#details-body[data-ready='1'] .name")
    return page.inner_text("#details-body .name")


def selected_nodes(page) -> list[str]:
    return page.evaluate("() => window.__samspill.network.getSelectedNodes()")
