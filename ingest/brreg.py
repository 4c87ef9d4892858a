"""Enhetsregisteret (the Brønnøysund register of legal entities) as actors and PART_OF links.

Reads the register's JSON in every shape it comes in: one record, an array of records, the
API's search answer (`_embedded.enheter`), or the bulk download (an array, gzipped or not).
Records are streamed, so a million of them take no more memory than a few.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson
from pydantic import ValidationError

from graph.model import Actor, ActorKind, Relationship, RelType
from ingest.bounds import open_maybe_gzipped
from ingest.errors import InputError, from_validation, split_where
from ingest.records import ActorRef, ActorRow, RelationshipRow, RowProblems
from ingest.tables import Row

# Organisation form -> actor kind; every other form is `other`, its code kept in organisation_form.
KINDS = {
    "KOMM": ActorKind.MUNICIPALITY,
    "FYLK": ActorKind.COUNTY,
    "STAT": ActorKind.STATE_AGENCY,
    "ORGL": ActorKind.STATE_AGENCY,
    "SF": ActorKind.STATE_AGENCY,
    "AS": ActorKind.COMPANY,
    "ASA": ActorKind.COMPANY,
    "ANS": ActorKind.COMPANY,
    "DA": ActorKind.COMPANY,
    "ENK": ActorKind.COMPANY,
    "SA": ActorKind.COMPANY,
}


def _open(path: Path) -> IO[bytes]:
    return open_maybe_gzipped(path)  # the bulk download is gzipped; inflated within bounds


def _shape(path: Path) -> tuple[str, str]:
    """(ijson prefix of the records, JSON pointer prefix) — '' prefix means one record."""
    with _open(path) as handle:
        start = handle.read(1 << 16).lstrip()
    if start[:1] == b"[":
        return "item", ""
    embedded, number = start.find(b'"_embedded"'), start.find(b'"organisasjonsnummer"')
    if embedded != -1 and (number == -1 or embedded < number):
        key = "underenheter" if b'"underenheter"' in start else "enheter"
        return f"_embedded.{key}.item", f"/_embedded/{key}"
    if number == -1 and b'"page"' in start:
        return "empty", ""  # a search answer with no hits
    return "", ""


def records(path: Path) -> Iterator[Row]:
    """(where, record) for each register record in the file, streamed."""
    prefix, pointer = _shape(path)
    if prefix == "empty":
        return
    try:
        with _open(path) as handle:
            if not prefix:
                record = json.load(handle)
                yield f"{path}:/", record if isinstance(record, dict) else {"__not_an_object__": record}
                return
            for index, record in enumerate(ijson.items(handle, prefix, use_float=True)):
                yield f"{path}:{pointer}/{index}", record if isinstance(record, dict) else {"__not_an_object__": record}
    except (ijson.JSONError, json.JSONDecodeError, UnicodeDecodeError, EOFError, OSError) as exc:
        raise InputError(path, f"is not valid register JSON: {exc}") from exc


def is_deleted(record: dict[str, Any]) -> bool:
    return bool(record.get("slettedato"))


def _nested(
    record: dict[str, Any], key: str, file: Path | str, pointer: str | None, problems: list[InputError]
) -> dict[str, Any]:
    """An object inside a record ({} when absent); anything else is a problem of the record."""
    value = record.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(InputError(file, "expected an object", record=pointer, field=key))
        return {}
    return value


def actor_row(where: str, record: dict[str, Any]) -> ActorRow:
    file, pointer = split_where(where)
    if "__not_an_object__" in record:
        raise RowProblems([InputError(file, "expected a register record (an object)", record=pointer)])
    problems: list[InputError] = []
    form = _nested(record, "organisasjonsform", file, pointer, problems).get("kode")
    if form is not None and not isinstance(form, str):
        problems.append(InputError(file, "expected a code such as KOMM or AS", record=pointer, field="organisasjonsform.kode"))
        form = None
    address = _nested(record, "forretningsadresse", file, pointer, problems) or _nested(
        record, "beliggenhetsadresse", file, pointer, problems
    )
    activity = record.get("aktivitet") or []
    if not isinstance(activity, list) or not all(isinstance(a, str) for a in activity):
        problems.append(InputError(file, "expected a list of text", record=pointer, field="aktivitet"))
        activity = []
    values = {
        "id": "pending",
        "orgnr": record.get("organisasjonsnummer"),
        "name": record.get("navn"),
        "kind": KINDS.get(form or "", ActorKind.OTHER),
        "organisation_form": form,
        "kommunenummer": address.get("kommunenummer") if address.get("landkode", "NO") == "NO" else None,
        "country": address.get("landkode") or "NO",
        "website": record.get("hjemmeside"),
        "description": " ".join(activity) if isinstance(activity, list) and activity else None,
    }
    for key, field in (("organisasjonsnummer", "orgnr"), ("navn", "name")):
        if not values[field]:
            problems.append(InputError(file, "is missing (expected it in every register record)", record=pointer, field=key))
    if problems:
        raise RowProblems(problems)
    try:
        actor = Actor.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        raise RowProblems(from_validation(file, pointer, exc)) from exc
    return ActorRow(actor=actor, has_id=False, provided=frozenset(k for k, v in values.items() if v) - {"id"})


def part_of_row(where: str, record: dict[str, Any]) -> RelationshipRow | None:
    """`overordnetEnhet` as PART_OF the parent unit, or None when the record has no parent."""
    parent, child = record.get("overordnetEnhet"), record.get("organisasjonsnummer")
    if not parent or not child or "__not_an_object__" in record:
        return None
    if not isinstance(parent, str) or not isinstance(child, str):
        file, pointer = split_where(where)
        field = "overordnetEnhet" if not isinstance(parent, str) else "organisasjonsnummer"
        raise RowProblems([InputError(file, "expected an organisation number", record=pointer, field=field)])
    rel = Relationship(type=RelType.PART_OF, source="pending-source", target="pending-target")
    return RelationshipRow(
        relationship=rel.model_copy(update={"source": child, "target": parent}),
        source_ref=ActorRef(orgnr=child, name=record.get("navn")),
        target_ref=ActorRef(orgnr=parent),
        optional=True,
    )
