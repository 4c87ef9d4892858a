"""Writes that belong together are one transaction. A story's decision: the initiative, its
participations and the story's new status are written together or not at all, and of two
editors deciding at once exactly one succeeds (races are forced, not hoped for: both requests
read the pending story before either writes). A merge: KEEP, the moved ties and DROP's
deletion together."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph import cypher, sqlite_queries
from graph.model import InitiativeKind, Label
from graph.store import GraphStore
from graph.store_errors import StoreError
from graph.store_results import DocumentKind, NodeRef
from ingest.duplicates import merge_actors
from ingest.seeds import load_seeds

STORY = {"title": "Delingsøkonomi i Bodø", "text": "Bodø kommune og KS prøvde ut deling av utstyr.",
         "organisations": ["KS", "Difi"], "contact_email": "kari@example.no", "consent": True}


class _ReadTogether:
    """A store whose first two story reads wait for each other, so two decisions both see
    the story pending before either of them writes."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.barrier = threading.Barrier(2, timeout=10)
        self.reads = 0
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def get_document(self, kind: DocumentKind, key: str) -> dict[str, Any] | None:
        doc = self.store.get_document(kind, key)
        with self._lock:
            self.reads += kind == DocumentKind.STORY
            first_two = self.reads <= 2
        if kind == DocumentKind.STORY and first_two and not self.barrier.broken:
            try:
                self.barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return doc


@pytest.fixture
def racing(store: GraphStore) -> Iterator[tuple[TestClient, _ReadTogether, dict[str, str], str]]:
    load_seeds(store)
    secret, _ = create_key(store, "editor", KeyRole.EDITOR)
    together = _ReadTogether(store)
    with TestClient(create_app(lambda: together, Settings())) as client:  # type: ignore[arg-type, return-value]
        story_id = client.post("/api/stories", json=STORY).json()["id"]
        yield client, together, {"Authorization": f"Bearer {secret}"}, story_id


def _stories_in_graph(store: GraphStore) -> int:
    return len(store.find_initiatives(kind=InitiativeKind.STORY, limit=100).items)


def _at_once(client: TestClient, editor: dict[str, str], *urls: str) -> list[int]:
    with ThreadPoolExecutor(len(urls)) as pool:
        return [a.status_code for a in pool.map(lambda url: client.post(url, headers=editor), urls)]


def test_two_editors_approving_one_story_at_once_make_one_initiative(racing: tuple) -> None:
    client, together, editor, story_id = racing
    statuses = _at_once(client, editor, *[f"/api/stories/{story_id}/approve"] * 2)
    assert sorted(statuses) == [200, 409]
    assert _stories_in_graph(together.store) == 1
    assert together.store.get_document(DocumentKind.STORY, story_id)["status"] == "approved"
    assert together.store.check() == []


def test_an_approval_and_a_rejection_at_once_leave_one_decision(racing: tuple) -> None:
    client, together, editor, story_id = racing
    statuses = _at_once(client, editor, f"/api/stories/{story_id}/approve", f"/api/stories/{story_id}/reject")
    assert sorted(statuses) == [200, 409]
    status = together.store.get_document(DocumentKind.STORY, story_id)["status"]
    approved_won = statuses[0] == 200
    assert status == ("approved" if approved_won else "rejected")
    assert _stories_in_graph(together.store) == (1 if approved_won else 0)


def test_two_editors_rejecting_at_once_decide_once(racing: tuple) -> None:
    client, together, editor, story_id = racing
    assert sorted(_at_once(client, editor, *[f"/api/stories/{story_id}/reject"] * 2)) == [200, 409]
    assert together.store.get_document(DocumentKind.STORY, story_id)["status"] == "rejected"


def _failing_decision(monkeypatch: pytest.MonkeyPatch, store: GraphStore) -> None:
    """Break the last part of a decision, the story's new status, after the initiative and its
    participations were written in the same transaction."""
    if store.engine == "sqlite":
        monkeypatch.setattr(sqlite_queries, "PUT_DOCUMENT", "INSERT INTO no_such_table VALUES (?, ?, ?)")
    else:
        monkeypatch.setattr(cypher, "PUT_DOCUMENT", "RETURN 1 / 0 AS broken")


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_failure_between_the_parts_of_a_decision_leaves_the_story_pending(
    racing: tuple, monkeypatch: pytest.MonkeyPatch, decision: str
) -> None:
    client, together, editor, story_id = racing
    together.barrier.abort()  # one request: nothing to wait for
    revision = together.store.revision()
    _failing_decision(monkeypatch, together.store)
    answer = client.post(f"/api/stories/{story_id}/{decision}", headers=editor)
    assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
    assert together.store.get_document(DocumentKind.STORY, story_id)["status"] == "pending"
    assert _stories_in_graph(together.store) == 0 and together.store.revision() == revision
    monkeypatch.undo()
    assert client.post(f"/api/stories/{story_id}/{decision}", headers=editor).status_code == 200


def test_an_actor_deleted_while_the_story_is_approved_leaves_it_pending(racing: tuple) -> None:
    client, together, editor, story_id = racing
    together.barrier.abort()
    resolve = together.store.resolve_actor

    def resolve_then_lose_difi(ref: str, suggest: bool = True) -> Any:
        found = resolve(ref, suggest=suggest)
        if ref == "Difi":
            together.store.delete_actor("difi")  # another editor, between the approval's read and write
        return found

    together.resolve_actor = resolve_then_lose_difi
    answer = client.post(f"/api/stories/{story_id}/approve", headers=editor)
    assert answer.status_code == 409 and "difi" in answer.json()["detail"]
    assert together.store.get_document(DocumentKind.STORY, story_id)["status"] == "pending"
    assert _stories_in_graph(together.store) == 0


def test_a_merge_that_fails_midway_leaves_both_actors_as_they_were(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    load_seeds(store)
    before = sorted(r.key for r in store.relationships_of(NodeRef(label=Label.ACTOR, id="difi")))
    assert before, "the seeds give Difi relationships to move"
    # The last part of a merge, deleting DROP, fails after KEEP and the moved ties were written.
    if store.engine == "sqlite":
        monkeypatch.setattr(sqlite_queries, "DELETE_ACTOR", "DELETE FROM no_such_table WHERE id = ?")
    else:
        monkeypatch.setitem(cypher.DELETE, Label.ACTOR, "RETURN 1 / 0 AS n")
    with pytest.raises(StoreError):
        merge_actors(store, "ks", "difi")
    monkeypatch.undo()
    assert store.get_actor("difi") is not None and "Difi" not in store.get_actor("ks").aliases
    assert sorted(r.key for r in store.relationships_of(NodeRef(label=Label.ACTOR, id="difi"))) == before
    merged = merge_actors(store, "ks", "difi")
    assert store.get_actor("difi") is None and "Difi" in merged.kept.aliases
    assert store.check() == []
