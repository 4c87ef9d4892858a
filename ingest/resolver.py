"""Which actor a row means: one defined earlier in the same import, one in the store, or a
new one. Never a silent duplicate of an actor that matches by organisation number or by name
(case, accents, spacing and legal-form words like "kommune" or "AS" ignored)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from graph.model import Actor, ActorKind
from graph.store import Candidate, GraphStore, ResolutionStatus
from graph.text import core_key, name_key, slugify
from ingest.records import ActorRef

# A name's last word that says what kind of actor it is, to choose among namesakes.
_SUFFIX_KIND = {"kommune": ActorKind.MUNICIPALITY, "kommuna": ActorKind.MUNICIPALITY,
                "fylkeskommune": ActorKind.COUNTY, "fylkeskommuna": ActorKind.COUNTY}


class Unresolved(Exception):
    def __init__(self, message: str, candidates: list[Candidate] | None = None):
        self.candidates = candidates or []
        hint = ""
        if self.candidates:
            hint = "; closest: " + ", ".join(f"{c.id} ({c.name}, {c.kind})" for c in self.candidates[:5])
        super().__init__(message + hint)


@dataclass
class _Known:
    id: str
    name: str
    kind: ActorKind
    orgnr: str | None
    keys: tuple[str, ...]


@dataclass
class ActorResolver:
    store: GraphStore
    _by_id: dict[str, _Known] = field(default_factory=dict)
    _by_orgnr: dict[str, set[str]] = field(default_factory=dict)
    _by_key: dict[str, set[str]] = field(default_factory=dict)
    _cache: dict[ActorRef, str] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)

    def register(self, actor: Actor, ref: ActorRef | None = None) -> None:
        """An actor this import defines (or creates): later rows may name it, and `ref`, the
        reference it was created for, names it from now on without asking the store again."""
        if ref is not None:
            self._cache[ref] = actor.id
        self._by_id[actor.id] = _Known(actor.id, actor.name, actor.kind, actor.orgnr, tuple(actor.name_keys))
        if actor.orgnr:
            self._by_orgnr.setdefault(actor.orgnr, set()).add(actor.id)
        for key in actor.name_keys:
            self._by_key.setdefault(key, set()).add(actor.id)

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
        if ref.id and (ref.id in self._by_id or self.store.get_actors([ref.id])):
            return ref.id
        if ref.orgnr:
            ids = set(self._by_orgnr.get(ref.orgnr, set()))
            ids |= {a.id for a in self.store.actors_by_orgnr([ref.orgnr]).get(ref.orgnr, [])}
            if len(ids) > 1 and ref.name:
                named = {i for i in ids if self._matches_name(i, ref.name)}
                ids = named or ids
            if len(ids) == 1:
                return next(iter(ids))
            if len(ids) > 1:
                raise Unresolved(f"organisation number {ref.orgnr} belongs to several actors", self._candidates(ids))
        if ref.name:
            return self._by_name(ref)
        return None

    def _lookup(self, actor_id: str) -> _Known | None:
        """What this import or the store knows of an actor."""
        known = self._by_id.get(actor_id)
        if known is None:
            actor = self.store.get_actors([actor_id]).get(actor_id)
            known = _Known(actor.id, actor.name, actor.kind, actor.orgnr, tuple(actor.name_keys)) if actor else None
        return known

    def _matches_name(self, actor_id: str, name: str) -> bool:
        known = self._lookup(actor_id)
        return known is not None and core_key(name) in known.keys

    def _by_name(self, ref: ActorRef) -> str | None:
        ids: set[str] = set()
        for key in (name_key(ref.name or ""), core_key(ref.name or "")):
            ids |= self._by_key.get(key, set())
            if ids:
                break
        resolution = self.store.resolve_actor(ref.name or "", suggest=False)
        if resolution.status == ResolutionStatus.FOUND and resolution.actor is not None:
            ids.add(resolution.actor.id)
        elif resolution.status == ResolutionStatus.AMBIGUOUS:
            ids |= {c.id for c in resolution.candidates}
        if ref.orgnr:  # a namesake with another organisation number is another organisation
            ids = {i for i in ids if self._orgnr_of(i) in (None, ref.orgnr)}
        if len(ids) > 1:
            wanted = ref.kind or _SUFFIX_KIND.get(name_key(ref.name or "").rpartition(" ")[2])
            narrowed = {i for i in ids if self._kind_of(i) == wanted} if wanted else set()
            if len(narrowed) == 1:
                return next(iter(narrowed))
            raise Unresolved(f"{ref.name!r} matches several actors", self._candidates(ids))
        return next(iter(ids)) if ids else None

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
            actor = stored.get(actor_id)
            if known:
                result.append(Candidate(id=actor_id, name=known.name, kind=known.kind, reason="in this import"))
            elif actor:
                result.append(Candidate(id=actor_id, name=actor.name, kind=actor.kind, reason="in the store"))
        return result

    def closest(self, ref: ActorRef) -> list[Candidate]:
        return self.store.resolve_actor(ref.name or ref.orgnr or ref.id or "").candidates

    def new_id(self, ref: ActorRef, preferred: str | None = None) -> str:
        """A fresh id for a new actor: its slug, made unique with its organisation number or a count."""
        base = preferred or slugify(ref.name or ref.orgnr or "actor")
        candidates = chain([base], [f"{base}-{ref.orgnr}"] if ref.orgnr else [], (f"{base}-{n}" for n in range(2, 1000)))
        for candidate in candidates:
            candidate = candidate[:80].rstrip("-")
            if candidate not in self._by_id and candidate not in self._taken and not self.store.get_actors([candidate]):
                self._taken.add(candidate)
                return candidate
        raise Unresolved(f"cannot find a free id for {ref}")
