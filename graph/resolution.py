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

# (actor, why it matched): why is one of "id", "orgnr", "name", "alias".
ExactLookup = Callable[[str, str | None, str], list[tuple[Actor, str]]]
TextSearch = Callable[[str, int], list[Actor]]

MAX_CANDIDATES = 5
_PRECEDENCE = ("id", "orgnr", "name", "alias")


def resolve(ref: str, exact: ExactLookup, search: TextSearch, suggest: bool = True) -> Resolution:
    ref = ref.strip()
    if not ref:
        return Resolution(ref=ref, status=ResolutionStatus.NOT_FOUND)
    compact = re.sub(r"\s", "", ref)
    orgnr = compact if re.fullmatch(r"\d{9}", compact) else None
    matches = exact(ref.lower(), orgnr, name_key(ref))  # ids are lower-case slugs
    if not matches and core_key(ref) != name_key(ref):
        matches = exact(ref.lower(), orgnr, core_key(ref))  # "Norsk Design AS" finds "Norsk Design"
    for reason in _PRECEDENCE:
        found = {actor.id: actor for actor, why in matches if why == reason}
        if len(found) == 1:
            return Resolution(ref=ref, status=ResolutionStatus.FOUND, actor=next(iter(found.values())))
        if len(found) > 1:
            candidates = [_candidate(a, f"same {reason}") for a in sorted(found.values(), key=lambda a: a.id)]
            return Resolution(ref=ref, status=ResolutionStatus.AMBIGUOUS, candidates=candidates)
    candidates = closest(ref, search) if suggest else []
    return Resolution(ref=ref, status=ResolutionStatus.NOT_FOUND, candidates=candidates)


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
