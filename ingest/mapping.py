"""Mappings: how any spreadsheet's columns become Samspill fields, written as YAML data.

    table: participation
    sheet: Prosjekt            # XLSX only; default every sheet
    delimiter: ";"             # CSV only; default detected
    encoding: cp1252           # CSV only; default detected
    source: "Prosjektbanken, 2024 extract"
    columns:
      actor: Virksomhet
      actor_orgnr: Organisasjonsnummer
      initiative_id: Prosjektnummer
      initiative: Prosjekttittel
      start: {column: Startdato, format: "%d.%m.%Y %H:%M"}
      role: {column: Rolle, values: {COORDINATOR: organiser, PARTNER: participant}}
      end: {column: Sluttdato, null_values: ["9999-12-31"]}
    null_values: [NA, "N/A", "-"]     # cells that mean "no value", in every column
    fixed:
      initiative_kind: project

Field names are those of `ingest.columns.COLUMNS[table]` (see docs/import.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ingest.columns import COLUMNS, TableKind, field_of, header_key
from ingest.errors import InputError, InputErrors, from_validation


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str = Field(min_length=1)
    format: str | None = Field(default=None, description="strptime format for dates, e.g. %d.%m.%Y")
    values: dict[str, str] = Field(default_factory=dict, description="cell value -> Samspill value")
    null_values: list[str] = Field(default_factory=list, description='cells in this column that mean "no value"')


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    table: TableKind
    sheet: str | None = None
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)
    encoding: str | None = None
    source: str | None = None
    columns: dict[str, str | ColumnSpec] = Field(default_factory=dict)
    fixed: dict[str, str | bool | int] = Field(default_factory=dict)
    null_values: list[str] = Field(default_factory=list, description='cells that mean "no value" in every column: NA, N/A, -')

    @model_validator(mode="after")
    def _known_fields(self) -> Mapping:
        known = set(COLUMNS[self.table].values())
        unknown = sorted((set(self.columns) | set(self.fixed)) - known)
        if unknown:
            raise ValueError(f"no such field(s) in a {self.table} table: {unknown}; expected some of {sorted(known)}")
        if not self.columns:
            raise ValueError("columns: map at least one column")
        return self

    def specs(self) -> dict[str, ColumnSpec]:
        return {f: s if isinstance(s, ColumnSpec) else ColumnSpec(column=s) for f, s in self.columns.items()}


def load_mapping(path: Path) -> Mapping:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputErrors([InputError(path, f"cannot read the mapping: {exc}")]) from exc
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        raise InputErrors(from_validation(path, "mapping", exc)) from exc


@dataclass(frozen=True)
class ColumnPlan:
    """How one table's rows become fields: field -> (header, date format, value map), plus
    fixed values and the headers left unused."""

    kind: TableKind
    columns: dict[str, ColumnSpec]
    fixed: dict[str, Any] = field(default_factory=dict)
    unused: tuple[str, ...] = ()
    nulls: tuple[str, ...] = ()  # cells that mean "no value" in every column
    # Derived once, not on every row: per column the field it feeds and its folded value map;
    # the date formats (they key what has been parsed already).
    reads: tuple[tuple[str, str, dict[str, str], frozenset[str]], ...] = field(init=False, repr=False, compare=False)
    formats: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        everywhere = {n.strip().casefold() for n in self.nulls}
        reads = tuple(
            (
                name,
                spec.column,
                {k.strip().casefold(): v for k, v in spec.values.items()},
                frozenset(everywhere | {n.strip().casefold() for n in spec.null_values}),
            )
            for name, spec in self.columns.items()
        )
        object.__setattr__(self, "reads", reads)
        object.__setattr__(self, "formats", tuple((n, s.format) for n, s in self.columns.items() if s.format))

    def fields(self, cells: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = dict(self.fixed)
        for name, column, folded, nulls in self.reads:
            value = cells.get(column)
            if nulls and isinstance(value, str) and value.strip().casefold() in nulls:
                continue
            if folded and value is not None:
                value = folded.get(str(value).strip().casefold(), value)
            if value is not None and not (isinstance(value, str) and not value.strip()):
                values[name] = value
        return values

    def date_format(self, name: str) -> str | None:
        spec = self.columns.get(name)
        return spec.format if spec else None


def plan_from_headers(kind: TableKind, headers: list[str], where: str, strict: bool, nulls: tuple[str, ...] = ()) -> ColumnPlan:
    columns: dict[str, ColumnSpec] = {}
    unused: list[str] = []
    problems: list[InputError] = []
    for header in headers:
        name = field_of(kind, header)
        if name is None:
            unused.append(header)
        elif name in columns:
            problems.append(InputError(where, f"columns {columns[name].column!r} and {header!r} both mean {name}", record="1"))
        else:
            columns[name] = ColumnSpec(column=header)
    if strict and unused:
        known = sorted({h for h in COLUMNS[kind] if "_" not in h or h in COLUMNS[kind].values()})
        problems += [
            InputError(where, f"unknown column {h!r} in a {kind} table (strict mode); known: {', '.join(known)}", record="1")
            for h in unused
        ]
    if problems:
        raise InputErrors(problems)
    return ColumnPlan(kind=kind, columns=columns, unused=tuple(unused), nulls=nulls)


def plan_from_mapping(mapping: Mapping, headers: list[str], where: str, nulls: tuple[str, ...] = ()) -> ColumnPlan:
    by_key = {header_key(h): h for h in headers}
    columns: dict[str, ColumnSpec] = {}
    problems: list[InputError] = []
    for name, spec in mapping.specs().items():
        header = spec.column if spec.column in headers else by_key.get(header_key(spec.column))
        if header is None:
            problems.append(
                InputError(
                    where,
                    f"the mapping's column {spec.column!r} (for {name}) is not in the header; the header has {headers}",
                    record="1",
                )
            )
        else:
            columns[name] = spec.model_copy(update={"column": header})
    if problems:
        raise InputErrors(problems)
    used = {s.column for s in columns.values()}
    return ColumnPlan(
        kind=mapping.table,
        columns=columns,
        fixed=dict(mapping.fixed),
        unused=tuple(h for h in headers if h not in used),
        nulls=(*nulls, *mapping.null_values),
    )
