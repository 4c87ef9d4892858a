"""Which actor a row means: one defined earlier in the same import, one in the store, or a
new one. Never a silent duplicate of an actor that matches by organisation number or by name
(case, accents, spacing and legal-form words like "kommune" or "AS" ignored)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from graph.model import Actor, ActorKind
from graph.places import (
    PLACE_KINDS,
    SUFFIX_KIND,
    County,
    Municipality,
    gazetteer,
    reference_actor,
    suffix_kind,
    unit_id,
)
from graph.resolution import place_ids
from graph.store import GraphStore
from graph.store_results import Candidate, Resolution, ResolutionStatus
from graph.text import NAME_SUFFIXES, core_key, name_key, slugify
from ingest.records import ActorRef
from ingest.spill import SpillMap

# Legal-form words of a company: "Moss AS" is not the municipality Moss.
_COMPANY_WORDS = NAME_SUFFIXES - set(SUFFIX_KIND)


class Unresolved(Exception):
    def __init__(self, message: str, candidates: list[Candidate] | None = None):
        self.candidates = candidates or []
        hint = ""
        if self.candidates:
            hint = "; candidates: " + ", ".join(_shown(c) for c in self.candidates[:5])
        super().__init__(message + hint)


def _shown(c: Candidate) -> str:
    where = ", ".join(p for p in (c.kommunenummer, c.county) if p)
    return f"{c.id} ({c.name}, {c.kind}{', ' + where if where else ''})"


@dataclass
class _Known:
    id: str
    name: str
    kind: ActorKind
    orgnr: str | None
    keys: tuple[str, ...]
    kommunenummer: str | None = None
    county: str | None = None


def _known(actor: Actor) -> _Known:
    return _Known(actor.id, actor.name, actor.kind, actor.orgnr, tuple(actor.name_keys), actor.kommunenummer, actor.county)


@dataclass
class _StoreView:
    """What the store holds for the references of the rows being checked: asked for in a few
    batched queries per chunk of rows instead of several queries per row (on Neo4j each query
    is a round trip). What was not asked for in advance is asked for when needed. Cleared
    with every chunk, so it stays as small as a chunk."""

    store: GraphStore
    actors: dict[str, Actor | None] = field(default_factory=dict)
    orgnrs: dict[str, list[Actor]] = field(default_factory=dict)
    names: dict[str, Resolution] = field(default_factory=dict)

    def prefetch(self, ids: set[str], orgnrs: set[str], names: set[str]) -> None:
        self.actors.clear()
        self.orgnrs.clear()
        self.names.clear()
        self._fetch_actors(ids)
        if orgnrs:
            found = self.store.actors_by_orgnr(sorted(orgnrs))
            self.orgnrs.update({o: found.get(o, []) for o in orgnrs})
        if names:
            ordered = sorted(names)
            self.names.update(zip(ordered, self.store.resolve_actors(ordered)))

    def _fetch_actors(self, ids: set[str]) -> None:
        if ids:
            found = self.store.get_actors(sorted(ids))
            self.actors.update({i: found.get(i) for i in ids})

    def actor(self, actor_id: str) -> Actor | None:
        if actor_id not in self.actors:
            self._fetch_actors({actor_id})
        return self.actors[actor_id]

    def by_orgnr(self, orgnr: str) -> list[Actor]:
        if orgnr not in self.orgnrs:
            self.orgnrs[orgnr] = self.store.actors_by_orgnr([orgnr]).get(orgnr, [])
        return self.orgnrs[orgnr]

    def by_name(self, name: str) -> Resolution:
        if name not in self.names:
            self.names[name] = self.store.resolve_actors([name])[0]
        return self.names[name]


@dataclass
class ActorResolver:
    store: GraphStore
    _stored: _StoreView = field(init=False)
    # What this import defines or has resolved: as many as its rows, so kept in spill maps.
    _by_id: SpillMap[str, _Known] = field(default_factory=SpillMap)
    _by_orgnr: SpillMap[str, frozenset[str]] = field(default_factory=SpillMap)
    _by_key: SpillMap[str, frozenset[str]] = field(default_factory=SpillMap)
    _cache: SpillMap[ActorRef, str] = field(default_factory=SpillMap)
    _taken: SpillMap[str, bool] = field(default_factory=SpillMap)

    def __post_init__(self) -> None:
        self._stored = _StoreView(self.store)

    def prefetch(self, refs: Iterable[ActorRef]) -> None:
        """Ask the store at once about every reference in a chunk of rows (and about the ids a
        new actor named by one would take), before they are resolved one by one."""
        pending = {ref for ref in refs if ref not in self._cache}
        ids = {ref.id for ref in pending if ref.id}
        for ref in pending:
            if ref.name or ref.orgnr:
                ids.update(islice(_id_candidates(ref), 2 if ref.orgnr else 1))
        self._stored.prefetch(ids, {ref.orgnr for ref in pending if ref.orgnr}, {ref.name for ref in pending if ref.name})

    def register(self, actor: Actor, ref: ActorRef | None = None) -> None:
        """An actor this import defines (or creates): later rows may name it, and `ref`, the
        reference it was created for, names it from now on without asking the store again."""
        if ref is not None:
            self._cache[ref] = actor.id
        self._by_id[actor.id] = _known(actor)
        if actor.orgnr:
            self._by_orgnr[actor.orgnr] = self._by_orgnr.get(actor.orgnr, frozenset()) | {actor.id}
        for key in actor.name_keys:
            self._by_key[key] = self._by_key.get(key, frozenset()) | {actor.id}

    def defined(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def resolve(self, ref: ActorRef) -> str | None:
        """The id `ref` names, or None when nothing matches (the caller may create one).
        Raises Unresolved when it matches more than one actor."""
        if ref in self._cache:
            return self._cache[ref]
        found = self._resolve(ref)
        if found is not None:
            self._cache[ref] = found
        return found

    def _resolve(self, ref: ActorRef) -> str | None:
        if ref.id and (ref.id in self._by_id or self._stored.actor(ref.id)):
            return ref.id
        if ref.orgnr:
            ids = set(self._by_orgnr.get(ref.orgnr, frozenset()))
            ids |= {a.id for a in self._stored.by_orgnr(ref.orgnr)}
            if len(ids) > 1 and ref.name:
                named = {i for i in ids if self._matches_name(i, ref.name)}
                ids = named or ids
            if len(ids) == 1:
                return next(iter(ids))
            if len(ids) > 1:
                raise Unresolved(f"organisation number {ref.orgnr} belongs to several actors", self._candidates(ids))
        if ref.name:
            return self._by_name(ref)
        place = self._place_only(ref)
        if place and (place in self._by_id or self._stored.actor(place)):
            return place
        return None

    @staticmethod
    def _place_only(ref: ActorRef) -> str | None:
        """The reference unit a row names by number alone."""
        if ref.id or ref.orgnr or ref.name:
            return None
        if ref.kommunenummer:
            return f"kommune-{ref.kommunenummer}"
        return f"fylke-{ref.fylkesnummer}" if ref.fylkesnummer else None

    def reference_unit(self, ref: ActorRef) -> Actor | None:
        """For a row whose actor is in neither the store nor this import: the municipality or
        county it names (created from the reference data), or None when it names none. Raises
        Unresolved for a name that is nearly a municipality's ("Alstadhaug") or that several
        share, so no stand-in for a municipality is ever created."""
        place = self._place_only(ref)
        if place is not None:
            number = place.partition("-")[2]
            places = gazetteer()
            unit = places.municipalities.get(number) if place.startswith("kommune-") else places.county(number)
            return reference_actor(unit) if unit is not None else None
        if not ref.name or (name_key(ref.name).rpartition(" ")[2] in _COMPANY_WORDS) or ref.kind not in (None, *PLACE_KINDS):
            return None
        ids, _ = place_ids(ref.name)
        units = [gazetteer().unit(i) for i in ids]
        units = _near(units, ref) if len(units) > 1 else units
        if len(units) == 1:
            return reference_actor(units[0])
        if len(units) > 1:
            raise Unresolved(
                f"{ref.name!r} is the name of several places; add the county or municipality number",
                [_unit_candidate(u, "same name") for u in units],
            )
        if not ref.orgnr:
            like = gazetteer().like(ref.name)
            if like:
                options = ", ".join(f"{u.name} ({u.number})" for u in like[:3])
                raise Unresolved(
                    f"{ref.name!r} is no municipality or county; did you mean {options}?",
                    [_unit_candidate(u, "similar name") for u in like],
                )
        return None

    def _lookup(self, actor_id: str) -> _Known | None:
        """What this import or the store knows of an actor."""
        known = self._by_id.get(actor_id)
        if known is None:
            actor = self._stored.actor(actor_id)
            known = _known(actor) if actor else None
        return known

    def _matches_name(self, actor_id: str, name: str) -> bool:
        known = self._lookup(actor_id)
        return known is not None and core_key(name) in known.keys

    def _by_name(self, ref: ActorRef) -> str | None:
        ids: set[str] = set()
        for key in (name_key(ref.name or ""), core_key(ref.name or "")):
            ids |= self._by_key.get(key, frozenset())
            if ids:
                break
        resolution = self._stored.by_name(ref.name or "")
        if resolution.status == ResolutionStatus.FOUND and resolution.actor is not None:
            ids.add(resolution.actor.id)
        elif resolution.status == ResolutionStatus.AMBIGUOUS:
            ids |= {c.id for c in resolution.candidates}
        if ref.orgnr:  # a namesake with another organisation number is another organisation (not a
            # municipality, whose number changes with a merger)
            ids = {i for i in ids if self._orgnr_of(i) in (None, ref.orgnr) or self._kind_of(i) in PLACE_KINDS}
        if name_key(ref.name or "").rpartition(" ")[2] in _COMPANY_WORDS:  # "Moss AS" is not Moss
            ids = {i for i in ids if self._kind_of(i) not in PLACE_KINDS}
        if len(ids) > 1:
            wanted = ref.kind or suffix_kind(ref.name or "")
            narrowed = {i for i in ids if self._kind_of(i) == wanted} if wanted else set()
            if len(narrowed) == 1:
                return next(iter(narrowed))
            located = self._located(narrowed or ids, ref)
            if len(located) == 1:
                return next(iter(located))
            raise Unresolved(
                f"{ref.name!r} matches several actors; add the county or municipality number"
                if located or ref.kommunenummer or ref.fylkesnummer
                else f"{ref.name!r} matches several actors",
                self._candidates(located or ids),
            )
        return next(iter(ids)) if ids else None

    def lacks_orgnr(self, actor_id: str, orgnr: str) -> bool:
        """Whether `orgnr` may be kept on this actor: it has none, and no stored actor has it."""
        known = self._lookup(actor_id)
        return known is not None and known.orgnr is None and not self._stored.by_orgnr(orgnr)

    def _located(self, ids: set[str], ref: ActorRef) -> set[str]:
        """Those of `ids` in the row's municipality or county ("HERØY" in county 18)."""
        if not (ref.kommunenummer or ref.fylkesnummer):
            return set()
        counties = _counties(ref)
        found = set()
        for actor_id in ids:
            known = self._lookup(actor_id)
            if known is None:
                continue
            if (ref.kommunenummer and known.kommunenummer == ref.kommunenummer) or (
                not ref.kommunenummer and known.county in counties
            ):
                found.add(actor_id)
        return found

    def _orgnr_of(self, actor_id: str) -> str | None:
        known = self._lookup(actor_id)
        return known.orgnr if known else None

    def _kind_of(self, actor_id: str) -> ActorKind | None:
        known = self._lookup(actor_id)
        return known.kind if known else None

    def _candidates(self, ids: set[str]) -> list[Candidate]:
        stored = self.store.get_actors(sorted(i for i in ids if i not in self._by_id))
        result = []
        for actor_id in sorted(ids):
            known = self._by_id.get(actor_id)
            found, reason = (known, "in this import") if known else (stored.get(actor_id), "in the store")
            if found:
                result.append(
                    Candidate(
                        id=actor_id,
                        name=found.name,
                        kind=found.kind,
                        reason=reason,
                        orgnr=found.orgnr,
                        kommunenummer=found.kommunenummer,
                        county=gazetteer().county_name(found.county),
                    )
                )
        return result

    def closest(self, ref: ActorRef) -> list[Candidate]:
        return self.store.resolve_actor(ref.name or ref.orgnr or ref.id or "").candidates

    def new_id(self, ref: ActorRef, preferred: str | None = None) -> str:
        """A fresh id for a new actor: its slug, made unique with its organisation number or a count."""
        for candidate in _id_candidates(ref, preferred):
            if candidate not in self._by_id and candidate not in self._taken and self._stored.actor(candidate) is None:
                self._taken[candidate] = True
                return candidate
        raise Unresolved(f"cannot find a free id for {ref}")


