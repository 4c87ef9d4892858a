"""iCalendar (RFC 5545) text for initiatives: one all-day VEVENT each, so staff can subscribe
in Outlook or any calendar. The `icalendar` package escapes, folds and orders the text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from graph.model import Initiative

PRODID = "-//Samspill//Calendar of open initiatives//NB"


def calendar(initiatives: Iterable[Initiative], stamp: dt.datetime, name: str = "Samspill") -> str:
    feed = Calendar()
    for key, value in (
        ("prodid", PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", name),
    ):
        feed.add(key, value)
    for i in initiatives:
        if i.start is None:
            continue
        event = Event()
        event.add("uid", f"{i.id}@samspill")
        event.add("dtstamp", stamp)
        event.add("dtstart", i.start)
        event.add("dtend", (i.end or i.start) + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("summary", i.title)
        event.add("categories", [str(i.kind)])
        if i.description:
            event.add("description", i.description)
        if i.url and i.url.lower().startswith(("http://", "https://")):  # the model refuses others; older data may hold them
            event.add("url", i.url)
        feed.add_component(event)
    return feed.to_ical().decode("utf-8")
