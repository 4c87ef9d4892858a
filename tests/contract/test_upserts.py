"""Writes: idempotent upserts with exact counts, revisions, deletes, missing endpoints."""

from __future__ import annotations

import pytest
from contract import example

from graph.model import Actor, Initiative, Label, Relationship, RelType
from graph.store import GraphStore
from graph.store_errors import MissingEndpoints
from graph.store_results import NodeRef, UpsertCounts


def test_upserting_twice_creates_once_then_reports_unchanged(store: GraphStore) -> None:
    assert store.upsert_actors(example.ACTORS) == UpsertCounts(created=len(example.ACTORS))
    assert store.upsert_actors(example.ACTORS) == UpsertCounts(unchanged=len(example.ACTORS))
    assert store.upsert_initiatives(example.INITIATIVES) == UpsertCounts(created=3)
    assert store.upsert_initiatives(example.INITIATIVES) == UpsertCounts(unchanged=3)
    rels = example.RELATIONSHIPS
    assert store.upsert_relationships(rels) == UpsertCounts(created=len(rels))
    assert store.upsert_relationships(rels) == UpsertCounts(unchanged=len(rels))
    stats = store.stats()
    assert (stats.actors, stats.initiatives) == (len(example.ACTORS), 3)
    assert stats.relationships[RelType.PARTICIPATED_IN] == 10
    assert stats.relationships[RelType.PARTNER_OF] == 1


def test_changed_records_count_as_updated_and_replace_the_stored_ones(store: GraphStore) -> None:
    store.upsert_actors([Actor(id="ks", name="KS", kind="interest_organisation")])
    counts = store.upsert_actors(
        [Actor(id="ks", name="KS", kind="interest_organisation", aliases=("Kommunesektorens organisasjon",))]
    )
    assert counts == UpsertCounts(updated=1)
    assert store.get_actor("ks").aliases == ("Kommunesektorens organisasjon",)
    assert store.resolve_actor("kommunesektorens organisasjon").actor.id == "ks"


def test_small_batches_give_the_same_counts_as_one_batch(store: GraphStore) -> None:
    assert store.upsert_actors(example.ACTORS, batch_size=3) == UpsertCounts(created=len(example.ACTORS))
    assert store.upsert_actors(example.ACTORS, batch_size=1) == UpsertCounts(unchanged=len(example.ACTORS))


def test_a_repeated_id_within_a_batch_is_written_once_with_the_last_value(store: GraphStore) -> None:
    first = Actor(id="ks", name="KS", kind="other")
    last = Actor(id="ks", name="KS", kind="interest_organisation")
    assert store.upsert_actors([first, last]) == UpsertCounts(created=1)
    assert store.get_actor("ks").kind == "interest_organisation"
    assert store.stats().actors == 1


def test_partnership_in_either_direction_is_one_relationship(store: GraphStore) -> None:
    store.upsert_actors(example.ACTORS)
    forward = Relationship(type="PARTNER_OF", source="oslo", target="ks")
    backward = Relationship(type="PARTNER_OF", source="ks", target="oslo")
    assert store.upsert_relationships([forward]) == UpsertCounts(created=1)
    assert store.upsert_relationships([backward]) == UpsertCounts(unchanged=1)
    assert store.stats().relationships[RelType.PARTNER_OF] == 1


def test_relationships_to_missing_nodes_are_rejected_and_nothing_of_the_batch_is_written(store: GraphStore) -> None:
    store.upsert_actors(example.ACTORS)
    store.upsert_initiatives(example.INITIATIVES)
    good = Relationship(type="PARTICIPATED_IN", source="oslo", target="meeting")
    bad = Relationship(type="PARTICIPATED_IN", source="ghost", target="meeting")
    with pytest.raises(MissingEndpoints) as raised:
        store.upsert_relationships([good, bad])
    assert "record 1" in str(raised.value) and "Actor ghost" in str(raised.value)
    assert store.stats().relationships[RelType.PARTICIPATED_IN] == 0


def test_revision_changes_on_every_write_that_changes_something(store: GraphStore) -> None:
    start = store.revision()
    store.upsert_actors(example.ACTORS)
    after_write = store.revision()
    assert after_write > start
    store.upsert_actors(example.ACTORS)
    assert store.revision() == after_write
    store.delete_actor("loner")
    assert store.revision() > after_write


def test_deleting_an_actor_removes_its_relationships(store: GraphStore) -> None:
    example.load(store)
    assert store.delete_actor("ks") is True
    assert store.delete_actor("ks") is False
    assert store.get_actor("ks") is None
    assert [c.id for c in store.collaborators("oslo")] == ["bergen", "difi", "tromso"]
    assert store.stats().relationships[RelType.PARTNER_OF] == 0


