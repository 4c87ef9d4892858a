"""Turning what a user typed (id, organisation number, name, alias) into one actor.

Engines supply the exact look-ups; the rules for choosing, and the candidates offered when
nothing or more than one thing matches, are the same for both and live here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from graph.model import Actor
from graph.places import gazetteer, suffix_kind, unit_id
from graph.store_results import Candidate, Resolution, ResolutionStatus
from graph.text import core_key, name_key, tokens

# (actor, why it matched): why is one of "id", "orgnr", "name", "alias". One list of matches
# per look-up (lower-cased reference, organisation number or None, folded name key), so an
# engine answers many in one round trip.
Lookup = tuple[str, str | None, str]
ExactLookups = Callable[[list[Lookup]], list[list[tuple[Actor, str]]]]
TextSearch = Callable[[str, int], list[Actor]]

MAX_CANDIDATES = 5
_PRECEDENCE = ("id", "orgnr", "name", "alias")
_NO_NAME = "\x00"  # a name key no actor has: a look-up by id alone


def resolve_exactly(refs: list[str], exact: ExactLookups) -> list[Resolution]:
    """What each of `refs` names exactly: by id, organisation number, name or alias, case and
    accents ignored, and failing those by the name without its legal form ("Norsk Design AS"
    finds "Norsk Design"). Two batched look-ups at most, whatever the number of refs."""
    cleaned = [ref.strip() for ref in refs]
    asked = [i for i, ref in enumerate(cleaned) if ref]
    matches: list[list[tuple[Actor, str]]] = [[] for _ in cleaned]
    found = exact([(cleaned[i].lower(), _orgnr(cleaned[i]), name_key(cleaned[i])) for i in asked]) if asked else []
    for i, hits in zip(asked, found):
        matches[i] = hits
    again = [i for i in asked if not matches[i] and core_key(cleaned[i]) != name_key(cleaned[i])]
    if again:
        for i, hits in zip(again, exact([(cleaned[i].lower(), _orgnr(cleaned[i]), core_key(cleaned[i])) for i in again])):
            matches[i] = hits
    _by_place([i for i in asked if not matches[i]], cleaned, matches, exact)
    return [_choose(ref, hits) for ref, hits in zip(cleaned, matches)]


def place_ids(ref: str) -> tuple[list[str], str]:
    """The reference units `ref` means when no actor has it as id, number or name: a
    municipality number of any year since 1994 ("3024" is Bærum), a county number, a
    municipality's organisation number, or any official, qualified or former name ("Herøy i
    Nordland", "Kárásjohka", "Ørskog"). Returns the ids and why."""
    places = gazetteer()
    compact = re.sub(r"\s", "", ref)
    if re.fullmatch(r"\d{4}", compact):
        placed = places.place(compact)
        if placed is None:
            return [], ""
        units = [placed.unit] if placed.unit else list(placed.candidates)
        return [unit_id(u) for u in units], "municipality number"
    if re.fullmatch(r"\d{2}", compact):
        return ([f"fylke-{compact}"], "county number") if places.county(compact) else ([], "")
    if (orgnr := _orgnr(ref)) is not None:
        unit = places.by_orgnr(orgnr)
        return ([unit_id(unit)], "orgnr") if unit else ([], "")
    found = places.named(ref)
    if found is None:
        return [], ""
    return [unit_id(u) for u in found.units], f"{found.why} name" if found.why != "name" else "name"


def _by_place(unfound: list[int], refs: list[str], matches: list[list[tuple[Actor, str]]], exact: ExactLookups) -> None:
    wanted = {i: place_ids(refs[i]) for i in unfound}
    ids = sorted({actor_id for found, _ in wanted.values() for actor_id in found})
    if not ids:
        return
    stored = {hits[0][0].id: hits[0][0] for hits in exact([(i, None, _NO_NAME) for i in ids]) if hits}
    for i, (found, why) in wanted.items():
        matches[i] = [(stored[actor_id], why) for actor_id in found if actor_id in stored]


def resolve(ref: str, exact: ExactLookups, search: TextSearch, suggest: bool = True) -> Resolution:
    resolution = resolve_exactly([ref], exact)[0]
    if resolution.status == ResolutionStatus.NOT_FOUND and suggest and resolution.ref:
        return resolution.model_copy(update={"candidates": closest(resolution.ref, search)})
    return resolution


def _orgnr(ref: str) -> str | None:
    compact = re.sub(r"\s", "", ref)
    return compact if re.fullmatch(r"\d{9}", compact) else None


def _choose(ref: str, matches: list[tuple[Actor, str]]) -> Resolution:
    reasons = list(dict.fromkeys([*_PRECEDENCE, *(why for _, why in matches)]))
    for reason in reasons:
        found = {actor.id: actor for actor, why in matches if why == reason}
        wanted = suffix_kind(ref)  # "Oslo kommune" is the municipality, not the county
        if len(found) > 1 and wanted is not None:
            found = {i: a for i, a in found.items() if a.kind == wanted} or found
        if len(found) == 1:
            return Resolution(ref=ref, status=ResolutionStatus.FOUND, actor=next(iter(found.values())))
        if len(found) > 1:
            candidates = [_candidate(a, f"same {reason}") for a in sorted(found.values(), key=lambda a: a.id)]
            return Resolution(ref=ref, status=ResolutionStatus.AMBIGUOUS, candidates=candidates)
    return Resolution(ref=ref, status=ResolutionStatus.NOT_FOUND)


def closest(ref: str, search: TextSearch) -> list[Candidate]:
    """Actors whose names look most like `ref`: a municipality or county whose name it nearly
    is ("Alstadhaug" is Alstahaug, not a new place) first, then the all-words match, then any word."""
    pool: dict[str, Actor] = {a.id: a for a in search(ref, 50)}
    like = gazetteer().like(ref)
    places = [unit_id(u) for u in like]
    for unit in like:
        pool.update({a.id: a for a in search(unit.name, 5) if a.id == unit_id(unit)})
    # Then each word, and each word's first half, so a typo late in a word still finds it.
    words = sorted(set(tokens(ref)), key=len, reverse=True)[:5]
    for word in words + [w[: max(3, len(w) // 2)] for w in words if len(w) > 3]:
        if len(pool) >= 50:
            break
        pool.update({a.id: a for a in search(word, 20)})
    key = name_key(ref)

    def likeness(actor: Actor) -> float:
        return max(difflib.SequenceMatcher(None, key, k).ratio() for k in actor.name_keys)

    ranked = sorted(pool.values(), key=lambda a: (a.id not in places, -likeness(a), a.name, a.id))[:MAX_CANDIDATES]
    return [_candidate(a, f"similar name ({likeness(a):.0%})") for a in ranked]


def _candidate(actor: Actor, reason: str) -> Candidate:
    return Candidate(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        reason=reason,
        orgnr=actor.orgnr,
        kommunenummer=actor.kommunenummer,
        county=gazetteer().county_name(actor.county),
    )
