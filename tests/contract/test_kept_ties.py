"""The collaboration ties both stores keep: after any sequence of writes they are the ties
recomputed from the participations, and the answers read from them are the answers counted
from the participations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from contract import example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import Actor, Initiative, Label, Relationship
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from graph.store_errors import MissingEndpoints
from graph.store_results import NodeRef

ACTORS = [Actor(id=f"a{k}", name=f"Aktør {k}", kind="municipality") for k in range(6)]
# Every initiative dated, so a window from 1900 holds them all: the windowed answer, counted
# from the participations, is then the same question as the kept ties answer.
INITIATIVES = [
    Initiative(id=f"i{k}", title=f"Tiltak {k}", kind="project", start=dt.date(2020, 1, 1 + k)) for k in range(4)
]
ROLES = ("participant", "organiser")
ALL_TIME = dt.date(1900, 1, 1)


def _part(actor: int, initiative: int, role: int) -> Relationship:
    return Relationship(
        type="PARTICIPATED_IN", source=f"a{actor}", target=f"i{initiative}", role=ROLES[role],
        source_label="Actor", target_label="Initiative",
    )


OPERATION = st.one_of(
    st.tuples(st.just("add"), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 1)), max_size=8)),
    st.tuples(st.just("remove"), st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 1))),
    st.tuples(st.just("delete_actor"), st.integers(0, 5)),
    st.tuples(st.just("delete_initiative"), st.integers(0, 3)),
    st.tuples(st.just("merge"), st.tuples(st.integers(0, 5), st.integers(0, 5))),
)


def _apply(store: GraphStore, operation: tuple) -> None:
    what, arg = operation
    if what == "add":
        # Nodes come back with their participations, as an import brings them.
        wanted = [_part(*p) for p in arg]
        store.write_batch(
            [a for a in ACTORS if a.id in {r.source for r in wanted}],
            [i for i in INITIATIVES if i.id in {r.target for r in wanted}],
            wanted,
        )
    elif what == "remove":
        store.delete_relationship(_part(*arg))
    elif what == "delete_actor":
        store.delete_actor(f"a{arg}")
    elif what == "delete_initiative":
        store.delete_initiative(f"i{arg}")
    else:  # one actor merged into another: its participations moved, itself deleted
        gone, kept = arg
        if gone == kept or store.get_actor(f"a{gone}") is None or store.get_actor(f"a{kept}") is None:
            return
        moved = [
            r.model_copy(update={"source": f"a{kept}"})
            for r in store.relationships_of(NodeRef(label=Label.ACTOR, id=f"a{gone}"))
            if r.type == "PARTICIPATED_IN"
        ]
        store.write_batch([], [], moved, delete_actors=[f"a{gone}"])


def _recounted(store: GraphStore) -> dict[tuple[str, str], tuple[float, int]]:
    """Newman's ties counted here from the exported participations, independent of both stores."""
    members: dict[str, set[str]] = defaultdict(set)
    for record in store.export():
        if record["record"] == "relationship" and record["type"] == "PARTICIPATED_IN":
            members[record["target"]].add(record["source"])
    ties: dict[tuple[str, str], tuple[float, int]] = {}
    for taking_part in members.values():
        n = len(taking_part)
        for a in taking_part:
            for b in taking_part:
                if a < b:
                    weight, count = ties.get((a, b), (0.0, 0))
                    ties[(a, b)] = (weight + 1 / (n - 1), count + 1)
    return {pair: (round(w, 9), c) for pair, (w, c) in ties.items()}


def _kept(store: GraphStore) -> dict[tuple[str, str], tuple[float, int]]:
    """The ties every analysis reads, less the example's one partnership (1 on Oslo–KS)."""
    table = store.tie_table()
    ids = table.ids()
    return {
        (ids[a], ids[b]): (round(w - p, 9), n)
        for a, b, w, n, p in zip(table.a, table.b, table.weight, table.initiatives, table.partnership)
        if n
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(OPERATION, min_size=1, max_size=12))
def test_kept_ties_equal_ties_recomputed_after_any_writes(store: GraphStore, operations: list[tuple]) -> None:
    store.wipe()
    for operation in operations:
        _apply(store, operation)
    assert _kept(store) == _recounted(store)
    assert [f for f in store.check() if f.check == "ties"] == []
    for actor in ACTORS:
        kept = [(c.id, c.weight, c.evidence_count) for c in store.collaborators(actor.id)]
        counted = [(c.id, c.weight, c.evidence_count) for c in store.collaborators(actor.id, since=ALL_TIME)]
        assert kept == counted
        assert store.count_collaborators(actor.id) == store.count_collaborators(actor.id, since=ALL_TIME)


