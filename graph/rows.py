"""How nodes and relationships become the flat rows both engines index, from one place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.model import Actor, Initiative, InitiativeKind, Relationship, to_json
from graph.store_results import ALL_EVIDENCE, Evidenced
from graph.text import name_key, search_words, tokens


def theme_key(theme: str) -> str:
    return " ".join(theme.casefold().split())


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "name_key": name_key(actor.name),
        "alias_keys": [k for k in actor.name_keys if k != name_key(actor.name)],
        "kind": str(actor.kind),
        "orgnr": actor.orgnr,
        "kommunenummer": actor.kommunenummer,
        "county": actor.county,
        "search_text": actor.search_text,
        "doc": to_json(actor),
    }


def initiative_row(initiative: Initiative) -> dict[str, Any]:
    return {
        "id": initiative.id,
        "title": initiative.title,
        "kind": str(initiative.kind),
        "start_date": initiative.start.isoformat() if initiative.start else None,
        "end_date": initiative.end.isoformat() if initiative.end else None,
        "kommunenummer": initiative.kommunenummer,
        "county": initiative.county,
        "is_open": initiative.open,
        "theme_keys": sorted({theme_key(t) for t in initiative.themes}),
        "search_text": title_words(initiative.title),
        "doc": to_json(initiative),
    }


def relationship_row(rel: Relationship) -> dict[str, Any]:
    return {
        "type": str(rel.type),
        "source": rel.source,
        "target": rel.target,
        "role": str(rel.role) if rel.role else None,
        "start_date": rel.start.isoformat() if rel.start else None,
        "end_date": rel.end.isoformat() if rel.end else None,
        "doc": to_json(rel),
    }


def fts_match(q: str | None, every_word: bool = False) -> str | None:
    """An FTS5 query: every folded word of `q` as a quoted prefix, all required (a name's
    trailing legal-form words left out, unless `every_word`: a title's words all count)."""
    words = (tokens if every_word else search_words)(q or "")
    return " AND ".join(f'"{w}"*' for w in words) if words else None


def title_words(title: str) -> str:
    """What both stores' full-text indexes hold for an initiative: its title's folded words."""
    return " ".join(tokens(title))


def window_params(since: dt.date | None, until: dt.date | None) -> dict[str, str | None]:
    """Both engines compare dates as ISO text, so a window is two strings (or None)."""
    return {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None}


def initiative_filter_params(
    kind: InitiativeKind | None, theme: str | None, since: dt.date | None, until: dt.date | None, open: bool | None
) -> dict[str, Any]:
    return {
        "kind": str(kind) if kind else None,
        "theme": theme_key(theme) if theme else None,
        "open": open,
        **window_params(since, until),
    }


def evidence_params(
    since: dt.date | None, until: dt.date | None, kind: InitiativeKind | None, theme: str | None, sourced: bool
) -> dict[str, Any]:
    """What the tie queries of both engines filter on (see `Evidenced`)."""
    return {**initiative_filter_params(kind, theme, since, until, None), "sourced": sourced}


def every_tie(since: dt.date | None, until: dt.date | None, evidence: Evidenced) -> bool:
    """Whether a tie question asks for every tie as it stands (no window, all evidence): the
    ties both stores keep then answer it, not a count over the participations."""
    return since is None and until is None and evidence == ALL_EVIDENCE
