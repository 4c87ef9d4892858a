"""Who may do what: reads are open unless configured otherwise; every write needs an editor key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.deps import StoreDep
from api.keys import ApiKey, KeyRole, check_key

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="samspill"'}


def _presented(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" and secret.strip() else None


def _key(request: Request, store: StoreDep, needed: str) -> ApiKey:
    secret = _presented(request)
    if secret is None:
        raise HTTPException(401, f"{needed}: send it as 'Authorization: Bearer KEY'", headers=_CHALLENGE)
    key = check_key(store, secret)
    if key is None:
        raise HTTPException(401, "the key is unknown or revoked", headers=_CHALLENGE)
    return key


def reader(request: Request, store: StoreDep) -> ApiKey | None:
    """Open reads, unless SAMSPILL_READ_KEY_REQUIRED: then any valid key."""
    if not request.app.state.settings.read_key_required:
        return None
    return _key(request, store, "reads need an API key here")


def editor(request: Request, store: StoreDep) -> ApiKey:
    key = _key(request, store, "writes need an editor key")
    if key.role != KeyRole.EDITOR:
        raise HTTPException(403, f"key {key.id} is a {key.role} key; writes need an editor key")
    return key


Editor = Annotated[ApiKey, Depends(editor)]
ReaderAccess = Depends(reader)
