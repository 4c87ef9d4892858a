"""The projection is fetched once per revision and window, whichever form is asked for."""

from __future__ import annotations

import datetime as dt

from contract import example
from counting_store import CountingProjections

from graph.analytics.projection import projection_of, table_of
from graph.model import Initiative, Relationship
from graph.store import GraphStore


def test_the_projection_is_built_once_per_revision_and_window(store: GraphStore) -> None:
    example.load(store)
    counting = CountingProjections(store)
    first = projection_of(counting)
    assert projection_of(counting) is first and counting.projections == 1
    assert table_of(counting).ties == first.number_of_edges() and counting.projections == 1
    windowed = projection_of(counting, since=dt.date(2017, 1, 1))
    assert counting.projections == 2
    assert (first["oslo"]["bergen"]["weight"], windowed["oslo"]["bergen"]["weight"]) == (1.25, 0.25)  # no 2016 project
    store.upsert_initiatives([Initiative(id="ny", title="Ny", kind="meeting")])
    store.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="ny") for a in ("oslo", "nesta")])
    again = projection_of(counting)
    assert counting.projections == 3 and again.has_edge("oslo", "nesta") and not first.has_edge("oslo", "nesta")
