"""iCalendar text: escaping and folding by RFC 5545."""

from __future__ import annotations

import datetime as dt

from api.ical import calendar, escape, fold
from graph.model import Initiative


def test_text_values_are_escaped() -> None:
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "ø" * 100
    folded = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line


def test_undated_initiatives_are_left_out_and_hostile_titles_stay_text() -> None:
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    text = calendar([Initiative(id="x", title="Møte\r\nEND:VCALENDAR", kind="meeting", start=dt.date(2026, 2, 1),
                                description="Første linje\r\nEND:VCALENDAR"),
                     Initiative(id="y", title="Udatert", kind="meeting")], stamp=stamp)
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert "SUMMARY:Møte END:VCALENDAR" in text  # a title is one line: the model made the break a space
    assert "DESCRIPTION:Første linje\\nEND:VCALENDAR" in text and "DTSTAMP:20260101T000000Z" in text
