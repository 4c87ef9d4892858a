"""Hot spots, counted by hand on the contract example, on both stores."""

from __future__ import annotations

import datetime as dt

import pytest
from contract import example

from graph.analytics.hotspots import HotspotBy, hotspots
from graph.model import Initiative, Relationship
from graph.store import ActivityFilters, GraphStore


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    people = {"oslo": 700_000, "bergen": 290_000}  # Tromsø's population left unknown
    store.upsert_actors([a.model_copy(update={"population": people[a.id]}) for a in example.ACTORS if a.id in people])
    return store


def test_counties_per_inhabitant_busiest_first_unknown_populations_last(loaded: GraphStore) -> None:
    spots = hotspots(loaded, HotspotBy.COUNTY, per_capita=True)
    assert [(s.key, s.name, s.initiatives, s.actors, s.population) for s in spots] == [
        ("46", None, 2, 1, 290_000), ("03", "Oslo", 2, 1, 700_000), ("55", None, 1, 1, None)]
    assert spots[0].initiatives_per_10k == pytest.approx(2 * 10_000 / 290_000, abs=1e-4)
    assert spots[1].actors_per_10k == pytest.approx(10_000 / 700_000, abs=1e-4)
    assert spots[2].initiatives_per_10k is None


def test_municipalities_by_count_carry_their_names(loaded: GraphStore) -> None:
    spots = hotspots(loaded, HotspotBy.MUNICIPALITY)
    assert [(s.key, s.name, s.initiatives) for s in spots] == [("0301", "Oslo", 2), ("4601", "Bergen", 2), ("5501", "Tromsø", 1)]


def test_months_in_order_with_the_change_from_the_month_before(loaded: GraphStore) -> None:
    spots = hotspots(loaded, HotspotBy.MONTH)
    assert [(s.key, s.initiatives, s.change) for s in spots] == [("2016-01", 1, 1), ("2018-06", 1, 1)]


def test_themes_and_filters_pass_through(loaded: GraphStore) -> None:
    assert [(s.key, s.initiatives) for s in hotspots(loaded, HotspotBy.THEME)] == [("innovasjon", 1), ("velferdsteknologi", 1)]
    # From 2018 only the 2018 conference counts: one initiative in each county it drew from.
    since_2018 = hotspots(loaded, HotspotBy.COUNTY, ActivityFilters(since=dt.date(2018, 1, 1)))
    assert [(s.key, s.initiatives) for s in since_2018] == [("03", 1), ("46", 1), ("55", 1)]


def test_years_in_order_with_the_change_from_the_year_before(loaded: GraphStore) -> None:
    loaded.upsert_initiatives([Initiative(id=f"seminar-{n}", title=f"Seminar {n}", kind="workshop",
                                          start=dt.date(2017, 9, n)) for n in (1, 2)])
    loaded.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target=f"seminar-{n}")
                                 for n in (1, 2) for a in ("ks", "difi", "nesta")])
    spots = hotspots(loaded, HotspotBy.YEAR)
    assert [(s.key, s.initiatives, s.actors, s.change) for s in spots] == [
        ("2016", 1, 2, 1), ("2017", 2, 3, 1), ("2018", 1, 5, -1)]
