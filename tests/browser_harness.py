"""Chromium and a served app, shared by the browser tests and the view benchmark
(`python -m bench views`): the same browser, flags and server in both."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn
from neo4j_server import free_port

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright downloads no browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def serve(store: GraphStore, settings: Settings | None = None) -> Iterator[str]:
    """The app over `store` on a free port of 127.0.0.1, in a thread, while the caller iterates."""
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: store, settings or Settings()), host="127.0.0.1",
                                           port=free_port(), log_level="warning", proxy_headers=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def visit(page, url: str, timeout_ms: int = 120_000) -> dict[str, int]:
    """Open the explorer (or a view file) and wait until its view is interactive: the time
    from asking for the view, and from the start of the page load (both in ms)."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=timeout_ms)
    return {k: int(page.get_attribute("body", f"data-{k}-ms")) for k in ("draw", "interactive")}
