"""Every HTML page the server gives (the explorer in both languages, the API docs) carries
nosniff, a Referrer-Policy and a Content-Security-Policy that loads nothing from another origin.
(Standalone view files carry their own policy: tests/viz/test_page.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore

HTML_PAGES = ["/", "/?lang=en", "/docs"]


@pytest.fixture
def client(seeded: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: seeded, Settings())) as test_client:
        yield test_client


def _allows_no_other_origin(policy: str) -> bool:
    sources = " ".join(directive.split(" ", 1)[1] for directive in policy.split(";") if " " in directive.strip())
    return not re.search(r"https?:|\*|//", sources)


def test_every_html_answer_carries_the_security_headers(client: TestClient) -> None:
    pages = [client.get(path) for path in HTML_PAGES]
    for page in pages:
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), page.request.url
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert _allows_no_other_origin(page.headers["content-security-policy"]), page.headers["content-security-policy"]
