"""No request makes the server do unbounded work, and every bad one gets a clear answer, on
both stores: documents that expand or nest without end, compression bombs, names that cannot
name a file, text that would break an export, keys and rates checked before a body is read,
addresses no client can choose. docs/reliability.md lists each bound."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import stat
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import anyio
import openpyxl
import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from api.app import create_app
from api.edits import WARNINGS_SHOWN, upload_name
from api.gate import client_address
from api.ical import calendar
from api.keys import KeyRole, create_key
from api.settings import Settings
from graph.model import MAX_ALIASES, STORED, Actor, Initiative
from graph.sqlite_store import SQLiteStore
from graph.store import GraphStore
from ingest.backup import BackupFormat, backup, restore
from ingest.bounds import MAX_DEPTH, MAX_YAML_ALIASES
from ingest.seeds import load_seeds


@pytest.fixture
def api(store: GraphStore) -> Iterator[tuple[TestClient, dict[str, str], GraphStore]]:
    load_seeds(store)
    secret, _ = create_key(store, "editor", KeyRole.EDITOR)
    with TestClient(create_app(lambda: store, Settings(stories_per_minute=3))) as client:
        yield client, {"Authorization": f"Bearer {secret}"}, store


def _upload(client: TestClient, editor: dict[str, str], name: str, content: bytes) -> Any:
    return client.post("/api/import", headers=editor, files={"files": (name, content, "application/octet-stream")})


def _errors(answer: Any) -> str:
    assert answer.status_code == 422, answer.text[:500]
    return " ".join(e["message"] for e in answer.json()["errors"])


# -- documents that expand or nest ---------------------------------------------------------------


def _alias_bomb(levels: int) -> bytes:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    return ("\n".join(lines) + f"\nactors: [*l{levels - 1}]\n").encode()


def test_a_yaml_document_whose_aliases_nest_is_refused_in_a_short_answer(api: tuple) -> None:
    client, editor, store = api
    bomb = _alias_bomb(9)  # 500 bytes, a billion values expanded
    assert len(bomb) < 600
    answer = _upload(client, editor, "bomb.yaml", bomb)
    assert "nested aliases are not read" in _errors(answer)
    assert len(answer.content) < 4_000
    assert store.get_actor("x") is None


def test_a_yaml_document_with_too_many_aliases_is_refused(api: tuple) -> None:
    client, editor, _ = api
    many = "x-name: &n Verksemd\nactors:\n" + "".join(f"  - {{id: v{i}, name: *n, kind: other}}\n" for i in range(MAX_YAML_ALIASES + 1))
    assert f"more than {MAX_YAML_ALIASES} aliases" in _errors(_upload(client, editor, "many.yaml", many.encode()))
    few = "x-name: &n Verksemd\nactors:\n" + "".join(f"  - {{id: v{i}, name: *n, kind: other}}\n" for i in range(3))
    assert _upload(client, editor, "few.yaml", few.encode()).status_code == 200  # aliases as such are fine


@pytest.mark.parametrize("name, nested", [
    ("deep.json", b'{"actors": ' + b"[" * 5_000 + b"]" * 5_000 + b"}"),
    ("deep.yaml", b"actors: " + b"[" * 5_000 + b"]" * 5_000),
    ("fair.json", b'{"actors": ' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}"),
])
def test_documents_nested_past_the_bound_are_refused_with_it(api: tuple, name: str, nested: bytes) -> None:
    client, editor, _ = api
    assert f"nested deeper than {MAX_DEPTH} levels" in _errors(_upload(client, editor, name, nested))


def test_an_error_quotes_at_most_a_few_hundred_characters_of_a_value(api: tuple) -> None:
    client, editor, _ = api
    document = {"actors": [{"id": "lang", "name": ["ord"] * 100_000, "kind": "other"}]}
    answer = _upload(client, editor, "lang.json", json.dumps(document).encode())
    message = _errors(answer)
    assert "name" in answer.text and len(message) < 500 and len(answer.content) < 4_000


# -- compression bombs ---------------------------------------------------------------------------


def test_a_gzipped_register_file_that_inflates_past_the_bound_is_refused(api: tuple) -> None:
    client, editor, store = api
    record = b'[{"organisasjonsnummer": "974760673", "organisasjonsform": {"kode": "ORGL"}, "navn": "'
    bomb = gzip.compress(record + b" " * 60_000_000 + b'"}]', compresslevel=9)
    assert len(bomb) < 100_000
    answer = _upload(client, editor, "enheter.json.gz", bomb)
    assert "refused as a compression bomb" in _errors(answer)
    assert not store.actors_by_orgnr(["974760673"]).get("974760673")  # nothing of it was written


def test_a_cut_off_or_false_gzip_file_is_a_clear_error_with_nothing_written(api: tuple) -> None:
    client, editor, store = api
    whole = gzip.compress(b'[{"organisasjonsnummer": "974760673", "navn": "Cut off"}]')
    for name, body in (("cut.json.gz", whole[: len(whole) // 2]), ("magic-only.json.gz", b"\x1f\x8b"),
                       ("false.json.gz", b"\x1f\x8b" + b"not deflate at all" * 10)):
        errors = _errors(_upload(client, editor, name, body))
        assert "is not a whole gzip file" in errors and "nothing was imported" in errors, name
    assert not store.actors_by_orgnr(["974760673"]).get("974760673")


def test_a_workbook_whose_parts_inflate_past_the_bound_is_refused_before_it_is_opened(api: tuple, tmp_path: Path) -> None:
    client, editor, _ = api
    book = openpyxl.Workbook()
    book.active.append(["name", "kind"])
    book.active.append(["Verksemd", "other"])
    data = io.BytesIO()
    book.save(data)
    with zipfile.ZipFile(data, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings2.xml", b"<si><t>a</t></si>" * 2_000_000)  # 34 MB in about 70 kB
    assert len(data.getvalue()) < 200_000
    assert "refused as a compression bomb" in _errors(_upload(client, editor, "bomb.xlsx", data.getvalue()))
    data = io.BytesIO()
    book.save(data)
    assert _upload(client, editor, "fair.xlsx", data.getvalue()).status_code == 200


# -- what used to answer 500 ---------------------------------------------------------------------


def test_a_partnership_without_an_end_is_a_422_naming_the_field(api: tuple) -> None:
    client, editor, _ = api
    for method in ("POST", "DELETE"):
        body: Any = {"type": "PARTNER_OF", "source": "ks"}
        answer = client.request(method, "/api/relationships", headers=editor, json=[body] if method == "POST" else body)
        assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
        assert "target" in answer.json()["detail"]
    document = {"relationships": [{"type": "PARTNER_OF", "source": "ks"}]}
    answer = _upload(client, editor, "partnar.json", json.dumps(document).encode())
    assert [e["field"] for e in answer.json()["errors"]] == ["target"]


@pytest.mark.parametrize("name, reason", [("..", "is not a file name"), ("x" * 300 + ".csv", "at most 200"),
                                          ("a/b/", "is not a file name")])
def test_upload_names_that_cannot_name_a_file_are_a_422_with_the_reason(api: tuple, name: str, reason: str) -> None:
    client, editor, _ = api
    answer = _upload(client, editor, name, b"name,kind\nVerksemd,other\n")
    assert answer.status_code == 422 and reason in answer.json()["detail"]


def test_an_upload_name_with_a_control_character_is_refused_and_a_path_is_cut_to_its_name() -> None:
    with pytest.raises(HTTPException, match="control character"):
        upload_name("liste\x00.csv", 0)
    assert upload_name("C:\\Users\\kari\\liste.csv", 0) == "liste.csv" and upload_name(None, 2) == "upload-2"


# -- text that would break an export ---------------------------------------------------------------


def test_control_characters_never_reach_a_stored_name_and_exports_stay_well_formed(api: tuple) -> None:
    client, editor, store = api
    answer = client.put("/api/actors/styrt", headers=editor,
                        json={"id": "styrt", "name": "Styrt\x00 \x07Verk\tsemd", "kind": "other",
                              "description": "Linje ein\nlinje to\x1b[31m"})
    assert answer.status_code == 200
    kept = store.get_actor("styrt")
    assert kept.name == "Styrt Verk semd" and kept.description == "Linje ein\nlinje to[31m"
    for fmt in ("graphml", "gexf"):
        exported = client.get("/api/export", params={"format": fmt})
        assert exported.status_code == 200
        ElementTree.fromstring(exported.content)  # raises on ill-formed XML


def test_only_web_addresses_are_stored_as_urls_or_reach_the_calendar(api: tuple) -> None:
    client, editor, _ = api
    for url in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//example.no"):
        answer = client.put("/api/initiatives/lenkje", headers=editor,
                            json={"id": "lenkje", "title": "Møte", "kind": "meeting", "url": url})
        assert answer.status_code == 422 and "http:// or https://" in answer.json()["detail"]
    # Stored by an earlier version, which took any text as a URL:
    older = Initiative.model_construct(id="eldre", title="Møte", kind="meeting", url="javascript:alert(1)",
                                       start=dt.date(2026, 1, 1), end=None, description=None)
    assert "javascript" not in calendar([older], stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_what_an_earlier_version_stored_past_todays_rules_stays_readable(api: tuple, tmp_path: Path) -> None:
    client, _, store = api
    older = Actor.model_validate({"id": "eldre", "name": "Eldre", "kind": "other",
                                  "aliases": [f"Namn {i}" for i in range(MAX_ALIASES + 5)],
                                  "sources": [{"title": "Gamal kjelde", "url": "javascript:alert(1)"}]}, context=STORED)
    store.upsert_actors([older])
    assert store.get_actor("eldre") == older
    assert client.get("/api/actors/eldre").status_code == 200
    backup(store, tmp_path / "eldre.json", BackupFormat.JSON)
    restore(store, tmp_path / "eldre.json", replace=True)
    assert store.get_actor("eldre") == older


def test_aliases_per_actor_are_capped(api: tuple) -> None:
    client, editor, _ = api
    body = {"id": "mange", "name": "Mange namn", "kind": "other", "aliases": [f"Namn {i}" for i in range(MAX_ALIASES + 1)]}
    answer = client.put("/api/actors/mange", headers=editor, json=body)
    assert answer.status_code == 422 and f"at most {MAX_ALIASES}" in answer.json()["detail"]


def _orgnr(n: int) -> str:
    """The n-th valid organisation number from 810 000 000 (mod-11 check digit)."""
    while True:
        digits = str(810_000_000 // 10 + n)[:8]
        remainder = sum(w * int(d) for w, d in zip((3, 2, 7, 6, 5, 4, 3, 2), digits)) % 11
        n += 1
        if remainder != 1:
            return digits + str(0 if remainder == 0 else 11 - remainder)


def test_import_warnings_name_the_upload_never_a_server_path_and_say_how_many_there_are(api: tuple) -> None:
    client, editor, _ = api
    records = [{"organisasjonsnummer": _orgnr(i * 3), "navn": f"Eining {i}", "organisasjonsform": {"kode": "BEDR"},
                "overordnetEnhet": "974760673"} for i in range(WARNINGS_SHOWN + 20)]
    answer = _upload(client, editor, "underenheter.json", json.dumps(records).encode())
    assert answer.status_code == 200, answer.text[:300]
    report = answer.json()
    assert report["warnings_total"] == WARNINGS_SHOWN + 20 and len(report["warnings"]) == WARNINGS_SHOWN
    assert all(w.startswith("underenheter.json:") and "samspill-upload" not in w for w in report["warnings"])


# -- decided before the body is read -----------------------------------------------------------


def _asgi_post(app: Any, path: str, headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes,
               client: tuple[str, int] = ("10.0.0.9", 5000)) -> tuple[int, int]:
    """(status, chunks the app pulled) for a chunked POST sent straight to the ASGI app."""
    pulled = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": headers, "client": client, "server": ("testserver", 80), "scheme": "http",
             "http_version": "1.1", "root_path": ""}
    # In a thread of its own: the browser tests' Playwright may hold an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(anyio.run, app, scope, receive, send).result()
    return status, pulled


def test_a_write_without_a_key_is_refused_before_its_body_is_read(api: tuple) -> None:
    client, editor, _ = api
    app = client.app
    form = [(b"content-type", b"multipart/form-data; boundary=x")]
    assert _asgi_post(app, "/api/import", form, chunks=19, chunk=b"x" * 1_000_000) == (401, 0)
    reader_secret, _ = create_key(api[2], "reader", KeyRole.READER)
    assert _asgi_post(app, "/api/import", [*form, (b"authorization", f"Bearer {reader_secret}".encode())],
                      chunks=19, chunk=b"x" * 1_000_000) == (403, 0)
    # Invalid JSON without a key: the key is missing first, so 401, not the body's 422.
    assert client.post("/api/relationships", content=b"{not json", headers={"content-type": "application/json"}).status_code == 401


def test_a_story_over_its_rate_or_size_is_refused_before_its_body_is_read(api: tuple) -> None:
    client, _, _ = api
    app = client.app
    story = json.dumps({"title": "T", "text": "Tekst", "organisations": [], "contact_email": "a@b.no", "consent": True}).encode()
    headers = [(b"content-type", b"application/json")]
    status, pulled = _asgi_post(app, "/api/stories", headers, chunks=20, chunk=b" " * 1_000_000)  # no length given
    assert status == 413 and pulled == 1  # 50 kB allowed: the first 1 MB chunk is enough to tell
    for _ in range(2):
        assert _asgi_post(app, "/api/stories", headers, chunks=1, chunk=story)[0] == 202
    assert _asgi_post(app, "/api/stories", headers, chunks=20, chunk=b" " * 1_000_000) == (429, 0)


def test_forwarded_addresses_count_only_from_a_configured_proxy(api: tuple) -> None:
    client, _, _ = api
    story = {"title": "T", "text": "Tekst", "organisations": [], "contact_email": "a@b.no", "consent": True}
    codes = [client.post("/api/stories", json=story, headers={"X-Forwarded-For": f"10.1.1.{n}"}).status_code
             for n in range(5)]
    assert codes == [202, 202, 202, 429, 429]  # ten spoofed addresses are still one client
    trusted = Settings(trusted_proxies=["127.0.0.1"]).trusted_proxy_networks
    forwarded = {"client": ("127.0.0.1", 1), "headers": [(b"x-forwarded-for", b"203.0.113.7, 127.0.0.1")]}
    assert client_address(forwarded, trusted) == "203.0.113.7"
    assert client_address(forwarded, []) == "127.0.0.1"
    assert client_address({**forwarded, "client": ("198.51.100.2", 1)}, trusted) == "198.51.100.2"
    with pytest.raises(ValueError):
        Settings(trusted_proxies=["not an address"])


def test_a_new_store_file_is_readable_by_its_owner_alone(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "ny.db")
    store.open()
    load_seeds(store)
    for path in (tmp_path / "ny.db", tmp_path / "ny.db-wal"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    store.close()
