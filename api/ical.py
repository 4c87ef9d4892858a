"""iCalendar (RFC 5545) text for initiatives: one all-day VEVENT each, so staff can subscribe
in Outlook or any calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from graph.model import Initiative

PRODID = "-//Samspill//Calendar of open initiatives//NB"


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 3.1), never
    splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def calendar(initiatives: Iterable[Initiative], stamp: dt.datetime, name: str = "Samspill") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for i in initiatives:
        if i.start is None:
            continue
        end = (i.end or i.start) + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        lines += ["BEGIN:VEVENT", f"UID:{escape(i.id)}@samspill", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
                  f"DTSTART;VALUE=DATE:{i.start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"SUMMARY:{escape(i.title)}", f"CATEGORIES:{escape(str(i.kind))}"]
        if i.description:
            lines.append(f"DESCRIPTION:{escape(i.description)}")
        if i.url and i.url.lower().startswith(("http://", "https://")):  # the model refuses others; older data may hold them
            lines.append(f"URL:{escape(i.url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
