"""What a store raises: every failure a caller can meet, named for what went wrong."""

from __future__ import annotations

from graph.model import Relationship


class StoreError(Exception):
    """A store could not do what was asked; the message says why."""


class StoreUnavailable(StoreError):
    """The engine cannot be reached (Neo4j down, database file unreadable)."""


class StoreTimeout(StoreUnavailable):
    """A query ran longer than the store's `query_timeout`; it was stopped."""


class MissingEndpoints(StoreError):
    """Relationships that name nodes which do not exist. Nothing of that batch was written."""

    def __init__(self, missing: list[tuple[int, Relationship, str]]):
        self.missing = missing
        lines = [f"record {index}: {rel.type} {rel.source} -> {rel.target}: no {what}" for index, rel, what in missing]
        super().__init__("relationships name nodes that do not exist:\n  " + "\n  ".join(lines[:20]))


class BackupError(StoreError):
    """A backup or restore that cannot be done, and why; nothing was changed."""
