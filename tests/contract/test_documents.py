"""Documents beside the graph: API keys and stories awaiting an editor."""

from __future__ import annotations

from graph.store import GraphStore
from graph.store_results import DocumentKind


def test_documents_are_kept_by_kind_and_key_without_touching_the_graph(store: GraphStore) -> None:
    revision = store.revision()
    store.put_document(DocumentKind.STORY, "b", {"title": "Bergen «testar»", "n": 2})
    store.put_document(DocumentKind.STORY, "a", {"title": "Alta"})
    store.put_document(DocumentKind.API_KEY, "a", {"name": "key"})
    assert store.get_document(DocumentKind.STORY, "b") == {"title": "Bergen «testar»", "n": 2}
    assert store.documents(DocumentKind.STORY) == [{"title": "Alta"}, {"title": "Bergen «testar»", "n": 2}]
    store.put_document(DocumentKind.STORY, "a", {"title": "Alta", "status": "approved"})
    assert store.get_document(DocumentKind.STORY, "a") == {"title": "Alta", "status": "approved"}
    assert store.get_document(DocumentKind.STORY, "nothing") is None
    assert store.revision() == revision and store.stats().actors == 0


def test_adding_a_document_never_replaces_one(store: GraphStore) -> None:
    assert store.add_document(DocumentKind.STORY, "x", {"v": 1}) is True
    assert store.add_document(DocumentKind.STORY, "x", {"v": 2}) is False
    assert store.get_document(DocumentKind.STORY, "x") == {"v": 1}


def test_a_wipe_keeps_api_keys_and_clears_stories(store: GraphStore) -> None:
    store.put_document(DocumentKind.API_KEY, "k", {"name": "editor"})
    store.put_document(DocumentKind.STORY, "s", {"title": "t"})
    store.wipe()
    assert {"name": "editor"} in store.documents(DocumentKind.API_KEY)
    assert store.documents(DocumentKind.STORY) == []
