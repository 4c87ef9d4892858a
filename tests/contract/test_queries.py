"""Finding and resolving actors, finding initiatives, activity counts."""

from __future__ import annotations

import datetime as dt

import pytest
from contract import example

from graph.cursor import BadCursor
from graph.store import GraphStore
from graph.store_results import (
    ActivityBy,
    ActivityFilters,
    GroupActivity,
    ResolutionStatus,
)


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    example.load(store)
    return store


def test_resolve_by_id_orgnr_name_and_alias(loaded: GraphStore) -> None:
    assert loaded.resolve_actor("difi").actor.id == "difi"
    assert loaded.resolve_actor("991 825 827").actor.id == "difi"
    assert loaded.resolve_actor("  bergen ").actor.id == "bergen"
    assert loaded.resolve_actor("TROMSO").actor.id == "tromso"
    assert loaded.resolve_actor("romsa").actor.id == "tromso"
    assert loaded.resolve_actor("Kommunesektorens organisasjon").actor.id == "ks"


def test_an_id_wins_over_a_name(loaded: GraphStore) -> None:
    found = loaded.resolve_actor("oslo")
    assert (found.status, found.actor.id) == (ResolutionStatus.FOUND, "oslo")


def test_ambiguous_name_returns_all_candidates(loaded: GraphStore) -> None:
    found = loaded.resolve_actor("OSLO ")
    assert found.status == ResolutionStatus.FOUND  # "oslo" is also an id after trimming
    found = loaded.resolve_actor("Osló")
    assert found.status == ResolutionStatus.AMBIGUOUS
    assert [c.id for c in found.candidates] == ["fylke-03", "oslo"]
    assert found.actor is None


def test_unknown_ref_offers_the_closest_names(loaded: GraphStore) -> None:
    found = loaded.resolve_actor("Bergn")
    assert found.status == ResolutionStatus.NOT_FOUND
    assert found.candidates[0].id == "bergen"
    assert loaded.resolve_actor("zzzz").candidates == []


def test_find_actors_matches_word_prefixes_in_names_and_aliases(loaded: GraphStore) -> None:
    assert [a.id for a in loaded.find_actors(q="trom").items] == ["tromso"]
    assert [a.id for a in loaded.find_actors(q="kommunesektor").items] == ["ks"]
    assert [a.id for a in loaded.find_actors(q="einsam eta").items] == ["loner"]
    assert [a.id for a in loaded.find_actors(q="991825827").items] == ["difi"]
    assert loaded.find_actors(q="'); DROP TABLE actors; --").items == []


def test_find_actors_filters_by_kind_and_county(loaded: GraphStore) -> None:
    assert [a.id for a in loaded.find_actors(kind="municipality").items] == ["bergen", "oslo", "tromso"]
    assert [a.id for a in loaded.find_actors(county="03").items] == ["fylke-03", "oslo"]
    assert [a.id for a in loaded.find_actors(q="oslo", kind="county").items] == ["fylke-03"]


