"""API keys: created once and shown once, kept only as a hash, checked on every keyed request.

A key is 32 random bytes (URL-safe text). With that much entropy a plain SHA-256 is enough
to keep it: nobody can guess a key from its hash, and checking one costs a single look-up
(a slow password hash would only slow every request).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from enum import StrEnum

from pydantic import BaseModel

from graph.store import GraphStore
from graph.store_results import DocumentKind

PREFIX = "samspill_"


class KeyRole(StrEnum):
    READER = "reader"
    EDITOR = "editor"


class ApiKey(BaseModel):
    id: str  # public: the first characters of the hash, to list and revoke by
    name: str
    role: KeyRole
    created: dt.datetime
    revoked: dt.datetime | None = None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(store: GraphStore, name: str, role: KeyRole) -> tuple[str, ApiKey]:
    """A new key: the secret (to show once) and what is kept of it."""
    secret = PREFIX + secrets.token_urlsafe(32)
    digest = _hash(secret)
    key = ApiKey(id=digest[:12], name=name, role=role, created=dt.datetime.now(dt.UTC).replace(microsecond=0))
    store.put_document(DocumentKind.API_KEY, digest, {**key.model_dump(mode="json"), "hash": digest})
    return secret, key


def check_key(store: GraphStore, secret: str) -> ApiKey | None:
    """The key this secret is, unless unknown or revoked."""
    doc = store.get_document(DocumentKind.API_KEY, _hash(secret))
    if doc is None:
        return None
    key = ApiKey.model_validate(doc)
    return None if key.revoked else key


def list_keys(store: GraphStore) -> list[ApiKey]:
    keys = [ApiKey.model_validate(doc) for doc in store.documents(DocumentKind.API_KEY)]
    return sorted(keys, key=lambda k: (k.created, k.id))


def revoke_key(store: GraphStore, key_id: str) -> ApiKey | None:
    """Revoke the key with this id; None when there is none (revoking twice keeps the first time)."""
    for doc in store.documents(DocumentKind.API_KEY):
        key = ApiKey.model_validate(doc)
        if key.id == key_id:
            if key.revoked is None:
                key = key.model_copy(update={"revoked": dt.datetime.now(dt.UTC).replace(microsecond=0)})
                store.put_document(DocumentKind.API_KEY, doc["hash"], {**key.model_dump(mode="json"), "hash": doc["hash"]})
            return key
    return None
