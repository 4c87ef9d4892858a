"""Bookkeeping that outgrows memory: a map that keeps its newest entries in memory and moves
the older ones to a private temporary SQLite file, so an import of a million register
records needs no more memory than one of a hundred thousand."""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from typing import Generic, TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")
MEMORY_LIMIT = 50_000  # entries kept in memory per map

_MISSING = object()


class SpillMap(Generic[K, V]):
    """get / set / contains / items, like a dict. On disk a key is found by its repr, so keys
    must have equal reprs when equal: strings, numbers, None, enums and tuples of those do
    (pickles do not: pickle shares repeated objects, so equal keys can pickle differently)."""

    def __init__(self, limit: int | None = None):
        self.limit = limit or MEMORY_LIMIT
        self._memory: dict[K, V] = {}
        self._disk: sqlite3.Connection | None = None

    def __contains__(self, key: K) -> bool:
        return key in self._memory or (self._disk is not None and self._load(key) is not _MISSING)

    def __getitem__(self, key: K) -> V:
        try:
            return self._memory[key]
        except KeyError:
            value = self._load(key) if self._disk is not None else _MISSING
            if value is _MISSING:
                raise
            return value  # type: ignore[return-value]

    @overload
    def get(self, key: K) -> V | None: ...
    @overload
    def get(self, key: K, default: V) -> V: ...

    def get(self, key: K, default: V | None = None) -> V | None:
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: K, value: V) -> None:
        self._memory[key] = value
        if len(self._memory) > self.limit:
            self._spill()

    def items(self) -> Iterator[tuple[K, V]]:
        """Every entry once; memory holds the newer value of any key also on disk."""
        if self._disk is not None:
            for raw_key, raw_value in self._disk.execute("SELECT original, value FROM spilled"):
                key = pickle.loads(raw_key)
                if key not in self._memory:
                    yield key, pickle.loads(raw_value)
        yield from list(self._memory.items())

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()
            self._disk = None

    def _load(self, key: K) -> V | object:
        assert self._disk is not None
        row = self._disk.execute("SELECT value FROM spilled WHERE key = ?", (repr(key),)).fetchone()
        return _MISSING if row is None else pickle.loads(row[0])

    def _spill(self) -> None:
        """Move the older half to disk (dicts keep insertion order)."""
        if self._disk is None:
            # "" opens a private temporary database on disk, deleted when closed.
            self._disk = sqlite3.connect("", isolation_level=None)
            self._disk.execute("PRAGMA journal_mode = OFF")
            self._disk.execute("PRAGMA synchronous = OFF")
            self._disk.execute(
                "CREATE TABLE spilled (key TEXT PRIMARY KEY, original BLOB NOT NULL, value BLOB NOT NULL) WITHOUT ROWID"
            )
        older = list(self._memory.items())[: len(self._memory) // 2]
        self._disk.execute("BEGIN")
        self._disk.executemany(
            "INSERT OR REPLACE INTO spilled (key, original, value) VALUES (?, ?, ?)",
            [(repr(k), pickle.dumps(k), pickle.dumps(v)) for k, v in older],
        )
        self._disk.execute("COMMIT")
        for key, _ in older:
            del self._memory[key]
