"""Combining what an import says about a record with what the store already holds.

An import updates the fields its row gives and leaves the others; lists (aliases, themes)
grow; sources from other files stay. Its own source (one per file, or per --source) is
replaced, keeping the old import time when nothing else changed, so importing the same file
twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar, cast

from graph.model import STORED, Actor, ActorKind, Initiative, Relationship, Source
from graph.text import core_key, name_key

R = TypeVar("R", Actor, Initiative, Relationship)
_LISTS = ("aliases", "themes")


# What the reference data says of a municipality or county, which no import rewrites: an old
# file's number or county for it is what the unit was, not what it is.
REFERENCE_FACTS = frozenset({"kind", "kommunenummer", "fylkesnummer", "population"})
_REFERENCE_ID = re.compile(r"kommune-\d{4}|fylke-\d{2}")


def is_reference_id(actor_id: str) -> bool:
    """The id a municipality or county of the reference data has (kommune-NNNN, fylke-NN)."""
    return _REFERENCE_ID.fullmatch(actor_id) is not None


def is_reference(actor: Actor) -> bool:
    """A 2024 municipality or a county from the reference data, as stored."""
    return (actor.kind == ActorKind.MUNICIPALITY and actor.id == f"kommune-{actor.kommunenummer}") or (
        actor.kind == ActorKind.COUNTY and actor.id == f"fylke-{actor.fylkesnummer}"
    )


def _actor_update(base: Actor, update: dict[str, object], rename: bool) -> None:
    """Names and reference facts never degrade: a variant of the name ("OSLO KOMMUNE"), or with
    `rename` off any other name, becomes an alias; a rename keeps the old name as one."""
    reference = is_reference(base)
    if reference:
        for name in REFERENCE_FACTS:
            update.pop(name, None)
        if base.orgnr:
            update.pop("orgnr", None)
    new_name = update.pop("name", None)
    aliases: tuple[str, ...] = tuple(cast(Iterable[str], update.get("aliases", base.aliases)))
    if isinstance(new_name, str) and name_key(new_name) != name_key(base.name):
        variant = core_key(new_name) == core_key(base.name)  # not an alias: a rename may bring one back
        if rename and not variant and not reference:
            update["name"] = new_name
            aliases = (*aliases, base.name)
        elif name_key(new_name) not in {name_key(a) for a in aliases}:
            aliases = (*aliases, new_name)
    name = str(update.get("name", base.name))
    if aliases != base.aliases or "aliases" in update:
        update["aliases"] = tuple(a for a in dict.fromkeys(aliases) if a != name)


def merge(existing: R | None, incoming: R, provided: frozenset[str], source: Source | None, rename: bool = True) -> R:
    """`source` None restores `incoming` exactly (a Samspill export being re-imported). With
    `rename` off, a stored actor's name stays and the row's other name becomes an alias."""
    if source is None:
        return incoming
    if existing is None:
        # A new record: validated already, and a validated Source appended keeps it valid.
        others: tuple[Source, ...] = tuple(s for s in incoming.sources if s.title != source.title)
        if not others and incoming.sources == (source,):
            return incoming
        return incoming.model_copy(update={"sources": (*others, source)})
    base = existing if existing is not None else incoming
    update: dict[str, object] = {}
    for name in provided:
        if name in _LISTS:
            old = tuple(getattr(base, name))
            update[name] = old + tuple(v for v in getattr(incoming, name) if v not in old)
        elif name != "sources":
            update[name] = getattr(incoming, name)
    if isinstance(base, Actor):
        _actor_update(base, update, rename)
    own = [s for s in base.sources if s.title == source.title]
    if own and own[-1].model_copy(update={"imported": source.imported}) == source:
        source = own[-1]
    # The import's source takes the place of its earlier one, so the order of sources does not
    # depend on which file of an import reaches a record first.
    kept: list[Source] = [
        source if s.title == source.title else s for s in base.sources if s.title != source.title or s is own[0]
    ]
    if not own:
        kept.append(source)
    kept += [s for s in incoming.sources if s not in kept and s.title != source.title]
    update["sources"] = tuple(kept)
    if all(getattr(base, name) == value for name, value in update.items()):
        return base  # the same object: callers can tell "unchanged" without comparing
    merged = base.model_copy(update=update)
    # Re-validate: a merge must never store what a direct write would refuse, apart from the
    # rules that came after what is stored (STORED): an older record stays updatable.
    return type(base).model_validate(merged.model_dump(), context=STORED)