def test_deleting_an_initiative_and_a_relationship(store: GraphStore) -> None:
    example.load(store)
    assert store.delete_initiative("project") is True
    assert store.get_initiative("project") is None
    partnership = Relationship(type="PARTNER_OF", source="ks", target="oslo")
    assert store.delete_relationship(partnership) is True
    assert store.delete_relationship(partnership) is False
    assert [(c.id, c.weight) for c in store.collaborators("oslo")] == [
        ("bergen", 0.25), ("difi", 0.25), ("ks", 0.25), ("tromso", 0.25)
    ]


def test_participations_with_different_roles_are_kept_apart(store: GraphStore) -> None:
    example.load(store)
    roles = sorted(r.role for r in store.relationships_of(NodeRef(label=Label.ACTOR, id="ks")) if r.target == "conference")
    assert roles == ["participant", "speaker"]


def test_wipe_empties_the_store(store: GraphStore) -> None:
    example.load(store)
    store.wipe()
    stats = store.stats()
    assert (stats.actors, stats.initiatives, sum(stats.relationships.values())) == (0, 0, 0)


def test_unicode_names_are_kept_exactly(store: GraphStore) -> None:
    sami = Actor(id="porsanger", name="Porsáŋgu – Porsanki – Porsanger", kind="municipality", aliases=("Unjárga",))
    norsk = Initiative(id="ae", title="Ærlig øving på åpne «møteplassar»", kind="meeting")
    store.upsert_actors([sami])
    store.upsert_initiatives([norsk])
    assert store.get_actor("porsanger") == sami
    assert store.get_initiative("ae") == norsk
    assert store.resolve_actor("porsangu porsanki porsanger").actor.id == "porsanger"
    assert store.resolve_actor("UNJARGA").actor.id == "porsanger"


def test_export_streams_every_record_and_reloads_to_the_same_graph(store: GraphStore) -> None:
    example.load(store)
    records = list(store.export())
    kinds = [r["record"] for r in records]
    assert kinds.count("actor") == len(example.ACTORS)
    assert kinds.count("initiative") == len(example.INITIATIVES)
    assert kinds.count("relationship") == len(example.RELATIONSHIPS)
    exported = {Relationship.model_validate({k: v for k, v in r.items() if k != "record"}).key
                for r in records if r["record"] == "relationship"}
    assert exported == {r.key for r in example.RELATIONSHIPS}
    actors = [Actor.model_validate({k: v for k, v in r.items() if k != "record"}) for r in records if r["record"] == "actor"]
    assert sorted(actors, key=lambda a: a.id) == sorted(example.ACTORS, key=lambda a: a.id)


def test_batched_lookups_return_only_what_is_stored(store: GraphStore) -> None:
    example.load(store)
    assert sorted(store.get_actors(["oslo", "ks", "ghost"])) == ["ks", "oslo"]
    assert store.get_actors(["oslo"])["oslo"] == example.ACTORS[0]
    assert list(store.get_initiatives(["meeting", "nothing"])) == ["meeting"]
    wanted = [
        Relationship(type="PARTICIPATED_IN", source="ks", target="conference", role="speaker"),
        Relationship(type="PARTICIPATED_IN", source="ks", target="conference", role="host"),
        Relationship(type="PARTNER_OF", source="ks", target="oslo"),
        Relationship(type="LEARNED_FROM", source="nesta", target="difi"),
    ]
    found = store.get_relationships(wanted)
    assert sorted(found) == sorted([wanted[0].key, wanted[2].key])
    assert found[wanted[2].key].start is not None
    assert {k: [a.id for a in v] for k, v in store.actors_by_orgnr(["991825827", "123456785"]).items()} == {
        "991825827": ["difi"]
    }


def test_names_match_without_their_legal_form_words(store: GraphStore) -> None:
    store.upsert_actors([Actor(id="bergen", name="Bergen kommune", kind="municipality"),
                         Actor(id="design", name="Norsk Design", kind="company")])
    assert store.resolve_actor("Bergen").actor.id == "bergen"
    assert store.resolve_actor("norsk design as").actor.id == "design"


def test_export_gives_actors_then_initiatives_then_relationships(store: GraphStore) -> None:
    example.load(store)
    kinds = [r["record"] for r in store.export()]
    assert kinds == sorted(kinds, key=["actor", "initiative", "relationship"].index)


def test_a_batch_is_written_whole_or_not_at_all(store: GraphStore) -> None:
    revision = store.revision()
    store.write_batch(example.ACTORS, example.INITIATIVES, example.RELATIONSHIPS)  # ends given in the same batch
    assert store.revision() == revision + 1
    assert store.stats().relationships[RelType.PARTICIPATED_IN] == 10
    before = store.stats()
    newcomer = Actor(id="newcomer", name="Nykomar", kind="other")
    dangling = Relationship(type=RelType.PARTICIPATED_IN, source="newcomer", target="nowhere")
    with pytest.raises(MissingEndpoints):
        store.write_batch([newcomer], [], [dangling])
    assert store.get_actor("newcomer") is None  # the actor of the failed batch was not kept
    assert store.stats() == before
    store.write_batch(example.ACTORS, example.INITIATIVES, example.RELATIONSHIPS)
    assert store.revision() == before.revision  # nothing changed: no new revision
