"""schemathesis over the whole OpenAPI, with an editor key, on both stores: no server errors,
and every response matches its documented status, content type and schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph.store import GraphStore

EXAMPLES = 15  # per operation and store; CI time is shared with every other test


def test_every_operation_answers_within_its_documented_schema(seeded: GraphStore) -> None:
    secret, _ = create_key(seeded, "schemathesis", KeyRole.EDITOR)
    headers = {"Authorization": f"Bearer {secret}"}
    # Stories are rate-limited per address, and every generated case comes from one.
    app = create_app(lambda: seeded, Settings(stories_per_minute=1_000_000))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def answers_as_documented(case) -> None:
            # Cursors are opaque: no schema can say which strings are ones the server issued,
            # so "schema-valid but rejected" is expected of them and not checked.
            case.call_and_validate(headers=headers, excluded_checks=[checks.positive_data_acceptance])

        answers_as_documented()
