"""Turning what a user typed (id, organisation number, name, alias) into one actor.

Engines supply the exact look-ups; the rules for choosing, and the candidates offered when
nothing or more than one thing matches, are the same for both and live here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from graph.model import Actor
from graph.store import Candidate, Resolution, ResolutionStatus
from graph.text import core_key, name_key, tokens

# (actor, why it matched): why is one of "id", "orgnr", "name", "alias". One list of matches
# per look-up (lower-cased reference, organisation number or None, folded name key), so an
# engine answers many in one round trip.
Lookup = tuple[str, str | None, str]
ExactLookups = Callable[[list[Lookup]], list[list[tuple[Actor, str]]]]
TextSearch = Callable[[str, int], list[Actor]]

MAX_CANDIDATES = 5
_PRECEDENCE = ("id", "orgnr", "name", "alias")


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
    return [_choose(ref, hits) for ref, hits in zip(cleaned, matches)]


def resolve(ref: str, exact: ExactLookups, search: TextSearch, suggest: bool = True) -> Resolution:
    resolution = resolve_exactly([ref], exact)[0]
    if resolution.status == ResolutionStatus.NOT_FOUND and suggest and resolution.ref:
        return resolution.model_copy(update={"candidates": closest(resolution.ref, search)})
    return resolution


def _orgnr(ref: str) -> str | None:
    compact = re.sub(r"\s", "", ref)
    return compact if re.fullmatch(r"\d{9}", compact) else None


def _choose(ref: str, matches: list[tuple[Actor, str]]) -> Resolution:
    for reason in _PRECEDENCE:
        found = {actor.id: actor for actor, why in matches if why == reason}
        if len(found) == 1:
            return Resolution(ref=ref, status=ResolutionStatus.FOUND, actor=next(iter(found.values())))
        if len(found) > 1:
            candidates = [_candidate(a, f"same {reason}") for a in sorted(found.values(), key=lambda a: a.id)]
            return Resolution(ref=ref, status=ResolutionStatus.AMBIGUOUS, candidates=candidates)
    return Resolution(ref=ref, status=ResolutionStatus.NOT_FOUND)


def closest(ref: str, search: TextSearch) -> list[Candidate]:
    """Actors whose names look most like `ref`: the all-words match first, then any word."""
    pool: dict[str, Actor] = {a.id: a for a in search(ref, 50)}
    # Then each word, and each word's first half, so a typo late in a word still finds it.
    words = sorted(set(tokens(ref)), key=len, reverse=True)[:5]
    for word in words + [w[: max(3, len(w) // 2)] for w in words if len(w) > 3]:
        if len(pool) >= 50:
            break
        pool.update({a.id: a for a in search(word, 20)})
    key = name_key(ref)

    def likeness(actor: Actor) -> float:
        return max(difflib.SequenceMatcher(None, key, k).ratio() for k in actor.name_keys)

    ranked = sorted(pool.values(), key=lambda a: (-likeness(a), a.name, a.id))[:MAX_CANDIDATES]
    return [_candidate(a, f"similar name ({likeness(a):.0%})") for a in ranked]


def _candidate(actor: Actor, reason: str) -> Candidate:
    return Candidate(id=actor.id, name=actor.name, kind=actor.kind, reason=reason)
