"""iCalendar text, written by the icalendar package: escaped and folded by RFC 5545."""

from __future__ import annotations

import datetime as dt

import icalendar

from api.ical import calendar
from graph.model import Initiative

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_text_values_are_escaped_and_read_back_as_written() -> None:
    text = calendar([Initiative(id="x", title="a;b,c\\d", kind="meeting", start=dt.date(2026, 2, 1))], stamp=STAMP)
    assert "SUMMARY:a\\;b\\,c\\\\d" in text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["summary"]) == "a;b,c\\d"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    text = calendar([Initiative(id="x", title="ø" * 100, kind="meeting", start=dt.date(2026, 2, 1))], stamp=STAMP)
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["summary"]) == "ø" * 100


def test_undated_initiatives_are_left_out_and_hostile_titles_stay_text() -> None:
    text = calendar([Initiative(id="x", title="Møte\r\nEND:VCALENDAR", kind="meeting", start=dt.date(2026, 2, 1),
                                description="Første linje\r\nEND:VCALENDAR"),
                     Initiative(id="y", title="Udatert", kind="meeting")], stamp=STAMP)
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert "SUMMARY:Møte END:VCALENDAR" in text  # a title is one line: the model made the break a space
    assert "DESCRIPTION:Første linje\\nEND:VCALENDAR" in text and "DTSTAMP:20260101T000000Z" in text


def test_an_event_is_all_day_and_ends_the_day_after() -> None:
    text = calendar([Initiative(id="x", title="Samling", kind="meeting", start=dt.date(2026, 2, 1),
                                end=dt.date(2026, 2, 2))], stamp=STAMP)
    assert "DTSTART;VALUE=DATE:20260201" in text and "DTEND;VALUE=DATE:20260203" in text
