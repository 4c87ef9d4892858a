"""The calendar of open initiatives (public events with dates), as JSON and as an iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.access import ReaderAccess
from api.gate import GatedRoute
from api.deps import StoreDep
from api.ical import calendar
from api.problems import documented
from graph.model import Initiative
from graph.store import GraphStore, InitiativePage

router = APIRouter(route_class=GatedRoute, prefix="/api", tags=["calendar"], dependencies=[ReaderAccess], responses=documented(401, 404, 413, 422, 503))

From = Annotated[dt.date | None, Query(alias="from", description="Events running on or after this date (default: today)")]
To = Annotated[dt.date | None, Query(description="Events starting on or before this date")]
FEED_MAX = 2_000  # events in one feed


def _open(store: GraphStore, start: dt.date | None, end: dt.date | None, limit: int, cursor: str | None) -> InitiativePage:
    return store.find_initiatives(open=True, since=start or dt.date.today(), until=end, limit=limit, cursor=cursor)


@router.get("/calendar", response_model=InitiativePage,
            summary="Open initiatives with dates, soonest first (events under way first of all)")
def get_calendar(
    store: StoreDep,
    from_: From = None,
    to: To = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> InitiativePage:
    return _open(store, from_, to, limit, cursor)


@router.get("/calendar.ics", response_class=Response, summary="The same as an iCalendar feed to subscribe to",
            responses={200: {"content": {"text/calendar": {}}}})
def get_calendar_feed(store: StoreDep, from_: From = None, to: To = None) -> Response:
    events: list[Initiative] = []
    cursor: str | None = None
    while len(events) < FEED_MAX:
        page = _open(store, from_, to, 500, cursor)
        events += page.items
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    text = calendar(events[:FEED_MAX], stamp=dt.datetime.now(dt.UTC))
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="samspill.ics"'})
