"""Collaboration as docs/architecture.md defines it ("Collaboration"), computed from rows either engine hands out.

Weight of A–B = sum over shared initiatives of 1/(n-1), n the number of actors in that
initiative (Newman's collaboration weight), plus 1 per partnership.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graph.model import ActorKind, InitiativeKind, Role
from graph.store_results import Collaborator, Evidence, EvidenceKind


@dataclass(frozen=True)
class SharedInitiative:
    """One co-actor of the focal actor in one initiative, as a store query returns it."""

    other_id: str
    other_name: str
    other_kind: str
    other_roles: tuple[str, ...]
    initiative_id: str
    title: str
    initiative_kind: str
    start: str | None
    end: str | None
    participants: int
    shared_weight: float  # the co-actor's weight over all initiatives it shares with the focal actor
    shared_count: int  # how many those are (the store sends only the heaviest EVIDENCE_SHOWN)


@dataclass(frozen=True)
class Partnership:
    other_id: str
    other_name: str
    other_kind: str
    start: str | None
    end: str | None


EVIDENCE_SHOWN = 20  # shared initiatives listed per collaborator, the heaviest (smallest) first

# Collaborators fetched with evidence beyond those shown: partners (whose partnership adds to
# their weight) and a margin, so ties at the cut are broken by name as in the full ranking.
TIE_MARGIN = 20


def candidates_to_rank(limit: int, partners: list[Partnership]) -> int:
    """How many of the heaviest collaborators by shared initiatives may make the top `limit`."""
    return limit + len(partners) + TIE_MARGIN


Totals = dict[str, tuple[float, int]]  # collaborator -> (weight, count) over every shared initiative


def weigh_candidates(
    weighed: Callable[[list[str] | None, int], Totals], partners: list[Partnership], among: list[str] | None, limit: int
) -> tuple[Totals, list[str]]:
    """The totals of the collaborators whose evidence is fetched, and who they are: the heaviest
    that may make the top `limit` and every partner, or exactly `among`. `weighed(ids, n)` is
    the store's query: the totals of `ids`, or of the heaviest `n` when `ids` is None."""
    totals: Totals = {}
    if among is None:
        # Ties are ranked by name, the store's candidates by id: fetch until the weight at the
        # cut is no longer tied with the last candidate, so no namesake of a tie is left out.
        n = candidates_to_rank(limit, partners)
        while True:
            totals = weighed(None, n)
            weights = sorted((round(w, 9) for w, _ in totals.values()), reverse=True)
            if len(totals) < n or len(weights) <= limit or weights[-1] < weights[min(limit, len(weights)) - 1]:
                break
            n *= 4
    wanted = sorted(set(totals) | {p.other_id for p in partners}) if among is None else among
    if missing := [other for other in wanted if other not in totals]:  # partners beyond the heaviest
        totals |= weighed(missing, len(missing))
    return totals, wanted


def newman_weight(participants: int) -> float:
    return 1.0 / (participants - 1) if participants > 1 else 0.0


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def rank_collaborators(shared: Iterable[SharedInitiative], partnerships: Iterable[Partnership], limit: int) -> list[Collaborator]:
    """Collaborators by weight (then name, id), each with its heaviest evidence, heaviest first.
    Evidence is built only for the `limit` that make it (a hub's candidates bring thousands)."""
    who: dict[str, tuple[str, str]] = {}
    weight: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    rows: dict[str, list[SharedInitiative]] = defaultdict(list)
    partners: dict[str, list[Partnership]] = defaultdict(list)
    for row in shared:
        if row.other_id not in who:
            weight[row.other_id] += row.shared_weight
            count[row.other_id] += row.shared_count
        who[row.other_id] = (row.other_name, row.other_kind)
        rows[row.other_id].append(row)
    for link in partnerships:
        who[link.other_id] = (link.other_name, link.other_kind)
        weight[link.other_id] += 1.0
        count[link.other_id] += 1
        partners[link.other_id].append(link)
    chosen = sorted(who, key=lambda other: (-round(weight[other], 9), who[other][0].casefold(), other))[:limit]
    return [
        Collaborator(
            id=other,
            name=who[other][0],
            kind=ActorKind(who[other][1]),
            weight=round(weight[other], 9),
            evidence=sorted(
                _evidence(rows[other], partners[other]),
                key=lambda e: (-e.weight, e.kind, str(e.start or ""), e.initiative_id or ""),
            ),
            evidence_count=count[other],
        )
        for other in chosen
    ]


def _evidence(shared: list[SharedInitiative], partnerships: list[Partnership]) -> Iterator[Evidence]:
    for row in shared:
        yield Evidence(
            kind=EvidenceKind.INITIATIVE,
            weight=newman_weight(row.participants),
            initiative_id=row.initiative_id,
            title=row.title,
            initiative_kind=InitiativeKind(row.initiative_kind),
            start=_date(row.start),
            end=_date(row.end),
            participants=row.participants,
            roles=sorted(Role(r) for r in set(row.other_roles)),
        )
    for link in partnerships:
        yield Evidence(kind=EvidenceKind.PARTNERSHIP, weight=1.0, start=_date(link.start), end=_date(link.end))


@dataclass(frozen=True)
class ActorAttrs:
    id: str
    name: str
    kind: str
    county: str | None
    kommunenummer: str | None = None


@dataclass(frozen=True)
class Tie:
    """Two actors' shared initiatives, summed by the store: a < b, weight = sum of 1/(n-1)."""

    a: str
    b: str
    weight: float
    initiatives: int
