"""Finding actors that are probably one organisation, and merging two into one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from graph.cursor import PAGE, every_item
from graph.model import STORED, Actor, ActorKind, Label, Relationship, RelType, Source
from graph.places import PLACE_KINDS, Municipality, gazetteer, unit_id
from graph.store import GraphStore
from graph.store_results import NodeRef
from graph.text import core_key
from ingest.merge import is_reference


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    actors: list[Actor]


def all_actors(store: GraphStore) -> Iterator[Actor]:
    return every_item(lambda cursor: store.find_actors(limit=PAGE, cursor=cursor))


def find_duplicates(store: GraphStore) -> list[DuplicateGroup]:
    """Groups sharing an organisation number, or a name apart from case, accents and legal-form
    words. Renames already recorded (SUCCEEDED_BY) and a county sharing its municipality's name
    (Oslo) are not duplicates."""
    by_orgnr: dict[str, list[Actor]] = defaultdict(list)
    by_name: dict[str, list[Actor]] = defaultdict(list)
    for actor in all_actors(store):
        if actor.orgnr:
            by_orgnr[actor.orgnr].append(actor)
        by_name[core_key(actor.name)].append(actor)
    groups: list[DuplicateGroup] = []
    seen: set[frozenset[str]] = set()
    for reason, table in (("same organisation number", by_orgnr), ("same name", by_name)):
        for key, actors in sorted(table.items()):
            ids = frozenset(a.id for a in actors)
            if len(actors) < 2 or ids in seen:
                continue
            if reason == "same name":
                actors = [a for a in actors if any(_may_be_same(a, b) for b in actors if b is not a)]
                ids = frozenset(a.id for a in actors)
                if len(actors) < 2 or ids in seen:
                    continue
            if _renamed(store, actors):
                continue
            seen.add(ids)
            groups.append(DuplicateGroup(reason=f"{reason}: {key}", actors=sorted(actors, key=lambda a: a.id)))
    groups += _renumbered(store, by_name, seen)
    groups += _like_places(store, by_name, seen)
    return groups


def _renumbered(store: GraphStore, by_name: dict[str, list[Actor]], seen: set[frozenset[str]]) -> list[DuplicateGroup]:
    """One name under two organisation numbers: often a company registered again under a new
    number. The one with the later source is the likelier successor."""
    groups = []
    for key, actors in sorted(by_name.items()):
        numbered = [a for a in actors if a.orgnr and a.kind not in PLACE_KINDS]
        if len({a.orgnr for a in numbered}) < 2 or frozenset(a.id for a in numbered) in seen:
            continue
        if any(a.kommunenummer and b.kommunenummer and a.kommunenummer != b.kommunenummer for a in numbered for b in numbered):
            continue  # namesakes in two places are two organisations
        if _renamed(store, numbered):
            continue
        numbers = ", ".join(f"{a.id} {a.orgnr}" for a in sorted(numbered, key=lambda a: a.id))
        latest = sorted(numbered, key=_latest)
        successor = latest[-1] if _latest(latest[-1]) > _latest(latest[-2]) else None
        why = f"; likelier successor {successor.id} (its sources are dated later)" if successor else ""
        seen.add(frozenset(a.id for a in numbered))
        groups.append(
            DuplicateGroup(
                reason=f"same name, other organisation numbers ({numbers}): {key}{why}",
                actors=sorted(numbered, key=lambda a: a.id),
            )
        )
    return groups


def _latest(actor: Actor) -> dt.date:
    """The latest date the data itself gives (not when it was imported)."""
    return max((s.date for s in actor.sources if s.date), default=dt.date.min)


def _like_places(store: GraphStore, by_name: dict[str, list[Actor]], seen: set[frozenset[str]]) -> list[DuplicateGroup]:
    """Actors that look like a municipality or county ("Namdalseid kommune", "BUSKERUD
    FYLKESKOMMUNE UNDER SLETTING") but are not the reference unit."""
    places = gazetteer()
    groups = []
    grouped = {i for ids in seen for i in ids}  # already suggested with its namesake
    for actors in by_name.values():
        for actor in actors:
            if is_reference(actor) or actor.id in grouped or actor.kind not in (*PLACE_KINDS, ActorKind.OTHER):
                continue
            found = places.named(actor.name, merged=True)
            units = found.units if found else ()
            if not units and actor.kind in PLACE_KINDS:
                words = core_key(actor.name).split()
                units = next((m.units for n in range(len(words), 0, -1) if (m := places.named(" ".join(words[:n])))), ())
            if len(units) != 1:
                continue
            unit = units[0]
            reference = store.get_actor(unit_id(unit))
            members = [actor] + ([reference] if reference else [])
            if frozenset(a.id for a in members) in seen:
                continue
            seen.add(frozenset(a.id for a in members))
            what = "municipality" if isinstance(unit, Municipality) else "county"
            state = "" if getattr(unit, "current", True) else " (a county that no longer exists)"
            merged = " (merged into it)" if found and found.why == "merged" else ""
            groups.append(
                DuplicateGroup(
                    reason=f"looks like the {what} {unit.name} ({unit.number}){state}{merged} but is not the reference unit "
                    f"{unit_id(unit)}",
                    actors=members,
                )
            )
    return groups


def _may_be_same(a: Actor, b: Actor) -> bool:
    """Namesakes that a register tells apart (Herøy in Nordland and in Møre og Romsdal; Oslo
    county and Oslo municipality) are different organisations."""
    if a.orgnr and b.orgnr and a.orgnr != b.orgnr:
        return False
    if a.kommunenummer and b.kommunenummer and a.kommunenummer != b.kommunenummer:
        return False
    return not ({a.kind, b.kind} <= PLACE_KINDS and a.kind != b.kind)


def _renamed(store: GraphStore, actors: list[Actor]) -> bool:
    ids = {a.id for a in actors}
    for actor in actors:
        for rel in store.relationships_of(NodeRef(label=Label.ACTOR, id=actor.id)):
            if rel.type == RelType.SUCCEEDED_BY and rel.source in ids and rel.target in ids:
                return True
    return False


@dataclass(frozen=True)
class MergeResult:
    kept: Actor
    moved: int
    dropped_relationships: int


def merge_actors(store: GraphStore, keep_id: str, drop_id: str) -> MergeResult:
    """Move every relationship of DROP onto KEEP, keep DROP's name and organisation number as
    aliases of KEEP, record the merge as a source, then delete DROP: all in one transaction."""
    if keep_id == drop_id:
        raise ValueError("an actor cannot be merged into itself")
    found = store.get_actors([keep_id, drop_id])
    missing = [i for i in (keep_id, drop_id) if i not in found]
    if missing:
        raise KeyError(f"no actor with id {missing[0]!r}")
    keep, drop = found[keep_id], found[drop_id]
    moved: list[Relationship] = []
    dropped = 0
    for rel in store.relationships_of(NodeRef(label=Label.ACTOR, id=drop_id)):
        update = {}
        if rel.source_label == Label.ACTOR and rel.source == drop_id:
            update["source"] = keep_id
        if rel.target_label == Label.ACTOR and rel.target == drop_id:
            update["target"] = keep_id
        candidate = {**rel.model_dump(), **update}
        if candidate["source"] == candidate["target"] and rel.source_label == rel.target_label:
            dropped += 1  # a tie between the two becomes a tie to itself
            continue
        moved.append(Relationship.model_validate(candidate, context=STORED))
    existing = store.get_relationships(moved)
    moved = [
        r.model_copy(
            update={"sources": existing[r.key].sources + tuple(s for s in r.sources if s not in existing[r.key].sources)}
        )
        if r.key in existing
        else r
        for r in moved
    ]
    note = Source(
        title="Samspill merge",
        date=dt.date.today(),
        quote=f"{drop.id} ({drop.name}{', ' + drop.orgnr if drop.orgnr else ''}) merged into {keep.id}",
    )
    # DROP's number becomes KEEP's if KEEP has none, else an alias so searches still find it.
    orgnr_alias = drop.orgnr if keep.orgnr and drop.orgnr and drop.orgnr != keep.orgnr else ""
    aliases = [a for a in (*keep.aliases, drop.name, *drop.aliases, orgnr_alias) if a and a != keep.name]
    kept = Actor.model_validate(
        {
            **keep.model_dump(),
            "aliases": tuple(dict.fromkeys(aliases)),
            "orgnr": keep.orgnr or drop.orgnr,
            "sources": keep.sources + tuple(s for s in drop.sources if s not in keep.sources) + (note,),
        },
        context=STORED,
    )  # what both held stays, whatever the counts
    # One transaction: no reader ever sees both actors holding the moved ties.
    store.write_batch([kept], [], list({r.key: r for r in moved}.values()), delete_actors=[drop_id])
    return MergeResult(kept=kept, moved=len(moved), dropped_relationships=dropped)
