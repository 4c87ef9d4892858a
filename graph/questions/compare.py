"""Change over time: one period's collaboration network against another's."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from graph.analytics.compare import Comparison, compare, parse_period
from graph.analytics.projection import projection_of
from graph.questions.bounds import PERIOD_MAX, Resolution
from graph.store import GraphStore


class CompareAsked(BaseModel):
    a: str = Field(max_length=PERIOD_MAX, description="A period: YYYY or YYYY-MM-DD:YYYY-MM-DD")
    b: str = Field(max_length=PERIOD_MAX, description="The period to compare it with")
    resolution: Resolution = 1.0

    @field_validator("a", "b")
    @classmethod
    def _is_period(cls, text: str) -> str:
        parse_period(text)  # its ValueError says what is wrong
        return text

    def periods(self) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
        return parse_period(self.a), parse_period(self.b)


class CompareAnswer(Comparison):
    a: str
    b: str


def comparison_of(store: GraphStore, asked: CompareAsked) -> CompareAnswer:
    (a_start, a_end), (b_start, b_end) = asked.periods()
    before, after = projection_of(store, a_start, a_end), projection_of(store, b_start, b_end)
    return CompareAnswer(a=asked.a, b=asked.b, **compare(before, after, resolution=asked.resolution).model_dump())
