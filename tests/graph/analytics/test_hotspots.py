"""Hot spots, counted by hand on the contract example, on both stores."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from contract import example

from graph.analytics.hotspots import HotspotBy, among_actors, hotspots
from graph.model import Actor, ActorKind, Initiative, Relationship
from graph.store import GraphStore
from graph.store_results import ActivityFilters

REFERENCE = Path(__file__).resolve().parents[3] / "seeds" / "reference" / "municipalities-2024.csv"


def _inhabitants(county: str) -> int:
    """The sum of a county's 2024 municipalities' populations, read from the reference file."""
    with REFERENCE.open(encoding="utf-8") as handle:
        return sum(int(row["population"]) for row in csv.DictReader(handle) if row["fylkesnummer"] == county)


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    # A population held by an actor is not what hot spots divide by: the 2024 reference data is.
    store.upsert_actors([a.model_copy(update={"population": 1}) for a in example.ACTORS if a.id == "oslo"])
    return store


def test_counties_per_inhabitant_divide_by_the_sum_of_their_municipalities(loaded: GraphStore) -> None:
    spots = hotspots(loaded, HotspotBy.COUNTY, per_capita=True)
    people = {county: _inhabitants(county) for county in ("03", "46", "55")}
    expected = sorted([("46", "Vestland", 2, 1), ("03", "Oslo", 2, 1), ("55", "Troms", 1, 1)],
                      key=lambda s: -s[2] / people[s[0]])
    assert [(s.key, s.name, s.initiatives, s.actors) for s in spots] == expected
    for spot in spots:
        assert spot.population == people[spot.key]
        assert spot.initiatives_per_10k == pytest.approx(spot.initiatives * 10_000 / people[spot.key], abs=1e-4)
        assert spot.actors_per_10k == pytest.approx(spot.actors * 10_000 / people[spot.key], abs=1e-4)


def test_places_are_only_2024_units_or_named_historical_ones(loaded: GraphStore) -> None:
    # Written before numbers were read as 2024 ones: Bærum's 2020-2023 number, Viken's county.
    loaded.upsert_actors([Actor(id="old-baerum", name="Bærum kommune", kind="other", kommunenummer="3024"),
                          Actor(id="viken-fk", name="Viken fylkeskommune", kind="other", fylkesnummer="30")])
    loaded.upsert_initiatives([Initiative(id="old", title="Old", kind="meeting", kommunenummer="3024")])
    loaded.upsert_relationships([Relationship(type="PARTICIPATED_IN", source=a, target="old") for a in ("old-baerum", "viken-fk")])
    by_municipality = {s.key: s for s in hotspots(loaded, HotspotBy.MUNICIPALITY)}
    assert "3024" not in by_municipality and by_municipality["3201"].name == "Bærum"
    by_county = {s.key: s.name for s in hotspots(loaded, HotspotBy.COUNTY)}
    assert by_county["30"] == "Viken (2020–2023; now Østfold, Akershus, Buskerud)"
    assert all(name for name in by_county.values())


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


def test_activity_among_chosen_actors_counts_their_initiatives_placed_by_them(loaded: GraphStore) -> None:
    # Tromsø took part in the conference only; the conference has no place of its own.
    among = hotspots(loaded, HotspotBy.COUNTY, ActivityFilters(actors=("tromso",)))
    assert [(s.key, s.initiatives, s.actors) for s in among] == [("55", 1, 1)]
    assert hotspots(loaded, HotspotBy.COUNTY, ActivityFilters(actors=())) == []


def test_the_charts_count_what_a_view_with_the_same_actor_filters_draws(loaded: GraphStore) -> None:
    agencies = among_actors(loaded, ActivityFilters(), actor_kind=ActorKind.STATE_AGENCY)
    assert agencies.actors == ("difi", "loner")
    by_year = hotspots(loaded, HotspotBy.YEAR, agencies)
    assert [(s.key, s.initiatives, s.actors) for s in by_year] == [("2018", 1, 1)]  # the meeting has no date
    # Oslo–Bergen (the project and the conference) and KS–Difi (the meeting and the
    # conference) are the heaviest ties: only their four ends have one that heavy.
    heaviest = max(loaded.tie_table().weight)
    heavy = among_actors(loaded, ActivityFilters(), min_weight=heaviest)
    assert heavy.actors == ("bergen", "difi", "ks", "oslo")
    assert among_actors(loaded, ActivityFilters()) == ActivityFilters()  # nothing asked: every actor
