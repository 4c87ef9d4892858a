"""Auth is never ignored: every operation that needs an editor key is in the access matrix, and
schemathesis's cases for each of them, whatever their parameters and bodies, answer 401
without a key and 403 with a reader's."""

from __future__ import annotations

import re

import schemathesis
from access_matrix import WRITES
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph.store import GraphStore

OPEN = {("POST", "/api/stories")}  # anyone may submit a story (rate-limited, kept pending)


def _keyed(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    paths = app.openapi()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item
                  if (method != "get" or path == "/api/stories") and (method.upper(), path) not in OPEN)


def test_the_access_matrix_covers_every_operation_that_needs_a_key(seeded: GraphStore) -> None:
    keyed = _keyed(create_app(lambda: seeded, Settings()))
    assert len(keyed) >= 10
    for method, template in keyed:
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
        assert any(m == method and pattern.match(p) for m, p, _ in WRITES), f"{method} {template} is not in the matrix"


def test_generated_requests_never_pass_without_an_editor_key(seeded: GraphStore) -> None:
    secret, _ = create_key(seeded, "reader", KeyRole.READER)
    app = create_app(lambda: seeded, Settings(stories_per_minute=1_000_000))
    keyed = set(_keyed(app))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [op for op in (r.ok() for r in schema.get_all_operations()) if (op.method.upper(), op.path) in keyed]
    assert len(operations) == len(keyed)
    for operation in operations:
        for headers, expected in (({}, 401), ({"Authorization": "Bearer samspill_not_a_key"}, 401),
                                  ({"Authorization": f"Bearer {secret}"}, 403)):
            _refused(operation, headers, expected)


def _refused(operation, headers: dict[str, str], expected: int) -> None:  # type: ignore[no-untyped-def]
    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def refused(case) -> None:  # type: ignore[no-untyped-def]
        answer = case.call(headers=headers)
        assert answer.status_code == expected, (case.method, case.formatted_path, answer.status_code)

    refused()
