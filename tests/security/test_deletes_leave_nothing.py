"""A deleted or merged actor leaves nothing behind: no search entry, no key, no tie. Earlier
versions left the embedded store's search entry, and `db check` then failed."""

from __future__ import annotations

from graph.store import GraphStore
from ingest.duplicates import merge_actors


def test_a_deleted_actor_leaves_no_search_entry(seeded: GraphStore) -> None:
    assert [a.id for a in seeded.find_actors(q="Difi").items] == ["difi"]
    assert seeded.delete_actor("difi")
    assert seeded.find_actors(q="Difi").items == [] and seeded.check() == []


def test_a_merged_actor_is_found_only_through_the_one_it_was_merged_into(seeded: GraphStore) -> None:
    merge_actors(seeded, "ks", "difi")
    assert [a.id for a in seeded.find_actors(q="Difi").items] == ["ks"]
    assert seeded.check() == []
