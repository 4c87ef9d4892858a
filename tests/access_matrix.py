"""Every operation that needs an editor key, with a request each that an editor key would get
past the key check: the API tests and the security tests read it."""

from __future__ import annotations

# (method, path, body) — each would succeed (or fail on its own terms) with an editor key.
WRITES = [
    ("PUT", "/api/actors/ny", {"json": {"id": "ny", "name": "Ny", "kind": "other"}}),
    ("DELETE", "/api/actors/ks", {}),
    ("PUT", "/api/initiatives/nytt", {"json": {"id": "nytt", "title": "Nytt", "kind": "meeting"}}),
    ("DELETE", "/api/initiatives/ghost", {}),
    ("POST", "/api/relationships", {"json": [{"type": "PARTNER_OF", "source": "ks", "target": "difi"}]}),
    ("DELETE", "/api/relationships", {"json": {"type": "PARTNER_OF", "source": "ks", "target": "difi"}}),
    ("POST", "/api/import", {"files": {"files": ("a.csv", b"Arrangement;Verksemd\nMote;KS\n", "text/csv")}}),
    ("POST", "/api/merge", {"json": {"keep": "ks", "drop": "difi"}}),
    ("GET", "/api/stories", {}),
    ("POST", "/api/stories/ghost/approve", {}),
    ("POST", "/api/stories/ghost/reject", {}),
]