def test_a_re_import_of_what_is_there_leaves_the_ties_as_they_were(store: GraphStore) -> None:
    example.load(store)
    before = _kept(store)
    example.load(store)
    assert _kept(store) == before == _recounted(store)


def test_ties_out_of_step_are_found_by_check_and_mended_by_a_rebuild(store: GraphStore) -> None:
    example.load(store)
    if isinstance(store, SQLiteStore):
        with store._write() as tx:
            tx.execute("UPDATE ties SET initiatives = initiatives + 1 WHERE a = 'bergen' AND b = 'oslo'")
            tx.execute("DELETE FROM ties WHERE a = 'difi' AND b = 'ks'")
    else:
        store._run(True, lambda tx: tx.run(
            "MATCH (t:SamspillTie {a: 'bergen', b: 'oslo'}) SET t.initiatives = t.initiatives + 1 "
            "WITH 1 AS done MATCH (u:SamspillTie {a: 'difi', b: 'ks'}) DELETE u"
        ).consume())
    found = sorted(f.detail for f in store.check() if f.check == "ties")
    assert len(found) == 2
    assert found[0].startswith("actors bergen and oslo: 3 shared initiatives kept")
    assert found[1].startswith("actors difi and ks: 0 shared initiatives kept")
    before = store.revision()
    store.rebuild_ties()
    assert store.check() == []
    assert _kept(store) == _recounted(store)
    assert store.revision() > before  # what was kept for the damaged ties is not served again


def test_a_wipe_leaves_no_ties(store: GraphStore) -> None:
    example.load(store)
    store.wipe()
    assert _kept(store) == {}
    example.load(store)
    assert _kept(store) == _recounted(store)


@pytest.mark.parametrize("actor", ["oslo", "ks", "difi", "loner"])
def test_collaborators_from_kept_ties_are_those_counted_from_participations(loaded_example: GraphStore, actor: str) -> None:
    # The example's meeting is undated, so "all time" is asked with a window only where none is undated.
    kept = {c.id: (c.weight, c.evidence_count) for c in loaded_example.collaborators(actor)}
    recounted = _recounted(loaded_example)
    shared = {
        (b if a == actor else a): value for (a, b), value in recounted.items() if actor in (a, b)
    }
    partners = {"oslo": {"ks"}, "ks": {"oslo"}}.get(actor, set())
    assert set(kept) == set(shared) | partners
    for other, (weight, count) in shared.items():
        extra = 1 if other in partners else 0
        assert kept[other] == (pytest.approx(weight + extra), count + extra)
    assert loaded_example.count_collaborators(actor) == len(kept)


@pytest.fixture
def loaded_example(store: GraphStore) -> GraphStore:
    example.load(store)
    return store


def test_the_table_of_every_tie_is_the_table_counted_from_participations(store: GraphStore) -> None:
    parts = [_part(a, i, 0) for a, i in ((0, 0), (1, 0), (2, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (0, 3))]
    partnership = Relationship(
        type="PARTNER_OF", source="a0", target="a1", source_label="Actor", target_label="Actor", start=dt.date(2019, 1, 1)
    )
    alone = partnership.model_copy(update={"source": "a4", "target": "a2"})  # no shared initiative
    store.write_batch(ACTORS, INITIATIVES, [*parts, partnership, alone])
    kept, counted = store.tie_table(), store.tie_table(since=ALL_TIME)
    assert kept.ids() == counted.ids()
    assert (kept.a, kept.b, kept.initiatives, kept.partnership) == (counted.a, counted.b, counted.initiatives, counted.partnership)
    assert list(kept.weight) == pytest.approx(list(counted.weight))
    assert sum(kept.partnership) == 2 and kept.ties == 6


def test_kept_ties_stay_exact_when_writers_change_the_same_initiatives_at_once(store: GraphStore) -> None:
    import random
    from concurrent.futures import ThreadPoolExecutor

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(25):
            roll = rng.random()
            if roll < 0.6:
                try:
                    _apply(store, ("add", [(rng.randrange(6), rng.randrange(4), rng.randrange(2)) for _ in range(3)]))
                except MissingEndpoints:
                    pass  # another writer deleted an end in between: nothing of the batch is written
            elif roll < 0.85:
                _apply(store, ("remove", (rng.randrange(6), rng.randrange(4), rng.randrange(2))))
            elif roll < 0.95:
                _apply(store, ("delete_actor", rng.randrange(6)))
            else:
                _apply(store, ("delete_initiative", rng.randrange(4)))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    assert _kept(store) == _recounted(store)
    assert [f for f in store.check() if f.check == "ties"] == []
