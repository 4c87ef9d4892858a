"""What both stores share when writing: batches, their counts, and the endpoint check."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

from graph.model import Label, Relationship
from graph.store_errors import MissingEndpoints
from graph.store_results import UpsertCounts

T = TypeVar("T")


def batched_unique(items: Iterable[T], key: Callable[[T], Hashable], size: int) -> Iterator[list[T]]:
    """Batches of at most `size` records; within a batch a later record with the same key
    replaces the earlier one, so one batch never writes one node twice."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    batch: dict[Hashable, T] = {}
    for item in items:
        batch[key(item)] = item
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def upsert_in_batches(
    items: Iterable[T], key: Callable[[T], Hashable], size: int, write_batch: Callable[[list[T]], UpsertCounts]
) -> UpsertCounts:
    """Write batch after batch, each in its own transaction (`write_batch` opens it), so an
    interrupted run leaves whole batches and a rerun completes it."""
    total = UpsertCounts()
    for batch in batched_unique(items, key, size):
        total += write_batch(batch)
    return total


def check_endpoints(batch: list[Relationship], existing: Callable[[Label, list[str]], set[str]]) -> None:
    """Raise MissingEndpoints, naming every record, if any relationship's ends do not exist.
    `existing(label, ids)` answers which of `ids` the store holds."""
    wanted: dict[Label, set[str]] = {label: set() for label in Label}
    for rel in batch:
        _, source_label, target_label = rel.shape
        wanted[source_label].add(rel.source)
        wanted[target_label].add(rel.target)
    present = {label: existing(label, sorted(ids)) if ids else set() for label, ids in wanted.items()}
    missing = [
        (index, rel, f"{label} {node_id}")
        for index, rel in enumerate(batch)
        for label, node_id in ((rel.shape[1], rel.source), (rel.shape[2], rel.target))
        if node_id not in present[label]
    ]
    if missing:
        raise MissingEndpoints(missing)
