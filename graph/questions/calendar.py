"""The calendar of open initiatives (public events with dates), soonest first, events under
way first of all: a page of it, or the whole feed up to FEED_MAX."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from graph.cursor import PAGE, every_item
from graph.model import Initiative
from graph.questions.bounds import FEED_MAX, PAGE_MAX
from graph.store import GraphStore
from graph.store_results import InitiativePage


class CalendarWindow(BaseModel):
    """The feed's question: which days."""

    model_config = ConfigDict(populate_by_name=True)

    from_: dt.date | None = Field(None, alias="from", description="Events running on or after this date (default: today)")
    to: dt.date | None = Field(None, description="Events starting on or before this date")


class CalendarAsked(CalendarWindow):
    limit: int = Field(50, ge=1, le=PAGE_MAX, description=f"At most this many (1-{PAGE_MAX})")
    cursor: str | None = Field(None, max_length=500, description="next_cursor of the page before")


def calendar_page(store: GraphStore, asked: CalendarAsked) -> InitiativePage:
    return store.find_initiatives(
        open=True, since=asked.from_ or dt.date.today(), until=asked.to, limit=asked.limit, cursor=asked.cursor
    )


def calendar_feed(store: GraphStore, asked: CalendarWindow) -> list[Initiative]:
    """Every open initiative in the window (from today when no start is given), at most FEED_MAX."""
    since = asked.from_ or dt.date.today()
    return list(
        every_item(
            lambda cursor: store.find_initiatives(open=True, since=since, until=asked.to, limit=PAGE, cursor=cursor),
            most=FEED_MAX,
        )
    )
