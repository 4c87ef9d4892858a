"""Importing files, on both stores: formats and dialects, every error class, idempotence,
dry runs, skipping bad rows, mappings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.store import GraphStore
from graph.store_errors import StoreUnavailable
from ingest.errors import InputError, InputErrors
from ingest.importer import (
    CHECK_CHUNK,
    ImportOptions,
    ImportReport,
    OnError,
    run_import,
)
from ingest.mapping import load_mapping
from ingest.seeds import load_seeds

ATTENDANCE = (
    "Arrangement;Dato;Virksomhet;Organisasjonsnummer;Rolle\n"
    "Innovasjonsverkstad Bergen;11.03.2016;Bergen kommune;;Arrangør\n"
    "Innovasjonsverkstad Bergen;11.03.2016;KS;;Deltakar\n"
    "Innovasjonsverkstad Bergen;11.03.2016;Husbanken;942114184;Deltakar\n"
    "Innovasjonsverkstad Bergen;11.03.2016;Nytt Selskap AS;;Deltakar\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(store: GraphStore, *paths: Path, **options) -> ImportReport:
    return run_import(store, list(paths), ImportOptions(**options))


def counts(report: ImportReport) -> dict[str, tuple[int, int, int, int]]:
    return {k: (c.created, c.updated, c.unchanged, c.rejected) for k, c in report.counts.items()}


def messages(report: ImportReport) -> list[str]:
    return [str(e) for e in report.errors]


@pytest.fixture
def seeded(store: GraphStore) -> GraphStore:
    load_seeds(store)
    return store


# -- participation lists ------------------------------------------------------------------------


def test_an_attendance_list_links_known_actors_and_creates_new_ones(seeded: GraphStore, tmp_path: Path) -> None:
    report = run(seeded, write(tmp_path, "deltakarar.csv", ATTENDANCE))
    assert report.errors == []
    # Three of the four it names are stored already: read and left as they were.
    assert counts(report) == {"actors": (1, 0, 3, 0), "initiatives": (1, 0, 0, 0), "relationships": (4, 0, 0, 0)}
    ranked = {c.id: c for c in seeded.collaborators("kommune-4601")}
    assert sorted(ranked) == ["husbanken", "ks", "nytt-selskap-as"]
    evidence = ranked["ks"].evidence[0]
    assert (evidence.title, str(evidence.start), evidence.participants) == ("Innovasjonsverkstad Bergen", "2016-03-11", 4)
    new = seeded.get_actor("nytt-selskap-as")
    assert (new.name, new.kind, new.country) == ("Nytt Selskap AS", "company", None)  # its legal form says; no country does
    assert new.sources[0].title == "deltakarar.csv" and new.sources[0].imported is not None


def test_importing_the_same_file_again_changes_nothing(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "deltakarar.csv", ATTENDANCE)
    run(seeded, path)
    revision = seeded.revision()
    again = run(seeded, path)
    # The actor the first run created is now found like the other three: all four unchanged.
    assert counts(again) == {"actors": (0, 0, 4, 0), "initiatives": (0, 0, 1, 0), "relationships": (0, 0, 4, 0)}
    assert seeded.revision() == revision


def test_a_changed_row_updates_only_that_record(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "deltakarar.csv", ATTENDANCE)
    run(seeded, path)
    write(tmp_path, "deltakarar.csv", ATTENDANCE.replace("KS;;Deltakar", "KS;;Foredragshaldar"))
    report = run(seeded, path)
    assert counts(report)["relationships"] == (1, 0, 3, 0)
    # A role is part of a participation's identity: the new role is added, the old one kept.
    (evidence,) = {c.id: c for c in seeded.collaborators("kommune-4601")}["ks"].evidence
    assert evidence.roles == ["participant", "speaker"]


def test_dry_run_counts_but_writes_nothing(seeded: GraphStore, tmp_path: Path) -> None:
    revision = seeded.revision()
    report = run(seeded, write(tmp_path, "deltakarar.csv", ATTENDANCE), dry_run=True)
    assert counts(report)["relationships"] == (4, 0, 0, 0)
    assert report.written is False
    assert seeded.revision() == revision
    assert seeded.get_actor("nytt-selskap-as") is None


def test_names_with_legal_form_words_find_the_same_actor(seeded: GraphStore, tmp_path: Path) -> None:
    text = "Arrangement,Dato,Virksomhet\nMøte,2020-01-01,Trondheim kommune\nMøte,2020-01-01,TRONDHEIM\n"
    report = run(seeded, write(tmp_path, "a.csv", text))
    assert report.errors == []
    assert counts(report)["actors"] == (0, 0, 1, 0)  # two names, one stored actor
    assert [c.id for c in seeded.collaborators("kommune-5001")] == []  # one actor, no self-collaboration


def test_the_suffix_chooses_between_a_county_and_a_municipality(seeded: GraphStore, tmp_path: Path) -> None:
    text = "Arrangement,Dato,Virksomhet\nMøte,2020-01-01,Oslo kommune\nMøte,2020-01-01,Husbanken\n"
    assert run(seeded, write(tmp_path, "a.csv", text)).errors == []
    assert [c.id for c in seeded.collaborators("husbanken")] == ["difi", "kommune-0301"]


def test_a_list_naming_initiatives_by_id_links_them_and_renames_nothing(seeded: GraphStore, tmp_path: Path) -> None:
    table = write(tmp_path, "initiativ.csv", "id;tittel;type;dato\nsamling-1;Innovasjonssamling Vest;workshop;02.01.2020\n")
    listed = write(tmp_path, "liste.csv", "initiativ_id;virksomhet;rolle\nsamling-1;Bergen kommune;deltakar\n")
    later = write(tmp_path, "seinare.csv", "initiativ_id;virksomhet\nsamling-1;KS\n")
    first = run(seeded, table, listed)  # together: the list's row agrees with the table's
    assert first.errors == []
    assert counts(first)["initiatives"] == (1, 0, 0, 0)
    assert counts(run(seeded, table, listed))["initiatives"] == (0, 0, 1, 0)
    assert counts(run(seeded, later))["initiatives"] == (0, 1, 0, 0)  # its source added, nothing else
    initiative = seeded.get_initiatives(["samling-1"])["samling-1"]
    assert (initiative.title, initiative.kind, str(initiative.start)) == ("Innovasjonssamling Vest", "workshop", "2020-01-02")
    assert [s.title for s in initiative.sources] == ["initiativ.csv", "liste.csv", "seinare.csv"]
    shared = {c.id: [e.title for e in c.evidence] for c in seeded.collaborators("ks")}
    assert "Innovasjonssamling Vest" in shared["kommune-4601"]


@pytest.mark.parametrize("batch_size", [1, 3, 10_000])
def test_a_table_and_a_list_import_again_unchanged_whatever_the_batches(
    store: GraphStore, tmp_path: Path, batch_size: int
) -> None:
    table = write(tmp_path, "initiativ.csv", "id;tittel;type\n" + "".join(f"s-{n};Samling {n};workshop\n" for n in range(4)))
    listed = write(tmp_path, "liste.csv", "initiativ_id;virksomhet\n" + "".join(f"s-{n % 4};Verksemd {n % 3}\n" for n in range(9)))
    first = run(store, table, listed, batch_size=batch_size)
    assert counts(first)["initiatives"] == (4, 0, 0, 0)
    again = run(store, table, listed, batch_size=batch_size)
    assert counts(again) == {"actors": (0, 0, 3, 0), "initiatives": (0, 0, 4, 0), "relationships": (0, 0, 9, 0)}
    assert [s.title for s in store.get_initiatives(["s-0"])["s-0"].sources] == ["initiativ.csv", "liste.csv"]


def test_rows_disagreeing_on_what_both_give_are_refused(store: GraphStore, tmp_path: Path) -> None:
    table = write(tmp_path, "initiativ.csv", "id;tittel;type;dato\nsamling-1;Samling;workshop;02.01.2020\n")
    listed = write(tmp_path, "liste.csv", "initiativ_id;initiativ;virksomhet\nsamling-1;Ei anna samling;KS\n")
    report = run(store, table, listed)
    assert messages(report) == [f"{listed}:2: initiative 'samling-1' is also defined, differently (title), at {table}:2"]
    assert store.get_initiatives(["samling-1"]) == {}


class CountingStore:
    """A store that counts the look-ups an import makes."""

    LOOKUPS = ("get_actors", "actors_by_orgnr", "resolve_actor", "resolve_actors", "get_initiatives")

    def __init__(self, store: GraphStore):
        self.store, self.calls = store, 0

    def __getattr__(self, name: str):
        method = getattr(self.store, name)
        if name not in self.LOOKUPS:
            return method

        def counted(*args, **kwargs):
            self.calls += 1
            return method(*args, **kwargs)

        return counted


class FailingStore(CountingStore):
    """A store whose batch writes fail from the `fail_at`-th on, as a lost Neo4j would."""

    def __init__(self, store: GraphStore, fail_at: int):
        super().__init__(store)
        self.fail_at, self.writes = fail_at, 0

    def write_batch(self, *args, **kwargs):
        self.writes += 1
        if self.writes >= self.fail_at:
            raise StoreUnavailable("the store went away")
        return self.store.write_batch(*args, **kwargs)


def test_a_store_failure_while_writing_stops_the_import_after_whole_batches(store: GraphStore, tmp_path: Path) -> None:
    listed = write(tmp_path, "liste.csv", "arrangement;dato;verksemd\n" + "".join(
        f"Samling {n // 4};01.02.2020;Verksemd {n % 5}\n" for n in range(40)))
    with pytest.raises(StoreUnavailable, match=r"went away; batch 3 was not written \(batches 1-2 are stored\): "
                                               "run the same import again"):
        run_import(FailingStore(store, fail_at=3), [listed], ImportOptions(batch_size=10))
    written = store.stats().relationships["PARTICIPATED_IN"]
    assert 0 < written < 40  # the batches before the failure, whole
    assert counts(run(store, listed, batch_size=10))["relationships"][:3] == (40 - written, 0, written)


def test_a_long_list_asks_the_store_per_chunk_of_rows_not_per_row(seeded: GraphStore, tmp_path: Path) -> None:
    rows = 3 * CHECK_CHUNK + 7  # several chunks; actors recur across chunk boundaries
    text = "Arrangement;Dato;Virksomhet\n" + "".join(
        f"Samling {n // 50};01.02.2020;{'Bergen kommune' if n % 97 == 0 else f'Verksemd {n % 1500}'}\n" for n in range(rows)
    )
    counting = CountingStore(seeded)
    report = run_import(counting, [write(tmp_path, "lang.csv", text)], ImportOptions())
    assert report.errors == []
    assert counts(report)["actors"] == (1500, 0, 1, 0)  # and Bergen kommune, stored
    assert counts(report)["relationships"][0] == rows
    chunks = -(-rows // CHECK_CHUNK)
    assert counting.calls <= 4 * chunks + 2  # not thousands: one query per kind of look-up per chunk
    assert seeded.get_actors(["verksemd-1499"])["verksemd-1499"].name == "Verksemd 1499"
    assert "bergen" not in seeded.get_actors(["bergen"])  # the seeded Bergen was found, not duplicated


# -- canonical tables ------------------------------------------------------------------------------


def test_canonical_tables_in_norwegian_with_windows_1252_and_semicolons(store: GraphStore, tmp_path: Path) -> None:
    actors = write(tmp_path, "aktorar.csv", "Navn;Organisasjonsnummer;Type;Kommunenummer\n"
                   "Husbanken;942114184;Direktorat;3005\nNærøysund kommune;;kommune;5060\n", "cp1252")
    initiatives = write(tmp_path, "initiativ.csv", "Tittel,Type,Startdato,Sluttdato,Tema\n"
                        "Bustadprosjekt,Prosjekt,2019-01-01,2020-12-31,bustad|velferd\n")
    # Relationships name initiatives by id; target_label says the target is one.
    rels = write(tmp_path, "relasjonar.csv", "type,fra,til,target_label,rolle\n"
                 "PARTICIPATED_IN,942114184,bustadprosjekt-2019-01-01,Initiative,finansiør\n"
                 "PARTICIPATED_IN,Nærøysund,bustadprosjekt-2019-01-01,Initiative,\n")
    report = run(store, actors, initiatives, rels)
    assert report.errors == [], messages(report)
    assert counts(report) == {"actors": (2, 0, 0, 0), "initiatives": (1, 0, 0, 0), "relationships": (2, 0, 0, 0)}
    naeroy = store.resolve_actor("Nærøysund").actor
    # The reference name stays; the table's form of it becomes an alias.
    assert (naeroy.name, naeroy.kind, naeroy.kommunenummer, naeroy.county) == ("Nærøysund", "municipality", "5060", "50")
    assert "Nærøysund kommune" in naeroy.aliases
    husbanken = store.resolve_actor("942114184").actor
    # 3005 is Drammen's number of 2020-2023: read as Drammen's 2024 number, and said so.
    assert (husbanken.kind, husbanken.kommunenummer, husbanken.county) == ("state_agency", "3301", "33")
    assert report.readings == ["kommunenummer 3005 (Drammen, 2020–2023) read as 3301 Drammen"]
    assert "1 number(s) or name(s) from before 2024 read as their 2024 unit, such as: kommunenummer 3005 " \
           "(Drammen, 2020–2023) read as 3301 Drammen (--json lists each under readings)" in report.warnings
    project = store.get_initiative("bustadprosjekt-2019-01-01")
    assert project.themes == ("bustad", "velferd")
    assert [c.id for c in store.collaborators(husbanken.id)] == [naeroy.id]


def test_utf8_with_bom_and_commas(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv", "\ufeffname,kind,orgnr\nInnovasjon Norge,innovation_agency,986 399 445\n")
    report = run(store, path)
    assert report.errors == []
    assert store.resolve_actor("986399445").actor.name == "Innovasjon Norge"


def test_xlsx_sheets_are_tables(store: GraphStore, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktørar"
    sheet.append(["Navn", "Organisasjonsnummer", "Type", "Kommunenummer"])
    sheet.append(["Husbanken", 942114184, "state_agency", 3005])
    sheet.append(["Eit formelnamn", None, "=HYPERLINK(\"http://x\")", None])
    attendance = workbook.create_sheet("Deltakarliste")
    attendance.append(["Arrangement", "Dato", "Virksomhet"])
    import datetime as dt
    attendance.append(["Samling", dt.datetime(2021, 5, 4, 9, 30), "Husbanken"])
    attendance.append(["Samling", dt.datetime(2021, 5, 4, 9, 30), "=cmd|' /C calc'!A0"])
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    report = run(store, path)
    assert [str(e) for e in report.errors] == [
        f"{path}[Aktørar]:3: Type: '=HYPERLINK(\"http://x\")' is not one of municipality, county, county_governor, "
        "ministry, state_agency, interest_organisation, innovation_agency, academia, lab, company, other"
    ]
    report = run(store, path, on_error=OnError.SKIP)
    formula = store.resolve_actor("=cmd|' /C calc'!A0").actor
    assert formula.name == "=cmd|' /C calc'!A0"  # stored as text, never evaluated
    assert store.get_initiative("samling-2021-05-04").start.isoformat() == "2021-05-04"


def test_json_and_yaml_documents_mirror_the_model(store: GraphStore, tmp_path: Path) -> None:
    doc = {"actors": [{"id": "ks", "name": "KS", "kind": "interest_organisation"},
                      {"id": "difi", "name": "Difi", "kind": "state_agency"}],
           "initiatives": [{"id": "alliansen", "title": "Innovasjonsalliansen", "kind": "network"}],
           "relationships": [{"type": "PARTICIPATED_IN", "source": "ks", "target": "alliansen", "role": "organiser"},
                             {"type": "PARTNER_OF", "source": "ks", "target": "difi"}]}
    path = write(tmp_path, "doc.json", json.dumps(doc))
    assert counts(run(store, path))["relationships"] == (2, 0, 0, 0)
    import yaml
    yaml_path = write(tmp_path, "doc.yaml", yaml.safe_dump(doc, allow_unicode=True))
    report = run(store, yaml_path)
    assert report.errors == []
    assert counts(report)["actors"] == (0, 2, 0, 0)  # a second source is recorded on each
    assert [s.title for s in store.get_actor("ks").sources] == ["doc.json", "doc.yaml"]


# -- errors ------------------------------------------------------------------------------------------


def test_every_problem_is_reported_with_file_line_and_column_and_nothing_is_written(
    store: GraphStore, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv",
                 'navn,organisasjonsnummer,type\nGodt,991825827,state_agency\nDårleg,991825828,lab\n'
                 '"Fleir\nlinjer",123,lab\nRar,,romskip\n')
    report = run(store, path)
    assert messages(report) == [
        f"{path}:3: organisasjonsnummer: organisation number 991825828 fails the mod-11 check digit (got '991825828')",
        f"{path}:4: organisasjonsnummer: organisation number must be 9 digits (got '123')",
        f"{path}:6: type: 'romskip' is not one of municipality, county, county_governor, ministry, state_agency, "
        "interest_organisation, innovation_agency, academia, lab, company, other",
    ]
    assert store.stats().actors == 0


def test_bad_dates_and_end_before_start(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "i.csv", "tittel,type,startdato,sluttdato\nA,prosjekt,31.02.2020,\nB,prosjekt,2020-05-01,2020-04-01\n")
    assert messages(run(store, path)) == [
        f"{path}:2: startdato: '31.02.2020' is not a date as YYYY-MM-DD or DD.MM.YYYY",
        f"{path}:3: end 2020-04-01 is before start 2020-05-01",
    ]


def test_unknown_and_ambiguous_references_name_candidates(seeded: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "type,source,target\nPARTNER_OF,Bergn,ks\nPARTNER_OF,Oslo,ks\nPARTNER_OF,ks,ks\n")
    errors = messages(run(seeded, path))
    assert errors[0].startswith(f"{path}:2: source: no actor matches 'Bergn'; closest: kommune-4601 (Bergen)")
    assert errors[1].startswith(f"{path}:3: source: 'Oslo' matches several actors; candidates: fylke-03 (Oslo, county, Oslo), "
                                "kommune-0301 (Oslo, municipality, 0301, Oslo)")
    assert errors[2] == f"{path}:4: PARTNER_OF from 'ks' to itself"


def test_missing_and_unknown_columns(store: GraphStore, tmp_path: Path) -> None:
    no_kind = write(tmp_path, "initiatives.csv", "tittel,farge\nA,raud\n")
    assert messages(run(store, no_kind)) == [f"{no_kind}:2: kind: is empty (expected one of workshop, meeting, "
                                             "conference, network, partnership, project, programme, visit, "
                                             "presentation, story, assignment)"]
    with pytest.raises(InputErrors, match="unknown column 'farge'"):
        run(store, no_kind, strict=True)
    unknown_table = write(tmp_path, "x.csv", "farge,storleik\nraud,stor\n")
    with pytest.raises(InputErrors, match="cannot tell what these columns describe"):
        run(store, unknown_table)


def test_duplicate_ids_inside_one_file(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv", "id,name,kind\nks,KS,interest_organisation\nks,KS Annan,other\n")
    assert messages(run(store, path)) == [f"{path}:3: actor 'ks' is also defined, differently (kind, name), at {path}:2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"name,kind\n", "has a header but no rows"),
     ("name,kind\n".encode("utf-16-le"), "UTF-16")],
)
def test_empty_header_only_and_wrong_encoding(store: GraphStore, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "actors.csv"
    path.write_bytes(content)
    with pytest.raises((InputError, InputErrors), match=message):
        run(store, path)


def test_bad_json_points_at_the_record(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "doc.json", json.dumps({"actors": [{"id": "ok", "name": "OK", "kind": "lab"},
                                                              {"id": "x", "name": "", "kind": "lab"}], "other": []}))
    with pytest.raises(InputErrors, match=r"doc.json:/other: unknown section"):
        run(store, path)
    path.write_text(json.dumps({"actors": [{"id": "ok", "name": "OK", "kind": "lab"}, {"id": "x", "name": "", "kind": "lab"}]}))
    assert messages(run(store, path)) == [f"{path}:/actors/1: name: String should have at least 1 character (got '')"]
    path.write_text('{"actors": [')
    with pytest.raises(InputErrors, match="doc.json:1: invalid JSON"):
        run(store, path)


# -- skipping bad rows ---------------------------------------------------------------------------------


def test_on_error_skip_writes_good_rows_and_a_rejected_file(store: GraphStore, tmp_path: Path) -> None:
    path = write(tmp_path, "actors.csv", "name,kind,orgnr\nGod,lab,\nDårleg,lab,991825828\n=Formel,lab,123\n")
    report = run(store, path, on_error=OnError.SKIP)
    assert counts(report)["actors"] == (1, 0, 0, 2)
    assert store.resolve_actor("God").actor is not None
    rejected = (tmp_path / "actors.csv.rejected.csv").read_text(encoding="utf-8").splitlines()
    assert rejected[0] == "name,kind,orgnr,where,error"
    assert rejected[1].startswith("Dårleg,lab,991825828,")
    assert rejected[2].startswith("'=Formel,lab,123,")  # formula-looking cells are defused


# -- mappings ------------------------------------------------------------------------------------------


def test_a_register_export_imports_with_a_mapping_and_no_edits(seeded: GraphStore, tmp_path: Path) -> None:
    export = write(tmp_path, "prosjektbanken.csv",
                   "Prosjektnummer;Prosjekttittel;Startdato;Sluttdato;Organisasjon;Org.nr.;Prosjektrolle;Fylke\n"
                   "301234;Velferdsteknologi i heimen;01.02.2019 00:00;31.12.2021 00:00;Bergen kommune;;COORDINATOR;Vestland\n"
                   "301234;Velferdsteknologi i heimen;01.02.2019 00:00;31.12.2021 00:00;Husbanken;942114184;PARTNER;\n"
                   "301234;Velferdsteknologi i heimen;01.02.2019 00:00;31.12.2021 00:00;Innovasjon Norge;986399445;FUNDER;\n",
                   "cp1252")
    mapping = write(tmp_path, "map.yaml",
                    "table: participation\nsource: Prosjektbanken\ncolumns:\n  initiative_id: Prosjektnummer\n"
                    "  initiative: Prosjekttittel\n  start: {column: Startdato, format: '%d.%m.%Y %H:%M'}\n"
                    "  end: {column: Sluttdato, format: '%d.%m.%Y %H:%M'}\n  actor: Organisasjon\n"
                    "  actor_orgnr: Org.nr.\n"
                    "  role: {column: Prosjektrolle, values: {COORDINATOR: organiser, PARTNER: participant, FUNDER: funder}}\n"
                    "fixed:\n  initiative_kind: project\n")
    report = run(seeded, export, mapping=load_mapping(mapping))
    assert report.errors == [], messages(report)
    project = seeded.get_initiative("301234")
    assert (project.title, project.kind, str(project.start), str(project.end)) == (
        "Velferdsteknologi i heimen", "project", "2019-02-01", "2021-12-31")
    evidence = {c.id: c for c in seeded.collaborators("kommune-4601")}["innovasjon-norge"].evidence[0]
    assert evidence.roles == ["funder"]
    assert any("columns not imported: Fylke" in w for w in report.warnings)


def test_a_mapping_naming_a_missing_column_or_field_is_refused(store: GraphStore, tmp_path: Path) -> None:
    mapping = write(tmp_path, "map.yaml", "table: participation\ncolumns:\n  actor: Finst ikkje\n  initiative: Tittel\n")
    data = write(tmp_path, "d.csv", "Tittel,Namn\nA,B\n")
    with pytest.raises(InputErrors, match="the mapping's column 'Finst ikkje'"):
        run(store, data, mapping=load_mapping(mapping))
    bad = write(tmp_path, "bad.yaml", "table: participation\ncolumns:\n  colour: Farge\n")
    with pytest.raises(InputErrors, match="no such field"):
        load_mapping(bad)


def test_the_shipped_example_imports_with_its_mapping(seeded: GraphStore) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    report = run(seeded, docs / "examples" / "prosjektbanken.csv",
                 mapping=load_mapping(docs / "mappings" / "prosjektbanken.yaml"))
    assert report.errors == []
    assert counts(report)["relationships"] == (3, 0, 0, 0)


def test_a_row_whose_actor_is_wrong_does_not_spoil_the_next_row_of_its_initiative(store: GraphStore, tmp_path: Path) -> None:
    listed = write(tmp_path, "liste.csv", "arrangement;dato;verksemd;verksemd_orgnr\n"
                                          "Samling;01.02.2020;;12345\n"  # no name, a bad number: the row is refused
                                          "Samling;01.02.2020;Verksemd A;\n")
    report = run(store, listed, on_error="skip")
    assert [e.record for e in report.errors] == ["2"]
    assert store.stats().relationships["PARTICIPATED_IN"] == 1  # the second row, with its initiative
