"""An actor's neighbourhood: every node within `depth` hops, nearest first, capped."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.model import Actor, Label
from graph.questions.bounds import DEPTH_MAX, NODES_MAX
from graph.store import GraphStore
from graph.store_results import NodeRef, Subgraph


class NetworkAsked(BaseModel):
    depth: int = Field(1, ge=1, le=DEPTH_MAX, description="Hops from the actor")
    max_nodes: int = Field(200, ge=1, le=NODES_MAX, description="At most this many nodes, nearest first")


def network_of(store: GraphStore, actor: Actor, asked: NetworkAsked) -> Subgraph:
    return store.neighbourhood(NodeRef(label=Label.ACTOR, id=actor.id), depth=asked.depth, max_nodes=asked.max_nodes)
