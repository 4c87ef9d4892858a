"""The sourced seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from graph.store_results import UpsertCounts
from ingest.errors import InputErrors
from ingest.seeds import SEEDS_DIR, load_seeds, read_document, seed_graph


def test_seeds_hold_all_municipalities_and_counties_of_2024() -> None:
    graph = seed_graph()
    kinds = [a.kind for a in graph.actors]
    assert kinds.count("municipality") == 357
    assert kinds.count("county") == 15
    part_of = [r for r in graph.relationships if r.type == "PART_OF" and r.source.startswith("kommune-")]
    assert len(part_of) == 357
    oslo = next(a for a in graph.actors if a.id == "kommune-0301")
    assert (oslo.name, oslo.fylkesnummer, oslo.population) == ("Oslo", "03", 717710)


def test_every_seed_fact_names_its_source() -> None:
    graph = seed_graph()
    for record in [*graph.actors, *graph.initiatives, *graph.relationships]:
        assert record.sources, record
    document = read_document(SEEDS_DIR / "difi-2016.yaml")
    for record in [*document.actors, *document.initiatives, *document.relationships]:
        assert all(s.quote for s in record.sources), record


def test_the_document_quotes_stand_in_the_source_text() -> None:
    text = (SEEDS_DIR / "sources" / "difi-2016-arbeidet-vart.txt").read_text(encoding="utf-8")
    body = " ".join(text.replace("•", " ").split())
    document = read_document(SEEDS_DIR / "difi-2016.yaml")
    page_quotes = {s.quote for r in [*document.actors, *document.initiatives, *document.relationships]
                   for s in r.sources if s.publisher == "Difi"}
    assert len(page_quotes) >= 8
    for quote in page_quotes:
        # The three emphasised tasks are bullets in the page, quoted joined by "; ".
        for sentence in quote.split("; "):
            assert sentence.rstrip(".") in body, sentence


def test_loading_seeds_twice_changes_nothing(store: GraphStore) -> None:
    first = load_seeds(store)
    assert first.actors.created == 357 + 15 + 18
    revision = store.revision()
    second = load_seeds(store)
    assert second.actors == UpsertCounts(unchanged=first.actors.total)
    assert second.relationships == UpsertCounts(unchanged=first.relationships.total)
    assert store.revision() == revision


def test_seeded_ks_collaborates_with_difi_with_evidence(store: GraphStore) -> None:
    load_seeds(store)
    difi = store.collaborators("ks")[0]
    assert difi.id == "difi"
    assert [e.kind for e in difi.evidence] == ["initiative", "partnership"]
    assert difi.evidence[0].initiative_id == "innovasjonsalliansen"


def test_seeded_path_from_nesta_to_ks_runs_through_difi(store: GraphStore) -> None:
    load_seeds(store)
    assert [n.id for n in store.shortest_path("nesta", "ks").nodes] == ["nesta", "difi", "ks"]


def test_a_bad_seed_document_names_file_record_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actors:\n  - {id: ok, name: OK, kind: lab}\n  - {id: Bad Id, name: X, kind: lab, orgnr: '991825828'}\n"
        "relationships: not-a-list\nextra: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as raised:
        read_document(bad)
    text = str(raised.value)
    assert f"{bad}: unknown section 'extra'" in text
    assert f"{bad}:actors[1]: id:" in text
    assert f"{bad}:actors[1]: orgnr: organisation number 991825828 fails the mod-11 check digit" in text
    assert f"{bad}: relationships: expected a list" in text


def test_unreadable_yaml_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(InputErrors, match="cannot read YAML"):
        read_document(bad)
