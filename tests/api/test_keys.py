"""API keys: shown once, kept hashed, refused once revoked — on both stores."""

from __future__ import annotations

from api.keys import KeyRole, check_key, create_key, list_keys, revoke_key
from graph.store import GraphStore
from graph.store_results import DocumentKind


def test_a_key_is_kept_only_as_a_hash_and_checks_until_revoked(store: GraphStore) -> None:
    secret, key = create_key(store, "Programme staff", KeyRole.EDITOR)
    assert secret.startswith("samspill_") and len(secret) > 40
    kept = [d for d in store.documents(DocumentKind.API_KEY) if d["id"] == key.id]
    assert len(kept) == 1 and secret not in str(kept[0])
    assert check_key(store, secret) == key
    assert check_key(store, secret + "x") is None and check_key(store, "") is None
    assert key.id in {k.id for k in list_keys(store)}
    revoked = revoke_key(store, key.id)
    assert revoked is not None and revoked.revoked is not None
    assert check_key(store, secret) is None
    assert revoke_key(store, key.id).revoked == revoked.revoked  # revoking again changes nothing
    assert revoke_key(store, "no-such-id") is None


def test_two_keys_are_never_the_same(store: GraphStore) -> None:
    first, _ = create_key(store, "a", KeyRole.READER)
    second, _ = create_key(store, "a", KeyRole.READER)
    assert first != second and check_key(store, first).role == KeyRole.READER
