"""The reference units and their history (graph/places.py), read from seeds/reference."""

from __future__ import annotations

import csv

import pytest

from graph.places import REFERENCE_DIR, Municipality, gazetteer


def test_the_2024_structure_has_357_municipalities_and_15_counties() -> None:
    places = gazetteer()
    assert len(places.municipalities) == 357
    assert len([c for c in places.counties.values() if c.current]) == 15


def test_every_municipality_but_haram_carries_its_organisation_number() -> None:
    missing = [m.name for m in gazetteer().municipalities.values() if m.orgnr is None]
    assert missing == ["Haram"]  # new in 2024 (split from Ålesund): no file gives its number


@pytest.mark.parametrize("number, name, forms", [
    ("5025", "Røros", ("Røros", "Rosse")), ("5628", "Tana", ("Tana", "Deatnu")),
    ("5612", "Kautokeino", ("Kautokeino", "Guovdageaidnu")), ("1875", "Hamarøy", ("Hamarøy", "Hábmer")),
    ("5622", "Porsanger", ("Porsanger", "Porsángu", "Porsanki")), ("1818", "Herøy (Nordland)", ("Herøy",)),
])
def test_display_names_are_the_norwegian_form_and_qualified_when_repeated(number: str, name: str, forms: tuple) -> None:
    unit = gazetteer().municipalities[number]
    assert unit.name == name
    assert set(forms) <= set(unit.forms)


def test_every_sami_only_name_of_the_geodata_is_an_alias_of_a_norwegian_display_name() -> None:
    with (REFERENCE_DIR / "municipalities-2024.csv").open(encoding="utf-8") as handle:
        geodata = {row["kommunenummer"]: row["kommunenavn"] for row in csv.DictReader(handle)}
    renamed = {n: gazetteer().municipalities[n].name for n, name in geodata.items()
               if gazetteer().municipalities[n].name not in (name,) and "(" not in gazetteer().municipalities[n].name}
    assert renamed == {"5025": "Røros", "5628": "Tana", "5612": "Kautokeino", "5610": "Karasjok", "5041": "Snåsa",
                       "1875": "Hamarøy", "5518": "Lavangen", "5636": "Nesseby", "5043": "Røyrvik", "1826": "Hattfjelldal",
                       "5512": "Tjeldsund", "5540": "Kåfjord"}


def test_old_numbers_lead_to_their_2024_unit() -> None:
    places = gazetteer()
    for old, new in (("3024", "3201"), ("5401", "5501"), ("0219", "3201"), ("1507", "1508"), ("0716", "3905")):
        placed = places.place(old)
        assert placed is not None and placed.unit is not None and placed.unit.number == new, old
    snillfjord = places.place("5012")
    assert snillfjord is not None and snillfjord.unit is None
    assert [m.number for m in snillfjord.candidates] == ["5055", "5056", "5059"]
    chosen = places.place_named("5012", "Hitra")
    assert chosen is not None and chosen.unit is not None and chosen.unit.number == "5056"
    assert places.place("9876") is None


def test_divided_numbers_go_to_units_in_the_counties_their_county_became() -> None:
    places = gazetteer()
    with (REFERENCE_DIR / "divided-municipalities-2020.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            allowed = set(places.counties[row["kommunenummer"][:2]].successors)
            for successor in row["successors_2024"].split():
                assert places.municipalities[successor].county in allowed, row


def test_counties_that_no_longer_exist_are_named_with_what_they_became() -> None:
    places = gazetteer()
    assert places.county_label("30") == "Viken (2020–2023; now Østfold, Akershus, Buskerud)"
    assert places.county_label("54") == "Troms og Finnmark (2020–2023; now Troms, Finnmark)"
    assert places.county_label("46") == "Vestland"


@pytest.mark.parametrize("text, number", [
    ("Herøy (Nordland)", "1818"), ("Herøy i Nordland", "1818"), ("HERØY (MØRE OG ROMSDAL)", "1515"),
    ("VÅLER(INNLANDET)", "3419"), ("Våler i Innlandet", "3419"), ("Våler (Hedmark)", "3419"), ("KARASJOK KOMMUNE", "5610"),
])
def test_names_with_qualifiers_name_one_unit(text: str, number: str) -> None:
    found = gazetteer().named(text)
    assert found is not None and [u.number for u in found.units] == [number]


def test_a_company_form_never_reaches_a_place() -> None:
    assert gazetteer().named("Moss AS") is None
    found = gazetteer().named("Moss kommune")
    assert found is not None and isinstance(found.units[0], Municipality)
