"""Whom an actor should know: actors it has no tie to yet but shares partners with, scored,
each with why in the reader's language."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.analytics.projection import table_of
from graph.analytics.recommendations import Recommendation, recommend, store_themes
from graph.language import Lang
from graph.model import Actor
from graph.questions.bounds import RECOMMENDATIONS_MAX
from graph.store import GraphStore


class RecommendationsAsked(BaseModel):
    limit: int = Field(10, ge=1, le=RECOMMENDATIONS_MAX, description=f"At most this many (1-{RECOMMENDATIONS_MAX})")
    lang: Lang = Field(Lang.EN, description="The language of each `why`")


class RecommendationsAnswer(BaseModel):
    actor: Actor
    recommendations: list[Recommendation]


def recommendations_for(store: GraphStore, actor: Actor, asked: RecommendationsAsked) -> RecommendationsAnswer:
    found = recommend(table_of(store), actor.id, limit=asked.limit, themes_of=store_themes(store), lang=asked.lang)
    return RecommendationsAnswer(actor=actor, recommendations=found)
