"""One actor or one initiative, with what it is tied to: an actor's counts by relationship,
an initiative's participants with their roles."""

from __future__ import annotations

from collections import Counter, defaultdict

from pydantic import BaseModel

from graph.model import Actor, ActorKind, Initiative, Label, Relationship, RelType, Role
from graph.store import GraphStore
from graph.store_results import NodeRef, ResolutionStatus


class ActorCounts(BaseModel):
    initiatives: int  # initiatives it took part in
    relationships: dict[RelType, int]  # every relationship it has, by type


class ActorDetail(BaseModel):
    actor: Actor
    counts: ActorCounts


class Participant(BaseModel):
    id: str
    name: str
    kind: ActorKind
    roles: list[Role]


class InitiativeDetail(BaseModel):
    initiative: Initiative
    participants: list[Participant]  # by name
    related: list[Relationship]  # PART_OF links to other initiatives


def actor_by_id(store: GraphStore, ref: str) -> Actor | None:
    """The actor with this id, or the one a number names: an organisation number, a
    municipality number of any year since 1994, a county number (the answer carries its id)."""
    actor = store.get_actor(ref)
    if actor is None and ref.isdigit():
        resolution = store.resolve_actor(ref, suggest=False)
        actor = resolution.actor if resolution.status == ResolutionStatus.FOUND else None
    return actor


def actor_detail(store: GraphStore, actor: Actor) -> ActorDetail:
    relationships = store.relationships_of(NodeRef(label=Label.ACTOR, id=actor.id))
    by_type = Counter(r.type for r in relationships)
    initiatives = len({r.target for r in relationships if r.type == RelType.PARTICIPATED_IN})
    return ActorDetail(actor=actor, counts=ActorCounts(initiatives=initiatives, relationships=dict(sorted(by_type.items()))))


def initiative_detail(store: GraphStore, initiative: Initiative) -> InitiativeDetail:
    relationships = store.relationships_of(NodeRef(label=Label.INITIATIVE, id=initiative.id))
    roles: dict[str, set[Role]] = defaultdict(set)
    for r in relationships:
        if r.type == RelType.PARTICIPATED_IN:
            roles[r.source].add(r.role or Role.PARTICIPANT)
    actors = store.get_actors(sorted(roles))
    participants = sorted(
        (Participant(id=a.id, name=a.name, kind=a.kind, roles=sorted(roles[a.id])) for a in actors.values()),
        key=lambda p: (p.name.casefold(), p.id),
    )
    related = [r for r in relationships if r.type != RelType.PARTICIPATED_IN]
    return InitiativeDetail(initiative=initiative, participants=participants, related=related)
