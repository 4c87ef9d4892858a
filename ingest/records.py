"""One row's fields -> the model record it describes, or the problems with it.

Rows name actors by id, organisation number or name; those references are kept as
`ActorRef`s here and resolved later (ingest/resolver.py), once every row has been read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from pydantic import ValidationError

from graph.model import (
    Actor,
    ActorKind,
    Initiative,
    InitiativeKind,
    Label,
    Relationship,
    RelType,
    Role,
)
from graph.text import name_key, slugify
from ingest import cells, placing
from ingest.cells import CellError
from ingest.columns import TableKind
from ingest.errors import InputError, error_at
from ingest.mapping import ColumnPlan
from ingest.vocabulary import parse_enum

PLACEHOLDER_ID = "pending"
T = TypeVar("T")


class ActorRef(NamedTuple):
    """How a row names an actor. Any of the three may be missing. (A named tuple: it keys the
    resolver's memory on every row, and tuples hash in C.)"""

    id: str | None = None
    orgnr: str | None = None
    name: str | None = None
    kind: ActorKind | None = None
    # Where the actor is (2024 numbers): chooses among namesakes ("Herøy" in county 18) and
    # places a new actor; with nothing else given, the reference unit itself.
    kommunenummer: str | None = None
    fylkesnummer: str | None = None
    country: str | None = None

    def __str__(self) -> str:
        return self.id or (f"{self.name} ({self.orgnr})" if self.name and self.orgnr else self.name or self.orgnr or "?")


@dataclass(frozen=True)
class ActorRow:
    actor: Actor  # id is PLACEHOLDER_ID when the row gave none
    has_id: bool
    provided: frozenset[str]


@dataclass(frozen=True)
class InitiativeRow:
    initiative: Initiative
    provided: frozenset[str]


@dataclass(frozen=True)
class RelationshipRow:
    relationship: Relationship  # source/target hold the row's references until resolved
    source_ref: ActorRef | None
    target_ref: ActorRef | None
    optional: bool = False  # when an end cannot be found, skip the row with a warning


class ParticipationRow(NamedTuple):  # one per row of a list: a tuple is the cheapest to build
    actor: ActorRef
    initiative: Initiative
    initiative_provided: frozenset[str]
    role: Role
    given: Given  # what the row says of the initiative: rows naming it must agree


class RowProblems(Exception):
    def __init__(self, problems: list[InputError]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class _Reader:
    """Parses fields one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, where: str, plan: ColumnPlan | None, fields: dict[str, Any]):
        self.where, self.plan, self.fields = where, plan, fields
        self.problems: list[InputError] = []

    def column(self, name: str) -> str:
        if not name:
            return ""
        spec = self.plan.columns.get(name) if self.plan else None
        return spec.column if spec else name

    def _fail(self, name: str, message: str) -> None:
        self.problems.append(error_at(self.where, message, self.column(name)))

    def get(self, name: str, parse: Any = cells.text) -> Any:
        value = self.fields.get(name)
        try:
            return parse(value)
        except CellError as exc:
            self._fail(name, str(exc))
            return None

    def date(self, name: str) -> Any:
        fmt = self.plan.date_format(name) if self.plan else None
        return self.get(name, lambda v: cells.date(v, fmt))

    def enum(self, name: str, enum: Any, default: Any = None) -> Any:
        raw = cells.text(self.fields.get(name))
        if raw is None:
            return default
        try:
            return parse_enum(enum, raw)
        except CellError as exc:
            self._fail(name, str(exc))
            return None

    def require(self, name: str, value: Any, expected: str) -> None:
        if value is None and not any(p.field == self.column(name) for p in self.problems):
            self._fail(name, f"is empty (expected {expected})")

    def build(self, model: Any, values: dict[str, Any]) -> Any:
        if self.problems:
            raise RowProblems(self.problems)
        try:
            return model.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            for error in exc.errors():
                message = error["msg"].removeprefix("Value error, ")
                if error["loc"]:
                    self._fail(str(error["loc"][0]), f"{message} (got {error.get('input')!r})")
                else:  # a rule across fields, such as end before start
                    self._fail("", message)
            raise RowProblems(self.problems) from exc


def _provided(values: dict[str, Any]) -> frozenset[str]:
    return frozenset(k for k, v in values.items() if v not in (None, (), []))


def actor_row(where: str, plan: ColumnPlan | None, fields: dict[str, Any]) -> ActorRow:
    r = _Reader(where, plan, fields)
    name, orgnr = r.get("name"), r.get("orgnr", cells.orgnr)
    kommunenummer = r.get("kommunenummer", lambda v: placing.municipality(v, name, orgnr))
    values = {
        "id": r.get("id"),
        "name": name,
        "kind": r.enum("kind", ActorKind),
        "orgnr": orgnr,
        "kommunenummer": kommunenummer,
        "fylkesnummer": placing.county_of(kommunenummer, r.get("fylkesnummer", placing.county), fields.get("kommunenummer")),
        "country": (r.get("country") or "").upper() or None,
        "population": r.get("population", cells.integer),
        "organisation_form": r.get("organisation_form"),
        "aliases": tuple(cells.items(fields.get("aliases"))),
        "website": r.get("website"),
        "description": r.get("description"),
    }
    r.require("name", values["name"], "the organisation's name")
    actor = r.build(Actor, {**values, "id": values["id"] or PLACEHOLDER_ID, "kind": values["kind"] or ActorKind.OTHER})
    return ActorRow(actor=actor, has_id=values["id"] is not None, provided=_provided(values) - {"id"})


def initiative_id(title: str, start: Any) -> str:
    """A stable id for an initiative a row names by title (and date)."""
    suffix = f"-{start.isoformat()}" if start else ""
    return f"{slugify(title, 80 - len(suffix))}{suffix}"


def initiative_row(where: str, plan: ColumnPlan | None, fields: dict[str, Any]) -> InitiativeRow:
    r = _Reader(where, plan, fields)
    values = _initiative_values(r, fields, _OWN_FIELDS, default_kind=None)
    r.require("title", values["title"], "the initiative's title")
    r.require("kind", values["kind"], f"one of {', '.join(k.value for k in InitiativeKind)}")
    if values["id"] is None and values["title"]:
        values["id"] = initiative_id(values["title"], values["start"])
    initiative = r.build(Initiative, values)
    return InitiativeRow(initiative=initiative, provided=_provided(values) - {"id"})


# Where an initiative's fields are found: its own table, or a participation list's columns.
_OWN_FIELDS = {"id": "id", "title": "title", "kind": "kind", "description": "description", "url": "url"}
_LISTED_FIELDS = {"id": "initiative_id", "title": "initiative", "kind": "initiative_kind"}


def _initiative_values(r: _Reader, fields: dict[str, Any], names: dict[str, str], default_kind: Any) -> dict[str, Any]:
    return {
        "id": r.get(names["id"]),
        "title": r.get(names["title"]),
        "kind": r.enum(names["kind"], InitiativeKind, default_kind),
        "start": r.date("start"),
        "end": r.date("end"),
        "description": r.get(names["description"]) if "description" in names else None,
        "kommunenummer": r.get("kommunenummer", placing.municipality),
        "themes": tuple(cells.items(fields.get("themes"))),
        "open": r.get("open", cells.boolean),
        "url": r.get(names["url"]) if "url" in names else None,
    }


def participation_row(where: str, plan: ColumnPlan | None, fields: dict[str, Any]) -> ParticipationRow:
    # An attendance list repeats each initiative, actor and role on many rows: each part is
    # parsed once per distinct set of cells and remembered (only when it parsed cleanly, since
    # problems name the row they are on).
    get = fields.get
    actor_key = (
        get("actor_id"),
        get("actor_orgnr"),
        get("actor"),
        get("actor_kind"),
        get("actor_kommunenummer"),
        get("actor_fylkesnummer"),
        get("actor_country"),
    )
    initiative_key = (plan.formats if plan else None, *map(get, _LISTED_INPUTS))
    role_key = get("role")
    try:
        ref, listed, role = _ACTORS.values[actor_key], _INITIATIVES.values[initiative_key], _ROLES.values[role_key]
    except (KeyError, TypeError):
        r = _Reader(where, plan, fields)
        ref = _ACTORS.recall(r, actor_key, lambda: _listed_actor(r))
        listed = _INITIATIVES.recall(r, initiative_key, lambda: _listed_initiative(r, fields))
        role = _ROLES.recall(r, role_key, lambda: r.enum("role", Role, Role.PARTICIPANT))
        if r.problems:
            raise RowProblems(r.problems) from None
    return ParticipationRow(ref, listed[0], listed[1], role, listed[2])


def _listed_actor(r: _Reader) -> ActorRef:
    name, orgnr = r.get("actor"), r.get("actor_orgnr", cells.orgnr)
    kommunenummer = r.get("actor_kommunenummer", lambda v: placing.municipality(v, name, orgnr))
    country = r.get("actor_country")
    if country is not None and not re.fullmatch(r"[A-Za-z]{2}", country):
        r.problems.append(
            error_at(r.where, f"expected a two-letter country code (NO, SE, DK), got {country!r}", r.column("actor_country"))
        )
    ref = ActorRef(
        id=r.get("actor_id"),
        orgnr=orgnr,
        name=name,
        kind=r.enum("actor_kind", ActorKind),
        kommunenummer=kommunenummer,
        fylkesnummer=placing.county_of(
            kommunenummer, r.get("actor_fylkesnummer", placing.county), r.fields.get("actor_kommunenummer")
        ),
        country=country.upper() if country else None,
    )
    if not (ref.id or ref.orgnr or ref.name or ref.kommunenummer or ref.fylkesnummer):
        r.require("actor", None, "the actor's name, organisation number, id or municipality number")
    return ref


def _listed_initiative(r: _Reader, fields: dict[str, Any]) -> tuple[Initiative, frozenset[str], Given] | None:
    values = _initiative_values(r, fields, _LISTED_FIELDS, default_kind=None)
    if values["id"] is None and values["title"] is None:
        r.require("initiative", None, "the initiative's title or id")
    # A row that names an initiative only by id refers to it: what it leaves out (the title,
    # the kind) is filled in only to create one that does not exist yet, never to overwrite.
    provided = _provided(values) - {"id"}
    values["title"] = values["title"] or values["id"]
    values["kind"] = values["kind"] or InitiativeKind.MEETING
    if values["id"] is None and values["title"]:
        values["id"] = initiative_id(values["title"], values["start"])
    try:
        initiative = r.build(Initiative, values)
    except RowProblems:
        return None  # the problems are in r; the caller raises them with the rest
    return initiative, provided, given(initiative, provided)


Given = tuple[tuple[str, Any], ...]
_GROWING = frozenset({"aliases", "themes", "sources"})  # lists that merge, so rows never disagree on them


def given(record: Any, provided: frozenset[str]) -> Given:
    """The values a row gives for a record: two rows defining one record must agree on those
    they both give."""
    return tuple(sorted(((name, getattr(record, name)) for name in provided - _GROWING), key=lambda item: item[0]))


_LISTED_INPUTS = ("initiative_id", "initiative", "initiative_kind", "start", "end", "kommunenummer", "themes", "open")


class _Memo:
    """A bounded memory of parsed cells. Cleared when full: lists are grouped by initiative, so
    what was parsed long ago is rarely needed again, and memory stays flat on any file."""

    def __init__(self, size: int):
        self.size = size
        self.values: dict[Any, Any] = {}

    def recall(self, r: _Reader, key: Any, parse: Callable[[], T]) -> T:
        try:
            return self.values[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell (never from CSV or XLSX): parse, don't remember
            return parse()
        before = len(r.problems)
        value = parse()
        # None: not parsed, because of a problem elsewhere in the row (an initiative is not
        # built on a row whose actor is wrong); the next row with these cells parses it.
        if len(r.problems) == before and value is not None:
            if len(self.values) >= self.size:
                self.values.clear()
            self.values[key] = value
        return value


# One memory per part, so the many initiatives of a long list never push out its few roles.
_ACTORS, _INITIATIVES, _ROLES = _Memo(50_000), _Memo(50_000), _Memo(1_000)


# Names that say nobody is named: such a row never becomes an actor.
PLACEHOLDERS = frozenset(
    {
        "ukjent",
        "ukjend",
        "unknown",
        "n a",
        "na",
        "ikke oppgitt",
        "ikkje oppgitt",
        "uoppgitt",
        "none",
        "ingen",
        "null",
        "tom",
        "x",
        "xx",
        "xxx",
        "test",
    }
)


def is_placeholder(ref: ActorRef) -> bool:
    return (
        not ref.id and not ref.orgnr and ref.name is not None and (name_key(ref.name) in PLACEHOLDERS or not name_key(ref.name))
    )


def ref_from_text(text: str) -> ActorRef:
    """A reference typed in one cell: an organisation number, a municipality number (any year
    since 1994) or county number, an id, or a name."""
    compact = text.replace(" ", "")
    if compact.isdigit() and len(compact) == 9:
        return ActorRef(orgnr=compact)
    if compact.isdigit() and len(compact) == 4:
        return ActorRef(kommunenummer=placing.municipality(compact))
    if compact.isdigit() and len(compact) == 2:
        return ActorRef(fylkesnummer=placing.county(compact))
    return ActorRef(id=text.strip().lower(), name=text.strip())


def relationship_row(where: str, plan: ColumnPlan | None, fields: dict[str, Any]) -> RelationshipRow:
    r = _Reader(where, plan, fields)
    rel_type = r.enum("type", RelType)
    r.require("type", rel_type, f"one of {', '.join(t.value for t in RelType)}")
    source, target = r.get("source"), r.get("target")
    r.require("source", source, "an id, organisation number or name")
    r.require("target", target, "an id, organisation number or name")
    values = {
        "type": rel_type,
        "source": "pending-source",
        "target": "pending-target",
        "source_label": r.enum("source_label", Label),
        "target_label": r.enum("target_label", Label),
        "role": r.enum("role", Role),
        "start": r.date("start"),
        "end": r.date("end"),
        "date": r.date("date"),
    }
    relationship = r.build(Relationship, values)
    refs: list[ActorRef | None] = []
    for name, value, label in (("source", source, relationship.source_label), ("target", target, relationship.target_label)):
        try:
            refs.append(ref_from_text(value) if label == Label.ACTOR else None)
        except CellError as exc:
            raise RowProblems([error_at(where, str(exc), r.column(name))]) from exc
    return RelationshipRow(
        relationship=relationship.model_copy(update={"source": source, "target": target}),
        source_ref=refs[0],
        target_ref=refs[1],
    )


ROW_READERS = {
    TableKind.ACTORS: actor_row,
    TableKind.INITIATIVES: initiative_row,
    TableKind.RELATIONSHIPS: relationship_row,
    TableKind.PARTICIPATION: participation_row,
}