def _counties(ref: ActorRef) -> set[str]:
    """The county a row gives, and the 2024 counties it became."""
    if not ref.fylkesnummer:
        return set()
    return {c.number for c in gazetteer().current_counties(ref.fylkesnummer)} | {ref.fylkesnummer}


def _near(units: Sequence[object], ref: ActorRef) -> list:
    """Of namesake places, those in the row's municipality or county."""
    counties = _counties(ref)
    return [
        u
        for u in units
        if isinstance(u, Municipality) and (u.number == ref.kommunenummer or (not ref.kommunenummer and u.county in counties))
    ]


def _unit_candidate(unit: object, reason: str) -> Candidate:
    if isinstance(unit, Municipality):
        return Candidate(
            id=unit_id(unit),
            name=unit.name,
            kind=ActorKind.MUNICIPALITY,
            reason=reason,
            orgnr=unit.orgnr,
            kommunenummer=unit.number,
            county=unit.county_name,
        )
    assert isinstance(unit, County)
    return Candidate(id=unit_id(unit), name=unit.name, kind=ActorKind.COUNTY, reason=reason)


def _id_candidates(ref: ActorRef, preferred: str | None = None) -> Iterator[str]:
    """The ids a new actor may take, in order: its slug, then with its organisation number,
    then numbered."""
    base = preferred or slugify(ref.name or ref.orgnr or "actor")
    for candidate in chain([base], [f"{base}-{ref.orgnr}"] if ref.orgnr else [], (f"{base}-{n}" for n in range(2, 1000))):
        yield candidate[:80].rstrip("-")
