"""Property-based tests of every importer, on both stores: arbitrary bytes, and arbitrary rows
in the right shape, end in success or a clear error (file, record, message), never a traceback."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from ingest.errors import InputError, InputErrors
from ingest.formats import Format
from ingest.importer import ImportOptions, ImportReport, run_import

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = {Format.CSV: ".csv", Format.XLSX: ".xlsx", Format.JSON: ".json", Format.YAML: ".yaml", Format.BRREG: ".json"}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """One store of each engine for all the examples: what they import piles up, as in use."""
    with tempfile.TemporaryDirectory() as folder:
        if request.param == "sqlite":
            opened: GraphStore = SQLiteStore(Path(folder) / "fuzz.db")
            opened.open()
        else:
            from conftest import emptied, make_neo4j_store

            opened = make_neo4j_store(request.getfixturevalue("neo4j_uri"))
            opened.open()
            emptied(opened)
        yield opened
        if request.param == "neo4j":
            opened.wipe()
        opened.close()


def _import(store: GraphStore, content: bytes, suffix: str, fmt: Format | None = None) -> ImportReport | InputError:
    """The report, or the clear error; anything else escapes and fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(content)
        try:
            report = run_import(store, [path], ImportOptions(format=fmt))
        except InputErrors as exc:
            assert exc.errors and all(str(path) in str(e) for e in exc.errors)
            return exc.errors[0]
        except InputError as exc:
            assert str(path) in str(exc)
            return exc
    for error in report.errors:
        assert error.message and str(path) in str(error), error
    return report


@FUZZ
@given(content=st.binary(max_size=2_000), fmt=st.sampled_from(sorted(SUFFIXES)))
def test_arbitrary_bytes_in_any_format_end_in_success_or_a_clear_error(store: GraphStore, content: bytes, fmt: Format) -> None:
    _import(store, content, SUFFIXES[fmt], fmt)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
CELL = st.one_of(TEXT, st.sampled_from(["", "municipality", "state_agency", "0301", "974760673", "=1+1", "2021-02-30",
                                        "31.12.2020", "ja", "nei", "'; DROP TABLE actors; --", "}) DETACH DELETE n //"]))
COLUMNS = ["id", "name", "kind", "orgnr", "kommunenummer", "title", "start", "end", "actor", "initiative", "role",
           "type", "source", "target", "themes", "arrangement", "dato", "verksemd", "navn", "unknown column"]


@FUZZ
@given(headers=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6, unique=True),
       rows=st.lists(st.lists(CELL, min_size=6, max_size=6), max_size=8), delimiter=st.sampled_from([",", ";", "\t"]))
def test_arbitrary_rows_of_a_table_end_in_success_or_errors_naming_the_line(
        store: GraphStore, headers: list[str], rows: list[list[str]], delimiter: str) -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(row[: len(headers)] for row in rows)
    _import(store, text.getvalue().encode(), ".csv")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row[: len(headers)]])  # what a workbook can hold
    data = io.BytesIO()
    book.save(data)
    _import(store, data.getvalue(), ".xlsx")


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                          max_leaves=20)
RECORD = st.dictionaries(st.sampled_from(["id", "name", "kind", "title", "orgnr", "start", "type", "source", "target",
                                          "role", "source_label", "target_label", "aliases", "themes", "sources"]),
                         JSON_VALUE, max_size=8)


@FUZZ
@given(document=st.fixed_dictionaries({}, optional={"actors": st.lists(RECORD, max_size=4),
                                                    "initiatives": st.lists(RECORD, max_size=4),
                                                    "relationships": st.lists(RECORD, max_size=4)}),
       as_yaml=st.booleans())
def test_arbitrary_documents_end_in_success_or_errors_naming_the_record(store: GraphStore, document: dict,
                                                                       as_yaml: bool) -> None:
    _import(store, json.dumps(document).encode(), ".yaml" if as_yaml else ".json")


BRREG_RECORD = st.fixed_dictionaries(
    {"organisasjonsnummer": st.one_of(st.sampled_from(["974760673", "123456789", ""]), TEXT)},
    optional={"navn": TEXT, "organisasjonsform": st.dictionaries(st.sampled_from(["kode", "beskrivelse"]), JSON_VALUE),
              "forretningsadresse": st.dictionaries(st.sampled_from(["kommunenummer", "land", "landkode"]), JSON_VALUE),
              "overordnetEnhet": JSON_VALUE, "naeringskode1": JSON_VALUE, "hjemmeside": JSON_VALUE})


@FUZZ
@given(records=st.lists(BRREG_RECORD, min_size=1, max_size=5))
def test_arbitrary_register_records_end_in_success_or_errors_naming_the_record(store: GraphStore, records: list) -> None:
    _import(store, json.dumps(records).encode(), ".json", Format.BRREG)
