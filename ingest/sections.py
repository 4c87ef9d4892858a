"""Inputs as sections of rows of one kind: a CSV file, an XLSX sheet, or one list of a JSON
or YAML document. Each section can be read twice (validate, then write)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.export_json import EXPORT_MARKER
from graph.model import STORED, Actor, Initiative, Label, Relationship
from ingest import brreg
from ingest.bounds import load_json, load_yaml
from ingest.columns import TableKind, table_kind
from ingest.errors import (
    InputError,
    InputErrors,
    error_at,
    from_validation,
    split_where,
)
from ingest.formats import Format, detect_format
from ingest.mapping import ColumnPlan, Mapping, plan_from_headers, plan_from_mapping
from ingest.records import (
    ROW_READERS,
    ActorRef,
    ActorRow,
    InitiativeRow,
    RelationshipRow,
    RowProblems,
)
from ingest.tables import Row, Table, read_csv, read_xlsx

DOCUMENT_SECTIONS = {"actors": TableKind.ACTORS, "initiatives": TableKind.INITIATIVES, "relationships": TableKind.RELATIONSHIPS}


@dataclass(frozen=True)
class Section:
    kind: TableKind
    file: Path
    where: str
    headers: list[str]
    rows: Callable[[], Iterator[Row]]
    convert: Callable[[str, dict[str, Any]], Any]  # (where, cells) -> a row of ingest.records, or None
    plan: ColumnPlan | None = None
    restore: bool = False  # a Samspill export: records are written exactly as they are


def open_sections(
    path: Path,
    format: Format | None = None,
    mapping: Mapping | None = None,
    strict: bool = False,
    encoding: str | None = None,
    delimiter: str | None = None,
    nulls: tuple[str, ...] = (),
) -> list[Section]:
    """The tables (or record streams) in `path`; `nulls` are cells that mean "no value"."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder; name the files to import")
    found = detect_format(path) if format in (None, Format.AUTO) else format
    if found == Format.CSV:
        table = read_csv(
            path, encoding or (mapping.encoding if mapping else None), delimiter or (mapping.delimiter if mapping else None)
        )
        return [_table_section(table, mapping, strict, nulls)]
    if found == Format.XLSX:
        return [_table_section(t, mapping, strict, nulls) for t in read_xlsx(path, mapping.sheet if mapping else None)]
    if mapping is not None:
        raise InputError(path, "a mapping applies to CSV and XLSX tables, not to JSON, YAML or register files")
    if found in (Format.JSON, Format.YAML):
        return _document_sections(path, found)
    return _brreg_sections(path)


def _brreg_sections(path: Path) -> list[Section]:
    def records() -> Iterator[Row]:
        return brreg.records(path)

    def live(convert: Callable[[str, dict[str, Any]], Any]) -> Callable[[str, dict[str, Any]], Any]:
        return lambda where, record: None if brreg.is_deleted(record) else convert(where, record)

    return [
        Section(kind=TableKind.ACTORS, file=path, where=str(path), headers=[], rows=records, convert=live(brreg.actor_row)),
        Section(
            kind=TableKind.RELATIONSHIPS, file=path, where=str(path), headers=[], rows=records, convert=live(brreg.part_of_row)
        ),
    ]


def _table_section(table: Table, mapping: Mapping | None, strict: bool, nulls: tuple[str, ...]) -> Section:
    if mapping is not None:
        plan = plan_from_mapping(mapping, table.headers, table.where, nulls)
    else:
        kind = table_kind(table.headers, table.name)
        if kind is None:
            raise InputError(
                table.where,
                f"cannot tell what these columns describe: {table.headers}. Expected an actors table (name, …), "
                "an initiatives table (title, kind, …), a relationships table (type, source, target) or a "
                "participation list (actor, initiative, …); or pass --mapping",
                record="1",
            )
        plan = plan_from_headers(kind, table.headers, table.where, strict, nulls)
    reader = ROW_READERS[plan.kind]

    def convert(where: str, cells: dict[str, Any]) -> Any:
        if "__extra__" in cells:
            raise error_at(where, f"has {len(cells['__extra__'])} more cell(s) than the header has columns")
        return reader(where, plan, plan.fields(cells))

    return Section(
        kind=plan.kind, file=table.file, where=table.where, headers=table.headers, rows=table.rows, convert=convert, plan=plan
    )


def load_document(path: Path, format: Format) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = load_json(text) if format == Format.JSON else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", record=str(exc.lineno)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"invalid YAML: {exc}", record=str(mark.line + 1) if mark else None) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from exc
    except ValueError as exc:  # past a bound of ingest/bounds.py
        raise InputError(path, f"refused: {exc}") from exc
    if data is None:
        raise InputError(path, "the file is empty (expected a document with actors, initiatives, relationships)")
    if not isinstance(data, dict):
        raise InputError(path, "expected an object with actors, initiatives and relationships", record="/")
    return data


def _document_sections(path: Path, format: Format) -> list[Section]:
    data = load_document(path, format)
    problems = [
        InputError(path, f"unknown section; expected {sorted(DOCUMENT_SECTIONS)}", record=f"/{key}")
        for key in data
        if key not in DOCUMENT_SECTIONS and key != EXPORT_MARKER and not str(key).startswith(("x-", "$"))
    ]
    sections = []
    for key, kind in DOCUMENT_SECTIONS.items():
        records = data.get(key)
        if records is None:
            continue
        if not isinstance(records, list):
            problems.append(InputError(path, "expected a list", record=f"/{key}"))
            continue

        def rows(records: list[Any] = records, key: str = key) -> Iterator[Row]:
            for index, record in enumerate(records):
                yield f"{path}:/{key}/{index}", record if isinstance(record, dict) else {"__not_an_object__": record}

        sections.append(
            Section(
                kind=kind,
                file=path,
                where=f"{path}:/{key}",
                headers=[],
                rows=rows,
                convert=functools.partial(document_row, kind, restore=EXPORT_MARKER in data),
                restore=EXPORT_MARKER in data,
            )
        )
    if problems:
        raise InputErrors(problems)
    if not sections and EXPORT_MARKER not in data:  # an export of an empty store has none
        raise InputError(path, "has no actors, initiatives or relationships")
    return sections


def document_row(kind: TableKind, where: str, record: dict[str, Any], restore: bool = False) -> Any:
    """A record of a JSON/YAML document: already in the model's shape, ids for references. A
    Samspill export (`restore`) brings back what a store held, as it held it."""
    file, pointer = split_where(where)
    if "__not_an_object__" in record:
        raise RowProblems([InputError(file, "expected an object", record=pointer)])
    context = STORED if restore else None
    try:
        if kind == TableKind.ACTORS:
            return ActorRow(actor=Actor.model_validate(record, context=context), has_id=True, provided=frozenset(record) - {"id"})
        if kind == TableKind.INITIATIVES:
            return InitiativeRow(
                initiative=Initiative.model_validate(record, context=context), provided=frozenset(record) - {"id"}
            )
        rel = Relationship.model_validate(record, context=context)
    except ValidationError as exc:
        raise RowProblems(from_validation(file, pointer, exc)) from exc
    return RelationshipRow(
        relationship=rel,
        source_ref=ActorRef(id=rel.source) if rel.source_label == Label.ACTOR else None,
        target_ref=ActorRef(id=rel.target) if rel.target_label == Label.ACTOR else None,
    )
