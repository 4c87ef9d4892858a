"""The calendar of open initiatives, as JSON and as an iCalendar feed."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient


def test_the_calendar_lists_open_dated_initiatives_from_a_date(example_client: TestClient) -> None:
    found = example_client.get("/api/calendar", params={"from": "2018-01-01"}).json()
    assert [i["id"] for i in found["items"]] == ["conference"]
    assert example_client.get("/api/calendar").json()["items"] == []  # nothing runs from today on


def test_the_feed_is_icalendar_with_all_day_events(example_client: TestClient) -> None:
    response = example_client.get("/api/calendar.ics", params={"from": "2018-01-01"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    text = response.text
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "UID:conference@samspill\r\n" in text
    assert "DTSTART;VALUE=DATE:20180601\r\nDTEND;VALUE=DATE:20180602\r\n" in text
    assert "SUMMARY:Innovasjonskonferansen\r\n" in text


def test_the_feed_parses_back_as_a_calendar(example_client: TestClient) -> None:
    from icalendar import Calendar

    parsed = Calendar.from_ical(example_client.get("/api/calendar.ics", params={"from": "2018-01-01"}).text)
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events] == [
        ("Innovasjonskonferansen", dt.date(2018, 6, 1), dt.date(2018, 6, 2))]
