"""Cutting a stream of records into write batches."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

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
