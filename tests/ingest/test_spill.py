"""Spill maps: bookkeeping that moves to disk beyond a limit and behaves like a dict."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import ActorKind
from graph.store import GraphStore
from ingest import spill
from ingest.importer import ImportOptions, run_import
from ingest.records import ActorRef
from ingest.spill import SpillMap


def test_entries_beyond_the_limit_move_to_disk_and_are_still_found() -> None:
    numbers: SpillMap[str, int] = SpillMap(limit=10)
    for n in range(100):
        numbers[f"k{n}"] = n
    assert len(numbers._memory) <= 10
    assert [numbers[f"k{n}"] for n in range(100)] == list(range(100))
    assert "k0" in numbers and "k100" not in numbers
    assert numbers.get("k100") is None and numbers.get("k100", -1) == -1
    with pytest.raises(KeyError):
        numbers["k100"]
    assert sorted(v for _, v in numbers.items()) == list(range(100))
    numbers.close()


def test_a_newer_value_wins_over_a_spilled_one_and_items_lists_each_key_once() -> None:
    values: SpillMap[str, str] = SpillMap(limit=4)
    for n in range(10):
        values[f"k{n}"] = "old"
    values["k0"] = "new"  # k0 is on disk; the newer value is in memory
    assert values["k0"] == "new"
    listed = list(values.items())
    assert len(listed) == 10 and dict(listed)["k0"] == "new"
    for n in range(10, 20):  # spill again: the newer k0 replaces the older on disk
        values[f"k{n}"] = "old"
    assert values["k0"] == "new"


def test_equal_keys_built_from_different_objects_find_the_same_entry() -> None:
    refs: SpillMap[ActorRef, str] = SpillMap(limit=2)
    name = "Bergen kommune"
    refs[ActorRef(id=None, orgnr=None, name=name, kind=ActorKind.MUNICIPALITY)] = "bergen"
    for n in range(5):
        refs[ActorRef(name=f"filler {n}")] = "x"
    rebuilt = ActorRef(name="".join(["Bergen", " kommune"]), kind=ActorKind("municipality"))
    assert refs[rebuilt] == "bergen"
    refs[("actor", "ks")] = "tuple keys too"
    for n in range(5):
        refs[ActorRef(name=f"more {n}")] = "x"
    assert refs[("actor", "".join(["k", "s"]))] == "tuple keys too"


def test_an_import_whose_bookkeeping_spills_ends_as_one_that_does_not(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spill, "MEMORY_LIMIT", 8)
    actors = tmp_path / "aktorar.csv"
    actors.write_text("namn;type;orgnr\n" + "".join(f"Eining {n};company;\n" for n in range(40)), encoding="utf-8")
    listed = tmp_path / "liste.csv"
    listed.write_text("arrangement;dato;verksemd\n" + "".join(
        f"Samling {n % 7};0{1 + n % 9}.01.2021;{'Eining' if n % 2 else 'Ny eining'} {n % 40}\n" for n in range(120)),
        encoding="utf-8")
    report = run_import(store, [actors, listed], ImportOptions())
    assert report.errors == []
    created = {k: c.created for k, c in report.counts.items()}
    assert created["actors"] == 40 + 20  # the 40 defined, and 20 new ones only the list names
    again = run_import(store, [actors, listed], ImportOptions())
    assert {k: (c.created, c.updated) for k, c in again.counts.items()} == {
        "actors": (0, 0), "initiatives": (0, 0), "relationships": (0, 0)}
