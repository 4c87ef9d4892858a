"""Answers stay exact at a funder's shape: each collaborator's shared initiatives and weight,
read from the ties the store keeps, equal an independent pandas count from the participation
file, for the busiest actor and a seeded sample of others, on both stores."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.generate import FUNDER, Generated, generate
from bench.reference import pandas_ties
from graph.store import MAX_COLLABORATORS, GraphStore
from ingest.importer import ImportOptions, run_import


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    # Size R's shape at a tenth of its size: a busiest actor in hundreds of projects.
    return generate(14_000, tmp_path_factory.mktemp("register"), actors=3_500, shape=FUNDER)


def test_collaborators_equal_an_independent_pandas_count(store: GraphStore, register: Generated) -> None:
    report = run_import(store, [register.actors, register.initiatives, register.participation], ImportOptions())
    assert report.errors == []
    expected = pandas_ties(register.participation)
    busiest = expected.groupby("actor")["other"].size().sort_values(ascending=False).index[0]
    sample = [busiest, *random.Random(11).sample(sorted(set(expected["actor"])), 12)]
    by_actor = {actor: group for actor, group in expected.groupby("actor")}
    assert len(by_actor[busiest]) > 500  # the heavy head is really there
    for actor in sample:
        mine = by_actor[actor]
        want = {o: (w, n) for o, w, n in zip(mine["other"], mine["weight"], mine["shared"])}
        got = store.collaborators(actor, limit=MAX_COLLABORATORS)
        assert store.count_collaborators(actor) == len(want), actor
        assert {c.id for c in got} == set(want), actor
        for c in got:
            weight, shared = want[c.id]
            assert (c.weight, c.evidence_count) == (pytest.approx(weight, abs=1e-9), shared), (actor, c.id)
        assert [c.weight for c in got] == sorted((c.weight for c in got), reverse=True)
    table = store.tie_table()
    ids = table.ids()
    kept = {(ids[a], ids[b]): (w, n) for a, b, w, n in zip(table.a, table.b, table.weight, table.initiatives)}
    pandas_pairs = expected[expected["actor"] < expected["other"]]
    assert len(kept) == len(pandas_pairs)
    for a, b, w, n in zip(pandas_pairs["actor"], pandas_pairs["other"], pandas_pairs["weight"], pandas_pairs["shared"]):
        assert kept[(a, b)][1] == n and kept[(a, b)][0] == pytest.approx(w, abs=1e-9)
