"""Enhetsregisteret records, in every shape the register hands them out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from graph.model import Label, RelType
from graph.store import GraphStore
from graph.store_results import NodeRef
from ingest.errors import InputErrors
from ingest.formats import Format, detect_format
from ingest.importer import ImportOptions, run_import
from ingest.seeds import load_seeds

FIXTURES = json.loads((Path(__file__).parent / "data" / "brreg-enhet-records.json").read_text(encoding="utf-8"))


def write_json(path: Path, data: object, gzipped: bool = False) -> Path:
    raw = json.dumps(data, ensure_ascii=False).encode()
    path.write_bytes(gzip.compress(raw) if gzipped else raw)
    return path


def test_register_files_are_recognised_by_their_content(tmp_path: Path) -> None:
    assert detect_format(write_json(tmp_path / "enhet.json", FIXTURES["ENHET"])) == Format.BRREG
    assert detect_format(write_json(tmp_path / "enheter.json.gz", [FIXTURES["ENHET"]], gzipped=True)) == Format.BRREG
    assert detect_format(write_json(tmp_path / "doc.json", {"actors": []})) == Format.JSON


def test_a_single_record_updates_the_seeded_actor_with_that_number(store: GraphStore, tmp_path: Path) -> None:
    load_seeds(store)
    report = run_import(store, [write_json(tmp_path / "enhet.json", FIXTURES["ENHET"])], ImportOptions())
    assert report.errors == []
    assert report.counts["actors"].created == 0 and report.counts["actors"].updated == 1
    digdir = store.get_actor("digitaliseringsdirektoratet")
    assert (digdir.kind, digdir.organisation_form, digdir.kommunenummer) == ("state_agency", "ORGL", "0301")
    assert digdir.description.startswith("Digitaliseringsdirektoratet skal være")
    assert digdir.sources[-1].title == "enhet.json"
    # Its parent (932384469) is in neither the file nor the store: the link is skipped, said in a warning.
    assert any("932384469" in w for w in report.warnings)
    again = run_import(store, [tmp_path / "enhet.json"], ImportOptions())
    assert again.counts["actors"].unchanged == 1


@pytest.mark.parametrize("shape", ["array", "search", "gzip"])
def test_arrays_search_answers_and_gzipped_downloads(store: GraphStore, tmp_path: Path, shape: str) -> None:
    unit, sub = FIXTURES["ENHET"], FIXTURES["UNDERENHET"]
    data: object = {"array": [unit, sub, FIXTURES["ENHET_SLETTET"]], "gzip": [unit, sub],
                    "search": FIXTURES["SOK_ENHET"]}[shape]
    path = write_json(tmp_path / ("register.json.gz" if shape == "gzip" else "register.json"), data, shape == "gzip")
    report = run_import(store, [path], ImportOptions())
    assert report.errors == []
    created = report.counts["actors"].created
    assert created == (1 if shape == "search" else 2)  # the deleted unit is not imported
    assert store.resolve_actor("991825827").actor.name == "DIGITALISERINGSDIREKTORATET"
    if shape != "search":  # the sub-unit is PART_OF its parent unit
        child = store.resolve_actor(sub["organisasjonsnummer"]).actor
        assert child.name == "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND"
        (link,) = [r for r in store.relationships_of(NodeRef(label=Label.ACTOR, id=child.id)) if r.type == RelType.PART_OF]
        assert store.get_actor(link.target).orgnr == unit["organisasjonsnummer"]


def test_an_empty_search_answer_imports_nothing(store: GraphStore, tmp_path: Path) -> None:
    report = run_import(store, [write_json(tmp_path / "none.json", FIXTURES["SOK_ENHET_INGEN_TREFF"])],
                        ImportOptions(format=Format.BRREG))
    assert report.errors == [] and report.rows == 0


def test_a_record_without_a_number_is_an_error_with_its_pointer(store: GraphStore, tmp_path: Path) -> None:
    broken = dict(FIXTURES["ENHET"])
    del broken["organisasjonsnummer"]
    path = write_json(tmp_path / "register.json", [FIXTURES["UNDERENHET"], broken])
    report = run_import(store, [path], ImportOptions(format=Format.BRREG))
    assert [str(e) for e in report.errors] == [
        f"{path}:/1: organisasjonsnummer: is missing (expected it in every register record)"
    ]
    assert store.stats().actors == 0


def test_truncated_register_json_is_a_clear_error(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(json.dumps([FIXTURES["ENHET"]])[:300])
    with pytest.raises(InputErrors, match="is not valid register JSON"):
        run_import(store, [path], ImportOptions(format=Format.BRREG))
