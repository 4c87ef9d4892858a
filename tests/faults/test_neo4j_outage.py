"""Neo4j going away and coming back, with its own server the tests stop and restart: the API
answers 503 with Retry-After (never 500, never a hang) and recovers by itself; an import
stopped by the outage names the batch it reached and the rerun completes it; writes that meet
a deadlock are retried and applied once."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j_server
import pytest
from fastapi.testclient import TestClient
from faults.test_killed_import import _participation_list, digest

from api.app import create_app
from api.settings import Settings
from graph.model import Actor
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SQLiteStore
from graph.store_errors import StoreUnavailable
from ingest.importer import ImportOptions, run_import
from ingest.seeds import load_seeds

pytestmark = pytest.mark.neo4j

TIMEOUT_S = 3.0  # the store's: connection and query timeouts in these tests


class Outage:
    """A Neo4j of the tests' own, stopped and started again on the same data and port."""

    def __init__(self) -> None:
        self.server = neo4j_server.start(heap="512m")
        self.uri, self.home, self.port = self.server.uri, self.server.home, self.server.port

    def down(self) -> None:
        self.server.halt()

    def up(self) -> float:
        """Start it again; when it answers (monotonic seconds)."""
        self.server = neo4j_server.start(heap="512m", home=self.home, port=self.port)
        return time.monotonic()

    def store(self) -> Neo4jStore:
        return Neo4jStore(self.uri, connection_timeout=TIMEOUT_S, query_timeout=TIMEOUT_S)


@pytest.fixture(scope="module")
def outage() -> Iterator[Outage]:
    running = Outage()
    try:
        yield running
    finally:
        running.server.stop()


def test_the_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(outage: Outage) -> None:
    store = outage.store()
    store.open()
    store.wipe()
    load_seeds(store)
    with TestClient(create_app(lambda: store, Settings(store_timeout_s=TIMEOUT_S)), raise_server_exceptions=False) as client:
        assert client.get("/api/actors/ks/collaborators").status_code == 200
        outage.down()
        for path in ("/api/actors/ks/collaborators", "/api/actors?q=bergen", "/api/initiatives", "/readyz"):
            started = time.monotonic()
            answer = client.get(path)
            took = time.monotonic() - started
            assert answer.status_code == 503, (path, answer.status_code, answer.text)
            assert int(answer.headers["retry-after"]) > 0 and answer.headers["content-type"] == "application/problem+json"
            assert took < 4 * TIMEOUT_S, f"{path} took {took:.1f} s"
        assert client.get("/healthz").status_code == 200  # the process itself is fine
        ready_at = outage.up()
        while client.get("/api/actors/ks/collaborators").status_code != 200:
            assert time.monotonic() - ready_at < 10, "the API did not recover within 10 s of Neo4j's return"
            time.sleep(0.2)
        assert client.get("/readyz").status_code == 200
    store.close()


def test_an_import_stopped_by_an_outage_names_its_batch_and_the_rerun_completes_it(outage: Outage, tmp_path: Path) -> None:
    listed = _participation_list(tmp_path)
    reference = SQLiteStore(tmp_path / "reference.db")
    reference.open()
    run_import(reference, [listed], ImportOptions(batch_size=500))
    store = outage.store()
    store.open()
    store.wipe()
    failure: list[BaseException] = []

    def importing() -> None:
        try:
            run_import(store, [listed], ImportOptions(batch_size=500))
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=importing)
    worker.start()
    deadline = time.monotonic() + 60
    while store.stats().initiatives == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    outage.down()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], StoreUnavailable), failure
    assert "was not written (batches 1-" in str(failure[0]) and "run the same import again" in str(failure[0])
    outage.up()
    assert store.check() == []
    assert run_import(store, [listed], ImportOptions(batch_size=500)).errors == []
    assert digest(store) == digest(reference)
    store.close()


def test_writes_that_meet_a_deadlock_are_retried_and_applied_once(outage: Outage, caplog: pytest.LogCaptureFixture) -> None:
    store = outage.store()
    store.open()
    store.wipe()
    actors = [Actor(id=f"a{n:03d}", name=f"Aktør {n}", kind="other") for n in range(300)]
    store.upsert_actors(actors)
    revision = store.revision()
    rounds, most = 15, 300  # each writer: at least `rounds`, and on until a deadlock was met
    errors: list[BaseException] = []
    done: dict[str, int] = {}
    met = threading.Event()  # the driver logged that it retried a write
    start = threading.Barrier(2)

    class Retries(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "retried" in record.getMessage().lower():
                met.set()

    def writer(name: str, order: list[Actor]) -> None:
        start.wait()
        r = 0
        while r < most and (r < rounds or not met.is_set()):
            try:
                store.write_batch([a.model_copy(update={"description": f"{name} {r}"}) for a in order], [], [])
            except BaseException as exc:
                errors.append(exc)
            r += 1
        done[name] = r

    handler = Retries()
    logging.getLogger("neo4j").addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="neo4j"):
            threads = [threading.Thread(target=writer, args=("forward", actors)),
                       threading.Thread(target=writer, args=("backward", actors[::-1]))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        logging.getLogger("neo4j").removeHandler(handler)
    assert errors == []
    assert met.is_set(), f"no write met a deadlock in {done} rounds: the test did not test retrying"
    assert store.revision() == revision + sum(done.values())  # every write applied once: one revision each
    final = {a.id: a.description for a in store.get_actors([a.id for a in actors]).values()}
    assert len(set(final.values())) == 1  # one write won whole, not a mix of two
    store.close()