def test_find_actors_pages_with_a_cursor(loaded: GraphStore) -> None:
    seen, cursor = [], None
    while True:
        page = loaded.find_actors(limit=3, cursor=cursor)
        seen += [a.id for a in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [a.id for a in loaded.find_actors(limit=100).items]
    assert len(seen) == len(example.ACTORS) == len(set(seen))


def test_a_forged_cursor_is_rejected(loaded: GraphStore) -> None:
    with pytest.raises(BadCursor):
        loaded.find_actors(cursor="not-a-cursor")


def test_find_initiatives_by_kind_theme_county_window_and_openness(loaded: GraphStore) -> None:
    def ids(**filters) -> list[str]:
        return [i.id for i in loaded.find_initiatives(**filters).items]

    assert ids() == ["meeting", "project", "conference"]  # undated first, then by start
    assert ids(kind="project") == ["project"]
    assert ids(theme="velferdsteknologi") == ["project"]
    assert ids(county="46") == ["project"]
    assert ids(since=dt.date(2017, 1, 1)) == ["conference"]
    assert ids(until=dt.date(2017, 1, 1)) == ["project"]
    assert ids(open=True) == ["conference"]
    first = loaded.find_initiatives(limit=2)
    assert loaded.find_initiatives(limit=2, cursor=first.next_cursor).items[0].id == "conference"


def test_find_initiatives_by_words_beginning_title_words(loaded: GraphStore) -> None:
    def ids(q: str, **filters) -> list[str]:
        return [i.id for i in loaded.find_initiatives(q=q, **filters).items]

    # Titles: Velferdsprosjekt, Innovasjonskonferansen, Møte.
    assert ids("velferd") == ["project"]
    assert ids("INNOVASJONSKONF") == ["conference"]
    assert ids("mote") == ids("Møte") == ["meeting"]  # accents and letter variants folded
    assert ids("konferansen") == []  # a word's beginning, not any part of it
    assert ids("innovasjon velferd") == []  # every word typed
    assert ids("innovasjon", kind="project") == []  # with the other filters
    assert ids("!!") == []  # nothing to search for finds nothing, not everything


def test_a_renamed_or_deleted_initiative_is_found_by_its_title_as_it_is(loaded: GraphStore) -> None:
    renamed = loaded.get_initiative("project").model_copy(update={"title": "Helseløftet"})
    loaded.upsert_initiatives([renamed])
    assert [i.id for i in loaded.find_initiatives(q="helselo").items] == ["project"]
    assert loaded.find_initiatives(q="velferd").items == []
    loaded.delete_initiative("project")
    assert loaded.find_initiatives(q="helselo").items == []
    assert loaded.check() == []


def test_activity_by_county_counts_located_initiatives_and_participants(loaded: GraphStore) -> None:
    rows = [(r.key, r.initiatives, r.actors) for r in loaded.activity(ActivityBy.COUNTY)]
    assert rows == [("03", 2, 1), ("46", 2, 1), ("55", 1, 1)]


def test_activity_by_kind_month_theme_and_municipality(loaded: GraphStore) -> None:
    def rows(by: ActivityBy, **filters) -> list[tuple[str, int, int]]:
        return [(r.key, r.initiatives, r.actors) for r in loaded.activity(by, ActivityFilters(**filters))]

    assert rows(ActivityBy.KIND) == [("conference", 1, 5), ("meeting", 1, 2), ("project", 1, 2)]
    assert rows(ActivityBy.MONTH) == [("2016-01", 1, 2), ("2018-06", 1, 5)]
    assert rows(ActivityBy.YEAR) == [("2016", 1, 2), ("2018", 1, 5)]
    assert rows(ActivityBy.THEME) == [("innovasjon", 1, 5), ("velferdsteknologi", 1, 2)]
    assert rows(ActivityBy.MUNICIPALITY) == [("0301", 2, 1), ("4601", 2, 1), ("5501", 1, 1)]
    assert rows(ActivityBy.KIND, since=dt.date(2017, 1, 1)) == [("conference", 1, 5)]
    assert rows(ActivityBy.KIND, county="55") == [("conference", 1, 5)]
    assert rows(ActivityBy.KIND, theme="Velferdsteknologi") == [("project", 1, 2)]
    assert rows(ActivityBy.KIND, open=True) == [("conference", 1, 5)]


def test_resolution_can_skip_suggestions(loaded: GraphStore) -> None:
    found = loaded.resolve_actor("Bergn", suggest=False)
    assert (found.status, found.candidates) == (ResolutionStatus.NOT_FOUND, [])


def test_many_references_resolve_at_once_as_each_would_alone(loaded: GraphStore) -> None:
    refs = ["difi", "991 825 827", "  bergen ", "romsa", "Osló", "Bergn", "", "Bergen kommune"]
    together = loaded.resolve_actors(refs)
    assert together == [loaded.resolve_actor(ref, suggest=False) for ref in refs]
    assert [r.status for r in together] == ["found"] * 4 + ["ambiguous", "not_found", "not_found", "found"]
    assert [r.actor.id for r in together if r.actor] == ["difi", "difi", "bergen", "tromso", "bergen"]
    assert loaded.resolve_actors([]) == []


def test_group_activity_counts_each_groups_distinct_initiatives_by_theme_and_year(loaded: GraphStore) -> None:
    groups = {"oslo": "a", "bergen": "a", "ks": "b", "difi": "b", "nesta": "c", "loner": "c"}
    found = loaded.group_activity(groups)
    assert set(found) == {"a", "b"}  # c's actors took part in nothing
    assert found["a"] == GroupActivity(
        initiatives=2, themes={"velferdsteknologi": 1, "innovasjon": 1}, years={2016: 1, 2018: 1})
    assert found["b"] == GroupActivity(initiatives=2, themes={"innovasjon": 1}, years={2018: 1})  # the meeting is undated


def test_group_activity_keeps_to_the_window(loaded: GraphStore) -> None:
    found = loaded.group_activity({"oslo": "a", "ks": "b"}, since=dt.date(2017, 1, 1))
    assert found == {"a": GroupActivity(initiatives=1, themes={"innovasjon": 1}, years={2018: 1}),
                     "b": GroupActivity(initiatives=1, themes={"innovasjon": 1}, years={2018: 1})}
    assert loaded.group_activity({}) == {}
    assert loaded.group_activity({"no-such-actor": "x"}) == {}


def test_actors_can_be_found_by_municipality(loaded: GraphStore) -> None:
    assert [a.id for a in loaded.find_actors(municipality="4601").items] == ["bergen"]
    assert [a.id for a in loaded.find_actors(q="bergen", municipality="0301").items] == []
