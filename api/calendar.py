"""The calendar of open initiatives (public events with dates), as JSON and as an iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.access import ReaderAccess
from api.deps import StoreDep
from api.gate import GatedRoute
from api.ical import calendar
from api.problems import documented
from graph.questions.calendar import CalendarAsked, CalendarWindow, calendar_feed, calendar_page
from graph.store_results import InitiativePage

router = APIRouter(
    route_class=GatedRoute,
    prefix="/api",
    tags=["calendar"],
    dependencies=[ReaderAccess],
    responses=documented(401, 404, 413, 422, 503),
)


@router.get(
    "/calendar",
    response_model=InitiativePage,
    summary="Open initiatives with dates, soonest first (events under way first of all)",
)
def get_calendar(store: StoreDep, asked: Annotated[CalendarAsked, Query()]) -> InitiativePage:
    return calendar_page(store, asked)


@router.get(
    "/calendar.ics",
    response_class=Response,
    summary="The same as an iCalendar feed to subscribe to",
    responses={200: {"content": {"text/calendar": {}}}},
)
def get_calendar_feed(store: StoreDep, asked: Annotated[CalendarWindow, Query()]) -> Response:
    text = calendar(calendar_feed(store, asked), stamp=dt.datetime.now(dt.UTC))
    return Response(
        text, media_type="text/calendar; charset=utf-8", headers={"Content-Disposition": 'inline; filename="samspill.ics"'}
    )
