"""Real files Norwegian staff hold (tests/ingest/data/norway), on both stores: old municipality
and county numbers, uppercase register names, Sámi and Norwegian name pairs, repeated names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.analytics.hotspots import HotspotBy, hotspots
from graph.model import ActorKind, Label, RelType
from graph.places import gazetteer
from graph.store import GraphStore
from graph.store_results import NodeRef, ResolutionStatus
from graph.text import core_key
from ingest.duplicates import all_actors, find_duplicates
from ingest.importer import ImportOptions, ImportReport, OnError, run_import
from ingest.mapping import load_mapping

DATA = Path(__file__).parent / "data" / "norway"
GOVERNORS = DATA / "county-governors-by-municipality-2019.csv"
UNITS = DATA / "public-sector-units-2021.csv"
AGENCIES = DATA / "state-agencies-etatsbasen-2014.csv"
MUNICIPALITIES_2024 = set(gazetteer().municipalities)


def run(store: GraphStore, path: Path, mapping: str | None = None, **options) -> ImportReport:
    plan = load_mapping(DATA / mapping) if mapping else None
    return run_import(store, [path], ImportOptions(mapping=plan, **options))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(report: ImportReport) -> list[str]:
    return [str(e) for e in report.errors]


# -- a participation list by municipality number ---------------------------------------------

def test_every_governor_row_lands_on_a_2024_municipality_and_no_new_actor(seeded: GraphStore) -> None:
    before = {a.id for a in all_actors(seeded)}
    report = run(seeded, GOVERNORS, "county-governors.mapping.yaml")
    assert errors(report) == []
    assert report.rows == 383
    # Each of the 357 municipalities, named by its number (city districts by their municipality's).
    assert report.counts["actors"].created == 0 and report.counts["actors"].unchanged == 357
    assert {a.id for a in all_actors(seeded)} == before
    governors = [i for i in seeded.find_initiatives(limit=100).items if i.id.startswith("fylkesmannen-")]
    assert len(governors) == 14
    members = [r.source for i in governors
               for r in seeded.relationships_of(NodeRef(label=Label.INITIATIVE, id=i.id)) if r.type == RelType.PARTICIPATED_IN]
    assert sorted(members) == sorted(f"kommune-{n}" for n in MUNICIPALITIES_2024)  # each once
    assert report.counts["relationships"].created == 357


def test_the_governor_list_on_an_empty_store_creates_the_reference_municipalities(store: GraphStore) -> None:
    report = run(store, GOVERNORS, "county-governors.mapping.yaml")
    assert errors(report) == []
    actors = list(all_actors(store))
    assert len(actors) == 357
    assert all(a.kind == ActorKind.MUNICIPALITY and a.id == f"kommune-{a.kommunenummer}" for a in actors)
    assert {a.kommunenummer for a in actors} == MUNICIPALITIES_2024
    roros = store.get_actor("kommune-5025")
    assert roros is not None and (roros.name, roros.orgnr) == ("Røros", "939898743") and "Rosse" in roros.aliases


def test_county_hot_spots_after_the_governor_list_are_the_15_named_counties(seeded: GraphStore) -> None:
    run(seeded, GOVERNORS, "county-governors.mapping.yaml")
    spots = hotspots(seeded, HotspotBy.COUNTY)
    counties = {c.number: c.name for c in gazetteer().counties.values() if c.current}
    assert {s.key: s.name for s in spots} == counties
    assert len(spots) == 15


# -- a register of units by municipality name --------------------------------------------------

def test_every_register_unit_is_placed_and_reference_names_stay(seeded: GraphStore) -> None:
    report = run(seeded, UNITS, "public-sector-units.mapping.yaml")
    assert errors(report) == []
    # Four units on Svalbard, which has no municipality, and that is said.
    assert any(w.startswith("Svalbard has no municipality: not placed") for w in report.warnings)
    with UNITS.open(encoding="utf-8") as handle:
        orgnrs = {row["orgNumber"]: row for row in csv.DictReader(handle)}
    found = seeded.actors_by_orgnr(sorted(orgnrs))
    for orgnr, row in orgnrs.items():
        assert found[orgnr], row  # (Difi and its successor share one number in the seeds)
        named = [a for a in found[orgnr] if core_key(row["entityName"]) in a.name_keys]
        for actor in named or found[orgnr]:
            if row["municipality"] in ("SVALBARD", ""):
                assert actor.kommunenummer is None
            elif actor.kind == ActorKind.COUNTY and actor.id.startswith("fylke-"):
                # A county is a county, not the municipality its offices are in (Trøndelag is not 5006).
                assert actor.kommunenummer is None and actor.county == actor.id.removeprefix("fylke-")
            elif actor.kommunenummer is not None or not actor.id.startswith(("kommune-", "fylke-")):
                assert actor.kommunenummer in MUNICIPALITIES_2024, row
                assert actor.county == gazetteer().municipalities[actor.kommunenummer].county
    # The seeded units keep their names and 2024 facts; the register's names are aliases.
    oslo = seeded.get_actor("kommune-0301")
    assert oslo is not None and oslo.name == "Oslo" and "OSLO KOMMUNE" in oslo.aliases
    lillestrom, alesund = seeded.get_actor("kommune-3205"), seeded.get_actor("kommune-1508")
    assert lillestrom is not None and (lillestrom.kommunenummer, lillestrom.county) == ("3205", "32")
    assert alesund is not None and alesund.kommunenummer == "1508"
    trondelag = seeded.get_actor("fylke-50")
    assert trondelag is not None and trondelag.name == "Trøndelag" and trondelag.kommunenummer is None
    # Two Herøys and two Vålers, each told apart by its own organisation number.
    assert [a.id for a in found["872417982"]] == ["kommune-1818"]
    assert [a.id for a in found["964978840"]] == ["kommune-1515"]
    assert [a.id for a in found["871034222"]] == ["kommune-3419"]
    # No county but the 2024 ones and named historical ones.
    for spot in hotspots(seeded, HotspotBy.COUNTY):
        assert spot.name, spot


def test_one_text_names_one_actor_in_the_import_and_the_lookup(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "list.csv", "actor,initiative\nOSLO KOMMUNE,Møte\n")
    report = run(seeded, path)
    assert errors(report) == [] and report.counts["actors"].created == 0
    for text in ("OSLO KOMMUNE", "Oslo kommune", "oslo  kommune", "958935420", "0301"):
        resolution = seeded.resolve_actor(text)
        assert resolution.status == ResolutionStatus.FOUND and resolution.actor is not None, text
        assert resolution.actor.id == "kommune-0301", text
    assert "kommune-0301" in {a.id for a in seeded.find_actors(q="Oslo kommune").items}


# -- a state register with 2014 numbers ------------------------------------------------------------

def test_every_2014_unit_with_a_number_is_placed_in_a_2024_municipality_and_county(seeded: GraphStore,
                                                                                  tmp_path: Path) -> None:
    copy = tmp_path / AGENCIES.name
    copy.write_bytes(AGENCIES.read_bytes())
    report = run(seeded, copy, "etatsbasen.mapping.yaml", on_error=OnError.SKIP)
    # What is rejected is the register's own: units sharing a parent's organisation number.
    assert not [e for e in errors(report) if "kommunenummer" in e], errors(report)
    assert "kommunenummer 1201 (Bergen, 1972–2019) read as 4601 Bergen" in report.readings
    assert len(report.readings) > 300 and len(report.warnings) < 20  # one line about them, not one each
    placed = [a for a in all_actors(seeded) if a.kommunenummer]
    assert len(placed) > 400
    for actor in placed:
        assert actor.kommunenummer in MUNICIPALITIES_2024, actor
        assert actor.county == gazetteer().municipalities[actor.kommunenummer].county
    # A county-wide number (1200 Hordaland) places the unit in the county, named with its years.
    hordaland = [a for a in all_actors(seeded) if a.fylkesnummer == "12" and not a.kommunenummer]
    assert hordaland and gazetteer().county_label("12") == "Hordaland (–2019; now Vestland, Rogaland)"


# -- the names people write --------------------------------------------------------------------

LIST = (
    "Deltaker;Prosjekt;Fylke;Orgnr;Startdato\n"
    "BOKN;Kystprosjekt;;;NA\n"
    "KARMØY;Kystprosjekt;;;NA\n"
    "HERØY (NORDLAND);Kystprosjekt;;;2020-01-01\n"
    "VÅLER(INNLANDET);Kystprosjekt;;;NA\n"
    "RØROS;Fjellprosjekt;;;NA\n"
    "SNÅSA;Fjellprosjekt;;;NA\n"
    "TANA;Nordprosjekt;;;NA\n"
    "NESSEBY;Nordprosjekt;;;NA\n"
    "HAMARØY;Nordprosjekt;;;NA\n"
    "Kárášjohka;Nordprosjekt;;;NA\n"
    "HERØY;Fjellprosjekt;18;;NA\n"
    "TRØNDELAG FYLKESKOMMUNE;Fjellprosjekt;;;NA\n"
    "KS;Fjellprosjekt;;971032146;NA\n"
    "ukjent;Kystprosjekt;;;NA\n"
    "ukjent;Nordprosjekt;;;NA\n"
)


def test_municipalities_in_any_form_join_the_reference_units(seeded: GraphStore, tmp_path: Path) -> None:
    report = run(seeded, write(tmp_path, "liste.csv", LIST), null_values=("NA",))
    assert errors(report) == []
    assert report.counts["actors"].created == 0  # not one stand-in for a municipality, nor for "ukjent"
    expected = {"kommune-1145", "kommune-1149", "kommune-1818", "kommune-3419", "kommune-5025", "kommune-5041",
                "kommune-5628", "kommune-5636", "kommune-1875", "kommune-5610", "fylke-50", "ks"}
    collaborators = set()
    for actor_id in ("kommune-1145", "kommune-5025", "kommune-5628"):
        collaborators |= {c.id for c in seeded.collaborators(actor_id, limit=50)} | {actor_id}
    assert collaborators == expected
    skipped = [w for w in report.warnings if "'ukjent' is a placeholder" in w]
    assert len(skipped) == 2
    ks = seeded.get_actor("ks")
    assert ks is not None and ks.orgnr == "971032146"  # kept from the row that matched it by name
    trondelag = seeded.get_actor("fylke-50")
    assert trondelag is not None and trondelag.name == "Trøndelag"


def test_typos_and_bare_namesakes_are_located_errors_with_candidates(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "liste.csv", "Deltaker,Prosjekt\nALSTADHAUG,P\nEVJE OG HORNES,P\nHERØY,P\n")
    report = run(seeded, path)
    assert report.counts["actors"].created == 0
    found = errors(report)
    assert found[0].startswith(f"{path}:2: actor: 'ALSTADHAUG' is no municipality or county; did you mean Alstahaug (1820)?")
    assert found[1].startswith(f"{path}:3: actor: 'EVJE OG HORNES' is no municipality or county; did you mean "
                               "Evje og Hornnes (4219)?")
    assert found[2].startswith(f"{path}:4: actor: 'HERØY' matches several actors; candidates: "
                               "kommune-1515 (Herøy (Møre og Romsdal), municipality, 1515, Møre og Romsdal), "
                               "kommune-1818 (Herøy (Nordland), municipality, 1818, Nordland)")


def test_a_participation_list_places_its_actors_and_names_them_by_number(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "deltakarar.csv",
                 "Deltaker;Orgnr;Aktor_kommunenummer;Aktor_fylke;Aktor_land;Prosjekt\n"
                 "SINTEF AS;919303808;5001;;;P1\n"
                 "VIKEN FYLKESKOMMUNE;;;30;;P1\n"
                 "Chalmers tekniska högskola;;;;SE;P1\n"
                 ";;3024;;;P1\n"
                 "NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU;;5001;;;P1\n")
    report = run(seeded, path)
    assert errors(report) == []
    sintef = seeded.resolve_actor("919303808").actor
    assert sintef is not None
    assert (sintef.kind, sintef.kommunenummer, sintef.county, sintef.country) == ("company", "5001", "50", "NO")
    chalmers = seeded.resolve_actor("Chalmers tekniska högskola").actor
    assert chalmers is not None and (chalmers.country, chalmers.kind) == ("SE", "other")
    ntnu = seeded.resolve_actor("NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU").actor
    assert ntnu is not None and ntnu.kind == "academia"
    viken = seeded.get_actor("fylke-30")  # the county of 2020-2023, named with what it became
    assert viken is not None and viken.kind == "county" and viken.name == "Viken"
    assert "fylke-30" in {c.id for c in seeded.collaborators("kommune-3201", limit=50)}  # 3024 is Bærum
    assert any(w.startswith("1 new actor(s): kind company (word AS)") for w in report.warnings)
    assert any(w.startswith("1 new actor(s): kind academia (word UNIVERSITET)") for w in report.warnings)


def test_relationships_name_municipalities_by_any_years_number(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "rel.csv", "type,source,target\nPARTNER_OF,3024,5401\nPARTNER_OF,0219,9876\n")
    report = run(seeded, path, on_error=OnError.SKIP)
    assert [str(e).split(": ", 1)[1] for e in report.errors] == [
        "target: 9876 is not a Norwegian municipality number (1994–2024)"]
    assert {c.id for c in seeded.collaborators("kommune-3201", limit=10)} == {"kommune-5501"}


def test_null_markers_are_no_value_only_where_asked(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", "actor,initiative,start\nKS,Møte,NA\n")
    assert errors(run(seeded, path, dry_run=True))[0].endswith("start: 'NA' is not a date as YYYY-MM-DD or DD.MM.YYYY")
    assert errors(run(seeded, path, null_values=("na",))) == []
    mapped = write(tmp_path, "m.yaml", "table: participation\ncolumns:\n  actor: actor\n  initiative: initiative\n"
                                       "  start: {column: start, null_values: [NA]}\n")
    assert errors(run_import(seeded, [path], ImportOptions(mapping=load_mapping(mapped)))) == []


def test_a_rename_is_explicit_and_keeps_the_old_name(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "name,orgnr\nStatens husbank,942114184\n")
    report = run(seeded, path)
    husbanken = seeded.resolve_actor("942114184").actor
    assert husbanken is not None and husbanken.name == "Husbanken" and "Statens husbank" in husbanken.aliases
    assert any("kept as an alias" in w for w in report.warnings)
    run(seeded, path, rename=True)
    renamed = seeded.resolve_actor("942114184").actor
    assert renamed is not None and renamed.name == "Statens husbank" and "Husbanken" in renamed.aliases
    # A reference unit is never renamed, not even so.
    run(seeded, write(tmp_path, "k.csv", "name,orgnr\nOSLO KOMMUNE,958935420\n"), rename=True)
    assert seeded.get_actor("kommune-0301").name == "Oslo"  # type: ignore[union-attr]


def test_the_duplicate_finder_says_why(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "name,orgnr,kind\nKystverket,874783242,state_agency\nKYSTVERKET,970237372,state_agency\n"
                                    "Namdalseid kommune,,\n")
    assert errors(run(seeded, path)) == []
    reasons = [g.reason for g in find_duplicates(seeded)]
    assert any(r.startswith("same name, other organisation numbers (kystverket 874783242, kystverket-970237372 "
                            "970237372)") for r in reasons), reasons
    assert "looks like the municipality Namsos (5007) (merged into it) but is not the reference unit kommune-5007" \
        in reasons


@pytest.mark.parametrize("text, expected", [
    ("Røros", "kommune-5025"), ("Tana", "kommune-5628"), ("Kautokeino", "kommune-5612"), ("Karasjok", "kommune-5610"),
    ("Kárášjohka", "kommune-5610"), ("Kárásjohka", "kommune-5610"), ("KARASJOK", "kommune-5610"),
    ("Karasjok kommune", "kommune-5610"), ("Herøy i Nordland", "kommune-1818"), ("Våler (Innlandet)", "kommune-3419"),
    ("HERØY (MØRE OG ROMSDAL)", "kommune-1515"), ("3024", "kommune-3201"), ("5401", "kommune-5501"),
    ("Hamarøy", "kommune-1875"), ("Nesseby", "kommune-5636"), ("Trøndelag fylkeskommune", "fylke-50"),
])
def test_every_official_form_resolves(seeded: GraphStore, text: str, expected: str) -> None:
    resolution = seeded.resolve_actor(text)
    assert resolution.status == ResolutionStatus.FOUND and resolution.actor is not None, resolution
    assert resolution.actor.id == expected


def test_a_typo_is_offered_the_municipality_it_nearly_is(seeded: GraphStore) -> None:
    resolution = seeded.resolve_actor("Alstadhaug")
    assert resolution.status == ResolutionStatus.NOT_FOUND
    assert resolution.candidates[0].id == "kommune-1820"
    assert (resolution.candidates[0].kommunenummer, resolution.candidates[0].county) == ("1820", "Nordland")
