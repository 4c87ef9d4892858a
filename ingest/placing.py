"""A row's municipality and county numbers, read as the 2024 units they mean (graph/places.py).

Old numbers are read as their 2024 unit and said so in the import's summary, once per number:
"kommunenummer 3024 (Bærum, 2020–2023) read as 3201 Bærum". A number that never was a
municipality's is a bad cell; one whose area went to several units is placed by the name on
the row when it can be, and otherwise left unplaced with a warning that lists the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from graph.places import County, Municipality, gazetteer
from graph.text import name_key
from ingest import cells
from ingest.cells import CellError

_NOTES: ContextVar[dict[str, int] | None] = ContextVar("samspill_place_notes", default=None)
_NOT_GIVEN = frozenset({"9999", "0000"})  # "Uoppgitt kommune" in Statistics Norway's lists
_NO_MUNICIPALITY = frozenset({"svalbard", "jan mayen", "svalbard og jan mayen"})


@contextmanager
def collecting() -> Iterator[dict[str, int]]:
    """Notes of this import's readings, each with how many distinct cells it concerns."""
    notes: dict[str, int] = {}
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def _note(message: str) -> None:
    notes = _NOTES.get()
    if notes is not None:
        notes[message] = notes.get(message, 0) + 1


def municipality(value: Any, name: str | None = None, orgnr: str | None = None) -> str | None:
    """The 2024 municipality number a cell means: any number since 1994, written alone, as
    Statistics Norway lists it ("1101 - Eigersund") or as a city district's ("030101", whose
    municipality is its first four digits). A name several municipalities share is chosen by
    the row's organisation number when that is one of theirs (a register lists each one's own)."""
    raw = cells.text(value)
    listed = re.fullmatch(r"(\d{4})\s*[-–]?\s+(\D.*)", raw or "")
    if listed:
        raw, name = listed.group(1), name or listed.group(2)
    if raw is not None and not re.fullmatch(r"[\d\s]+", raw):
        return _named_municipality(raw, orgnr)
    number = cells.digits(raw, 4)
    if number is None or number in _NOT_GIVEN:
        return None
    if re.fullmatch(r"\d{5,6}", number):
        district = number.zfill(6)
        _note("city district numbers (six digits, 030101 Gamle Oslo) read as their municipality's (0301 Oslo)")
        number = district[:4]
    if not re.fullmatch(r"\d{4}", number):
        raise CellError(f"expected a 4-digit municipality number, got {cells.text(value)!r}")
    placed = gazetteer().place_named(number, name)
    if placed is None and number.endswith("00") and gazetteer().county(number[:2]):
        _note("county-wide municipality numbers (ending in 00, such as 1200) read as the whole county")
        return None
    if placed is None:
        if number[:2] in ("21", "22"):
            _note(f"kommunenummer {number} is in Svalbard or Jan Mayen, which have no municipality: not placed")
            return None
        raise CellError(f"{number} is not a Norwegian municipality number (1994–2024)")
    if placed.unit is None:
        assert placed.former is not None
        options = ", ".join(f"{m.name} ({m.number})" for m in placed.candidates)
        _note(
            f"kommunenummer {number} ({placed.former.name}, until {placed.former.years.lstrip('-')}) is now divided "
            f"among {options}; the row's name does not say which: not placed"
        )
        return None
    if placed.renumbered:
        assert placed.former is not None
        _note(
            f"kommunenummer {number} ({placed.former.name}, {placed.former.years.replace('-', '–')}) "
            f"read as {placed.unit.number} {placed.unit.name}"
        )
    return placed.unit.number


def _named_municipality(name: str, orgnr: str | None) -> str | None:
    """A municipality written by name, as registers do ("SOLA", "HERØY (NORDLAND)")."""
    places = gazetteer()
    if name_key(name) in _NO_MUNICIPALITY:
        _note(f"{name_key(name).title()} has no municipality: not placed")
        return None
    found = places.named(name, merged=True)
    units = [u for u in found.units if isinstance(u, Municipality)] if found else []
    if len(units) > 1 and orgnr:
        units = [u for u in units if u.orgnr == orgnr] or units
    if len(units) == 1:
        if found is not None and found.why in ("former", "merged"):
            _note(f"municipality {name!r} (a former name) read as {units[0].number} {units[0].name}")
        return units[0].number
    if units:
        options = ", ".join(f"{u.name} ({u.number})" for u in units)
        raise CellError(
            f"{name!r} is the name of several municipalities: {options}; write the county in brackets "
            f'("{units[0].forms[0]} ({units[0].county_name})") or give the number'
        )
    like = [u for u in places.like(name) if isinstance(u, Municipality)]
    hint = f"; did you mean {', '.join(f'{u.name} ({u.number})' for u in like[:3])}?" if like else ""
    raise CellError(f"expected a municipality number or name, got {name!r}{hint}")


def county(value: Any) -> str | None:
    """A county number (any since 1994) or name. A county that became one 2024 county is read
    as it; one that became several (Viken 30) stays itself: only a municipality can place it."""
    raw = cells.text(value)
    if raw is None:
        return None
    number = cells.digits(raw, 2)
    found: County | None
    if number is not None and number.isdigit():
        found = gazetteer().county(number)
        if found is None:
            raise CellError(f"{number} is not a Norwegian county number (1994–2024)")
    else:
        found = gazetteer().county_named(raw)
        if found is None:
            raise CellError(f"expected a county number or name, got {raw!r}")
    if not found.current and len(found.successors) == 1:
        now = gazetteer().county(found.successors[0])
        assert now is not None
        _note(f"fylkesnummer {found.number} ({found.name}, {found.years}) read as {now.number} {now.name}")
        return now.number
    return found.number


def county_of(kommunenummer: str | None, fylkesnummer: str | None, cell: Any = None) -> str | None:
    """The county a row places an actor in: its 2024 municipality's when it has one, else the
    county it gives, else the county a "county-wide" municipality number (1200) stands for."""
    if not kommunenummer and not fylkesnummer:
        raw = cells.digits(cell, 4)
        if raw and re.fullmatch(r"\d\d00", raw) and gazetteer().county(raw[:2]):
            return county(raw[:2])
    if kommunenummer:
        unit = gazetteer().municipalities.get(kommunenummer)
        if unit is not None:
            return unit.county
    return fylkesnummer
