"""Combining what an import says about a record with what the store already holds.

An import updates the fields its row gives and leaves the others; lists (aliases, themes)
grow; sources from other files stay. Its own source (one per file, or per --source) is
replaced, keeping the old import time when nothing else changed, so importing the same file
twice changes nothing.
"""

from __future__ import annotations

from typing import TypeVar

from graph.model import STORED, Actor, Initiative, Relationship, Source
from graph.text import name_key

R = TypeVar("R", Actor, Initiative, Relationship)
_LISTS = ("aliases", "themes")


def merge(existing: R | None, incoming: R, provided: frozenset[str], source: Source | None) -> R:
    """`source` None restores `incoming` exactly (a Samspill export being re-imported)."""
    if source is None:
        return incoming
    if existing is None:
        # A new record: validated already, and a validated Source appended keeps it valid.
        kept = tuple(s for s in incoming.sources if s.title != source.title)
        if not kept and incoming.sources == (source,):
            return incoming
        return incoming.model_copy(update={"sources": (*kept, source)})
    base = existing if existing is not None else incoming
    update: dict[str, object] = {}
    for name in provided:
        if name in _LISTS:
            old = tuple(getattr(base, name))
            update[name] = old + tuple(v for v in getattr(incoming, name) if v not in old)
        elif name != "sources":
            update[name] = getattr(incoming, name)
    if isinstance(base, Actor) and existing is not None and name_key(str(update.get("name", ""))) == name_key(base.name):
        update.pop("name", None)  # "DIGITALISERINGSDIREKTORATET" does not rename "Digitaliseringsdirektoratet"
    if isinstance(base, Actor) and "aliases" in update:
        update["aliases"] = tuple(a for a in update["aliases"] if a != update.get("name", base.name))  # type: ignore[union-attr]
    own = [s for s in base.sources if s.title == source.title]
    if own and own[-1].model_copy(update={"imported": source.imported}) == source:
        source = own[-1]
    # The import's source takes the place of its earlier one, so the order of sources does not
    # depend on which file of an import reaches a record first.
    kept = [source if s.title == source.title else s for s in base.sources if s.title != source.title or s is own[0]]
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
