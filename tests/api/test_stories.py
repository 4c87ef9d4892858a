"""Stories: open to submit, pending until an editor approves (into the graph) or rejects."""

from __future__ import annotations

from fastapi.testclient import TestClient

STORY = {"title": "Velferdsteknologi i Bergen", "text": "Bergen kommune og KS testa digitale tilsyn.",
         "organisations": ["KS", "Difi", "Ingen slik verksemd"], "contact_email": "ola@example.no", "consent": True}


def test_a_story_is_pending_and_out_of_the_graph_until_approved(client: TestClient, editor: dict[str, str]) -> None:
    received = client.post("/api/stories", json=STORY)
    assert received.status_code == 202 and received.json()["status"] == "pending"
    story_id = received.json()["id"]
    assert client.get("/api/initiatives", params={"kind": "story"}).json()["items"] == []
    pending = client.get("/api/stories", headers=editor).json()["items"]
    assert [s["id"] for s in pending] == [story_id] and pending[0]["contact_email"] == "ola@example.no"
    approved = client.post(f"/api/stories/{story_id}/approve", headers=editor).json()
    assert approved["status"] == "approved" and approved["unresolved"] == ["Ingen slik verksemd"]
    shown = client.get(f"/api/initiatives/{approved['initiative_id']}").json()
    assert shown["initiative"]["kind"] == "story" and {p["id"] for p in shown["participants"]} == {"ks", "difi"}
    assert "ola@example.no" not in str(shown)
    again = client.post(f"/api/stories/{story_id}/approve", headers=editor)
    assert again.status_code == 409
    assert client.get("/api/stories", headers=editor).json()["items"] == []
    assert [s["id"] for s in client.get("/api/stories", params={"status": "approved"}, headers=editor).json()["items"]] == [story_id]


def test_a_rejected_story_never_reaches_the_graph(client: TestClient, editor: dict[str, str]) -> None:
    story_id = client.post("/api/stories", json=STORY).json()["id"]
    assert client.post(f"/api/stories/{story_id}/reject", headers=editor).json()["status"] == "rejected"
    assert client.get("/api/initiatives", params={"kind": "story"}).json()["items"] == []
    assert client.post("/api/stories/ghost/approve", headers=editor).status_code == 404


def test_submissions_are_checked_limited_and_editors_only_read_them(client: TestClient, reader: dict[str, str]) -> None:
    no_consent = client.post("/api/stories", json={**STORY, "consent": False})
    assert no_consent.status_code == 422 and no_consent.json()["errors"][0]["field"] == "body.consent"
    bad_mail = client.post("/api/stories", json={**STORY, "contact_email": "ikkje ei adresse"})
    assert bad_mail.status_code == 422 and bad_mail.json()["errors"][0]["field"] == "body.contact_email"
    assert client.post("/api/stories", json={**STORY, "text": "x" * 60_000}).status_code == 413
    assert client.get("/api/stories").status_code == 401 and client.get("/api/stories", headers=reader).status_code == 403
    # Five a minute from one address, invalid ones included (the two above); the oversized one
    # was refused before it was counted.
    codes = [client.post("/api/stories", json=STORY).status_code for _ in range(4)]
    assert codes == [202, 202, 202, 429]
    limited = client.post("/api/stories", json=STORY)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
