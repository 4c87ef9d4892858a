"""Who may do what: reads are open unless configured otherwise; every write needs an editor key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import StoreDep
from api.keys import ApiKey, KeyRole, check_key

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="samspill"'}
# Declares the scheme in the OpenAPI (Swagger UI's Authorize button); the checks are ours.
bearer = HTTPBearer(
    auto_error=False, scheme_name="apiKey", description="An API key from `samspill keys create`: editor keys for writes"
)
Presented = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _key(presented: HTTPAuthorizationCredentials | None, store: StoreDep, needed: str) -> ApiKey:
    secret = presented.credentials.strip() if presented else None
    if not secret:
        raise HTTPException(401, f"{needed}: send it as 'Authorization: Bearer KEY'", headers=_CHALLENGE)
    key = check_key(store, secret)
    if key is None:
        raise HTTPException(401, "the key is unknown or revoked", headers=_CHALLENGE)
    return key


def reader(request: Request, store: StoreDep) -> ApiKey | None:
    """Open reads, unless SAMSPILL_READ_KEY_REQUIRED: then any valid key. (Not declared in the
    OpenAPI, where reads are open by default.)"""
    if not request.app.state.settings.read_key_required:
        return None
    presented = request.headers.get("authorization", "")
    scheme, _, secret = presented.partition(" ")
    credentials = HTTPAuthorizationCredentials(scheme=scheme, credentials=secret) if scheme.lower() == "bearer" else None
    return _key(credentials, store, "reads need an API key here")


def editor(presented: Presented, store: StoreDep) -> ApiKey:
    key = _key(presented, store, "writes need an editor key")
    if key.role != KeyRole.EDITOR:
        raise HTTPException(403, f"key {key.id} is a {key.role} key; writes need an editor key")
    return key


Editor = Annotated[ApiKey, Depends(editor)]
ReaderAccess = Depends(reader)
