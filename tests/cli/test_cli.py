"""The CLI as a user runs it: exit codes and output, against both stores."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def seeded(store_env: dict[str, str]) -> dict[str, str]:
    result = run("seed")
    assert result.exit_code == 0, result.output
    return store_env


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("seed", "collaborators", "path", "serve", "db"):
        assert command in result.output


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    commands += [f"{g.name} {c.name}" for g in app.registered_groups for c in g.typer_instance.registered_commands]
    assert len(commands) >= 7
    for command in commands:
        result = run(*command.split(), "--help")
        assert result.exit_code == 0, command
        assert len(result.output.strip().splitlines()) > 2, command
        assert f"samspill {command}" in readme, f"README does not show `samspill {command}`"


def test_seed_reports_counts_and_is_idempotent(store_env: dict[str, str]) -> None:
    first = run("seed", "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["actors"]["created"] == 390
    second = json.loads(run("seed", "--json").output)
    assert second["actors"] == {"created": 0, "updated": 0, "unchanged": 390}


def test_collaborators_of_ks_lists_difi_with_its_evidence(seeded: dict[str, str]) -> None:
    result = run("collaborators", "ks", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert (answer["actor"]["id"], answer["actor"]["name"]) == ("ks", "KS")
    assert answer["total"] == len(answer["collaborators"])  # all of them fit on the first page
    difi = answer["collaborators"][0]
    assert (difi["id"], difi["weight"], difi["orgnr"]) == ("difi", 2.0, "991825827")
    assert {e["kind"] for e in difi["evidence"]} == {"initiative", "partnership"}
    text = run("collaborators", "KS")
    assert text.exit_code == 0
    assert "Difi (difi, state_agency; org.nr. 991825827)" in text.output and "Innovasjonsalliansen" in text.output
    assert f"Collaborators of KS (ks): all {answer['total']}" in text.output


def test_collaborators_by_organisation_number_and_window(seeded: dict[str, str]) -> None:
    result = run("collaborators", "942114184", "--json")
    assert [c["id"] for c in json.loads(result.output)["collaborators"]] == ["difi"]
    windowed = run("collaborators", "ks", "--since", "2020-01-01", "--json")
    assert json.loads(windowed.output)["collaborators"] == []


def test_path_from_nesta_to_ks_goes_through_difi(seeded: dict[str, str]) -> None:
    result = run("path", "Nesta", "KS")
    assert result.exit_code == 0, result.output
    # Difi learned from Nesta, which is no collaboration: the chain of relationships is shown.
    assert "No collaboration joins Nesta and KS" in result.output
    assert re.search(r"Nesta.*\n.*Difi.*\n.*KS", result.output)
    as_json = json.loads(run("path", "nesta", "ks", "--json").output)
    assert as_json["paths"] == [] and [n["id"] for n in as_json["relationship_path"]["nodes"]] == ["nesta", "difi", "ks"]


def test_collaboration_paths_name_their_initiatives(seeded: dict[str, str]) -> None:
    as_json = json.loads(run("path", "difi", "ks", "--k", "2", "--json").output)
    assert as_json["relationship_path"] is None and len(as_json["paths"]) >= 1
    first = as_json["paths"][0]
    assert [a["id"] for a in first["actors"]] == ["difi", "ks"] and first["hops"][0]["evidence"]
    text = run("path", "difi", "ks").output
    assert "collaboration path(s) from Difi to KS" in text and "Difi —[" in text


def test_unknown_ref_exits_1_with_candidates(seeded: dict[str, str]) -> None:
    result = run("collaborators", "Tromsi")
    assert result.exit_code == 1
    assert "matches no actor" in result.output and "kommune-5501" in result.output


def test_ambiguous_ref_exits_1_with_candidates(seeded: dict[str, str]) -> None:
    result = run("collaborators", "Oslo")
    assert result.exit_code == 1
    assert "more than one actor" in result.output
    assert "fylke-03" in result.output and "kommune-0301" in result.output


def test_no_path_exits_1(seeded: dict[str, str]) -> None:
    result = run("path", "nesta", "kommune-0301", "--max-hops", "2")
    assert result.exit_code == 1
    assert "no path of at most 2 hops" in result.output


def test_bad_option_values_are_usage_errors() -> None:
    assert run("collaborators", "ks", "--since", "11.03.2016").exit_code == 2
    assert run("collaborators", "ks", "--limit", "0").exit_code == 2
    assert run("path", "a").exit_code == 2


def test_db_stats_init_and_wipe(seeded: dict[str, str]) -> None:
    stats = json.loads(run("db", "stats", "--json").output)
    assert (stats["actors"], stats["initiatives"]) == (390, 18)
    assert run("db", "init").exit_code == 0
    refused = run("db", "wipe")
    assert refused.exit_code == 2 and "--yes" in refused.output
    assert json.loads(run("db", "stats", "--json").output)["actors"] == 390
    assert run("db", "wipe", "--yes").exit_code == 0
    assert json.loads(run("db", "stats", "--json").output)["actors"] == 0


def test_db_option_chooses_the_embedded_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    target = tmp_path / "chosen.db"
    assert run("--db", str(target), "seed").exit_code == 0
    assert target.exists()


def test_an_unreachable_neo4j_exits_1_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = run("db", "stats")
    assert result.exit_code == 1
    assert "unavailable" in result.output


def test_an_unreadable_embedded_store_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not an SQLite database" * 100)
    result = run("--db", str(not_a_db), "db", "stats")
    assert result.exit_code == 1
    assert "error:" in result.output


def test_keys_are_created_once_listed_and_revoked(store_env: dict[str, str]) -> None:
    created = json.loads(run("keys", "create", "--name", "Importer", "--role", "editor", "--json").output)
    assert created["key"].startswith("samspill_") and created["role"] == "editor"
    listed = run("keys", "list").output
    assert created["id"] in listed and "Importer" in listed and created["key"] not in listed
    assert f"revoked {created['id']} (Importer)" in run("keys", "revoke", created["id"]).output
    assert "revoked 20" in run("keys", "list").output
    missing = run("keys", "revoke", "nope")
    assert missing.exit_code == 1 and "no key with id 'nope'" in missing.output
    assert run("keys", "create", "--name", "x", "--role", "admin").exit_code == 2
    assert run("keys", "create", "--name", "  ").exit_code == 2


def test_collaborators_finds_municipalities_by_every_form_and_tells_namesakes_apart(seeded: dict[str, str]) -> None:
    for text, unit in (("Røros", "kommune-5025"), ("Tana", "kommune-5628"), ("Kautokeino", "kommune-5612"),
                       ("Karasjok", "kommune-5610"), ("Oslo kommune", "kommune-0301"), ("958935420", "kommune-0301"),
                       ("3024", "kommune-3201")):
        result = run("collaborators", text)
        assert result.exit_code == 0, (text, result.output)
        assert f"({unit}): all 0" in result.output, result.output
    heroy = run("collaborators", "Herøy")
    assert heroy.exit_code == 1
    assert "kommune-1515                   Herøy (Møre og Romsdal) (municipality 1515, Møre og Romsdal; same alias)" in heroy.output
    assert "kommune-1818                   Herøy (Nordland) (municipality 1818, Nordland; same alias)" in heroy.output
    typo = run("collaborators", "Alstadhaug")
    assert typo.exit_code == 1 and "kommune-1820                   Alstahaug (municipality 1820, Nordland" in typo.output


def test_collaborators_say_what_is_cut_and_write_the_whole_list(seeded: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "mote.csv"
    listed.write_text("actor,initiative\n" + "".join(f"{n},Møte\n" for n in ("0301", "4601", "5001", "1103", "5501")),
                      encoding="utf-8")
    assert run("import", str(listed)).exit_code == 0
    cut = run("collaborators", "0301", "--limit", "2")
    assert "Collaborators of Oslo (kommune-0301): 1–2 of 4" in cut.output
    assert "… 2 more: --offset 2, --all, or --output list.xlsx" in cut.output
    assert "2 more" not in run("collaborators", "0301", "--all").output
    out = tmp_path / "oslo.csv"
    written = run("collaborators", "0301", "--output", str(out))
    assert written.exit_code == 0 and "all 4, written to" in written.output
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 5
    assert run("collaborators", "0301", "--output", str(tmp_path / "oslo.txt")).exit_code == 2
