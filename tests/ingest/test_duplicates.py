"""Likely duplicates, and merging one actor into another."""

from __future__ import annotations

import pytest

from graph.model import Actor, Initiative, Relationship
from graph.store import GraphStore
from ingest.duplicates import find_duplicates, merge_actors
from ingest.seeds import load_seeds


def test_seeds_have_no_likely_duplicates(store: GraphStore) -> None:
    # Difi and Digitaliseringsdirektoratet share a number but the rename is recorded;
    # Oslo county and Oslo municipality share a name but are different kinds of place.
    load_seeds(store)
    assert find_duplicates(store) == []


def test_same_number_and_same_name_are_reported(store: GraphStore) -> None:
    store.upsert_actors([
        Actor(id="husbanken", name="Husbanken", kind="state_agency", orgnr="942114184"),
        Actor(id="husbanken-2", name="Den norske stats husbank", kind="state_agency", orgnr="942114184"),
        Actor(id="bergen", name="Bergen kommune", kind="municipality"),
        Actor(id="bergen-2", name="BERGEN", kind="other"),
    ])
    groups = [(g.reason, [a.id for a in g.actors]) for g in find_duplicates(store)]
    assert groups == [("same organisation number: 942114184", ["husbanken", "husbanken-2"]),
                      ("same name: bergen", ["bergen", "bergen-2"])]


def test_merge_moves_relationships_keeps_aliases_and_deletes_the_other(store: GraphStore) -> None:
    store.upsert_actors([
        Actor(id="bergen", name="Bergen", kind="municipality"),
        Actor(id="bergen-kommune", name="Bergen kommune", kind="other", orgnr="964338531"),
        Actor(id="ks", name="KS", kind="interest_organisation"),
    ])
    store.upsert_initiatives([Initiative(id="m", title="Møte", kind="meeting")])
    store.upsert_relationships([
        Relationship(type="PARTICIPATED_IN", source="bergen-kommune", target="m"),
        Relationship(type="PARTICIPATED_IN", source="ks", target="m"),
        Relationship(type="PARTNER_OF", source="bergen", target="bergen-kommune"),
    ])
    result = merge_actors(store, "bergen", "bergen-kommune")
    assert (result.moved, result.dropped_relationships) == (1, 1)
    assert store.get_actor("bergen-kommune") is None
    kept = store.get_actor("bergen")
    assert kept.aliases == ("Bergen kommune",) and kept.orgnr == "964338531"
    assert kept.sources[-1].title == "Samspill merge"
    assert [c.id for c in store.collaborators("ks")] == ["bergen"]
    assert store.resolve_actor("964338531").actor.id == "bergen"


def test_merging_unknown_or_same_actors_is_refused(store: GraphStore) -> None:
    store.upsert_actors([Actor(id="ks", name="KS", kind="other")])
    with pytest.raises(KeyError):
        merge_actors(store, "ks", "ghost")
    with pytest.raises(ValueError):
        merge_actors(store, "ks", "ks")
