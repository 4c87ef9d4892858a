"""An API client over a seeded store of each engine, and keys for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from contract import example
from fastapi.testclient import TestClient

from api.app import create_app
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph.store import GraphStore


@pytest.fixture
def client(seeded: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: seeded, Settings())) as test_client:
        yield test_client


@pytest.fixture
def editor(seeded: GraphStore) -> dict[str, str]:
    secret, _ = create_key(seeded, "test editor", KeyRole.EDITOR)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def reader(seeded: GraphStore) -> dict[str, str]:
    secret, _ = create_key(seeded, "test reader", KeyRole.READER)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def example_client(store: GraphStore) -> Iterator[TestClient]:
    """Over the hand-counted contract example (dated initiatives, themes, places)."""
    example.load(store)
    with TestClient(create_app(lambda: store, Settings())) as test_client:
        yield test_client
