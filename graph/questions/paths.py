"""How two actors are joined: the k shortest collaboration paths, each hop with the
initiatives it rests on; failing those, the shortest chain of any relationships."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.analytics.paths import ActorPath, paths_or_chain
from graph.model import Actor
from graph.questions.bounds import HOPS_MAX, PATHS_MAX, Since, Until
from graph.store import GraphStore
from graph.store_results import Path


class PathsAsked(BaseModel):
    k: int = Field(3, ge=1, le=PATHS_MAX, description="How many alternatives, shortest first")
    max_hops: int = Field(6, ge=1, le=HOPS_MAX, description="Longest path to look for")
    since: Since = None
    until: Until = None


class PathsAnswer(BaseModel):
    source: str
    target: str
    paths: list[ActorPath]  # the k shortest collaboration paths
    relationship_path: Path | None  # when no collaboration joins them: the shortest chain of any relationships

    @property
    def found(self) -> bool:
        return bool(self.paths) or self.relationship_path is not None


def paths_between(store: GraphStore, source: Actor, target: Actor, asked: PathsAsked) -> PathsAnswer:
    paths, chain = paths_or_chain(
        store, source.id, target.id, k=asked.k, max_hops=asked.max_hops, since=asked.since, until=asked.until
    )
    return PathsAnswer(source=source.id, target=target.id, paths=paths, relationship_path=chain)
